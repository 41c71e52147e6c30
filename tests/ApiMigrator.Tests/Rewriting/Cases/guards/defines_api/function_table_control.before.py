import numpy as np

# Called, not registered: migrated.
area = np.trapz([1, 2, 3])
pair = [np.trapz([1, 2]), 3]
