import pandas as pd

df = pd.read_csv("x.csv")
filled = df.backfill()
