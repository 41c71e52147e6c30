from typing import Any, Optional

x: Optional[Any] = None
