import numpy as np
import pytest


@pytest.mark.filterwarnings("ignore:`trapz` is deprecated:DeprecationWarning")
def test_trapz_still_works():
    assert np.trapz([1, 2, 3]) == 4.0


@pytest.mark.filterwarnings("ignore::ResourceWarning")
def test_area():
    assert np.trapz([1, 2, 3]) == 4.0
