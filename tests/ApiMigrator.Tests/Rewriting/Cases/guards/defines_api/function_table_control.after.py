import numpy as np

# Called, not registered: migrated.
area = np.trapezoid([1, 2, 3])
pair = [np.trapezoid([1, 2]), 3]
