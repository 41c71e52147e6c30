import numpy as np


def _trapz(y, x=None):
    # Keeps providing the old name for this package's users.
    return np.trapz(y, x)
