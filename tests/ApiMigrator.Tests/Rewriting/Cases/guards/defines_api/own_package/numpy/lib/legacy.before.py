"""A module inside numpy itself: the deprecated names here are the implementation."""
import numpy as np
from numpy._core import numeric


def as_float(x):
    return np.float_(numeric.asarray(x))
