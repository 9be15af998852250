"""Fuzzing with hypothesis: the PO round trip, and extraction of arbitrary text.

The structured Markdown grammar of ``test_build`` checks that building restores every
document; here the inputs are unstructured, to find what a grammar would not produce.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10n_pipeline.config import Config
from l10n_pipeline.errors import InputError
from l10n_pipeline.extract import template
from l10n_pipeline.files import load_po
from l10n_pipeline.formats import markdown, po_write
from l10n_pipeline.model import Document
from l10n_pipeline.formats.po_write import format_catalog, format_entry

CONFIG = Config(root=Path("/nonexistent"), languages=("fr",))
FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text a PO file must carry: any Unicode scalar but NUL and lone surrogates, with
# quotes, backslashes, tabs, newlines, line separators and bidi controls made likely.
# Not BEL: gettext writes it as the escape \a, which polib reads as two characters
# (a known polib limitation); no prose holds a BEL.
po_text = st.text(st.one_of(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\x07"),
    st.sampled_from(['"', "\\", "\n", "\t", "\r", "\u2028", "\x85", "\u202e", "\u2066",
                     "«", "ı", " "])),
    max_size=120)
non_empty = po_text.filter(lambda s: s.strip() != "")
flags = st.lists(st.sampled_from(["fuzzy", "no-c-format", "ignore-double-space"]),
                 unique=True, max_size=2)
# One line, no outer white space: PO comment lines are written without trailing spaces.
comment = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")),
                  max_size=60).map(str.strip)


@st.composite
def entries(draw) -> polib.POEntry:
    plural = draw(st.booleans())
    entry = polib.POEntry(
        msgid=draw(non_empty),
        msgctxt=draw(st.none() | non_empty),
        tcomment=draw(comment), comment=draw(comment), flags=draw(flags),
        occurrences=draw(st.lists(st.tuples(st.from_regex(r"[a-z/]{1,12}\.md", fullmatch=True),
                                            st.integers(1, 999).map(str)), max_size=3)),
        obsolete=draw(st.booleans()))
    if plural:
        entry.msgid_plural = draw(non_empty)
        entry.msgstr_plural = {0: draw(po_text), 1: draw(po_text)}
    else:
        entry.msgstr = draw(po_text)
        if "fuzzy" in entry.flags and not entry.obsolete:
            entry.previous_msgid = draw(st.none() | non_empty)
    return entry


def catalogue(items: list[polib.POEntry]) -> polib.POFile:
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "fr",
                   "Plural-Forms": "nplurals=2; plural=(n > 1);"}
    seen = set()
    for entry in items:
        if (entry.msgctxt, entry.msgid) not in seen:
            seen.add((entry.msgctxt, entry.msgid))
            po.append(entry)
    return po


def as_written(comment: str) -> str:
    """A comment as the writer keeps it: a final backslash becomes U+FF3C (gettext
    would join the next line to it)."""
    return comment[:-1] + "\uff3c" if comment.endswith("\\") else comment


def fields(entry: polib.POEntry) -> tuple:
    return (entry.msgctxt, entry.msgid, entry.msgid_plural, entry.msgstr,
            dict(entry.msgstr_plural), as_written(entry.tcomment), as_written(entry.comment),
            sorted(entry.flags),
            entry.occurrences, entry.previous_msgid, bool(entry.obsolete))


@FUZZ
@given(st.lists(entries(), min_size=1, max_size=6))
def test_po_round_trip_keeps_every_field(tmp_path_factory, items):
    po = catalogue(items)
    path = tmp_path_factory.mktemp("po") / "x.po"
    path.write_text(format_catalog(po), encoding="utf-8")
    again = load_po(path)
    written_order = [e for e in po if not e.obsolete] + [e for e in po if e.obsolete]
    assert [fields(e) for e in again] == [fields(e) for e in written_order]
    assert format_catalog(again) == format_catalog(po)  # a fixed point


# Prose-like lines, where the wrapper's fast path runs: break opportunities of every
# kind (spaces, hyphens, dashes, slashes) and the brackets and quotes that forbid one.
prose_line = st.text(st.sampled_from(list("ab é-–/ ([{«“'1")), max_size=300)


@settings(max_examples=500, deadline=None)
@given(prose_line, st.booleans(), st.integers(5, 90))
def test_fast_wrapping_equals_measuring_every_word(text, newline, width):
    piece = text + "\n" * newline
    assert po_write._wrap_plain(piece, width) == po_write._wrap_words(piece, width)


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext missing")
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(entries(), min_size=1, max_size=6))
def test_gnu_gettext_reads_what_we_write(tmp_path_factory, items):
    # gettext forbids U+0004 (its context separator) in msgids; our templates never
    # hold one: sources with control characters are refused.
    po = catalogue([e for e in items if "\x04" not in format_entry(e)])
    path = tmp_path_factory.mktemp("po") / "x.po"
    path.write_text(format_catalog(po), encoding="utf-8")
    result = subprocess.run(["msgcat", "-o", "-", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    # and gettext sees the same fuzzy entries we do (a comment ending in a backslash
    # must not swallow the flags line below it)
    stats = subprocess.run(["msgfmt", "--statistics", "-o", "/dev/null", str(path)],
                           capture_output=True, text=True).stderr
    # msgfmt counts a fuzzy entry when its msgstr (its first plural form) is not empty
    ours = sum(1 for e in po if not e.obsolete and "fuzzy" in e.flags
               and (e.msgstr_plural.get(0) if e.msgid_plural else e.msgstr))
    match = re.search(r"(\d+) fuzzy", stats)
    assert (int(match.group(1)) if match else 0) == ours, stats


markdownish = st.lists(st.one_of(
    st.characters(blacklist_categories=("Cs",)),
    st.sampled_from(["#", "-", "*", "`", "[", "]", "(", ")", "|", ">", "<", "\n", "\n\n",
                     "---\n", ". ", "Mr. ", "т.е. ", "e.g. ", ":", "\u202e", "<!-- msgctxt: x -->"])),
    max_size=120).map("".join)


@FUZZ
@given(markdownish)
def test_extraction_of_arbitrary_text_is_clean_or_a_clear_error(text):
    try:
        source = markdown.parse(Path("f.md"), text)
    except InputError as exc:  # bad front matter: a message with file and line
        assert str(exc).startswith("f.md")
        return
    segments = markdown.segments(source, CONFIG, "en")
    for segment in segments:
        assert segment.msgid == segment.msgid.strip() != ""
        assert "\n" not in segment.msgid
        assert segment.line >= 1
    pot = template(segments, "source/f.md", Document("f", "en", ("fr",)))
    assert len({(e.msgctxt, e.msgid) for e in pot}) == len(pot)  # no duplicate entries
    assert load_po_text(format_catalog(pot)) == [(e.msgctxt, e.msgid) for e in pot]


def load_po_text(text: str) -> list[tuple[str | None, str]]:
    return [(e.msgctxt, e.msgid) for e in polib.pofile(text)]
