import pandas as pd


def load_all(paths):
    result = pd.DataFrame()
    for path in paths:
        chunk = pd.read_parquet(path)
        result = pd.concat([result, chunk], ignore_index=True)
    return result


class Log:
    def __init__(self):
        self.frame = pd.DataFrame(columns=["ts"])

    def add(self):
        self.frame = pd.concat([self.frame, pd.read_csv("more.csv")])
