import numpy as np

a = np.asarray(values)
b = np.asarray(values, dtype=float)
c = np.array(values, copy=False, ndmin=1)
d = np.array(values, copy=False, **options)
