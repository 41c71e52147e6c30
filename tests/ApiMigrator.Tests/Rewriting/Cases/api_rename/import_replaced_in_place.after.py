import importlib

import settings


def refresh():
    importlib.reload(settings)
