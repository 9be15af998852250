"""Errors the pipeline reports to its users.

Every error a user can cause is an :class:`InputError`: it names the file (and the
line where there is one) and renders as one line.  The CLI turns it into exit code 2
without a traceback.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def printable(name: object) -> str:
    """A file name for a one-line message: bytes that are not UTF-8 and control
    characters (a newline in a name) shown escaped."""
    if isinstance(name, (str, Path, bytes)):
        text = os.fsencode(name).decode("utf-8", "backslashreplace")
    else:
        text = str(name)
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


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
        path = printable(self.path)
        where = path if self.line is None else f"{path}:{self.line}"
        return f"{where}: {self.message}"


class LockError(InputError):
    """Another run holds the project lock."""
