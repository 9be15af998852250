"""Read PO files fast, into polib's own objects.

polib's line-by-line state machine is most of the time of every command on a large
catalogue (100,000 entries: polib 5.3 s, ``msgfmt --statistics`` 3.5 s).  Nearly every
PO file is written by gettext, Poedit, Weblate or us, in one regular form: entries
separated by blank lines, each a run of comment lines and then keyword lines with their
strings.  :func:`parse_regular` reads that form with one regular expression per entry
and builds the :class:`polib.POEntry` objects polib would have built, attribute for
attribute (tested against polib on the corpus and on generated catalogues).  Anything
else (stray spaces, CR line ends, comments between keywords, entries without a blank
line, two-digit plural indexes) returns None, and the caller parses the file with polib.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import polib

from .polib_fast import new_entry

# Possessive repeats (``*+``): what they take is never given back, which the regex
# engine then need not remember.  Nothing after a string could match the inside of one.
_STRING = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*+"'
_STRINGS = rf"{_STRING}(?:\n{_STRING})*+"
_ENTRY_RE = re.compile(
    rf"(?P<comments>(?:#(?:[^~\n][^\n]*)?\n)*)"
    rf"(?:msgctxt (?P<msgctxt>{_STRINGS})\n)?"
    rf"msgid (?P<msgid>{_STRINGS})\n"
    rf"(?:msgid_plural (?P<plural>{_STRINGS})\n)?"
    rf"(?:msgstr (?P<msgstr>{_STRINGS})"
    rf"|(?P<msgstrs>msgstr\[\d\] {_STRINGS}(?:\nmsgstr\[\d\] {_STRINGS})*))"
    rf"(?:\n+|\Z)")
_OBSOLETE_BLOCK_RE = re.compile(r"(?:#[^\n]*(?:\n|\Z))+\n*")
_PLURAL_RE = re.compile(rf"msgstr\[(\d)\] ({_STRINGS})")
_PREVIOUS_RE = re.compile(rf"(?:(msgctxt|msgid|msgid_plural) )?({_STRING})")
_ESCAPE_RE = re.compile(r'\\(\\|n|t|r|v|b|f|")')
_UNESCAPED = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f",
              "\\": "\\", '"': '"'}
_PREVIOUS_FIELDS = {"msgctxt": "previous_msgctxt", "msgid": "previous_msgid",
                    "msgid_plural": "previous_msgid_plural"}


class _Irregular(Exception):
    """The text is outside the regular form: polib must read it."""


def _unescape(text: str) -> str:
    return _ESCAPE_RE.sub(lambda match: _UNESCAPED[match.group(1)], text) \
        if "\\" in text else text


def _string(quoted: str) -> str:
    """The value of one or more quoted lines (``"a"\\n"b"`` is ``ab``)."""
    return _unescape(quoted[1:-1].replace('"\n"', ""))


Stream = Callable[[list[polib.POEntry]], None]
PART = 1000  # entries given to a stream at a time


def parse_regular(text: str, fpath: str, stream: Stream | None = None) -> polib.POFile | None:
    """The catalogue polib would read from ``text``, or None when it is irregular.

    ``text`` is the decoded file without a BOM.  ``stream``, if given, is also given
    every entry as it is read (the header and obsolete ones too), in order, in parts
    of :data:`PART` entries and a last, shorter one; reading that stops at an
    irregularity has given it only some.
    """
    if "\r" in text:  # polib reads files with universal newlines
        return None
    catalog = polib.POFile(fpath=fpath, encoding="utf-8-sig")
    try:
        entries = _read_entries(text, catalog, stream)
    except _Irregular:
        return None
    list.extend(catalog, entries)
    _take_header(catalog, [e for e in entries if e.msgid == "" and not e.obsolete])
    return catalog


def _read_entries(text: str, catalog: polib.POFile, stream: Stream | None,
                  ) -> list[polib.POEntry]:
    """Every entry of ``text`` in order (``catalog`` receives the file's header comments),
    given to ``stream`` too as they are read."""
    entries: list[polib.POEntry] = []
    position = len(text) - len(text.lstrip("\n"))
    line = 1 + position
    count = text.count
    given = 0  # entries given to the stream
    for found in _ENTRY_RE.finditer(text, position):
        if found.start() != position:  # finditer skipped something: obsolete or irregular
            line = _read_obsolete(text[position:found.start()], line, entries)
        entries.append(_entry(found, line, None) if entries else _entry(found, 0, catalog))
        line += count("\n", found.start(), found.end())
        position = found.end()
        if stream is not None and len(entries) >= given + PART:
            stream(entries[given:])
            given = len(entries)
    if position != len(text):
        _read_obsolete(text[position:], line, entries)
    if stream is not None and len(entries) > given:
        stream(entries[given:])
    return entries


def _read_obsolete(text: str, line: int, entries: list[polib.POEntry]) -> int:
    """Append the obsolete entries that make up all of ``text``; the line after them."""
    position = 0
    while position < len(text):
        block = _OBSOLETE_BLOCK_RE.match(text, position)
        found = block and _ENTRY_RE.fullmatch(_unobsolete(block.group()) + "\n")
        if block is None or not found or not entries:
            raise _Irregular
        entry = _entry(found, line, None)
        entry.obsolete = 1  # its msgid line can only have come from a "#~ " line
        entries.append(entry)
        line += block.group().count("\n")
        position = block.end()
    return line


def _unobsolete(block: str) -> str:
    """An obsolete block as polib sees it: ``#~ `` prefixes gone, ``#~|`` lines dropped."""
    lines = []
    for line in block.rstrip("\n").split("\n"):
        if line.startswith("#~|") and (len(line) == 3 or line[3] == " "):
            continue
        if line.startswith("#~ "):
            line = line[3:]
            if line != line.strip():
                raise _Irregular
        lines.append(line)
    return "\n".join(lines)


def _entry(found: re.Match[str], linenum: int, header_of: polib.POFile | None,
           ) -> polib.POEntry:
    """The entry of one match; the first entry's opening translator comments belong to
    the file's header (``header_of``)."""
    comments, msgctxt, msgid, plural, msgstr, msgstrs = found.groups()
    entry = new_entry({
        "msgid": _string(msgid),
        "msgstr": "" if msgstr is None else _string(msgstr),
        "msgid_plural": "" if plural is None else _string(plural),
        "msgstr_plural": {} if msgstrs is None else {
            int(index): _string(value) for index, value in _PLURAL_RE.findall(msgstrs)},
        "msgctxt": None if msgctxt is None else _string(msgctxt),
        "obsolete": 0,
        "encoding": polib.default_encoding,
        "comment": "", "tcomment": "", "occurrences": [], "flags": [],
        "previous_msgctxt": None, "previous_msgid": None, "previous_msgid_plural": None,
        "linenum": linenum,
    })
    if comments:
        _read_comments(comments, entry, header_of)
    return entry



def _read_comments(comments: str, entry: polib.POEntry, header_of: polib.POFile | None,
                   ) -> None:
    """Apply comment lines to ``entry`` as polib does, quirks included: the translator
    comments that open a file belong to the file's header (``header_of``)."""
    fields = vars(entry)  # see .polib_fast
    previous: str | None = None  # the #| field a "#| ..." continuation line extends
    occurrences = fields["occurrences"]
    for raw in comments[:-1].split("\n"):
        if raw[:3] == "#: " and not raw[-1].isspace():  # the usual line: no quirks apply
            previous = header_of = None
            for occurrence in raw[3:].split():
                place, colon, number = occurrence.rpartition(":")
                occurrences.append(
                    (place, number) if colon and number.isdigit() else (occurrence, ""))
            continue
        line = raw.strip()
        tokens = line.split(None, 2)
        kind = tokens[0] if tokens else ""
        if kind == "#|":
            found = _PREVIOUS_RE.fullmatch(line[2:].lstrip()) if len(tokens) > 1 else None
            if not found or (found.group(1) is None and previous is None):
                raise _Irregular
            if found.group(1):
                previous = _PREVIOUS_FIELDS[found.group(1)]
                fields[previous] = _string(found.group(2))
            else:
                fields[previous] += _string(found.group(2))
            header_of = None
            continue
        previous = None
        if kind in ("#:", "#,", "#.") and len(tokens) == 1:
            raise _Irregular  # polib skips it, which can move the entry's line number
        if kind == "#,":
            fields["flags"] += [flag.strip() for flag in line[3:].split(",")]
        elif kind == "#.":
            fields["comment"] += ("\n" if fields["comment"] else "") + line[3:]
        elif kind == "#" or kind.startswith("##"):
            if header_of is not None:
                header_of.header += ("\n" if header_of.header else "") + line[2:]
                continue
            comment = line.lstrip("#")
            fields["tcomment"] += ("\n" if fields["tcomment"] else "") + (
                comment[1:] if comment.startswith(" ") else comment)
        else:
            raise _Irregular  # including reference lines with unusual white space
        header_of = None


def _take_header(catalog: polib.POFile, empty_msgids: list[polib.POEntry]) -> None:
    """Move the header entry into the catalogue's metadata, as polib does: of several
    live entries with an empty msgid, the last without a context, else the first."""
    if not empty_msgids:
        return
    without_context = [e for e in empty_msgids if not e.msgctxt]
    header = without_context[-1] if without_context else empty_msgids[0]
    catalog.remove(header)
    catalog.metadata_is_fuzzy = header.flags
    key = None
    for line in header.msgstr.splitlines():
        name, colon, value = line.partition(":")
        if colon:
            key = name
            catalog.metadata[key] = value.strip()
        elif key is not None:
            catalog.metadata[key] += "\n" + line.strip()
