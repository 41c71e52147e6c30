import pandas as pd

s = pd.Series([1, 2, 2, 5])
a = s.is_monotonic_increasing
b = s.index.is_monotonic_increasing


class Sequence:
    is_monotonic = True


c = Sequence().is_monotonic
