import pandas as pd


class Frame(pd.DataFrame):
    def ffill(self):
        # Rewritten to self.ffill() this would call itself forever.
        return self.fillna(method="ffill")

    def load(self, path):
        return pd.read_csv(path).fillna(method="ffill")
