"""The one shape of a contributor-facing problem: `path:line: field: message`."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str      # relative to the repository, with forward slashes
    line: int      # 1-based line in the file
    field: str     # dotted field path ("parties[2].entry"), or what part of the file
    message: str   # the rule that was broken

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"
