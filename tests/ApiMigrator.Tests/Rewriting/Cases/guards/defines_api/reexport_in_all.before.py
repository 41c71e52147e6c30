"""Re-exports trapz: renaming the import would take the name away from this module's importers."""
from numpy import trapz

__all__ = ["trapz", "area"]


def area(y):
    return trapz(y)
