import unittest
import warnings

import numpy as np
import pandas._testing as tm


class TrapzTests(unittest.TestCase):
    def test_warns(self):
        with self.assertWarns(DeprecationWarning):
            np.trapz([1, 2])
        with self.assertWarnsRegex(DeprecationWarning, "trapz") as cm:
            np.trapz([1, 2])
        self.assertWarns(DeprecationWarning, np.trapz, [1, 2])

    def test_raises(self):
        self.assertRaises(AttributeError, lambda: np.float_(1))


def test_pandas_helper():
    with tm.assert_produces_warning(DeprecationWarning):
        np.trapz([1, 2])


def test_numpy_helper():
    np.testing.assert_warns(DeprecationWarning, np.trapz, [1, 2])


def quiet_area(y):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return np.trapz(y)


def area(y):
    return np.trapz(y)
