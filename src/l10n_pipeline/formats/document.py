"""What every source format gives the pipeline: a parsed document and its segments.

A source format is a module with ``SUFFIX`` (the file names it reads: ``.md``) and
three functions, :class:`SourceFormat`: ``parse`` a file's text into a
:class:`SourceText`, cut it into :class:`Segment` objects (``segments``), and
``rebuild`` it with translations in place of the segments.  The stages ask
:mod:`.sources` for the format of a path; they never parse a document themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from ..config import Config


@dataclass(frozen=True)
class SourceText:
    """A source document read from disk: front matter, body and where the body starts."""

    path: Path
    text: str
    metadata: dict[str, Any]
    body: str
    body_line: int  # 1-based line number of the first body line


@dataclass(frozen=True)
class Segment:
    """One translatable unit and where it came from.

    For body segments (``field is None``) ``text[start:end]`` of the whole source file is
    the segment's exact source span; for front-matter segments ``field`` names the key
    and the offsets index that key's value.
    """

    msgid: str
    msgctxt: str | None
    comment: str
    line: int
    start: int
    end: int
    field: str | None = None
    context: str = ""  # the neighbouring text a translator needs (see add_context)



Lookup = Callable[[Segment], "str | None"]  # a segment's translation, None for none


class SourceFormat(Protocol):
    """A module that reads and writes one kind of source document."""

    SUFFIX: str

    def parse(self, path: Path, text: str) -> SourceText:
        """The document in ``text`` (read from ``path``); InputError naming the file
        and line when it cannot be read."""

    def segments(self, source: SourceText, config: Config, lang: str) -> list[Segment]:
        """Every translatable segment of ``source``, written in ``lang``, in order."""

    def rebuild(self, source: SourceText, segments: list[Segment], lookup: Lookup,
                extra: dict[str, str] | None = None) -> str:
        """The document with each segment that ``lookup`` translates replaced, and the
        ``extra`` metadata set; the source byte for byte when nothing changes."""
