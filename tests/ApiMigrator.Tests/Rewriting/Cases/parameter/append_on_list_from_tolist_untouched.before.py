import pandas as pd

df = pd.read_csv("x.csv")
cols = df.columns.tolist()
cols.append("total")
