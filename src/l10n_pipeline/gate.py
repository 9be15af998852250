"""``l10n gate``: block a release while a release language has open strings or errors.

The verdict counts *strings* (and missing catalogues), not findings: a string with an
untranslated status and two check errors is one blocker, the findings listed under it.
``l10n report`` shows the same verdict, computed here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .checks import run_checks
from .model import Document, Finding, Status, entry_status, live_entries
from .project import CatalogueRef, Project
from .signoffs import has_verified_signoff, verified_for

ACCEPTED = {"translated": (Status.TRANSLATED, Status.REVIEWED), "reviewed": (Status.REVIEWED,)}
MISSING = "missing"
UNVERIFIED = "unverified sign-off"  # reviewed, but git does not back the sign-off


@dataclass(frozen=True)
class Blocker:
    """One string (or one missing catalogue) that blocks the release."""

    language: str
    document: str
    file: str
    line: int | None
    msgid: str
    status: str | None  # why its status blocks ("untranslated", "not reviewed", "missing"), or None
    findings: tuple[Finding, ...] = ()  # its check errors

    @property
    def reasons(self) -> list[str]:
        """The status reason first, then each check id with an error."""
        return ([self.status] if self.status else []) + [f.check for f in self.findings]

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass(frozen=True)
class Group:
    """What blocks in one catalogue (a document in a language): how many strings and
    why, and (from ``l10n gate``, which reads every catalogue) each of them."""

    language: str
    document: str
    file: str
    strings: int
    reasons: dict[str, int]  # blocking status ("untranslated", "not reviewed", ...) -> strings
    with_errors: int  # strings with a check error
    blockers: tuple[Blocker, ...] = ()

    @classmethod
    def of(cls, blockers: list[Blocker]) -> Group:
        first = blockers[0]
        reasons: dict[str, int] = {}
        for blocker in blockers:
            if blocker.status:
                reasons[blocker.status] = reasons.get(blocker.status, 0) + 1
        return cls(first.language, first.document, first.file, len(blockers), reasons,
                   sum(1 for b in blockers if b.findings), tuple(blockers))


@dataclass(frozen=True)
class Verdict:
    """What the gate decided, and on what."""

    languages: tuple[str, ...]
    documents: tuple[str, ...]  # keys of the release documents
    require: str
    groups: tuple[Group, ...] = field(default=())  # sorted by language and document

    @property
    def ready(self) -> bool:
        return not self.groups

    @property
    def strings(self) -> int:
        """How many strings block (a missing catalogue counts as one)."""
        return sum(group.strings for group in self.groups)

    @property
    def blockers(self) -> tuple[Blocker, ...]:
        return tuple(b for group in self.groups for b in group.blockers)

    def is_release_cell(self, document: str, language: str) -> bool:
        return language in self.languages and document in self.documents


def blocks(status: Status, require: str) -> str | None:
    """Why a string in ``status`` blocks a release that requires ``require``, or None."""
    if status in ACCEPTED[require]:
        return None
    return "not reviewed" if status is Status.TRANSLATED else status.value


def release_catalogues(project: Project, languages: Iterable[str] | None
                       ) -> tuple[tuple[str, ...], tuple[Document, ...]]:
    """The gated languages and the release documents translated into any of them."""
    gated = gated_languages(project, languages)
    documents = tuple(d for d in project.documents
                      if d.translate and project.is_release_document(d)
                      and any(language in gated for language in d.languages))
    return gated, documents


def gated_languages(project: Project, languages: Iterable[str] | None) -> tuple[str, ...]:
    """The languages named (gated even when they are not release languages), else the
    release languages."""
    return tuple(languages) if languages else project.config.release_languages


def evaluate(project: Project, languages: Iterable[str] | None = None,
             require: str | None = None, findings: list[Finding] | None = None) -> Verdict:
    """The release verdict for the release documents in ``languages`` (default: the
    release languages). ``findings`` are check results to reuse (run here when not
    given); only errors in the gated files count."""
    gated, documents = release_catalogues(project, languages)
    require = require or project.config.release.require
    catalogues = sorted(project.catalogues(gated, documents),
                        key=lambda c: (c.language, c.document.key))
    files = {c.name for c in catalogues}
    if findings is None:
        findings = run_checks(project, gated, documents, templates=False)
    errors: dict[tuple[str, int | None], list[Finding]] = {}
    for finding in findings:
        if finding.severity == "error" and finding.file in files:
            errors.setdefault((finding.file, finding.line), []).append(finding)
    groups = [Group.of(found) for catalogue in catalogues
              if (found := _catalogue_blockers(project, catalogue, require, errors))]
    return Verdict(gated, tuple(d.key for d in documents), require, tuple(groups))


def _catalogue_blockers(project: Project, catalogue: CatalogueRef, require: str,
                        errors: dict[tuple[str, int | None], list[Finding]]) -> list[Blocker]:
    """One blocker per string of the catalogue that blocks; check errors that do not
    sit on an entry (a header) are blockers of their own."""
    language, key, file, path = (catalogue.language, catalogue.document.key, catalogue.name,
                                 catalogue.path)
    if not path.exists():
        return [Blocker(language, key, file, None, "", MISSING)]
    blockers = []
    lines = set()
    verified = verified_for(project.config, path, language) if require == "reviewed" else None
    for entry in live_entries(catalogue.load()):
        lines.add(entry.linenum)
        status = entry_status(entry)
        reason = blocks(status, require)
        if (status is Status.REVIEWED and verified is not None
                and not has_verified_signoff(entry, verified)):
            reason = UNVERIFIED
        erring = tuple(errors.get((file, entry.linenum), ()))
        if reason or erring:
            blockers.append(Blocker(language, key, file, entry.linenum, entry.msgid, reason,
                                    erring))
    for (where, line), found in errors.items():
        if where == file and line not in lines:
            blockers.append(Blocker(language, key, file, line,
                                    found[0].msgid or "", None, tuple(found)))
    return sorted(blockers, key=lambda b: b.line or 0)
