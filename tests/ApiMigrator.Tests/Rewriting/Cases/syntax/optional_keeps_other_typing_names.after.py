from typing import Any

x: Any | None = None
