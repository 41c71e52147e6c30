import pandas as pd

df = pd.read_csv("a.csv")
for name, col in df.iteritems():
    print(name)
