from numpy import float64

x = float64(3.5)
