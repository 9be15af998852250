"""Coverage: strings and words per status, per language and per document.

Counts agree with ``msgfmt --statistics`` (translated + reviewed = its translated,
machine + fuzzy = its fuzzy, untranslated = its untranslated) and words are counted
as translate-toolkit's pocount counts them: UAX #29 words of the source text, after
removing markup tags and splitting "a.b".
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import polib
from unicode_segmentation_rs import unicode_words

from .cache import StageCache, matches
from .checks import run_checks
from .files import file_stat, load_po
from .gate import MISSING, Group, Verdict, blocks, release_catalogues
from .lang import language
from .model import (STATUSES, Finding, Status, entry_status, has_stale_signoff,
                    live_entries)
from .project import CatalogueRef, Project

_BR = re.compile(r"<br\s*?/?>")
_TAG = re.compile(r"<(?:[\w]+:)?[\w]+(?:\s+[\w:.-]+=\"[^\"]*\")*\s*/?>|</[\w:]+>")
_DOT_BETWEEN = re.compile(r"\D\.\D")
OPEN = (Status.UNTRANSLATED, Status.MACHINE, Status.FUZZY)


def word_count(text: str) -> int:
    """Words as pocount counts them."""
    if "<" in text:
        text = _TAG.sub("", _BR.sub("\n", text))
    if "." in text[:-1]:
        text = _DOT_BETWEEN.sub(" ", text)
    return len(unicode_words(text))


@dataclass
class Tally:
    """Strings and words per status, plus what a coordinator needs beside them."""

    strings: dict[Status, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    words: dict[Status, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    stale_reviews: int = 0
    errors: int = 0
    warnings: int = 0
    glossary_violations: int = 0
    # strings with a check error, by status (NO_ENTRY: errors on no entry, the header):
    # with the status counts, what the release verdict needs without reading the file
    erring: dict[str, int] = field(default_factory=dict)

    def add(self, other: Tally) -> None:
        for status in STATUSES:
            self.strings[status] += other.strings[status]
            self.words[status] += other.words[status]
        self.stale_reviews += other.stale_reviews
        self.errors += other.errors
        self.warnings += other.warnings
        self.glossary_violations += other.glossary_violations
        for key, n in other.erring.items():
            self.erring[key] = self.erring.get(key, 0) + n

    def counts(self) -> dict:
        """The counts read from a catalogue (not the check results), as plain data."""
        return {"strings": {s.value: n for s, n in self.strings.items()},
                "words": {s.value: n for s, n in self.words.items()},
                "stale_reviews": self.stale_reviews, "erring": self.erring}

    @classmethod
    def from_counts(cls, data: dict) -> Tally:
        """The tally of :meth:`counts` (``data`` has :data:`COUNTS_SHAPE`)."""
        return cls({s: data["strings"][s.value] for s in STATUSES},
                   {s: data["words"][s.value] for s in STATUSES}, data["stale_reviews"],
                   erring=data.get("erring", {}))

    def blocking(self, require: str) -> tuple[dict[str, int], int]:
        """The release gate's count on these numbers: strings per blocking reason, and
        how many strings block in all (those plus accepted strings with a check error)."""
        reasons = {reason: n for status, n in self.strings.items()
                   if n and (reason := blocks(status, require))}
        erring = sum(n for key, n in self.erring.items()
                     if key == NO_ENTRY or blocks(Status(key), require) is None)
        return reasons, sum(reasons.values()) + erring

    @property
    def open_strings(self) -> int:
        return sum(self.strings[s] for s in OPEN)

    def pct(self, *statuses: Status) -> float:
        total = sum(self.strings.values())
        done = sum(self.strings[s] for s in statuses)
        return round(100.0 * done / total, 1) if total else 100.0

    @property
    def translated_pct(self) -> float:
        return self.pct(Status.TRANSLATED, Status.REVIEWED)

    @property
    def reviewed_pct(self) -> float:
        return self.pct(Status.REVIEWED)

    def as_dict(self) -> dict:
        strings = {"total": sum(self.strings.values()), **{s.value: n for s, n in self.strings.items()}}
        words = {"total": sum(self.words.values()), **{s.value: n for s, n in self.words.items()}}
        return {"strings": strings, "words": words, "translated_pct": self.translated_pct,
                "reviewed_pct": self.reviewed_pct, "errors": self.errors,
                "warnings": self.warnings, "stale_reviews": self.stale_reviews,
                "glossary_violations": self.glossary_violations}


@dataclass(frozen=True)
class OpenEntry:
    """A string still to be done, or whose review went stale, for the drill-down."""

    status: str  # a status, or STALE
    msgid: str
    msgstr: str
    file: str
    line: int

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


STALE = "stale review"
NO_ENTRY = "none"


def tally_catalogue(catalog: polib.POFile, file: str = "", drill_down: bool = True,
                    error_lines: frozenset[int | None] = frozenset()
                    ) -> tuple[Tally, list[OpenEntry]]:
    """Counts of one catalogue, and its open strings (when ``drill_down``);
    ``error_lines`` are the lines of its check errors."""
    tally = Tally()
    strings, words = tally.strings, tally.words
    open_entries = []
    lines = set()
    for entry in live_entries(catalog):
        status = entry_status(entry)
        lines.add(entry.linenum)
        if entry.linenum in error_lines:
            tally.erring[status.value] = tally.erring.get(status.value, 0) + 1
        strings[status] += 1
        words[status] += word_count(entry.msgid)
        stale = status is Status.TRANSLATED and has_stale_signoff(entry)
        tally.stale_reviews += stale
        if drill_down and (status in OPEN or stale):
            open_entries.append(OpenEntry(STALE if stale else status.value, entry.msgid, entry.msgstr, file,
                                          entry.linenum))
    if error_lines - lines:
        tally.erring[NO_ENTRY] = len(error_lines - lines)
    return tally, open_entries


@dataclass
class LanguageReport:
    code: str
    name: str
    rtl: bool
    total: Tally = field(default_factory=Tally)
    documents: dict[str, Tally] = field(default_factory=dict)
    open: dict[str, list[OpenEntry]] = field(default_factory=dict)  # with stale reviews
    findings: dict[str, list[Finding]] = field(default_factory=dict)
    missing: set[str] = field(default_factory=set)  # documents without a catalogue yet


_BY_STATUS = {s.value: int for s in STATUSES}
_ERRING = {**_BY_STATUS, NO_ENTRY: int}


def _erring_shape(value: object) -> bool:
    return isinstance(value, dict) and value.keys() <= _ERRING.keys() and \
        all(matches(v, int) for v in value.values())


COUNTS_SHAPE = {"strings": _BY_STATUS, "words": _BY_STATUS, "stale_reviews": int,
                "erring": _erring_shape}  # what Tally.counts() records


@dataclass
class Report:
    """Everything ``l10n report`` shows: the release verdict first, then coverage."""

    languages: dict[str, LanguageReport]
    verdict: Verdict
    documents: tuple[str, ...]  # every document key with a language reported, in order
    generated: str = ""  # UTC time, ISO 8601
    commit: str | None = None
    details: bool = False  # the entries behind each count are in ``open`` and ``findings``


def coverage(project: Project, languages: tuple[str, ...],
             findings: list[Finding] | None = None,
             drill_down: bool = True) -> dict[str, LanguageReport]:
    """The coverage of every language, and of every document in its own languages.

    ``findings`` are the checks' results (run here when not given); ``drill_down``
    lists the open strings of each document (the HTML report's detail); without it,
    unchanged catalogues are not read: their counts come from the cache.
    """
    if findings is None:
        findings = run_checks(project, languages, templates=False)
    by_file: dict[str, list] = {}
    for finding in findings:
        by_file.setdefault(finding.file, []).append(finding)
    reports = {code: LanguageReport(code, language(code).name, language(code).rtl)
               for code in languages}
    with StageCache(project.root, "report", salt=f"erring {project.config!r}") as done:
        for catalogue in project.catalogues(languages):
            found = by_file.get(catalogue.name, [])
            errors = frozenset(f.line for f in found if f.severity == "error")
            tally, open_entries = _catalogue_tally(project, done, catalogue, drill_down, errors)
            for finding in found:
                if finding.severity == "error":
                    tally.errors += 1
                else:
                    tally.warnings += 1
                if finding.check.startswith("glossary-"):
                    tally.glossary_violations += 1
            key = catalogue.document.key
            report = reports[catalogue.language]
            if not catalogue.exists():
                report.missing.add(key)
            report.documents[key] = tally
            report.open[key] = open_entries
            if drill_down:
                report.findings[key] = found
            report.total.add(tally)
    return reports


def _catalogue_tally(project: Project, done: StageCache, catalogue: CatalogueRef,
                     drill_down: bool, error_lines: frozenset[int | None]
                     ) -> tuple[Tally, list[OpenEntry]]:
    path = catalogue.path
    if file_stat(path) is None:
        path = project.pot_file(catalogue.document)  # not created yet: all untranslated
        if file_stat(path) is None:
            return Tally(), []
    unit = project.relative(path)
    # the check errors' lines (what ``erring`` counts) change with the glossary too
    inputs = [path, project.config.glossary_path]
    known = done.lookup(unit, inputs, shape=COUNTS_SHAPE)
    if known is not None:
        tally = Tally.from_counts(known)
        if not (drill_down and (tally.open_strings or tally.stale_reviews)):
            return tally, []
    tally, open_entries = tally_catalogue(load_po(path), unit, drill_down, error_lines)
    done.record(unit, inputs, tally.counts())
    return tally, open_entries


def build_report(project: Project, languages: tuple[str, ...], requested: bool,
                 details: bool = False, now: datetime | None = None) -> Report:
    """Coverage of ``languages`` with the release verdict of ``l10n gate`` (with
    ``--lang`` when ``requested``) and, with ``details``, the entries behind each count."""
    gated = languages if requested else project.config.release_languages
    reports = coverage(project, tuple(dict.fromkeys(languages + gated)), drill_down=details)
    verdict = release_verdict(project, reports, gated)
    reports = {code: reports[code] for code in languages}
    keys = {key for report in reports.values() for key in report.documents}
    moment = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    return Report(reports, verdict, tuple(d.key for d in project.documents if d.key in keys),
                  moment.strftime("%Y-%m-%d %H:%M UTC"), _commit(project.root), details)


def release_verdict(project: Project, reports: dict[str, LanguageReport],
                    languages: tuple[str, ...]) -> Verdict:
    """``l10n gate --lang ...`` on the report's numbers, which come from the cache when
    nothing changed (the gate itself reads every catalogue): per catalogue, strings in
    a status the release does not accept, a missing catalogue, and accepted strings with
    a check error."""
    require = project.config.release.require
    gated, documents = release_catalogues(project, languages)
    groups = []
    for catalogue in project.catalogues(gated, documents):
        code, key, file = catalogue.language, catalogue.document.key, catalogue.name
        report = reports[code]
        if key in report.missing:
            groups.append(Group(code, key, file, 1, {MISSING: 1}, 0))
            continue
        tally = report.documents[key]
        reasons, strings = tally.blocking(require)
        if strings:
            groups.append(Group(code, key, file, strings, reasons, sum(tally.erring.values())))
    return Verdict(gated, tuple(d.key for d in documents), require,
                   tuple(sorted(groups, key=lambda g: (g.language, g.document))))


def _commit(root: Path) -> str | None:
    """The commit the working tree is at (with ``+`` when it has changes), if in git."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=root,
                              capture_output=True, text=True, timeout=10)
        if head.returncode:
            return None
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               cwd=root, capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return head.stdout.strip() + ("+" if dirty.strip() else "")


def as_json_data(reports: dict[str, LanguageReport], verdict: Verdict | None = None) -> dict:
    """The ``l10n report --format json`` document of INTERFACE.md (plus ``release``)."""
    release = {} if verdict is None else {"release": verdict_data(verdict)}
    return {**release, "languages": {
        code: {**report.total.as_dict(), "name": report.name, "rtl": report.rtl,
               "documents": {key: tally.as_dict() for key, tally in report.documents.items()}}
        for code, report in reports.items()}}


def verdict_data(verdict: Verdict) -> dict:
    """The release verdict as plain data: what blocks, per catalogue."""
    return {"ready": verdict.ready, "require": verdict.require,
            "languages": list(verdict.languages), "documents": list(verdict.documents),
            "blocked_strings": verdict.strings,
            "blocked": [{"language": g.language, "document": g.document, "file": g.file,
                         "strings": g.strings, "reasons": g.reasons,
                         "with_check_errors": g.with_errors} for g in verdict.groups]}
