import pandas as pd

s = pd.Series(pd.date_range("2024-01-01", periods=3))
w = s.dt.isocalendar().week
already = s.dt.isocalendar().week
