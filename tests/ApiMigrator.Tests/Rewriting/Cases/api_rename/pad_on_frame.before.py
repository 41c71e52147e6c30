import pandas as pd

df = pd.read_csv("x.csv")
filled = df.pad()
names = pd.Series(["a", None]).pad()
