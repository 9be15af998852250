"""Coverage: strings and words per status, per language and per document.

Counts agree with ``msgfmt --statistics`` (translated + reviewed = its translated,
machine + fuzzy = its fuzzy, untranslated = its untranslated) and words are counted
as translate-toolkit's pocount counts them: UAX #29 words of the source text, after
removing markup tags and splitting "a.b".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import babel
import polib
from babel import Locale, UnknownLocaleError
from unicode_segmentation_rs import unicode_words

from .cache import StageCache
from .checks import is_rtl, run_checks
from .files import file_stat, load_po
from .model import (STATUSES, Document, Finding, Status, entry_status, has_stale_signoff,
                    live_entries)
from .project import Project

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

    strings: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    words: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    stale_reviews: int = 0
    errors: int = 0
    warnings: int = 0
    glossary_violations: int = 0

    def add(self, other: Tally) -> None:
        for status in STATUSES:
            self.strings[status] += other.strings[status]
            self.words[status] += other.words[status]
        self.stale_reviews += other.stale_reviews
        self.errors += other.errors
        self.warnings += other.warnings
        self.glossary_violations += other.glossary_violations

    def counts(self) -> dict:
        """The counts read from a catalogue (not the check results), as plain data."""
        return {"strings": {s.value: n for s, n in self.strings.items()},
                "words": {s.value: n for s, n in self.words.items()},
                "stale_reviews": self.stale_reviews}

    @classmethod
    def from_counts(cls, data: dict) -> Tally:
        """The tally of :meth:`counts` (``data`` has :data:`COUNTS_SHAPE`)."""
        return cls({s: data["strings"][s.value] for s in STATUSES},
                   {s: data["words"][s.value] for s in STATUSES}, data["stale_reviews"])

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
    """A string still to be done, for the drill-down."""

    status: str
    msgid: str
    msgstr: str
    file: str
    line: int


def tally_catalogue(catalog: polib.POFile, file: str = "",
                    drill_down: bool = True) -> tuple[Tally, list[OpenEntry]]:
    """Counts of one catalogue, and its open strings (when ``drill_down``)."""
    tally = Tally()
    strings, words = tally.strings, tally.words
    open_entries = []
    for entry in live_entries(catalog):
        status = entry_status(entry)
        strings[status] += 1
        words[status] += word_count(entry.msgid)
        if status is Status.TRANSLATED and has_stale_signoff(entry):
            tally.stale_reviews += 1
        if drill_down and status in OPEN:
            open_entries.append(OpenEntry(status.value, entry.msgid, entry.msgstr, file,
                                          entry.linenum))
    return tally, open_entries


@dataclass
class LanguageReport:
    code: str
    name: str
    rtl: bool
    total: Tally = field(default_factory=Tally)
    documents: dict[str, Tally] = field(default_factory=dict)
    open: dict[str, list[OpenEntry]] = field(default_factory=dict)


def _name(code: str) -> str:
    try:
        return Locale.parse(code.replace("-", "_")).english_name or code
    except (UnknownLocaleError, ValueError):
        return code


_BY_STATUS = {s.value: int for s in STATUSES}
COUNTS_SHAPE = {"strings": _BY_STATUS, "words": _BY_STATUS, "stale_reviews": int}


def _facts_shape(value: object) -> bool:
    return (isinstance(value, list) and len(value) == 2 and isinstance(value[0], str)
            and isinstance(value[1], bool))


def _language_facts(done: StageCache, code: str) -> tuple[str, bool]:
    """English name and right-to-left-ness of a language, cached: Babel loads CLDR data
    for them, a fifth of a report's time when nothing changed."""
    unit = f"language {code}, Babel {babel.__version__}"
    known = done.lookup(unit, (), shape=_facts_shape)
    if known is None:
        known = [_name(code), is_rtl(code)]
        done.record(unit, (), known)
    return known[0], known[1]


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
    done = StageCache(project.root, "report", salt=repr(project.config))
    reports = {code: LanguageReport(code, *_language_facts(done, code)) for code in languages}
    try:
        for document in project.documents:
            if not document.translate:
                continue
            for code in document.languages:
                if code not in reports:
                    continue
                tally, open_entries = _document_tally(project, done, document, code, drill_down)
                for finding in by_file.get(project.relative(project.po_file(document, code)), []):
                    if finding.severity == "error":
                        tally.errors += 1
                    else:
                        tally.warnings += 1
                    if finding.check.startswith("glossary-"):
                        tally.glossary_violations += 1
                report = reports[code]
                report.documents[document.key] = tally
                report.open[document.key] = open_entries
                report.total.add(tally)
    finally:
        done.save()
    return reports


def _document_tally(project: Project, done: StageCache, document: Document, code: str,
                    drill_down: bool) -> tuple[Tally, list[OpenEntry]]:
    path = project.po_file(document, code)
    if file_stat(path) is None:
        path = project.pot_file(document)  # not created yet: everything is untranslated
        if file_stat(path) is None:
            return Tally(), []
    unit = project.relative(path)
    known = done.lookup(unit, [path], shape=COUNTS_SHAPE)
    if known is not None:
        tally = Tally.from_counts(known)
        if not (drill_down and tally.open_strings):
            return tally, []
    tally, open_entries = tally_catalogue(load_po(path), unit, drill_down)
    done.record(unit, [path], tally.counts())
    return tally, open_entries


def as_json_data(reports: dict[str, LanguageReport]) -> dict:
    """The ``l10n report --format json`` document of INTERFACE.md."""
    return {"languages": {
        code: {**report.total.as_dict(), "name": report.name, "rtl": report.rtl,
               "documents": {key: tally.as_dict() for key, tally in report.documents.items()}}
        for code, report in reports.items()}}
