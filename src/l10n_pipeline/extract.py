"""Extraction: Markdown documents with front matter -> segments -> POT templates.

``document_segments`` is the pure core: it parses one document with markdown-it-py and
returns every translatable :class:`Segment` with the exact source span it came from, so
that the build stage can put translations back where the text was.  Inline markup
(links, emphasis, inline code) stays in the msgid as Markdown, as po4a and mdpo do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import polib

from . import __version__
from .cache import StageCache
from .config import Config
from .files import atomic_write, load_po, read_text
from .pofmt import format_catalog
from .model import CONTEXT_PREFIX, Document
from .project import Project, SourceText, read_source
from .segment import split_sentences
from .ui import track

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_CONTEXT_COMMENT = re.compile(r"^\s*<!--\s*msgctxt:\s*(.*?)\s*-->\s*$")
_LETTER = re.compile(r"[^\W\d_]")
# Linear however hostile the text (see segment.py): matches start only at run starts.
_NOT_PROSE = re.compile(r"<[^<>\s]+>|https?://\S+|`[^`]*`|(?<!\S)[^\s@]+@[^\s@]+\.\w+")
_UNSPLIT_FIELDS = frozenset({"title"})
_SENTENCE_END = re.compile(r"[.!?…:;؟؛。][\"'”’»)\]*_`]*$")
_LIST_OPEN = frozenset({"bullet_list_open", "ordered_list_open"})
_BLOCK_KINDS = {"heading_open": "heading", "blockquote_open": "blockquote",
                "list_item_open": "list item", "th_open": "table header",
                "td_open": "table cell"}


@cache
def _parser() -> MarkdownIt:
    """CommonMark with tables; loaded on first use (a run with nothing to extract skips it)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


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


