"""``l10n gate``: block a release while a release language has open strings or errors."""

from __future__ import annotations

from dataclasses import dataclass

from .checks import run_checks
from .files import load_po
from .model import Status, entry_status, live_entries
from .project import Project
from .signoffs import has_verified_signoff, verified_for

ACCEPTED = {"translated": (Status.TRANSLATED, Status.REVIEWED), "reviewed": (Status.REVIEWED,)}


@dataclass(frozen=True)
class Blocker:
    language: str
    document: str
    file: str
    line: int | None
    reason: str  # a status, a check id, or "missing"
    msgid: str


def evaluate(project: Project, languages: tuple[str, ...] | None = None,
             require: str | None = None) -> list[Blocker]:
    """Everything that blocks the release of the release documents in ``languages``."""
    config = project.config
    release = [lang for lang in config.release_languages if not languages or lang in languages]
    accepted = ACCEPTED[require or config.release.require]
    documents = tuple(d for d in project.documents if d.translate and project.is_release_document(d))
    blockers: list[Blocker] = []
    for document in documents:
        for language in document.languages:
            if language not in release:
                continue
            path = project.po_file(document, language)
            file = project.relative(path)
            if not path.exists():
                blockers.append(Blocker(language, document.key, file, None, "missing", ""))
                continue
            verified = verified_for(config, path, language) \
                if accepted == ACCEPTED["reviewed"] else None
            for entry in live_entries(load_po(path)):
                status = entry_status(entry)
                if (status is Status.REVIEWED and verified is not None
                        and not has_verified_signoff(entry, verified)):
                    blockers.append(Blocker(language, document.key, file, entry.linenum,
                                            "unverified sign-off", entry.msgid))
                elif status not in accepted:
                    reason = "not reviewed" if status is Status.TRANSLATED else status.value
                    blockers.append(Blocker(language, document.key, file, entry.linenum,
                                            reason, entry.msgid))
    keys = {project.relative(project.po_file(d, lang)): d.key for d in documents
            for lang in d.languages}
    for finding in run_checks(project, tuple(release), documents, templates=False):
        if finding.severity == "error":
            blockers.append(Blocker(finding.language or "", keys.get(finding.file, ""),
                                    finding.file, finding.line, finding.check,
                                    finding.msgid or ""))
    return blockers


def render_text(blockers: list[Blocker], shown: int = 5) -> str:
    if not blockers:
        return "gate: OK, nothing blocks the release"
    lines = [f"gate: BLOCKED by {len(blockers)} string(s)"]
    groups: dict[tuple[str, str], list[Blocker]] = {}
    for blocker in blockers:
        groups.setdefault((blocker.language, blocker.document), []).append(blocker)
    for (language, document), items in sorted(groups.items()):
        reasons: dict[str, int] = {}
        for item in items:
            reasons[item.reason] = reasons.get(item.reason, 0) + 1
        lines.append(f"  {language} {document}: " + ", ".join(f"{n} {r}" for r, n in reasons.items()))
        for item in items[:shown]:
            where = f"{item.file}:{item.line}" if item.line else item.file
            lines.append(f"    {where}: {item.reason}: {item.msgid[:70]}")
        if len(items) > shown:
            lines.append(f"    ... and {len(items) - shown} more")
    return "\n".join(lines)


def render_github(blockers: list[Blocker]) -> str:
    return "\n".join(
        f"::error file={b.file}" + (f",line={b.line}" if b.line else "") +
        f",title=release gate::{b.language}: {b.reason}: {b.msgid[:100]}" for b in blockers) \
        or "gate: OK, nothing blocks the release"
