"""The overview: documents × languages with their status counts, and the release verdict,
from the same functions as ``l10n report`` and ``l10n gate``."""

from __future__ import annotations

from dataclasses import dataclass

from ..gate import Blocker, evaluate
from ..model import STATUSES
from ..project import Project
from ..report import LanguageReport, Tally, coverage


@dataclass(frozen=True)
class Cell:
    """One document in one language: counts per status and what still blocks it."""

    strings: dict[str, int]
    total: int
    translated_pct: float
    reviewed_pct: float
    errors: int
    warnings: int
    blockers: int

    @property
    def to_review(self) -> int:
        return self.total - self.strings["reviewed"]


@dataclass(frozen=True)
class Overview:
    languages: list[LanguageReport]
    release_languages: tuple[str, ...]
    rows: list[tuple[str, bool, dict[str, Cell | None]]]  # document, release?, cells
    blockers: list[Blocker]
    require: str

    @property
    def blocked_by_language(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for blocker in self.blockers:
            counts[blocker.language] = counts.get(blocker.language, 0) + 1
        return counts


def _cell(tally: Tally, blockers: int) -> Cell:
    strings = {s.value: tally.strings[s] for s in STATUSES}
    return Cell(strings, sum(strings.values()), tally.translated_pct, tally.reviewed_pct,
                tally.errors, tally.warnings, blockers)


def overview_data(project: Project) -> Overview:
    languages = project.languages_for(None)
    reports = coverage(project, languages, drill_down=False)
    blockers = list(evaluate(project).blockers)
    per_cell: dict[tuple[str, str], int] = {}
    for blocker in blockers:
        per_cell[blocker.document, blocker.language] = \
            per_cell.get((blocker.document, blocker.language), 0) + 1
    rows = []
    for document in project.documents:
        if not document.translate:
            continue
        cells = {code: _cell(reports[code].documents[document.key],
                             per_cell.get((document.key, code), 0))
                 if document.key in reports[code].documents else None for code in languages}
        rows.append((document.key, project.is_release_document(document), cells))
    return Overview(list(reports.values()), project.config.release_languages, rows, blockers,
                    project.config.release.require)
