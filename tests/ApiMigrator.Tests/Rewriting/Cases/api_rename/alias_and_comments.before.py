import numpy as np

x = np.zeros(3, dtype=np.float_)  # keep this comment
y = [np.float_(v) for v in range(3)]
