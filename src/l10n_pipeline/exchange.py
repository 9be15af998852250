"""Work with agencies and CAT tools: catalogues to XLIFF and back.

Export turns each catalogue's live entries into units (:mod:`.formats.xliff`) with
their status, the extracted comment, the glossary terms the source holds and the
checks' findings as notes.  Import applies a CAT tool's work to the catalogues:

- a target from XLIFF is a person's work: the pre-fill mark goes, so it is never
  ``machine`` again (unless the file still says machine and the text is unchanged);
- a unit whose source changed since the export (its entry is obsolete, or has it as
  its previous msgid) is not applied but reported; a unit id we never had is an error;
- a review sign-off is kept only where its hash still matches the entry; a unit the
  file says is reviewed is signed only when a reviewer is named (``--reviewed-by``);
- every file is read and every unit resolved before anything is written, and files
  whose entries did not change are not written at all (byte-identical).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import polib

from .checks import check_catalog, run_checks
from .errors import InputError
from .files import save_po
from .formats import xliff
from .glossary import Glossary, load_glossary
from .lang import base_language
from .model import (PREFILL_TAG, REVIEW_TAG, Document, Finding, Status, entry_status,
                    has_valid_signoff, live_entries, set_tagged_line, tagged_lines)
from .prefill import GLOSSARY_TAG
from .project import CatalogueRef, Project
from .review import sign


# -- export ---------------------------------------------------------------------------------

def _origin(entry: polib.POEntry) -> str:
    provenance = tagged_lines(entry, PREFILL_TAG)
    return "memory" if provenance and provenance[-1].startswith("memory") else "mt"


def _notes(entry: polib.POEntry, document: Document, language: str, glossary: Glossary,
           findings: list[Finding]) -> tuple[tuple[str, str], ...]:
    notes = []
    if entry.comment:
        notes.append(("extracted", entry.comment))
    if entry.msgctxt:
        notes.append(("context", entry.msgctxt))
    for concept, term, targets in glossary.terms_in(entry.msgid, document.source_language,
                                                    language):
        if targets:
            notes.append(("glossary", f"{term} = {' | '.join(targets)}"
                          + (f" ({concept.note})" if concept.note else "")))
    for term in glossary.dnt_terms():
        if term in entry.msgid:
            notes.append(("glossary", f"{term}: do not translate"))
    for finding in findings:
        notes.append(("check", f"{finding.severity} {finding.check}: {finding.message}"))
    return tuple(notes)


def export_units(project: Project, language: str, documents: tuple[Document, ...],
                 statuses: Iterable[Status] = tuple(Status)) -> list[xliff.Document]:
    """The units of ``documents`` in ``language`` whose status is one of ``statuses``."""
    wanted = set(statuses)
    glossary = load_glossary(project.config.glossary_path)
    in_scope = [c for c in project.catalogues((language,), documents) if c.exists()]
    by_entry: dict[tuple[str, str], list[Finding]] = {}
    for finding in run_checks(project, (language,), tuple(c.document for c in in_scope),
                              templates=False):
        by_entry.setdefault((finding.file, finding.msgid or ""), []).append(finding)
    exported = []
    for catalogue in in_scope:
        document, name = catalogue.document, catalogue.name
        units = []
        for entry in live_entries(catalogue.load()):
            status = entry_status(entry)
            if entry.msgid_plural or status not in wanted:
                continue
            units.append(xliff.Unit(
                xliff.unit_id(entry.msgctxt, entry.msgid), entry.msgid, entry.msgstr, status,
                _origin(entry) if status is Status.MACHINE else "",
                _notes(entry, document, language, glossary,
                       by_entry.get((name, entry.msgid), []))))
        exported.append(xliff.Document(document.key, document.source_language, language,
                                       tuple(units)))
    return exported


# -- import ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Change:
    """An entry the import changed."""

    file: str
    line: int
    msgid: str
    before: Status
    after: Status


@dataclass(frozen=True)
class Refusal:
    """A unit the import did not apply, and why."""

    file: str  # the XLIFF file
    line: int | None
    unit: str
    reason: str


@dataclass
class ImportResult:
    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0
    refused: list[Refusal] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    written: list[str] = field(default_factory=list)


def _same_language(theirs: str, ours: str) -> bool:
    """``fr-FR`` in a CAT tool's file is our ``fr``; ``fr-CA`` is not our ``fr-FR``."""
    theirs = theirs.replace("_", "-")
    return theirs.lower() == ours.lower() or (
        "-" not in ours and base_language(theirs).lower() == ours.lower())


