import pandas as pd

idx = pd.date_range("2024-01-01", periods=3, freq="h")
s = pd.Series(range(3), index=idx).resample(rule="2H")
