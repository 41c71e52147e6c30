"""A user's script in a folder that happens to be called numpy: ordinary code, migrated."""
import numpy as np


def as_float(x):
    return np.float64(np.asarray(x))
