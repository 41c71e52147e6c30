import numpy as np
import pytest


def test_trapz_warns():
    with pytest.warns(DeprecationWarning, match="trapz"):
        np.trapz([1, 2, 3])


def test_trapz_deprecated_call():
    pytest.deprecated_call(np.trapz, [1, 2, 3])


def test_float_removed():
    with pytest.raises(AttributeError):
        np.float_(1)


def test_new_spelling():
    assert np.trapz([1, 2, 3]) == 4.0
