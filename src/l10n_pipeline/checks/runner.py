"""Running the checks over a project: each catalogue's target and catalogue checks, each
template's source checks, then the project checks over every checked catalogue of a
language; a large catalogue in one process per core, unchanged files from the cache.

Other processes check a large catalogue while this one is still reading it (its
entries are sent in parts as they are read), and then while this one runs the project
checks: they need its translated entries, not its findings."""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import polib

from ..cache import Encoded, StageCache, matches
from ..config import ChecksConfig
from ..files import collection_paused, file_stat, load_po
from ..glossary import Glossary, load_glossary
from ..model import FINDING_SHAPE, Document, Finding, live_entries
from ..project import Project
from .base import (CatalogueCheck, Check, Pair, Placed, ProjectCheck, Source, SourceCheck,
                   TargetCheck, checks_of)

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

T = TypeVar("T")
R = TypeVar("R")

# Below this many entries (about 400 bytes each in a PO file) checking runs in one
# process: starting others would cost more than it saves.
PARALLEL_FROM = 20_000
_BYTES_PER_ENTRY = 400

_WORK: Callable[[Any], Any] | None = None  # in a worker process: what each item is given to


def _become_worker(work: Callable[[Any], Any]) -> None:
    global _WORK
    _WORK = work


def _work(item: Any) -> Any:
    assert _WORK is not None
    return _WORK(item)


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1


def _start_method() -> str:
    """Fork on Linux, so that worker processes start with what they work on (a
    catalogue's entries) already in memory instead of receiving it pickled, which would
    cost a large catalogue's checking a tenth more.  A process with other threads (a
    server) could fork one holding a lock, and other systems have no safe fork: there
    each worker is a fresh interpreter, sent the work pickled."""
    return "fork" if sys.platform == "linux" and threading.active_count() == 1 else "spawn"


def _done(result: R) -> Future[R]:
    future: Future[R] = Future()
    future.set_result(result)
    return future


class _Workers:
    """Worker processes, one per core, for one piece of work at a time.

    :meth:`start` returns futures at once, so this process can do other work while
    they run (or :meth:`open` them for a piece of work and :meth:`submit` its items as
    they come); starting the next piece waits for the last (its results stay in its
    futures).  In a worker process, on one core, or when not worth it, the work is
    done at once, here.  Leaving the ``with`` block after an error cancels what has not
    started.
    """

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._work: Callable[[Any], Any] | None = None

    def start(self, work: Callable[[T], R], items: list[T], parallel: bool,
              ) -> list[Future[R]]:
        self.open(work, parallel and len(items) >= 2, len(items))
        return [self.submit(item) for item in items]

    def open(self, work: Callable[[T], R], parallel: bool, items: int | None = None) -> bool:
        """Make ``work`` what :meth:`submit` does (in processes when ``parallel``, for at
        most ``items`` items if known); whether that is in other processes."""
        self.close()
        self._work = work
        cores = _cores()
        if not parallel or cores < 2 or _WORK is not None:
            return False
        from concurrent.futures import ProcessPoolExecutor  # 15 ms to import: only when used

        context = multiprocessing.get_context(_start_method())
        self._pool = ProcessPoolExecutor(min(cores, items or cores), mp_context=context,
                                         initializer=_become_worker, initargs=(work,))
        return True

    def submit(self, item: Any) -> Future[Any]:
        """The opened work started on ``item`` (or done, here)."""
        assert self._work is not None
        if self._pool is None:
            return _done(self._work(item))
        return self._pool.submit(_work, item)

    def close(self, cancel: bool = False) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=cancel)
            self._pool = None
        self._work = None

    def __enter__(self) -> _Workers:
        return self

    def __exit__(self, error: type[BaseException] | None, *rest: object) -> None:
        self.close(cancel=error is not None)


@dataclass
class _Started:
    """A file being checked: its findings in parts (in other processes, some may still
    be under way) and, for the project checks, its translated entries."""

    parts: list[Future[list[Finding]]]
    entries: list[Placed]

    def done(self) -> bool:
        return all(part.done() for part in self.parts)

    def findings(self) -> list[Finding]:
        return [finding for part in self.parts for finding in part.result()]


_NONE: frozenset[str] = frozenset()


def _ignored(entry: polib.POEntry) -> frozenset[str]:
    if not entry.flags:  # most entries
        return _NONE
    return frozenset(f.removeprefix("ignore-") for f in entry.flags if f.startswith("ignore-"))


def check_catalog(catalog: polib.POFile, source_lang: str, target_lang: str, glossary: Glossary,
                  disabled: frozenset[str] = frozenset(), file: str = "",
                  settings: ChecksConfig = ChecksConfig()) -> list[Finding]:
    """Findings for every translated or fuzzy entry of one catalogue, then for the
    catalogue as a whole; a large one is checked in one process per core, in contiguous
    slices, so the order stays."""
    with _Workers() as workers:
        return [finding for part in _start_catalog(
            catalog, source_lang, target_lang, glossary, disabled, file, settings, workers)
            for finding in part.result()]


