import numpy as np

# np.float_ was removed
msg = "use np.float_ instead"
