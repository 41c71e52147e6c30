import pandas as pd

df = pd.read_csv("x.csv")
idx = df.index.append(pd.Index([9]))
