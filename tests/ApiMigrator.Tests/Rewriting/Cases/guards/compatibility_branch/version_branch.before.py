import sys

import numpy as np
import pandas as pd
from numpy.lib import NumpyVersion
from packaging.version import Version

PANDAS_GE_20 = Version(pd.__version__) >= Version("2.0")
_np_version_under1p20 = NumpyVersion(np.__version__) < "1.20.0"

if NumpyVersion(np.__version__) >= "2.0.0":
    integrate = np.trapezoid
else:
    integrate = np.trapz

if np.__version__.startswith("1."):
    kind = np.float_
elif sys.version_info >= (3, 8):
    kind = np.float64

if _np_version_under1p20:
    dtype = np.float_

integrate = np.trapezoid if not _np_version_under1p20 else np.trapz


def fill(frame):
    if PANDAS_GE_20:
        return frame.ffill()
    return pd.DataFrame(frame).fillna(method="ffill")


def fill_later(frame):
    if not PANDAS_GE_20:
        return pd.DataFrame(frame).fillna(method="ffill")
    return frame.ffill()
