"""Write PO files exactly as GNU gettext does (msgmerge, msgcat, Poedit).

polib parses well but wraps differently from gettext (it moves the space to the start
of the next line) and wraps translator comments, which gettext never does.  Matching
gettext byte for byte keeps diffs small when a translator's editor re-saves a file.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import polib

WIDTH = 79
_OPENING = set("([{")
_QUOTES = set("\"'«»‘’“”‹›")
_SUSPECT = _OPENING | _QUOTES | {" "}  # before a space, may forbid a break after it
_ESCAPE_TABLE = str.maketrans({"\\": "\\\\", '"': '\\"', "\t": "\\t", "\r": "\\r",
                               "\a": "\\a", "\b": "\\b", "\f": "\\f", "\v": "\\v",
                               "\n": "\\n"})
_TO_ESCAPE = re.compile("[" + re.escape("".join(map(chr, _ESCAPE_TABLE))) + "]")


@lru_cache(maxsize=None)  # a few thousand distinct characters
def _char_width(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _escape(text: str) -> str:
    """``text`` as a PO string's content; ``text`` itself when nothing needs escaping."""
    return text.translate(_ESCAPE_TABLE) if _TO_ESCAPE.search(text) else text


def _odd_chars(text: str) -> list[str]:
    """The distinct characters of ``text`` that do not take exactly one column."""
    return [] if text.isascii() else [c for c in set(text) if _char_width(c) != 1]


def _width(escaped: str, odd: list[str] | None = None) -> int:
    """Display columns of already-escaped text (``odd``: its :func:`_odd_chars`)."""
    if escaped.isascii():
        return len(escaped)
    return len(escaped) + sum(escaped.count(c) * (_char_width(c) - 1)
                              for c in (_odd_chars(escaped) if odd is None else odd))


# Break opportunities (a subset of UAX #14): after a space; after a hyphen or dash
# between a letter and a non-digit; after a slash not followed by a slash or digit.
_BREAK = re.compile(r"(?<= )(?=[^ ])|(?<=[^\W\d_][-–—])(?=[^\d\s])|(?<=/)(?=[^/\d\s])")


# Text up to the last break opportunity (the greedy ``.+`` backtracks from the end).
_LAST_BREAK = re.compile(f"(?s).+(?:{_BREAK.pattern})")

_LINES = re.compile(r"[^\n]*\n|[^\n]+")


def _may_break(text: str, index: int) -> bool:
    """UAX #14 LB14/LB15: no break after an opening bracket (or a quote before one)."""
    if text[index - 2] not in _SUSPECT or text[index - 1] != " ":
        return True
    last = index - 1
    while last >= 0 and text[last] == " ":
        last -= 1
    before = text[last] if last >= 0 else ""
    return before not in _OPENING and not (before in _QUOTES and text[index] in _OPENING)


def _wrap_piece(piece: str, width: int) -> list[str]:
    """Break one logical line into escaped chunks that fit ``width`` columns with quotes."""
    body = piece.removesuffix("\n")
    if _TO_ESCAPE.search(body) or _odd_chars(body):
        return _wrap_words(piece, width)
    return _wrap_plain(piece, width)


def _wrap_plain(piece: str, width: int) -> list[str]:
    """:func:`_wrap_piece` for text of one column per character, with nothing to escape
    but a final newline: search each line's last break instead of measuring every word."""
    body = piece.removesuffix("\n")
    chunks: list[str] = []
    start, end_column = 0, len(body) + 2 * (body != piece)
    while end_column - start + 2 > width:
        cut = _last_break(piece, start, start + width - 1) or _next_break(piece, start)
        if cut is None:
            break
        chunks.append(piece[start:cut])
        start = cut
    chunks.append(_escape(piece[start:]))
    return chunks


def _last_break(text: str, start: int, limit: int) -> int | None:
    """The last allowed break after ``start`` and before ``limit``, if any."""
    while (found := _LAST_BREAK.match(text, start, min(limit, len(text)))) is not None:
        if _may_break(text, found.end()):
            return found.end()
        limit = found.end()
    return None


def _next_break(text: str, start: int) -> int | None:
    """The first allowed break after ``start``, if any."""
    for found in _BREAK.finditer(text, start + 1):
        if _may_break(text, found.start()):
            return found.start()
    return None


