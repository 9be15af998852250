"""The fast PO reader builds exactly what polib builds, or steps aside for polib."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_fuzz import FUZZ, catalogue, entries

from l10n_pipeline.files import _check_po_lines, load_po
from l10n_pipeline.formats.po_write import format_catalog
from l10n_pipeline.formats import po_read
from l10n_pipeline.formats.po_read import parse_regular

ROOT = Path(__file__).parent.parent


def everything(catalog: polib.POFile) -> tuple:
    """Every attribute polib sets, of the catalogue and of each entry."""
    return (catalog.header, catalog.metadata, catalog.metadata_is_fuzzy, catalog.encoding,
            catalog.wrapwidth, [vars(entry) for entry in catalog])


def polib_reading(tmp_path: Path, text: str) -> polib.POFile:
    path = tmp_path / "polib.po"
    path.write_text(text, encoding="utf-8")
    catalog = polib.pofile(str(path), encoding="utf-8-sig")
    catalog.fpath = "x.po"
    return catalog


@pytest.mark.parametrize("path", sorted(
    [*ROOT.glob("translations/**/*.po"), *ROOT.glob("translations/**/*.pot"),
     *ROOT.glob("tests/**/*.po")]), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_catalogue_of_ours_is_regular_and_read_as_polib_reads_it(path):
    fast = parse_regular(path.read_text(encoding="utf-8"), str(path))
    assert fast is not None
    assert everything(fast) == everything(polib.pofile(str(path), encoding="utf-8-sig"))


HEADER = 'msgid ""\nmsgstr ""\n"Language: fr\\n"\n"X-Note: a\\n"\n"continued\\n"\n\n'

REGULAR = {
    "header comments belong to the file": "# Title\n#\n# Author\n#, fuzzy\n" + HEADER
                                          + 'msgid "a"\nmsgstr "b"\n',
    "a comment after the flags is the entry's": '#, fuzzy\n# late\nmsgid "a"\nmsgstr ""\n',
    "no blank line between entries": HEADER + 'msgid "a"\nmsgstr "b"\nmsgid "c"\nmsgstr ""\n',
    "several blank lines": "\n\n" + HEADER + '\n\n#: x.md:1\nmsgid "a"\nmsgstr ""\n\n\n',
    "no final newline": HEADER + 'msgid "a"\nmsgstr "b"',
    "escapes": HEADER + 'msgid "a\\"\\\\\\n\\t\\r\\v\\b\\f"\nmsgstr "\\\\n"\n',
    "escape split over lines": HEADER + 'msgid ""\n"a\\\\"\n"n"\nmsgstr "x"\n',
    "previous strings with continuations": HEADER + '#, fuzzy\n#| msgctxt "c"\n'
        '#| msgid "old "\n#| "text"\n#| msgid_plural "olds"\nmsgctxt "c"\n'
        'msgid "new"\nmsgid_plural "news"\nmsgstr[0] "n"\nmsgstr[1] ""\n',
    "obsolete entries, previous dropped": HEADER + 'msgid "a"\nmsgstr ""\n\n'
        '# kept\n#~| msgid "gone"\n#~ msgctxt "c"\n#~ msgid "old"\n#~ msgstr ""\n#~ "x"\n\n'
        '#~ msgid "older"\n#~ msgstr "y"\n',
    "odd references": HEADER + '#: a.md:1 b.md c:d :7 ü.md:٣\nmsgid "a"\nmsgstr ""\n',
    "comments with inner and outer spaces": HEADER + '#.  indented \n##double\n#  two\n'
        '#, fuzzy ,  c-format\nmsgid "a"\nmsgstr ""\n',
    "line separators inside strings": HEADER + 'msgid "a\u2028b\x85c"\nmsgstr "\u2029"\n',
    "empty catalogue": "",
    "header only, no entries": HEADER,
    "several empty msgids": 'msgctxt "x"\nmsgid ""\nmsgstr "X: 1\\n"\n\n' + HEADER,
}

IRREGULAR = {
    "CR line ends": HEADER.replace("\n", "\r\n") + 'msgid "a"\r\nmsgstr ""\r\n',
    "leading spaces": HEADER + '  msgid "a"\nmsgstr ""\n',
    "space after the string": HEADER + 'msgid "a" \nmsgstr ""\n',
    "two spaces after the keyword": HEADER + 'msgid  "a"\nmsgstr ""\n',
    "comment between keywords": HEADER + 'msgid "a"\n# note\nmsgstr ""\n',
    "empty reference marker": HEADER + '#:\n#: a.md:1\nmsgid "a"\nmsgstr ""\n',
    "two-digit plural index": HEADER + 'msgid "a"\nmsgid_plural "b"\n' + "".join(
        f'msgstr[{n}] ""\n' for n in range(11)),
    "trailing comments": HEADER + 'msgid "a"\nmsgstr ""\n\n# orphan\n',
    "comment block apart from its entry": HEADER + '#: a.md:1\n\nmsgid "a"\nmsgstr ""\n',
    "continuation of nothing": HEADER + '#| "x"\nmsgid "a"\nmsgstr ""\n',
    "obsolete first": '#~ msgid "a"\n#~ msgstr ""\n',
    "unknown comment": HEADER + '#x\nmsgid "a"\nmsgstr ""\n',
}


@pytest.mark.parametrize("text", REGULAR.values(), ids=REGULAR.keys())
def test_regular_text_is_read_as_polib_reads_it(tmp_path, text):
    fast = parse_regular(text, "x.po")
    assert fast is not None
    assert everything(fast) == everything(polib_reading(tmp_path, text))


@pytest.mark.parametrize("text", IRREGULAR.values(), ids=IRREGULAR.keys())
def test_irregular_text_is_left_to_polib(tmp_path, text):
    assert parse_regular(text, "x.po") is None
    path = tmp_path / "x.po"
    path.write_text(text, encoding="utf-8", newline="")
    try:
        expected = everything(polib.pofile(str(path), encoding="utf-8-sig"))
    except OSError:
        return  # polib refuses it too; test_hostile checks the message
    assert everything(load_po(path)) == expected


@pytest.mark.parametrize("text", [*REGULAR.values(), (ROOT / "translations/ar/about/factsheet.po")
                                  .read_text(encoding="utf-8")])
def test_a_stream_is_given_every_entry_once_in_order_and_in_parts(monkeypatch, text):
    monkeypatch.setattr(po_read, "PART", 3)
    parts: list[list[polib.POEntry]] = []
    catalog = parse_regular(text, "x.po", parts.append)
    assert catalog is not None
    streamed = [entry for part in parts for entry in part]
    kept = [entry for entry in streamed if any(entry is e for e in catalog)]
    assert len(kept) == len(catalog) and all(a is b for a, b in zip(kept, catalog))
    # and the header entry, which the catalogue keeps as its metadata
    assert [e.msgid for e in streamed if not any(e is k for k in kept)] == (
        [""] if catalog.metadata or catalog.metadata_is_fuzzy else [])
    assert all(len(part) == 3 for part in parts[:-1]) and all(parts)


def test_a_stream_is_told_to_forget_a_reading_polib_takes_over(tmp_path, monkeypatch):
    monkeypatch.setattr(po_read, "PART", 1)
    path = tmp_path / "x.po"
    path.write_text(HEADER + 'msgid "a"\nmsgstr "b"\n\n#:\nmsgid "c"\nmsgstr "d"\n',
                    encoding="utf-8")  # "#:" alone: irregular, found after two entries
    parts: list[list[polib.POEntry] | None] = []
    catalog = load_po(path, parts.append)
    assert [None if part is None else [e.msgid for e in part] for part in parts] == [
        [""], ["a"], None, ["a", "c"]]
    assert parts[-1] == list(catalog)


@FUZZ
@given(st.lists(entries(), min_size=1, max_size=6))
def test_what_we_and_polib_write_is_read_as_polib_reads_it(tmp_path_factory, items):
    po = catalogue(items)
    tmp_path = tmp_path_factory.mktemp("po")
    for text in (format_catalog(po), str(po)):
        fast = parse_regular(text, "x.po")
        assert fast is not None
        assert everything(fast) == everything(polib_reading(tmp_path, text))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(entries(), min_size=1, max_size=4), st.data())
def test_damaged_text_is_read_as_polib_reads_it_or_left_to_polib(tmp_path_factory, items,
                                                                   data):
    lines = format_catalog(catalogue(items)).split("\n")
    for _ in range(data.draw(st.integers(1, 2))):
        at = data.draw(st.integers(0, len(lines) - 1))
        edit = data.draw(st.sampled_from(["drop", "double", "indent", "trail", "join",
                                          "blank", "comment"]))
        if edit == "drop":
            del lines[at]
        elif edit == "double":
            lines.insert(at, lines[at])
        elif edit == "indent":
            lines[at] = " " + lines[at]
        elif edit == "trail":
            lines[at] += "\t"
        elif edit == "join" and at + 1 < len(lines):
            lines[at:at + 2] = [lines[at] + lines[at + 1]]
        elif edit == "blank":
            lines.insert(at, "")
        else:
            lines.insert(at, data.draw(st.sampled_from(["#", "# x", "#. y", "#: z:1", "#, fuzzy",
                                                        '#| msgid "p"', "#~ x", "#:"])))
    text = "\n".join(lines)
    fast = parse_regular(text, "x.po")
    if fast is None:
        return
    _check_po_lines(Path("x.po"), text)  # what we read, our syntax check accepts
    assert everything(fast) == everything(polib_reading(tmp_path_factory.mktemp("po"), text))
