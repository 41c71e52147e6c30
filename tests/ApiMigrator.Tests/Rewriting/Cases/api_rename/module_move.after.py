from pandas import json_normalize

flat = json_normalize(records)