def _wrap_words(piece: str, width: int) -> list[str]:
    """The general case: measure each word's escaped width."""
    cuts = [m.start() for m in _BREAK.finditer(piece) if _may_break(piece, m.start())]
    words = [_escape(piece[a:b]) for a, b in zip([0, *cuts], [*cuts, len(piece)])]
    chunks: list[str] = []
    line, line_width = "", 2  # the two quotes
    for word in words:
        word_width = _width(word)
        if line and line_width + word_width > width:
            chunks.append(line)
            line, line_width = "", 2
        line += word
        line_width += word_width
    chunks.append(line)
    return chunks


def format_field(keyword: str, value: str, prefix: str = "") -> list[str]:
    """``msgid "..."`` lines for one field, wrapped as gettext wraps them."""
    escaped = _escape(value)
    odd = _odd_chars(escaped)
    head = f"{prefix}{keyword} "  # ASCII: one column per character
    if len(head) + 2 + _width(escaped, odd) <= WIDTH and "\n" not in value[:-1]:
        return [f'{head}"{escaped}"']
    lines = [f'{head}""']
    wrap = _wrap_plain if escaped is value and not odd else _wrap_piece
    for piece in _LINES.findall(value):  # at "\n" only, as gettext: U+2028 is text
        lines.extend(f'{prefix}"{chunk}"' for chunk in wrap(piece, WIDTH - len(prefix)))
    return lines


def _references(entry: polib.POEntry) -> list[str]:
    refs = [f"{path}:{line}" if line else path for path, line in entry.occurrences]
    lines: list[str] = []
    current = "#:"
    for ref in refs:
        if len(current) + 1 + len(ref) > WIDTH and current != "#:":
            lines.append(current)
            current = "#:"
        current += " " + ref
    if current != "#:":
        lines.append(current)
    return lines


def comment_line(prefix: str, text: str) -> str:
    r"""One comment line as gettext will read it back.

    gettext joins a line ending in a backslash with the next one, even in a comment
    (``# C:\`` would swallow the ``#, fuzzy`` below it), so a final backslash is
    written as U+FF3C FULLWIDTH REVERSE SOLIDUS: it looks the same to a person and is
    read as one line by every tool.
    """
    line = f"{prefix} {text}".rstrip()
    return line[:-1] + "\uff3c" if line.endswith("\\") else line


def format_entry(entry: polib.POEntry) -> str:
    """One entry, comments first, in gettext's order."""
    lines = [comment_line("#", c) for c in entry.tcomment.split("\n")] if entry.tcomment else []
    if entry.comment:  # kept on obsolete entries too, as msgcat keeps them
        lines.extend(comment_line("#.", c) for c in entry.comment.split("\n"))
    lines.extend(_references(entry))
    if entry.flags:
        lines.append(comment_line("#,", ", ".join(entry.flags)))
    prefix = "#~ " if entry.obsolete else ""
    previous = "#~| " if entry.obsolete else "#| "
    for keyword, value in (("msgctxt", entry.previous_msgctxt), ("msgid", entry.previous_msgid),
                           ("msgid_plural", entry.previous_msgid_plural)):
        if value is not None:
            lines.extend(format_field(keyword, value, previous))
    if entry.msgctxt is not None:
        lines.extend(format_field("msgctxt", entry.msgctxt, prefix))
    lines.extend(format_field("msgid", entry.msgid, prefix))
    if entry.msgid_plural:
        lines.extend(format_field("msgid_plural", entry.msgid_plural, prefix))
        for index in sorted(entry.msgstr_plural, key=int):
            lines.extend(format_field(f"msgstr[{index}]", entry.msgstr_plural[index], prefix))
    else:
        lines.extend(format_field("msgstr", entry.msgstr, prefix))
    return "\n".join(lines)


def format_catalog(catalog: polib.POFile) -> str:
    """The whole file: header entry, live entries, then obsolete ones."""
    header = polib.POEntry(msgid="", msgstr="".join(
        f"{key}: {value}\n" for key, value in catalog.ordered_metadata()))
    header.tcomment = catalog.header
    if catalog.metadata_is_fuzzy:
        header.flags = ["fuzzy"]
    blocks = [format_entry(header)]
    blocks.extend(format_entry(e) for e in catalog if not e.obsolete and e.msgid != "")
    blocks.extend(format_entry(e) for e in catalog if e.obsolete)
    return "\n\n".join(blocks) + "\n"
