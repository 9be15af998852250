"""``l10n build``: translated documents from the sources and the PO files.

The document's format (:mod:`.formats.sources`) renders it with each segment's source
span replaced by its translation, and ``lang`` and ``dir`` set; only translated and
reviewed entries are used, the rest falls back to the source text.  ``--html`` adds a
page for each built Markdown document.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from html import escape
from pathlib import Path

from lxml import html as lxml_html
from markdown_it import MarkdownIt

from .files import atomic_write, load_po, remove
from .formats import markdown
from .formats.document import SourceText
from .formats.sources import read_source, source_format
from .lang import format_date, language as language_facts
from .model import Document, Status, entry_status, live_entries
from .project import Project
from .ui import track


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
    kind = source_format(source.path)
    segments = kind.segments(source, project.config, document.source_language)
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
    text = kind.rebuild(source, segments, lambda s: usable.get((s.msgctxt, s.msgid)),
                  {"lang": language, "dir": language_facts(language).direction})
    atomic_write(target, text)
    if html:
        atomic_write(target.with_suffix(".html"), html_page(text, language))
    return DocumentBuild(document.key, language, pct, fallbacks, True, project.relative(target))


def html_page(markdown_text: str, language: str) -> str:
    """A standalone page with ``lang`` and ``dir`` on the root element.

    The front matter's title is the page's ``<title>`` and, when the body has no
    level-1 heading, its ``<h1>``; a front-matter ``date`` follows it, formatted for the
    language.  Every block and inline element whose letters all run against the
    direction around it carries its own ``dir`` (see :func:`isolate_runs`).
    """
    parsed = markdown.parse(Path("build.md"), markdown_text)
    body = MarkdownIt("commonmark", {"html": False}).enable("table").render(parsed.body)
    direction = language_facts(language).direction
    root = lxml_html.fragment_fromstring(body, create_parent="body")
    _add_heading(root, parsed.metadata, language)
    isolate_runs(root, direction)
    title = escape(str(parsed.metadata.get("title", "")))
    content = "".join(lxml_html.tostring(child, encoding="unicode") for child in root)
    return (f'<!DOCTYPE html>\n<html lang="{escape(language)}" dir="{direction}">\n'
            f'<head><meta charset="utf-8"><title>{title}</title>\n<style>body{{font:16px/1.5 '
            f'system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem}}'
            f'.date{{color:#555}}table{{border-collapse:collapse}}'
            f'td,th{{border:1px solid #ccc;padding:.2rem .5rem}}'
            f'</style></head>\n<body>\n{content}</body>\n</html>\n')


def _add_heading(root: lxml_html.HtmlElement, metadata: dict, language: str) -> None:
    """Put the front matter's title (when the body has no ``<h1>``) and date first."""
    blocks = []
    title = metadata.get("title")
    if title and root.find("h1") is None:
        heading = lxml_html.Element("h1")
        heading.text = str(title)
        blocks.append(heading)
    when = _as_date(metadata.get("date"))
    if when is not None:
        line = lxml_html.Element("p", {"class": "date"})
        stamp = lxml_html.Element("time", {"datetime": when.isoformat()})
        stamp.text = format_date(language, when)
        line.append(stamp)
        blocks.append(line)
    for index, block in enumerate(blocks):
        block.tail = "\n"
        root.insert(index, block)


def _as_date(value: object) -> date | None:
    """A front-matter ``date`` as a date: YAML gives one for ``2023-01-31``; a quoted
    ISO date is read too; anything else is no date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


# Elements that may run against the direction around them: blocks whose own text is in
# the other script (an untranslated fallback), and inline runs (links, code, emphasis).
_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "blockquote", "pre"}
_INLINE = {"a", "code", "em", "strong"}
_STRONG = {"L": "ltr", "R": "rtl", "AL": "rtl"}


def text_direction(text: str) -> str | None:
    """``ltr`` or ``rtl`` when every strong letter of ``text`` runs that way, else None
    (mixed text, or none: digits and punctuation take the direction around them)."""
    found = _letters(text)
    return found.pop() if len(found) == 1 else None


def _letters(text: str) -> set[str]:
    """The directions of the strong letters in ``text``."""
    return {_STRONG[kind] for kind in map(unicodedata.bidirectional, text) if kind in _STRONG}


def _own_text(block: lxml_html.HtmlElement) -> str:
    """A block's text outside the inline runs that are decided on their own, so that a
    paragraph holding only a URL keeps the page's side and isolates the URL."""
    parts = [block.text or ""]
    for child in block:
        if child.tag not in _INLINE and isinstance(child.tag, str):
            parts.append(_own_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def isolate_runs(element: lxml_html.HtmlElement, around: str) -> None:
    """Give ``dir`` to each element whose letters all run against ``around``.

    A ``dir`` attribute also isolates the element (HTML's ``unicode-bidi: isolate``), so
    neutral characters at its edges (the ``/`` ending a URL, a final full stop) stay
    with its text instead of joining the surrounding paragraph's direction.  Decided per
    element, outermost first; the text itself is never changed.
    """
    for child in element:
        if not isinstance(child.tag, str):
            continue  # comments
        inner = around
        if child.tag in _BLOCKS or child.tag in _INLINE:
            text = child.text_content() if child.tag in _INLINE else _own_text(child)
            own = text_direction(text)
            if own is not None and own != around:
                _set_direction(child, own)
                inner = own
        isolate_runs(child, inner)


def _set_direction(element: lxml_html.HtmlElement, direction: str) -> None:
    """``dir`` on the element; when its ``title`` (a tooltip, shown in the element's
    direction) does not run that way, on a ``<bdi>`` holding its content instead."""
    title = element.get("title", "")
    if _letters(title) <= {direction}:
        element.set("dir", direction)
        return
    wrapper = lxml_html.Element("bdi", {"dir": direction})
    wrapper.text, element.text = element.text, None
    wrapper.extend(list(element))
    element.append(wrapper)


def build_project(project: Project, languages: tuple[str, ...],
                  documents: tuple[Document, ...], html: bool = False) -> BuildSummary:
    summary = BuildSummary()
    work = list(project.catalogues(languages, documents))
    sources = {d.key: read_source(project.source_file(d)) for d in {c.document for c in work}}
    for catalogue in track(work, "build"):
        summary.builds.append(build_document(project, catalogue.document, catalogue.language,
                                             sources[catalogue.document.key], html))
    return summary
