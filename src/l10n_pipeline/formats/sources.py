"""The source formats, by file suffix: the one place a new format is registered."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..files import read_text
from . import markdown
from .document import SourceFormat, SourceText

FORMATS: dict[str, SourceFormat] = {markdown.SUFFIX: markdown}
SUFFIXES = tuple(FORMATS)


def source_format(path: Path) -> SourceFormat:
    """The format of the source document at ``path``, by its suffix."""
    found = FORMATS.get(path.suffix)
    if found is None:
        raise InputError(f"no source format reads {path.suffix or 'files without a suffix'}",
                         path)
    return found


def read_source(path: Path) -> SourceText:
    """The source document at ``path``, parsed by its format."""
    return source_format(path).parse(path, read_text(path))
