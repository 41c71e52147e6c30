"""A pandas version branch is no reason to keep numpy's old names inside it."""
import numpy as np
import pandas as pd

if pd.__version__ >= "2":
    area = np.trapezoid([1, 2, 3])
