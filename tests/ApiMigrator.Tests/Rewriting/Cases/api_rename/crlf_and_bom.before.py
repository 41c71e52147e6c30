import numpy as np

x = np.float_(1)
