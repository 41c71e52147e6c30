"""The try body keeps the old name and the fallback binds the same name: one shim, left whole."""
try:
    from numpy import trapz
except ImportError:
    from numpy import trapezoid as trapz


def area(y):
    return trapz(y)
