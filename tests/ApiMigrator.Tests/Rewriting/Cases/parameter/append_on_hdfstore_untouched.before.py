import pandas as pd

frame = pd.DataFrame({"a": [1]})
store = pd.HDFStore("data.h5")
store.append("key", frame)
with pd.HDFStore("more.h5") as other:
    other.append("key", frame)