def _start_catalog(catalog: polib.POFile, source_lang: str, target_lang: str,
                   glossary: Glossary, disabled: frozenset[str], file: str,
                   settings: ChecksConfig, workers: _Workers) -> list[Future[list[Finding]]]:
    """:func:`check_catalog`, started: its findings in order, in parts."""
    rows = _rows(catalog)
    parallel = len(rows) >= PARALLEL_FROM
    check = partial(_check_slice, rows=rows, **_target_work(
        source_lang, target_lang, glossary, disabled, file, settings, parallel))
    # Sixteen slices a core (a slice is sent as two numbers): the workers end within
    # a small slice of each other, and a core another program slows takes fewer.
    size = max(1, -(-len(rows) // (16 * _cores())) if parallel else len(rows))
    parts = workers.start(check, [(i, i + size) for i in range(0, len(rows), size)], parallel)
    return [*parts, _done(_whole(catalog, source_lang, target_lang, disabled, file))]


_Row = tuple[int, str, str, frozenset[str]]  # an entry's line, msgid, msgstr, ignored checks


def _rows(entries: Iterable[polib.POEntry]) -> list[_Row]:
    """What the target checks read of each entry they check (translated or fuzzy,
    singular, live)."""
    return [(e.linenum, e.msgid, e.msgstr, _ignored(e) if e.flags else _NONE)
            for e in live_entries(entries) if e.msgstr and not e.msgid_plural]


def _target_work(source_lang: str, target_lang: str, glossary: Glossary,
                 disabled: frozenset[str], file: str, settings: ChecksConfig,
                 parallel: bool) -> dict[str, Any]:
    """The arguments of :func:`_check_rows` but the rows.  Other processes get the
    glossary without its caches, which can be large."""
    return {"source_lang": source_lang, "target_lang": target_lang,
            "glossary": Glossary(glossary.concepts) if parallel else glossary,
            "disabled": disabled, "file": file, "settings": settings}


def _whole(catalog: polib.POFile, source_lang: str, target_lang: str,
           disabled: frozenset[str], file: str) -> list[Finding]:
    """The catalogue checks' findings."""
    whole: list[Finding] = []
    for check_whole in checks_of(CatalogueCheck, target_lang, disabled):
        for entry, message in check_whole.run(catalog, source_lang, target_lang):
            if entry is None or check_whole.id not in _ignored(entry):
                whole.append(Finding(file, entry.linenum if entry else None, target_lang,
                                     entry.msgid if entry else None, check_whole.id,
                                     check_whole.severity, message))
    return whole


class _Streamed:
    """A large catalogue's checking started while the file is still being read: its
    rows are sent to the workers in parts as they come (see :func:`load_po`)."""

    def __init__(self, workers: _Workers, size: int) -> None:
        self.workers, self.size = workers, size
        self.parts: list[Future[list[Finding]]] = []
        self.rows: list[_Row] = []

    def __call__(self, entries: list[polib.POEntry] | None) -> None:
        if entries is None:  # the file is read again: what was sent is void
            for part in self.parts:
                part.cancel()
            self.parts, self.rows = [], []
            return
        self.rows += _rows(entries)
        if len(self.rows) >= self.size:
            self.send(self.size)

    def send(self, least: int = 1) -> None:
        """Send the rows not yet sent in parts of ``size``, leaving fewer than ``least``."""
        while len(self.rows) >= least:
            self.parts.append(self.workers.submit(self.rows[:self.size]))
            del self.rows[:self.size]


def _check_slice(bounds: tuple[int, int], rows: list[_Row], **work: Any) -> list[Finding]:
    """The target checks' findings on ``rows[start:stop]``."""
    return _check_rows(rows[bounds[0]:bounds[1]], **work)


def _check_rows(rows: list[_Row], source_lang: str, target_lang: str, glossary: Glossary,
                disabled: frozenset[str], file: str, settings: ChecksConfig) -> list[Finding]:
    """The target checks' findings on ``rows``."""
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
        for line, msgid, msgstr, ignored in rows:
            found = seen.get((msgid, msgstr, ignored))
            if found is None:
                found = seen[msgid, msgstr, ignored] = _found(
                    Pair(msgid, msgstr, source_lang, target_lang, glossary, settings),
                    checks, ignored)
            if found:  # (most have none)
                findings += [Finding(file, line, target_lang, msgid, check.id,
                                     check.severity, message) for check, message in found]
    return findings


def _found(pair: Pair, checks: list[tuple[TargetCheck, frozenset[str] | None, bool, bool]],
           ignored: frozenset[str]) -> list[tuple[Check, str]]:
    """(check, message) of every finding on one pair."""
    found: list[tuple[Check, str]] = []
    if ignored:
        checks = [entry for entry in checks if entry[0].id not in ignored]
    characters, target_characters = pair.characters, pair.target_characters
    for check, triggers, target_only, asks in checks:
        if asks:
            if not check.relevant(pair):
                continue
        elif triggers is not None and triggers.isdisjoint(
                target_characters if target_only else characters):
            continue
        for message in check.run(pair):
            found.append((check, message))
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
    return [Placed(file, e.linenum, e.msgid, e.msgstr, _ignored(e) if e.flags else _NONE)
            for e in live_entries(catalog)
            if e.msgstr and not e.msgid_plural and not (e.flags and e.fuzzy)]


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
    found: dict[str, _Started] = {}
    to_check: list[list[_File]] = []
    for files in by_document:
        for unit, path, _, _ in files:
            known = done.lookup(unit, [path], shape=_CACHED)
            if isinstance(known, dict):  # a cache is a hint: anything else is checked again
                found[unit] = _Started(
                    [_done([Finding(**f) for f in known["findings"]])],
                    [Placed(unit, line, msgid, msgstr, frozenset(ignored))
                     for line, msgid, msgstr, ignored in known["entries"]])
        if any(unit not in found for unit, *_ in files):
            to_check.append([file for file in files if file[0] not in found])
    checked: list[tuple[_File, _Started]] = []
    as_cached: dict[str, Encoded] = {}
    try:
        # Nothing built here forms reference cycles: see collection_paused.
        with _Workers() as workers, collection_paused():
            if to_check:
                size = sum(stat.st_size for files in to_check for _, path, _, _ in files
                           if (stat := file_stat(path)) is not None)
                glossary = load_glossary(glossary_path)
                if len(to_check) > 1 and size >= PARALLEL_FROM * _BYTES_PER_ENTRY:
                    # Documents in parallel, each checked whole in one process.
                    check = partial(_check_files, glossary=glossary, disabled=disabled,
                                    settings=config)
                    for files, results in zip(to_check, workers.start(check, to_check, True)):
                        checked += [(file, _Started([_done(findings)], entries)) for file,
                                    (findings, entries) in zip(files, results.result())]
                else:  # here, a large catalogue's slices in parallel
                    for files in to_check:
                        checked += zip(files, _start_files(files, glossary, disabled, config,
                                                           workers))
                found.update((file[0], started) for file, started in checked)
            # while the last large catalogue is checked in other processes:
            as_cached = {unit: Encoded(_cached_entries(started.entries))
                         for (unit, *_), started in checked}
            done.hash_ahead(path for (_, path, _, _), _ in checked)
            by_language: dict[str, list[Placed]] = defaultdict(list)
            for files in by_document:
                for unit, _, _, language in files:
                    if language is not None:
                        by_language[language].extend(found[unit].entries)
            project_findings = check_project(by_language, disabled)
            findings = [finding for files in by_document for unit, *_ in files
                        for finding in found[unit].findings()]
    finally:  # what was checked stays checked, even when a later file is broken
        for (unit, path, _, _), started in checked:
            if started.done():
                done.record(unit, [path], {
                    "findings": [f.as_dict() for f in started.findings()],
                    "entries": as_cached.get(unit) or _cached_entries(started.entries)})
        done.save()
    return findings + project_findings


def _placed_shape(value: object) -> bool:
    """A cached translated entry: ``[line, msgid, msgstr, ignored check ids]``."""
    return (isinstance(value, list) and len(value) == 4 and matches(value[0], int)
            and isinstance(value[1], str) and isinstance(value[2], str)
            and matches(value[3], [str]))


_CACHED = {"findings": [FINDING_SHAPE], "entries": [_placed_shape]}  # what record() keeps


def _cached_entries(entries: list[Placed]) -> list[list[object]]:
    return [[e.line, e.msgid, e.msgstr, sorted(e.ignored)] for e in entries]


def _start_files(files: list[_File], glossary: Glossary, disabled: frozenset[str],
                 settings: ChecksConfig, workers: _Workers) -> list[_Started]:
    """Each file (a template, without a target language, or a catalogue) read and its
    checking started."""
    started: list[_Started] = []
    for unit, path, source_lang, target_lang in files:
        if target_lang is None:
            po = load_po(path)
            started.append(_Started(
                [_done(check_template(po, source_lang, glossary, disabled, unit))], []))
            continue
        entries = (stat.st_size // _BYTES_PER_ENTRY) if (stat := file_stat(path)) else 0
        if entries >= PARALLEL_FROM and workers.open(partial(_check_rows, **_target_work(
                source_lang, target_lang, glossary, disabled, unit, settings, True)), True):
            # A large catalogue is checked while it is read (sixteen parts a core).
            stream = _Streamed(workers, max(1, entries // (16 * _cores())))
            po = load_po(path, stream)
            stream.send()
            parts = [*stream.parts, _done(_whole(po, source_lang, target_lang, disabled, unit))]
        else:
            po = load_po(path)
            parts = _start_catalog(po, source_lang, target_lang, glossary, disabled, unit,
                                   settings, workers)
        started.append(_Started(parts, placed(po, unit)))  # read while it is checked
    return started


def _check_files(files: list[_File], glossary: Glossary, disabled: frozenset[str],
                 settings: ChecksConfig) -> list[_Result]:
    """The findings of each file, and its translated entries for the project checks."""
    with _Workers() as workers, collection_paused():
        return [(started.findings(), started.entries)
                for started in _start_files(files, glossary, disabled, settings, workers)]
