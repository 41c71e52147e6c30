import pandas as pd

df = pd.read_csv("jan.csv")
feb = pd.read_csv("feb.csv")
df = df.append(feb, ignore_index=True)
