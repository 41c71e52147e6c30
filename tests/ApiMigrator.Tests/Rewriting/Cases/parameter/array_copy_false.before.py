import numpy as np

a = np.array(values, copy=False)
b = np.array(values, copy=False, dtype=float)
c = np.array(values, copy=False, ndmin=1)
d = np.array(values, copy=False, **options)