@dataclass
class _ImportTarget:
    """A catalogue an import writes into, read, with what the import needs of it."""

    catalogue: CatalogueRef
    po: polib.POFile
    live: dict[str, polib.POEntry]
    changed_since: set[str]  # ids of sources the entries had before an update
    touched: list[polib.POEntry] = field(default_factory=list)


def _import_target(catalogue: CatalogueRef) -> _ImportTarget:
    if not catalogue.exists():
        raise InputError("no catalogue: run 'l10n update' first", catalogue.path)
    po = catalogue.load()
    live = {xliff.unit_id(e.msgctxt, e.msgid): e for e in live_entries(po)
            if not e.msgid_plural}
    before = {xliff.unit_id(e.msgctxt, e.msgid) for e in po if e.obsolete}
    before |= {xliff.unit_id(e.previous_msgctxt or e.msgctxt, e.previous_msgid)
               for e in po if e.previous_msgid}
    return _ImportTarget(catalogue, po, live, before)


def _resolve(project: Project, read: xliff.ReadDocument, path: Path,
             targets: dict[Path, _ImportTarget]) -> _ImportTarget:
    documents = {d.key: d for d in project.documents if d.translate}
    document = documents.get(read.original)
    if document is None:
        raise InputError(f"unknown document {read.original!r}", path, read.line)
    if not _same_language(read.source_language, document.source_language):
        raise InputError(f"source language {read.source_language!r} is not the source "
                         f"language of {document.key} ({document.source_language})", path,
                         read.line)
    language = next((lang for lang in document.languages
                     if _same_language(read.target_language, lang)), None)
    if language is None:
        raise InputError(f"target language {read.target_language!r} is not a language of "
                         f"{document.key} ({', '.join(document.languages)})", path, read.line)
    catalogue = next(project.catalogues((language,), (document,)))
    if catalogue.path not in targets:
        targets[catalogue.path] = _import_target(catalogue)
    return targets[catalogue.path]


def apply_unit(entry: polib.POEntry, unit: xliff.ReadUnit, reviewer: str | None,
               today: date) -> bool:
    """Apply one unit to its entry; True when the entry changed."""
    current = entry_status(entry)
    target = unit.target
    if not target:  # nothing translated in the file: ours stays
        return False
    wanted = unit.status
    if target == entry.msgstr and (wanted is current or (
            wanted is Status.TRANSLATED and current is Status.REVIEWED) or (
            wanted is Status.REVIEWED and current is Status.TRANSLATED and not reviewer)):
        return False
    if wanted is Status.MACHINE:  # still a pre-fill in the file, but a person edited it
        wanted = Status.FUZZY
    entry.msgstr = target
    set_tagged_line(entry, PREFILL_TAG, None)  # a person's work, not a machine's
    set_tagged_line(entry, GLOSSARY_TAG, None)
    if wanted is Status.FUZZY:
        if "fuzzy" not in entry.flags:
            entry.flags.insert(0, "fuzzy")
    else:
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgctxt = entry.previous_msgid_plural = None
        if wanted is Status.REVIEWED and reviewer:
            sign(entry, reviewer, today)
    if not has_valid_signoff(entry):  # kept only where its hash still matches
        set_tagged_line(entry, REVIEW_TAG, None)
    return True


