"""Running the checks over a project: each catalogue's target and catalogue checks, each
template's source checks, then the project checks over every checked catalogue of a
language; a large catalogue in one process per core, unchanged files from the cache."""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import TypeVar

import polib

from ..cache import StageCache, matches
from ..config import ChecksConfig
from ..files import collection_paused, file_stat, load_po
from ..glossary import Glossary, load_glossary
from ..model import FINDING_SHAPE, Document, Finding, live_entries
from ..project import Project
from .base import (CatalogueCheck, Check, Pair, Placed, ProjectCheck, Source, SourceCheck,
                   TargetCheck, checks_of)

T = TypeVar("T")
R = TypeVar("R")

# Below this many entries (about 400 bytes each in a PO file) checking runs in one
# process: starting others would cost more than it saves.
PARALLEL_FROM = 20_000
_BYTES_PER_ENTRY = 400

_Unit = tuple[str, str, frozenset[str], int]  # msgid, msgstr, checks ignored, line
_IN_WORKER = False  # set in the processes _in_parallel starts: they start none


def _become_worker() -> None:
    global _IN_WORKER
    _IN_WORKER = True


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1


def _in_parallel(function: Callable[[T], R], items: list[T], parallel: bool) -> Iterator[R]:
    """``function`` over ``items``, results in order: in one process per core when
    ``parallel`` (unless this is already one of those processes)."""
    cores = _cores()
    if not parallel or cores < 2 or len(items) < 2 or _IN_WORKER:
        yield from map(function, items)
        return
    from concurrent.futures import ProcessPoolExecutor  # 15 ms to import: only when used

    with ProcessPoolExecutor(min(cores, len(items)), initializer=_become_worker) as pool:
        yield from pool.map(function, items, chunksize=max(1, len(items) // (4 * cores)))


def _ignored(entry: polib.POEntry) -> frozenset[str]:
    if not entry.flags:  # most entries
        return frozenset()
    return frozenset(f.removeprefix("ignore-") for f in entry.flags if f.startswith("ignore-"))


def check_catalog(catalog: polib.POFile, source_lang: str, target_lang: str, glossary: Glossary,
                  disabled: frozenset[str] = frozenset(), file: str = "",
                  settings: ChecksConfig = ChecksConfig()) -> list[Finding]:
    """Findings for every translated or fuzzy entry of one catalogue, then for the
    catalogue as a whole; a large one is checked in one process per core, in contiguous
    slices, so the order stays."""
    units = [(e.msgid, e.msgstr, _ignored(e), e.linenum) for e in live_entries(catalog)
             if e.msgstr and not e.msgid_plural]  # translated or fuzzy, singular
    parallel = len(units) >= PARALLEL_FROM
    # Other processes get the glossary without its caches, which can be large.
    check = partial(_check_units, source_lang=source_lang, target_lang=target_lang,
                    glossary=Glossary(glossary.concepts) if parallel else glossary,
                    disabled=disabled, file=file, settings=settings)
    # Four slices a core: a core that another program slows takes fewer of them.
    size = max(1, -(-len(units) // (4 * _cores())) if parallel else len(units))
    slices = [units[i:i + size] for i in range(0, len(units), size)]
    findings = [finding for found in _in_parallel(check, slices, parallel) for finding in found]
    for whole in checks_of(CatalogueCheck, target_lang, disabled):
        for entry, message in whole.run(catalog, source_lang, target_lang):
            if entry is None or whole.id not in _ignored(entry):
                findings.append(Finding(file, entry.linenum if entry else None, target_lang,
                                        entry.msgid if entry else None, whole.id,
                                        whole.severity, message))
    return findings


def _check_units(units: list[_Unit], source_lang: str, target_lang: str, glossary: Glossary,
                 disabled: frozenset[str], file: str, settings: ChecksConfig) -> list[Finding]:
    # A check that only names triggers is skipped here, without a call, when the pair
    # has none of them; one with a test of its own is asked.
    checks = [(check, check.triggers, check.target_only,
               type(check).relevant is not TargetCheck.relevant)
              for check in checks_of(TargetCheck, target_lang, disabled)]
    # The same source and translation (with the same checks ignored) recur in a corpus:
    # checked once.
    seen: dict[tuple[str, str, frozenset[str]], list[tuple[Check, str]]] = {}
    findings = []
    with collection_paused():
        for msgid, msgstr, ignored, line in units:
            found = seen.get((msgid, msgstr, ignored))
            if found is None:
                found = seen[msgid, msgstr, ignored] = _found(
                    Pair(msgid, msgstr, source_lang, target_lang, glossary, settings),
                    checks, ignored)
            findings += [Finding(file, line, target_lang, msgid, check.id, check.severity,
                                 message) for check, message in found]
    return findings


def _found(pair: Pair, checks: list[tuple[TargetCheck, frozenset[str] | None, bool, bool]],
           ignored: frozenset[str]) -> list[tuple[Check, str]]:
    """(check, message) of every finding on one pair."""
    found: list[tuple[Check, str]] = []
    for check, triggers, target_only, asks in checks:
        if check.id in ignored:
            continue
        if asks:
            if not check.relevant(pair):
                continue
        elif triggers is not None and triggers.isdisjoint(
                pair.target_characters if target_only else pair.characters):
            continue
        found += [(check, message) for message in check.run(pair)]
    return found


def check_template(template: polib.POFile, source_lang: str, glossary: Glossary,
                   disabled: frozenset[str], file: str) -> list[Finding]:
    """Source-side findings: what the source checks find in each source text."""
    checks = checks_of(SourceCheck, source_lang, disabled)
    return [Finding(file, entry.linenum, source_lang, entry.msgid, check.id, check.severity, m)
            for entry in live_entries(template)
            for check in checks if check.id not in _ignored(entry)
            for m in check.run(Source(entry.msgid, source_lang, glossary))]


def placed(catalog: polib.POFile, file: str) -> list[Placed]:
    """The translated (not fuzzy) entries of a catalogue, for the project checks."""
    return [Placed(file, e.linenum, e.msgid, e.msgstr, _ignored(e))
            for e in live_entries(catalog)
            if e.msgstr and not e.fuzzy and not e.msgid_plural]


def check_project(entries: dict[str, list[Placed]],
                  disabled: frozenset[str] = frozenset()) -> list[Finding]:
    """What the project checks find over the translated entries of each language."""
    return [Finding(where.file, where.line, lang, where.msgid, check.id, check.severity, message)
            for lang, placed_entries in entries.items()
            for check in checks_of(ProjectCheck, lang, disabled)
            for where, message in check.run(placed_entries, lang)
            if check.id not in where.ignored]


_File = tuple[str, Path, str, str | None]  # unit, path, source language, target language
_Result = tuple[list[Finding], list[Placed]]


def run_checks(project: Project, languages: tuple[str, ...],
               documents: tuple[Document, ...] | None = None,
               templates: bool = True) -> list[Finding]:
    """Every finding of the project's catalogues in ``languages`` (and templates), then
    the project checks' over the documents checked.

    A file whose content (and the glossary's) is unchanged since it was last checked
    is not read: its findings (and what the project checks need of it) come from the
    stage cache.  The others are checked a document at a time, in one process per core
    when they hold 20,000 entries or so.
    """
    config = project.config.checks
    disabled = frozenset(config.disable)
    glossary_path = project.config.glossary_path
    done = StageCache(project.root, "check", salt=repr(project.config), shared=[glossary_path])
    by_document: list[list[_File]] = []
    for document in documents or project.documents:
        if not document.translate:
            continue
        files: list[_File] = []
        pot = project.pot_file(document)
        if templates and file_stat(pot) is not None:
            files.append((project.relative(pot), pot, document.source_language, None))
        for catalogue in project.catalogues(languages, (document,)):
            if catalogue.exists():
                files.append((catalogue.name, catalogue.path, document.source_language,
                              catalogue.language))
        by_document.append(files)
    found: dict[str, _Result] = {}
    to_check: list[list[_File]] = []
    for files in by_document:
        for unit, path, _, _ in files:
            known = done.lookup(unit, [path], shape=_CACHED)
            if isinstance(known, dict):  # a cache is a hint: anything else is checked again
                found[unit] = ([Finding(**f) for f in known["findings"]],
                               [Placed(unit, line, msgid, msgstr, frozenset(ignored))
                                for line, msgid, msgstr, ignored in known["entries"]])
        if any(unit not in found for unit, *_ in files):
            to_check.append([file for file in files if file[0] not in found])
    try:
        if to_check:
            size = sum(stat.st_size for files in to_check for _, path, _, _ in files
                       if (stat := file_stat(path)) is not None)
            check = partial(_check_files, glossary=load_glossary(glossary_path),
                            disabled=disabled, settings=config)
            for files, results in zip(to_check, _in_parallel(
                    check, to_check, size >= PARALLEL_FROM * _BYTES_PER_ENTRY)):
                for (unit, path, _, _), (findings, entries) in zip(files, results):
                    found[unit] = findings, entries
                    done.record(unit, [path], {
                        "findings": [f.as_dict() for f in findings],
                        "entries": [[e.line, e.msgid, e.msgstr,
                                     sorted(e.ignored) if e.ignored else []]
                                    for e in entries]})
    finally:  # what was checked stays checked, even when a later file is broken
        done.save()
    by_language: dict[str, list[Placed]] = defaultdict(list)
    for files in by_document:
        for unit, _, _, language in files:
            if language is not None:
                by_language[language].extend(found[unit][1])
    return [finding for files in by_document for unit, *_ in files
            for finding in found[unit][0]] + check_project(by_language, disabled)


def _placed_shape(value: object) -> bool:
    """A cached translated entry: ``[line, msgid, msgstr, ignored check ids]``."""
    return (isinstance(value, list) and len(value) == 4 and matches(value[0], int)
            and isinstance(value[1], str) and isinstance(value[2], str)
            and matches(value[3], [str]))


_CACHED = {"findings": [FINDING_SHAPE], "entries": [_placed_shape]}  # what record() keeps


def _check_files(files: list[_File], glossary: Glossary, disabled: frozenset[str],
                 settings: ChecksConfig) -> list[_Result]:
    """The findings of each file (a template's, without a target language), and its
    translated entries for the project checks."""
    results: list[_Result] = []
    for unit, path, source_lang, target_lang in files:
        po = load_po(path)
        if target_lang is None:
            results.append((check_template(po, source_lang, glossary, disabled, unit), []))
        else:
            results.append((check_catalog(po, source_lang, target_lang, glossary, disabled,
                                          unit, settings), placed(po, unit)))
    return results