def normalise(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    """Collapse white-space runs to one space and trim, keeping each char's offset."""
    chars: list[str] = []
    kept: list[int] = []
    for char, offset in zip(text, offsets):
        if char.isspace():
            if chars and chars[-1] != " ":
                chars.append(" ")
                kept.append(offset)
            continue
        chars.append(char)
        kept.append(offset)
    if chars and chars[-1] == " ":
        chars.pop()
        kept.pop()
    return "".join(chars), kept


def _is_prose(text: str) -> bool:
    """Worth translating: has a letter outside URLs, autolinks and code."""
    return bool(_LETTER.search(_NOT_PROSE.sub("", text)))


def _segments_of(text: str, offsets: list[int], split: bool, lang: str
                 ) -> list[tuple[str, int, int]]:
    """(msgid, start, end) for each segment of a normalised text."""
    normal, kept = normalise(text, offsets)
    if not normal:
        return []
    spans = split_sentences(normal, lang) if split else [(0, len(normal))]
    return [(normal[a:b], kept[a], kept[b - 1] + 1) for a, b in spans if _is_prose(normal[a:b])]


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", text))
    return starts


def _content_offsets(content: str, text: str, line_starts: list[int], first_line: int,
                     cursor: int) -> list[int]:
    """Offset in ``text`` of every character of an inline token's ``content``.

    markdown-it strips container prefixes and indentation from each line; each content
    line is found again in its source line, from ``cursor`` on.
    """
    offsets: list[int] = []
    for index, piece in enumerate(content.split("\n")):
        line_no = min(first_line + index, len(line_starts) - 1)
        line_start = max(line_starts[line_no], cursor if index == 0 else 0)
        line_end = line_starts[line_no + 1] if line_no + 1 < len(line_starts) else len(text)
        found = text.find(piece, line_start, line_end) if piece else line_start
        if found < 0:
            found = line_start
        offsets.extend(range(found, found + len(piece)))
        offsets.append(found + len(piece))  # the newline between content lines
    return offsets[:len(content)]


def body_segments(source: SourceText, lang: str, split: bool) -> list[Segment]:
    """Segments of the Markdown body, with spans into the whole file text."""
    text = source.text
    line_starts = _line_starts(text)
    first_body_line = source.body_line - 1
    tokens = _parser().parse(source.body)
    segments: list[Segment] = []
    kinds: list[str] = []
    lists: list[_List] = []  # the lists the current token is in, innermost last
    context: str | None = None
    row_cursor = 0
    for token in tokens:
        if token.type in _LIST_OPEN:
            last = segments[-1] if segments else None
            lead_in = last.msgid if last and last.comment == "paragraph" else ""
            lists.append(_List(lead_in))
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            segments = _with_list_context(segments, lists.pop())
        elif token.type == "list_item_open" and lists:
            lists[-1].items.append([])
        if token.type in _BLOCK_KINDS:
            kinds.append(_BLOCK_KINDS[token.type])
        elif token.type.replace("_close", "_open") in _BLOCK_KINDS and token.nesting == -1:
            kinds.pop()
        elif token.type == "tr_open":
            row_cursor = 0
        elif token.type == "html_block":
            match = _CONTEXT_COMMENT.match(token.content)
            context = match.group(1) if match else context
        elif token.type == "inline" and token.map:
            kind = kinds[-1] if kinds else "paragraph"
            line = first_body_line + token.map[0]
            cursor = max(row_cursor, line_starts[line])
            offsets = _content_offsets(token.content, text, line_starts, line, cursor)
            if offsets:
                row_cursor = offsets[-1] + 1
            found = _inline_segments(token, offsets, kind, line + 1, context, lang,
                                     split and kind not in ("heading", "table header",
                                                            "table cell"))
            if lists and lists[-1].items:
                lists[-1].items[-1].extend(range(len(segments), len(segments) + len(found)))
            segments.extend(found)
            context = None if kind != "table cell" and kind != "table header" else context
    return segments


@dataclass
class _List:
    """A Markdown list being read: the sentence before it, and which segments (by
    index) each of its items holds."""

    lead_in: str
    items: list[list[int]] = field(default_factory=list)


def _with_list_context(segments: list[Segment], found: _List) -> list[Segment]:
    """Give a list's items the text they depend on.

    When a lead-in introduces the list (it ends with a colon), each item's first
    sentence gets the lead-in.  Otherwise, when the list is one sentence running over
    its items (only the last item ends like a sentence), every item gets the whole
    sentence: the lead-in and all items.
    """
    items = [[segments[i] for i in item] for item in found.items if item]
    if not items:
        return segments
    ends = [bool(_SENTENCE_END.search(item[-1].msgid)) for item in items]
    runs_on = len(items) > 1 and ends[-1] and not any(ends[:-1]) \
        and not found.lead_in.endswith(":")
    if found.lead_in.endswith(":"):
        update = {item[0]: found.lead_in for item in found.items if item}
    elif runs_on:
        sentence = " … ".join([*([found.lead_in] if found.lead_in else []),
                               *(" ".join(s.msgid for s in item) for item in items)])
        update = {i: sentence for item in found.items for i in item}
    else:
        return segments
    return [replace(s, context=update[i]) if i in update and not s.context else s
            for i, s in enumerate(segments)]


def _inline_segments(token: Token, offsets: list[int], kind: str, line: int,
                     context: str | None, lang: str, split: bool) -> list[Segment]:
    children = [c for c in token.children or [] if c.type not in ("softbreak", "hardbreak")]
    images = [c for c in children if c.type == "image"]
    if images and all(c.type == "image" or not c.content.strip() for c in children):
        # A paragraph of images only: the alt texts are what a translator translates.
        found = []
        for image in images:
            alt = image.content
            at = token.content.find(f"[{alt}]") + 1 if alt else -1
            if alt and at > 0:
                found.extend(_segments_of(alt, offsets[at:at + len(alt)], False, lang))
        return [Segment(m, context, "image alt text", line, a, b) for m, a, b in found]
    found = _segments_of(token.content, offsets, split, lang)
    # a sentence after the first of its block gets the sentence before it: enough to
    # resolve "It" or "them", and an edit elsewhere in the block changes no other comment
    return [Segment(m, context, kind, line, a, b,
                    context=found[index - 1][0] if index else "")
            for index, (m, a, b) in enumerate(found)]


def front_matter_segments(source: SourceText, config: Config, lang: str,
                          split: bool) -> list[Segment]:
    """Segments of the translatable front-matter keys (offsets into each value)."""
    segments = []
    for key in config.front_matter_keys:
        value = source.metadata.get(key)
        if not isinstance(value, str):
            continue
        line = _front_matter_line(source.text, key)
        for msgid, start, end in _segments_of(value, list(range(len(value))),
                                              split and key not in _UNSPLIT_FIELDS, lang):
            segments.append(Segment(msgid, None, f"front matter: {key}", line, start, end, key))
    return segments


def _front_matter_line(text: str, key: str) -> int:
    match = re.search(rf"^{re.escape(key)}\s*:", text, re.MULTILINE)
    return text[:match.start()].count("\n") + 1 if match else 1


def document_segments(source: SourceText, config: Config, lang: str) -> list[Segment]:
    """Every translatable segment of a document, front matter first, in source order."""
    split = config.segmentation == "sentence"
    return front_matter_segments(source, config, lang, split) + body_segments(source, lang, split)


# -- templates -------------------------------------------------------------------


def template(segments: list[Segment], reference: str, document: Document) -> polib.POFile:
    """A POT for one document: one entry per (msgctxt, msgid) with all references."""
    pot = polib.POFile()
    pot.header = f"Translation template for {reference}."
    pot.metadata = template_metadata(document)
    entries: dict[tuple[str | None, str], polib.POEntry] = {}
    for segment in segments:
        key = (segment.msgctxt, segment.msgid)
        entry = entries.get(key)
        if entry is None:
            entry = polib.POEntry(msgid=segment.msgid, msgctxt=segment.msgctxt, msgstr="")
            entries[key] = entry
            pot.append(entry)
        occurrence = (reference, str(segment.line))
        if occurrence not in entry.occurrences:
            entry.occurrences.append(occurrence)
        kinds, *contexts = entry.comment.split("\n") if entry.comment else [""]
        kinds_list = kinds.split("; ") if kinds else []
        if segment.comment not in kinds_list:
            kinds_list.append(segment.comment)
        context = f"{CONTEXT_PREFIX}{segment.context}" if segment.context else ""
        if context and context not in contexts:
            contexts.append(context)
        entry.comment = "\n".join(["; ".join(kinds_list), *contexts])
    pot.metadata_is_fuzzy = True
    return pot


def template_metadata(document: Document, created: str | None = None) -> dict[str, str]:
    """The POT header, as xgettext writes it, plus the document's source language."""
    return {
        "Project-Id-Version": document.key,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": created or datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M+0000"),
        "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
        "Language-Team": "LANGUAGE <LL@li.org>",
        "Language": "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": f"l10n-pipeline {__version__}",
        "X-Source-Language": document.source_language,
    }


