import numpy as np

if hasattr(np, "trapezoid"):
    integrate = np.trapezoid
else:
    integrate = np.trapz

area = np.trapezoid if hasattr(np, "trapezoid") else np.trapz
fallback = getattr(np, "trapezoid", None) or np.trapz

if hasattr(np, "float64"):
    total = np.trapz([1, 2, 3])
