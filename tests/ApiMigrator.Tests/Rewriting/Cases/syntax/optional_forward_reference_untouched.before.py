from typing import Optional


class Node:
    def __init__(self, parent: Optional["Node"] = None):
        self.parent = parent