def import_xliff(project: Project, paths: list[Path], reviewer: str | None = None,
                 today: date | None = None) -> ImportResult:
    """Apply XLIFF files to the catalogues; nothing is written unless all of them read."""
    day = today or date.today()
    result = ImportResult()
    targets: dict[Path, _ImportTarget] = {}
    plan: list[tuple[Path, _ImportTarget, polib.POEntry, xliff.ReadUnit]] = []
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror}", path) from None
        _, documents = xliff.read(data, path)
        for read in documents:
            target = _resolve(project, read, path, targets)
            for unit in read.units:
                entry = target.live.get(unit.id)
                if entry is None and unit.id in target.changed_since:
                    result.refused.append(Refusal(str(path), unit.line, unit.id,
                                                  "its source changed since the export"))
                elif entry is None:
                    raise InputError(f"unknown unit id {unit.id!r} in {read.original} "
                                     f"({target.catalogue.language})", path, unit.line)
                elif unit.source != entry.msgid:
                    result.refused.append(Refusal(str(path), unit.line, unit.id,
                                                  "its source differs from the catalogue's"))
                else:
                    plan.append((path, target, entry, unit))
    for path, target, entry, unit in plan:
        before = entry_status(entry)
        if apply_unit(entry, unit, reviewer, day):
            target.touched.append(entry)
            result.changes.append(Change(target.catalogue.name, entry.linenum,
                                         entry.msgid, before, entry_status(entry)))
        else:
            result.unchanged += 1
        if unit.status is Status.REVIEWED and entry_status(entry) is not Status.REVIEWED:
            result.refused.append(Refusal(
                str(path), unit.line, unit.id,
                "marked reviewed in the file but not signed here (sign with "
                "--reviewed-by NAME or l10n review approve)"))
    glossary = load_glossary(project.config.glossary_path)
    disabled = frozenset(project.config.checks.disable)
    for target in targets.values():
        if not target.touched:
            continue
        name = target.catalogue.name
        imported = {e.msgid for e in target.touched}
        result.findings.extend(
            f for f in check_catalog(target.po, target.catalogue.document.source_language,
                                     target.catalogue.language, glossary, disabled, name)
            if f.msgid in imported)
        save_po(target.po, target.catalogue.path)
        result.written.append(name)
    return result


# -- translation memories (TMX) -------------------------------------------------------------

def export_tmx(project: Project, languages: tuple[str, ...]) -> dict[str, bytes]:
    """Our translation memory in ``languages`` as one TMX document (keyed by the
    languages it holds, joined by '+', for the CLI's one-output-per-key writing)."""
    from .formats import tmx
    from .memory import build_memory
    memory, _ = build_memory(project)
    by_source: dict[tuple[str, str], dict[str, str]] = {}
    for (source, target), units in sorted(memory.units.items()):
        if target not in languages:
            continue
        for msgid, msgstr in units.items():
            by_source.setdefault((source, msgid), {source: msgid})[target] = msgstr
    exported = [tmx.TranslationUnit(source, variants)
                for (source, _), variants in by_source.items()]
    sources = {unit.source_language for unit in exported} or {project.config.source_language}
    header = sources.pop() if len(sources) == 1 else "*all*"
    return {"+".join(languages): tmx.write(exported, header, project.config.segmentation)}


