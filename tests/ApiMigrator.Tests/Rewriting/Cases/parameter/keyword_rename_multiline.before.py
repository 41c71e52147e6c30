import pandas as pd

df = pd.DataFrame({"a": [1]})
df.to_csv(
    "out.csv",
    line_terminator="\n",  # unix endings
    index=False,
)
