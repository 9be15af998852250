"""``l10n build``: translated Markdown documents from the sources and the PO files.

Like po4a, each segment's source span is replaced by its translation, so the document
keeps its structure; unlike po4a, the front matter keeps its key order: only the values
of translated keys are rewritten, and ``lang`` and ``dir`` are set.  Only translated and
reviewed entries are used; the rest falls back to the source text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from markdown_it import MarkdownIt

from .extract import Segment, document_segments
from .files import atomic_write, load_po, remove
from .model import Document, Status, entry_status, live_entries
from .project import Project, SourceText, read_source
from .lang import language as language_facts
from .ui import track

Lookup = Callable[[Segment], "str | None"]
_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)
_LIST_MARKER = re.compile(r"[-*+]|\d+[.)]")


def _continuation_prefix(text: str, start: int) -> str:
    """What a continuation line needs to stay in the same block (list, quote)."""
    line_start = text.rfind("\n", 0, start) + 1
    prefix = text[line_start:start]
    return _LIST_MARKER.sub(lambda m: " " * len(m.group()), prefix)


def _replace_body(text: str, segments: list[Segment], lookup: Lookup) -> str:
    for segment in sorted((s for s in segments if s.field is None),
                          key=lambda s: s.start, reverse=True):
        translation = lookup(segment)
        if translation is None or translation == segment.msgid:
            continue  # keeps the source bytes, line breaks included
        if "\n" in translation:
            prefix = _continuation_prefix(text, segment.start)
            translation = translation.replace("\n", "\n" + prefix)
        text = text[:segment.start] + translation + text[segment.end:]
    return text


def _translated_value(value: str, segments: list[Segment], lookup: Lookup) -> str:
    for segment in sorted(segments, key=lambda s: s.start, reverse=True):
        translation = lookup(segment)
        if translation is not None and translation != segment.msgid:
            value = value[:segment.start] + translation + value[segment.end:]
    return value


def _set_key(front: str, key: str, value: str) -> str:
    """Set ``key`` in front-matter text in place (or append it), other lines untouched."""
    scalar = json.dumps(value, ensure_ascii=False)  # a valid YAML double-quoted scalar
    lines = front.splitlines(keepends=True)
    for index, line in enumerate(lines):
        if re.match(rf"{re.escape(key)}\s*:", line):
            end = index + 1
            while end < len(lines) and (lines[end].startswith((" ", "\t")) or not lines[end].strip()):
                end += 1
            lines[index:end] = [f"{key}: {scalar}\n"]
            return "".join(lines)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    return "".join(lines) + f"{key}: {scalar}\n"


def render(source: SourceText, segments: list[Segment], lookup: Lookup,
           extra: dict[str, str] | None = None) -> str:
    """The document with every segment that has a translation replaced.

    With a lookup that returns the msgid (or nothing) and no ``extra`` keys, the result
    is the source text byte for byte.
    """
    text = _replace_body(source.text, segments, lookup)
    match = _FRONT.match(text)
    changes: dict[str, str] = {}
    for key in dict.fromkeys(s.field for s in segments if s.field):
        value = source.metadata[key]
        translated = _translated_value(value, [s for s in segments if s.field == key], lookup)
        if translated != value:
            changes[key] = translated
    changes.update(extra or {})
    if not changes:
        return text
    if match is None:
        front, body = "", text if text.startswith("\n") else "\n" + text
    else:
        front, body = match.group(1) or "", text[match.end():]
    for key, value in changes.items():
        front = _set_key(front, key, value)
    return f"---\n{front}---\n{body}"


@dataclass
class DocumentBuild:
    document: str
    language: str
    translated_pct: float
    fallbacks: int
    written: bool
    path: str


@dataclass
class BuildSummary:
    builds: list[DocumentBuild] = field(default_factory=list)

    @property
    def fallbacks(self) -> int:
        return sum(b.fallbacks for b in self.builds)

    def as_dict(self) -> dict:
        return {"documents": [vars(b) for b in self.builds],
                "written": sum(b.written for b in self.builds),
                "below_threshold": sum(not b.written for b in self.builds),
                "fallbacks": self.fallbacks}


def translations(project: Project, document: Document, language: str
                 ) -> tuple[dict[tuple[str | None, str], str], int]:
    """Usable translations (translated or reviewed) and the number of live entries."""
    path = project.po_file(document, language)
    if not path.exists():
        return {}, 0
    entries = live_entries(load_po(path))
    usable = {(e.msgctxt, e.msgid): e.msgstr for e in entries
              if entry_status(e) in (Status.TRANSLATED, Status.REVIEWED)}
    return usable, len(entries)


def build_document(project: Project, document: Document, language: str,
                   source: SourceText, html: bool) -> DocumentBuild:
    segments = document_segments(source, project.config, document.source_language)
    usable, total = translations(project, document, language)
    keys = {(s.msgctxt, s.msgid) for s in segments}
    done = sum(1 for k in keys if k in usable)
    pct = round(100.0 * done / len(keys), 1) if keys else 100.0
    target = project.build_file(document, language)
    fallbacks = len(keys) - done
    if pct < project.config.build.threshold:
        for stale in (target, target.with_suffix(".html")):
            remove(stale)  # never leave an outdated translation behind
        return DocumentBuild(document.key, language, pct, fallbacks, False,
                             project.relative(target))
    text = render(source, segments, lambda s: usable.get((s.msgctxt, s.msgid)),
                  {"lang": language, "dir": language_facts(language).direction})
    atomic_write(target, text)
    if html:
        atomic_write(target.with_suffix(".html"), html_page(text, language))
    return DocumentBuild(document.key, language, pct, fallbacks, True, project.relative(target))


def html_page(markdown_text: str, language: str) -> str:
    """A standalone page with ``lang`` and ``dir`` on the root element."""
    from .project import parse_source
    parsed = parse_source(Path("build.md"), markdown_text)
    body = MarkdownIt("commonmark", {"html": False}).enable("table").render(parsed.body)
    title = escape(str(parsed.metadata.get("title", "")))
    return (f'<!DOCTYPE html>\n<html lang="{escape(language)}" dir="{language_facts(language).direction}">\n'
            f'<head><meta charset="utf-8"><title>{title}</title>\n<style>body{{font:16px/1.5 '
            f'system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem}}'
            f'table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:.2rem .5rem}}'
            f'</style></head>\n<body>\n{body}</body>\n</html>\n')


def build_project(project: Project, languages: tuple[str, ...],
                  documents: tuple[Document, ...], html: bool = False) -> BuildSummary:
    summary = BuildSummary()
    work = [(d, lang) for d in documents if d.translate for lang in d.languages
            if lang in languages]
    sources = {d.key: read_source(project.source_file(d)) for d in {d for d, _ in work}}
    for document, language in track(work, "build"):
        summary.builds.append(build_document(project, document, language,
                                             sources[document.key], html))
    return summary
