from numpy import float_

x = float_(3.5)
