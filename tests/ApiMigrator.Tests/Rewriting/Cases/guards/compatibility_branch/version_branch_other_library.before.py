"""A pandas version branch is no reason to keep numpy's old names inside it."""
import numpy as np
import pandas as pd

if pd.__version__ >= "2":
    area = np.trapz([1, 2, 3])
