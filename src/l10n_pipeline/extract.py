"""Extraction: source documents -> segments -> POT templates.

A document's format (:mod:`.formats.sources`, by suffix) parses it and cuts it into
segments, each with the exact source span it came from, so that the build stage can put
translations back where the text was; this stage turns the segments into a template.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import polib

from . import __version__
from .cache import StageCache
from .files import atomic_write, load_po, read_text
from .formats.document import Segment
from .formats.po_write import format_catalog
from .formats.sources import read_source, source_format
from .model import CONTEXT_PREFIX, Document
from .project import Project
from .ui import track


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
    segments = source_format(source_path).segments(source, project.config,
                                                   document.source_language)
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
    changed = []
    with StageCache(project.root, "extract", salt=repr(project.config)) as done:
        for document in track([d for d in documents if d.translate], "extract"):
            inputs = (project.source_file(document), project.pot_file(document))
            if done.is_fresh(document.key, inputs):
                continue
            if extract_document(project, document):
                changed.append(project.pot_file(document))
            done.record(document.key, inputs)
    return changed
