import pandas as pd

df = pd.DataFrame({"a": [1]})
df = df.append({"a": 2}, ignore_index=True)
df = df.append([{"a": 3}], ignore_index=True)
