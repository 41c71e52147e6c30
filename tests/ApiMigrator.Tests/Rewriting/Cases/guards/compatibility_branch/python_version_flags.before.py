import sys

import numpy as np

IS_PY3 = sys.version_info[0] == 3

if IS_PY3:
    area = np.trapz([1, 2, 3])

if sys.version_info < (3, 9):
    dtype = np.float_
