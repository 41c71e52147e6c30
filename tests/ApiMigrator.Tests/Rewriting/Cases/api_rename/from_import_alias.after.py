from numpy import float64 as f

x = f(3.5)
