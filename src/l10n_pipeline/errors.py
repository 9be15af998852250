"""Errors the pipeline reports to its users.

Every error a user can cause is an :class:`InputError`: it names the file (and the
line where there is one) and renders as one line.  The CLI turns it into exit code 2
without a traceback.
"""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Bad input, bad usage or bad configuration: exit code 2, nothing written."""

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        if self.path is None:
            return self.message
        where = str(self.path) if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


class LockError(InputError):
    """Another run holds the project lock."""
