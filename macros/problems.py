"""The one shape of a contributor-facing problem: `path:line: field: message`."""

from __future__ import annotations

from dataclasses import dataclass

from .characters import visible


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the repository, with forward slashes
    line: int  # 1-based line in the file
    field: str  # dotted field path ("parties[2].entry"), or what part of the file
    message: str  # the rule that was broken

    def __str__(self) -> str:
        # Messages quote what contributors wrote (a value, a link, a file name): printed as it
        # is, an escape sequence there could rewrite the terminal or hide the lines around it.
        return visible(f"{self.path}:{self.line}: {self.field}: {self.message}")
