import imp

import settings


def refresh():
    imp.reload(settings)
