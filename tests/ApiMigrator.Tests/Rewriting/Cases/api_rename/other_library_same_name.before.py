import mylib as np

x = np.float_(2)
