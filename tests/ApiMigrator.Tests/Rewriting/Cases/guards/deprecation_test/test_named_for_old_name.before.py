import numpy as np


def test_trapz():
    # The test exercises np.trapz itself.
    assert np.trapz([1, 2]) == 1.5
