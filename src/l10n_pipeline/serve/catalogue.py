"""What the catalogue page shows, as plain data: each entry with its status, versions,
neighbouring text, glossary terms marked in both texts, check findings and references.

Everything here is computed from the library's own functions (statuses, glossary
matching, checks); nothing is escaped here: the templates escape every string.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import polib

from ..glossary import Glossary, find_term
from ..model import PREFILL_TAG, REVIEW_TAG, Finding, Status, entry_status, live_entries, \
    tagged_lines
from ..formats.po_write import format_entry
from ..review import OVERRIDE_TAG, REJECT_TAG



def entry_id(entry: polib.POEntry) -> str:
    """A short stable key for an entry: its msgctxt and msgid, which a catalogue never repeats."""
    key = f"{entry.msgctxt or ''}\x04{entry.msgid}".encode("utf-8")
    return hashlib.sha256(key).hexdigest()[:16]


def entry_version(entry: polib.POEntry) -> str:
    """The entry as written in the file (comments, flags, texts): any change changes it."""
    return hashlib.sha256(format_entry(entry).encode("utf-8")).hexdigest()[:16]


def translation(entry: polib.POEntry) -> str:
    """msgstr, or a plural entry's forms one per line."""
    if entry.msgid_plural:
        return "\n".join(entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural, key=int))
    return entry.msgstr


@dataclass(frozen=True)
class Span:
    """A piece of a text; ``kind`` marks a glossary hit (term, forbidden, dnt)."""

    text: str
    kind: str = ""
    note: str = ""


@dataclass(frozen=True)
class Term:
    source: str
    expected: tuple[str, ...]
    present: bool


@dataclass(frozen=True)
class EntryView:
    id: str
    version: str
    status: str
    msgctxt: str | None
    msgid: str
    msgstr: str
    plural: bool
    line: int
    source: list[Span]
    target: list[Span]
    terms: list[Term]
    findings: list[Finding]
    comment: str
    references: list[tuple[str, int | None]]
    previous: str | None
    before: str | None
    after: str | None
    signoff: str | None
    rejected: str | None
    override: str | None
    prefill: str | None

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def fuzzy(self) -> bool:
        return self.status in (Status.MACHINE, Status.FUZZY)


Mark = tuple[int, int, str, str]  # start, end, kind, note


def split(text: str, marks: list[Mark]) -> list[Span]:
    """``text`` cut at the marks (earliest first; a mark overlapping an earlier one is dropped)."""
    spans, position = [], 0
    for start, end, kind, note in sorted(marks, key=lambda m: (m[0], -m[1])):
        if start < position or end <= start:
            continue
        if start > position:
            spans.append(Span(text[position:start]))
        spans.append(Span(text[start:end], kind, note))
        position = end
    if position < len(text) or not spans:
        spans.append(Span(text[position:]))
    return spans


def _verbatim(term: str, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(rf"(?<!\w){re.escape(term)}(?!\w)", text)]


def glossary_marks(source: str, target: str, source_lang: str, target_lang: str,
                   glossary: Glossary) -> tuple[list[Mark], list[Mark], list[Term]]:
    """Glossary terms of the source marked in both texts, with the expected target terms."""
    source_marks: list[Mark] = []
    target_marks: list[Mark] = []
    terms = []
    for _, term, expected in glossary.terms_in(source, source_lang, target_lang):
        note = f"glossary: {term} → {' | '.join(expected) or '(no term for this language)'}"
        source_marks += [(s, e, "term", note) for s, e in find_term(term, source, source_lang)]
        found = [span for alt in expected for span in find_term(alt, target, target_lang)]
        target_marks += [(s, e, "term", note) for s, e in found]
        terms.append(Term(term, expected, bool(found)))
    for term in glossary.dnt_terms():
        if term in source:
            note = f"glossary: {term} stays as written"
            source_marks += [(s, e, "dnt", note) for s, e in _verbatim(term, source)]
            target_marks += [(s, e, "dnt", note) for s, e in _verbatim(term, target)]
    if target:
        for violation in glossary.violations(source, source_lang, target, target_lang):
            if violation.kind == "forbidden-term":
                target_marks += [(s, e, "forbidden", violation.message)
                                 for s, e in find_term(violation.found, target, target_lang)]
    return source_marks, target_marks, terms


def _last(entry: polib.POEntry, tag: str) -> str | None:
    lines = tagged_lines(entry, tag)
    return lines[-1] if lines else None


def entry_views(catalog: polib.POFile, source_lang: str, target_lang: str, glossary: Glossary,
                findings: list[Finding], only: str | None = None) -> list[EntryView]:
    """Every live entry of ``catalog`` as the page shows it, in file order (or only the
    one whose id is ``only``, with its neighbours still from the whole catalogue)."""
    by_entry: dict[tuple[int | None, str | None], list[Finding]] = {}
    for finding in findings:
        by_entry.setdefault((finding.line, finding.msgid), []).append(finding)
    entries = live_entries(catalog)
    views = []
    for index, entry in enumerate(entries):
        if only is not None and entry_id(entry) != only:
            continue
        target = translation(entry)
        source_marks, target_marks, terms = glossary_marks(entry.msgid, target, source_lang,
                                                           target_lang, glossary)
        views.append(EntryView(
            id=entry_id(entry), version=entry_version(entry), status=entry_status(entry).value,
            msgctxt=entry.msgctxt, msgid=entry.msgid, msgstr=target,
            plural=bool(entry.msgid_plural), line=entry.linenum,
            source=split(entry.msgid, source_marks), target=split(target, target_marks),
            terms=terms, findings=by_entry.get((entry.linenum, entry.msgid), []),
            comment=entry.comment or "",
            references=[(path, int(line) if str(line).isdigit() else None)
                        for path, line in entry.occurrences],
            previous=entry.previous_msgid,
            before=entries[index - 1].msgid if index else None,
            after=entries[index + 1].msgid if index + 1 < len(entries) else None,
            signoff=_last(entry, REVIEW_TAG), rejected=_last(entry, REJECT_TAG),
            override=_last(entry, OVERRIDE_TAG), prefill=_last(entry, PREFILL_TAG)))
    return views


# -- filters ------------------------------------------------------------------------------

STATUS_FILTERS = ("all", "open", *(s.value for s in Status))
FINDING_FILTERS = ("any", "error", "warning", "clean")


@dataclass(frozen=True)
class Filters:
    """``status``: all, open (not yet reviewed) or one status; ``finding``: any, error,
    warning, clean or a check id."""

    status: str = "all"
    finding: str = "any"

    def keeps(self, view: EntryView) -> bool:
        if self.status == "open" and view.status == Status.REVIEWED:
            return False
        if self.status not in ("all", "open") and view.status != self.status:
            return False
        severities = {f.severity for f in view.findings}
        if self.finding == "any":
            return True
        if self.finding == "clean":
            return not view.findings
        if self.finding in ("error", "warning"):
            return self.finding in severities
        return any(f.check == self.finding for f in view.findings)


def status_counts(views: list[EntryView]) -> dict[str, int]:
    counts = dict.fromkeys(STATUS_FILTERS, 0)
    for view in views:
        counts["all"] += 1
        counts[view.status] += 1
        counts["open"] += view.status != Status.REVIEWED
    return counts


def check_ids(views: list[EntryView]) -> list[str]:
    """The checks that found something in these entries, for the finding filter."""
    return sorted({f.check for view in views for f in view.findings})
