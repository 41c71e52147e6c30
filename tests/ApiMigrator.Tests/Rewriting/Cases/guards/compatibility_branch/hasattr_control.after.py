import numpy as np


class Config:
    pass


config = Config()
if hasattr(config, "verbose"):
    print(np.trapezoid([1, 2, 3]))
