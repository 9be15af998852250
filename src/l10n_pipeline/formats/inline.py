"""Markdown inline syntax as protected inline codes, and back.

A CAT tool shows codes as tags a translator moves but cannot mistype.  A text is cut
into plain text, *placeholders* (inline code, images, autolinks, lone HTML tags: one
code each) and *pairs* (emphasis, links, paired HTML tags: an opening and a closing
code around translatable text).  The cut is a partition of the text: joining the
pieces gives back exactly the Markdown they came from, whatever the text holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import count
from typing import Union

# What a placeholder is, from the most binding to the least: code spans first, as
# Markdown reads them first.
_PLACEHOLDERS = (
    ("code", re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.S)),
    ("autolink", re.compile(r"<(?:[a-zA-Z][\w+.-]{1,31}:[^\s<>]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>")),
    ("image", re.compile(r"!\[[^\[\]]*\]\([^()\s]*(?:\s+\"[^\"]*\")?\)")),
)
# [text](destination "title"): the text and the title are translated, the rest is code
_LINK = re.compile(r"(?<![\\!])\[((?:[^\[\]\\]|\\.|\[[^\[\]]*\])*)\]"
                   r"\((?:[^()\s]*(?:\([^()\s]*\))?[^()\s]*)(?:(\s+\")([^\"]*)(\"))?\)")
_HTML_OPEN = re.compile(r"<([a-zA-Z][\w-]*)(?:\s+[\w:.-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*\s*(/?)>")
_HTML_CLOSE = re.compile(r"</([a-zA-Z][\w-]*)\s*>")
_STRONG = re.compile(r"(?<![\\*_])(\*\*|__)(?=[^\s*_])(.+?)(?<=[^\s\\])\1(?![*_])", re.S)
_EMPHASIS = re.compile(r"(?<![\\*\w])(\*|_)(?=[^\s*_])(.+?)(?<=[^\s\\*_])\1(?![*\w])", re.S)


@dataclass(frozen=True)
class Code:
    """A placeholder: Markdown kept whole."""

    id: str
    kind: str  # code | autolink | image | html | link-end (a link title's closing quote)
    text: str


@dataclass(frozen=True)
class Pair:
    """Markdown around translatable text: ``open`` + children + ``close``."""

    id: str
    kind: str  # strong | emphasis | link | html
    open: str
    close: str
    children: tuple[Piece, ...]


Piece = Union[str, Code, Pair]


def _earliest(text: str, start: int) -> tuple[int, int, str, re.Match[str]] | None:
    """The construct starting first at or after ``start`` (a tie goes to the listed
    order): (start, end, kind, match)."""
    found: list[tuple[int, int, str, re.Match[str]]] = []
    for kind, pattern in (*_PLACEHOLDERS, ("link", _LINK), ("html", _HTML_OPEN),
                          ("html-close", _HTML_CLOSE), ("strong", _STRONG),
                          ("emphasis", _EMPHASIS)):
        match = pattern.search(text, start)
        if match:
            found.append((match.start(), len(found), kind, match))
    if not found:
        return None
    begin, _, kind, match = min(found, key=lambda hit: hit[:2])
    return begin, match.end(), kind, match


def parse(text: str) -> list[Piece]:
    """``text`` as pieces whose :func:`render` is ``text`` again; ids 1, 2, ... in order."""
    return _parse(text, count(1))


def _parse(text: str, ids: Iterator[int]) -> list[Piece]:
    pieces: list[Piece] = []
    position = 0
    while True:
        hit = _earliest(text, position)
        if hit is None:
            break
        begin, end, kind, match = hit
        if begin > position:
            pieces.append(text[position:begin])
        if kind == "link":
            inner_start, inner_end = match.span(1)
            ident = str(next(ids))
            title_start, title_end = match.span(3)
            close_end = title_start if match.group(3) is not None else end
            pieces.append(Pair(ident, "link", "[", text[inner_end:close_end],
                               tuple(_parse(text[inner_start:inner_end], ids))))
            if match.group(3) is not None:
                if title_end > title_start:
                    pieces.append(text[title_start:title_end])
                pieces.append(Code(str(next(ids)), "link-end", text[title_end:end]))
        elif kind in ("strong", "emphasis"):
            inner_start, inner_end = match.span(2)
            ident = str(next(ids))
            pieces.append(Pair(ident, kind, match.group(1), match.group(1),
                               tuple(_parse(text[inner_start:inner_end], ids))))
        elif kind == "html" and not match.group(2):
            close = re.compile(rf"</{re.escape(match.group(1))}\s*>").search(text, end)
            if close:
                ident = str(next(ids))
                pieces.append(Pair(ident, "html", match.group(), close.group(),
                                   tuple(_parse(text[end:close.start()], ids))))
                end = close.end()
            else:
                pieces.append(Code(str(next(ids)), "html", match.group()))
        else:
            pieces.append(Code(str(next(ids)), "html" if kind.startswith("html") else kind,
                               match.group()))
        position = end
    if position < len(text):
        pieces.append(text[position:])
    return pieces


def render(pieces: list[Piece] | tuple[Piece, ...]) -> str:
    """The Markdown the pieces stand for."""
    out = []
    for piece in pieces:
        if isinstance(piece, str):
            out.append(piece)
        elif isinstance(piece, Code):
            out.append(piece.text)
        else:
            out.extend((piece.open, render(piece.children), piece.close))
    return "".join(out)


def codes(pieces: list[Piece] | tuple[Piece, ...]) -> dict[str, Code | Pair]:
    """Every code of ``pieces`` (nested ones too) by id."""
    found: dict[str, Code | Pair] = {}
    for piece in pieces:
        if isinstance(piece, Code):
            found[piece.id] = piece
        elif isinstance(piece, Pair):
            found[piece.id] = piece
            found.update(codes(piece.children))
    return found


def _key(code: Code | Pair) -> tuple[str, str]:
    return (code.text, "") if isinstance(code, Code) else (code.open, code.close)


def parse_like(target: str, source: str) -> list[Piece]:
    """The target's pieces, numbered as the source's codes where they are the same
    Markdown (so that a tool pairs them), with new ids after the source's otherwise."""
    by_markdown: dict[tuple[str, str], list[str]] = {}
    source_codes = codes(parse(source))
    for code in source_codes.values():
        by_markdown.setdefault(_key(code), []).append(code.id)
    fresh = count(len(source_codes) + 1)

    def renumber(pieces: list[Piece] | tuple[Piece, ...]) -> list[Piece]:
        out: list[Piece] = []
        for piece in pieces:
            if isinstance(piece, str):
                out.append(piece)
                continue
            ids = by_markdown.get(_key(piece))
            ident = ids.pop(0) if ids else str(next(fresh))
            out.append(Code(ident, piece.kind, piece.text) if isinstance(piece, Code) else
                       Pair(ident, piece.kind, piece.open, piece.close,
                            tuple(renumber(piece.children))))
        return out

    return renumber(parse(target))
