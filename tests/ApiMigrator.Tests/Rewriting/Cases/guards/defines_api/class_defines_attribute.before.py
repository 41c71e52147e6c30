import pandas as pd


class Table:
    def iteritems(self):
        return iter(self.rows)

    def pairs(self):
        return list(self.iteritems())


frame = pd.DataFrame({"a": [1]})
for name, column in frame.iteritems():
    print(name, column)
