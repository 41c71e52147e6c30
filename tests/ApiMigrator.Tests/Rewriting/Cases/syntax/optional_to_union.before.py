import os
from typing import Optional


def token(path: str) -> Optional[str]:
    return None
