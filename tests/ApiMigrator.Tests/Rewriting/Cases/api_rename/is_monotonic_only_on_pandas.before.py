import pandas as pd

s = pd.Series([1, 2, 2, 5])
a = s.is_monotonic
b = s.index.is_monotonic


class Sequence:
    is_monotonic = True


c = Sequence().is_monotonic
