import pandas as pd

df = pd.read_csv("a.csv")
for name, col in df.items():
    print(name)