def import_tmx(project: Project, path: Path) -> dict:
    """Keep the pairs of an outside TMX whose languages are the project's, as
    ``translations/memory/<name>.tmx`` for pre-fill; what was kept, per pair."""
    from .files import atomic_write
    from .formats import tmx
    from .memory import MEMORY_DIR
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path) from None
    sources = {project.config.source_language, *(d.source_language for d in project.documents)}
    targets = set(project.config.languages) | {lang for d in project.documents
                                               for lang in d.languages}

    def ours(language: str, among: set[str]) -> str | None:
        return next((lang for lang in sorted(among) if _same_language(language, lang)), None)

    kept: list[tmx.TranslationUnit] = []
    counts: dict[str, int] = {}
    skipped = 0
    for unit in tmx.read(data, path):
        source = ours(unit.source_language, sources)
        variants = {known: text for lang, text in unit.variants.items()
                    if lang != unit.source_language and text
                    and (known := ours(lang, targets - {source})) is not None}
        if source is None or not variants or not unit.variants[unit.source_language]:
            skipped += 1
            continue
        kept.append(tmx.TranslationUnit(source, {source: unit.variants[unit.source_language],
                                                 **variants}))
        for language in variants:
            counts[f"{source}-{language}"] = counts.get(f"{source}-{language}", 0) + 1
    if not kept:
        raise InputError("no translation unit in the project's languages", path)
    name = path.stem + ".tmx"
    header = {u.source_language for u in kept}
    atomic_write(project.config.translations_path / MEMORY_DIR / name,
                 tmx.write(kept, header.pop() if len(header) == 1 else "*all*",
                           project.config.segmentation).decode("utf-8"))
    return {"file": f"{project.config.translations_dir}/{MEMORY_DIR}/{name}",
            "units": dict(sorted(counts.items())), "skipped": skipped}


# -- terminology (TBX) ----------------------------------------------------------------------

def export_tbx(project: Project) -> bytes:
    """The glossary as TBX-Basic."""
    from .formats import tbx
    glossary = load_glossary(project.config.glossary_path)
    return tbx.write([tbx.Concept(dict(c.terms), c.type, c.note) for c in glossary.concepts],
                     project.config.source_language)


_FORMULA_START = tuple("=+-@\t\r")  # what a spreadsheet would run (glossary check's rule)


def import_tbx(project: Project, path: Path) -> dict:
    """Append the concepts of a TBX file (IATE's, say) that are not already ours to the
    glossary: a concept is ours when one of its terms already is, in the same language.
    Only the glossary's language columns are kept; a concept with no term in the
    source language, or a cell a spreadsheet would run, is skipped."""
    import csv
    import io

    from .files import atomic_write, read_text
    from .formats import tbx
    from .glossary import fold
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path) from None
    concepts = tbx.read(data, path)
    glossary_path = project.config.glossary_path
    source_language = project.config.source_language
    if glossary_path.exists():
        text = read_text(glossary_path)
        header = next(csv.reader(io.StringIO(text)), [])
    else:
        text, header = "", [source_language, *project.config.languages, "type", "note"]
    columns = [c.strip() for c in header if c.strip() not in ("type", "note")]
    seen = {(column, fold(term, column)) for c in load_glossary(glossary_path).concepts
            for column, terms in c.terms.items() for term in terms}
    rows, duplicates, skipped = [], 0, 0
    for concept in concepts:
        cells: dict[str, str] = {}
        for language, terms in concept.terms.items():
            column = next((c for c in columns if _same_language(language, c)), None)
            if column and column not in cells:
                cells[column] = "|".join(terms)
        keys = {(column, fold(term, column)) for column, value in cells.items()
                for term in value.split("|")}
        if source_language not in cells or any(
                value.startswith(_FORMULA_START) for value in (*cells.values(), concept.note)):
            skipped += 1
        elif keys & seen:
            duplicates += 1
        else:
            seen |= keys
            rows.append([cells.get(c.strip(), concept.type if c.strip() == "type" else
                                   concept.note if c.strip() == "note" else "") for c in header])
    if rows:
        line_end = "\r\n" if "\r\n" in text else "\n"
        out = io.StringIO()
        writer = csv.writer(out, lineterminator=line_end)
        if not text:
            writer.writerow(header)
        elif not text.endswith(("\n", "\r")):
            out.write(line_end)
        writer.writerows(rows)
        atomic_write(glossary_path, text + out.getvalue())
    return {"file": project.relative(glossary_path), "added": len(rows),
            "duplicates": duplicates, "skipped": skipped}
