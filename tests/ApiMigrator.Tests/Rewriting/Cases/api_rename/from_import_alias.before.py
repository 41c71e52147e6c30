from numpy import float_ as f

x = f(3.5)
