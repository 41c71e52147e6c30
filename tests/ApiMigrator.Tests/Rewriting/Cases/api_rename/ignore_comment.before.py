import numpy as np

x = np.float_(2)  # apimig: ignore[numpy-float_]
