import pandas as pd

s = pd.Series(["a", "bb"])
padded = s.str.pad(5)