def _body(catalog: polib.POFile) -> str:
    """The catalogue without its header, for 'did anything change' comparisons."""
    return "\n".join(str(entry) for entry in catalog)


def document_template(project: Project, document: Document) -> str:
    """The text of the POT that extraction writes for ``document``."""
    source_path = project.source_file(document)
    source = read_source(source_path)
    segments = document_segments(source, project.config, document.source_language)
    pot = template(segments, project.relative(source_path), document)
    pot_path = project.pot_file(document)
    if pot_path.exists():
        old = load_po(pot_path)
        if _body(old) == _body(pot):  # unchanged content keeps its creation date
            pot.metadata["POT-Creation-Date"] = old.metadata.get(
                "POT-Creation-Date", pot.metadata["POT-Creation-Date"])
    return format_catalog(pot)


def extract_document(project: Project, document: Document) -> bool:
    """Write the POT of one document; True when the file changed."""
    return atomic_write(project.pot_file(document), document_template(project, document))


def stale_templates(project: Project, documents: tuple[Document, ...]) -> list[Path]:
    """The templates that extraction would change (or create), writing nothing: what a
    pre-commit hook or CI asks before accepting a change to the sources."""
    stale = []
    for document in track([d for d in documents if d.translate], "extract --check"):
        path = project.pot_file(document)
        try:
            current = read_text(path)
        except FileNotFoundError:
            current = None
        if current != document_template(project, document):
            stale.append(path)
    return stale


def extract_project(project: Project, documents: tuple[Document, ...]) -> list[Path]:
    """Write a POT per translatable document; returns the templates that changed.

    A document whose source and template are as they were after its last extraction
    is skipped without being read.
    """
    done = StageCache(project.root, "extract", salt=repr(project.config))
    changed = []
    try:
        for document in track([d for d in documents if d.translate], "extract"):
            inputs = (project.source_file(document), project.pot_file(document))
            if done.is_fresh(document.key, inputs):
                continue
            if extract_document(project, document):
                changed.append(project.pot_file(document))
            done.record(document.key, inputs)
    finally:  # what was done stays done, even when a later document fails
        done.save()
    return changed
