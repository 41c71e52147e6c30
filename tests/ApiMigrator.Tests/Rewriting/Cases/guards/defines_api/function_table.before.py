import numpy as np

# A dispatch table of NumPy functions: each entry is the function object itself.
SUPPORTED_FUNCTIONS = {np.einsum_path, np.trapz, np.linspace}


def implements(*functions):
    return lambda f: f


@implements(np.trapz, np.sum)
def trapz(y, x=None):
    return y
