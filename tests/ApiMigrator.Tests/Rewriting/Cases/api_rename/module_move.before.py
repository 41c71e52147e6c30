from pandas.io.json import json_normalize

flat = json_normalize(records)
