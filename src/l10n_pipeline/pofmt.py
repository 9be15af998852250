"""Write PO files exactly as GNU gettext does (msgmerge, msgcat, Poedit).

polib parses well but wraps differently from gettext (it moves the space to the start
of the next line) and wraps translator comments, which gettext never does.  Matching
gettext byte for byte keeps diffs small when a translator's editor re-saves a file.
"""

from __future__ import annotations

import unicodedata

import polib

WIDTH = 79
_OPENING = set("([{")
_QUOTES = set("\"'«»‘’“”‹›")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\t": "\\t", "\r": "\\r", "\a": "\\a", "\b": "\\b",
            "\f": "\\f", "\v": "\\v", "\n": "\\n"}


def _width(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _may_break_after(text: str, index: int) -> bool:
    """A line-break opportunity after ``text[index]`` (a subset of UAX #14)."""
    char = text[index]
    after = text[index + 1] if index + 1 < len(text) else ""
    if not after or after == " ":
        return False
    if char == " ":
        before = text[:index].rstrip(" ")[-1:]
        if before in _OPENING:  # UAX #14 LB14: OP SP* ×
            return False
        return not (before in _QUOTES and after in _OPENING)  # LB15: QU SP* × OP
    if char in "-–—" and index > 0 and text[index - 1].isalpha():
        return not after.isdigit()
    if char == "/":
        return after not in "/" and not after.isdigit()
    return False


def _wrap_piece(piece: str, width: int) -> list[str]:
    """Break one logical line into escaped chunks that fit ``width`` columns with quotes."""
    chunks: list[str] = []
    line, line_width = "", 2  # the two quotes
    word, word_width = "", 0
    for index, char in enumerate(piece):
        escaped = _ESCAPES.get(char, char)
        word += escaped
        word_width += len(escaped) if escaped != char else _width(char)
        if _may_break_after(piece, index) or index == len(piece) - 1:
            if line and line_width + word_width > width:
                chunks.append(line)
                line, line_width = "", 2
            line += word
            line_width += word_width
            word, word_width = "", 0
    if line or not chunks:
        chunks.append(line)
    return chunks


def format_field(keyword: str, value: str, prefix: str = "") -> list[str]:
    """``msgid "..."`` lines for one field, wrapped as gettext wraps them."""
    pieces = value.splitlines(keepends=True) or [""]
    escaped_whole = "".join(_ESCAPES.get(c, c) for c in value)
    head = f"{prefix}{keyword} "
    fits = sum(map(_width, head)) + 2 + sum(
        len(_ESCAPES[c]) if c in _ESCAPES else _width(c) for c in value) <= WIDTH
    if fits and "\n" not in value[:-1]:
        return [f'{head}"{escaped_whole}"']
    lines = [f'{head}""']
    room = WIDTH - sum(map(_width, prefix))
    for piece in pieces:
        lines.extend(f'{prefix}"{chunk}"' for chunk in _wrap_piece(piece, room))
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


def format_entry(entry: polib.POEntry) -> str:
    """One entry, comments first, in gettext's order."""
    lines = [f"# {c}".rstrip() for c in entry.tcomment.split("\n")] if entry.tcomment else []
    if not entry.obsolete:
        if entry.comment:
            lines.extend(f"#. {c}".rstrip() for c in entry.comment.split("\n"))
        lines.extend(_references(entry))
    if entry.flags:
        lines.append("#, " + ", ".join(entry.flags))
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
