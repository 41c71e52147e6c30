import numpy as np

x = np.zeros(3, dtype=np.float64)  # keep this comment
y = [np.float64(v) for v in range(3)]
