"""``l10n run``: every stage in order on the whole project."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .cache import StageCache
from .checks import run_checks
from .config import PYPROJECT
from .extract import extract_project
from .files import stat_snapshot
from .mt.translator import usable_key
from .prefill import PrefillSummary, prefill_project
from .project import Project
from .report import COUNTS_SHAPE, LanguageReport, Tally, coverage
from .update import update_project


@dataclass
class RunResult:
    """What ``l10n run`` did, for the render layer."""

    templates: int | None  # None: nothing changed since the last run, no stage ran
    catalogues: int
    prefill: PrefillSummary | None
    errors: int
    warnings: int
    languages: dict[str, LanguageReport]


def run(project: Project) -> RunResult:
    """Extract, update, pre-fill, check and report.

    Check errors do not fail the main job: it did its work, and the release gate
    (``l10n gate``) is what blocks on them.  When no file the run depends on changed
    since the last run, its results are shown again without doing any stage.
    """
    with stat_snapshot():
        return _run(project)


def _run(project: Project) -> RunResult:
    usable_key(project.config.mt, project.config.mt.provider, project.root / PYPROJECT)
    last = StageCache(project.root, "run", salt=repr(project.config))
    sources = _source_names(project)
    known = last.unchanged("run", shape=_RESULTS_SHAPE)
    if known is not None and known["sources"] == sources:
        return _result(None, 0, None, known)
    languages = project.languages_for(None)
    templates = extract_project(project, project.documents)
    catalogues = update_project(project, languages, project.documents)
    summary = prefill_project(project, languages)
    findings = run_checks(project, languages)
    reports = coverage(project, languages, findings, drill_down=False)
    errors = sum(1 for f in findings if f.severity == "error")
    results = {"sources": sources, "errors": errors, "warnings": len(findings) - errors,
               "languages": {code: _totals(report) for code, report in reports.items()}}
    if not summary.failures and summary.unreachable is None:  # else: retry next time
        last.record("run", _inputs(project, languages), results)
        last.save()
    return _result(len(templates), len(catalogues), summary, results)


_RESULTS_SHAPE = {"sources": [str], "errors": int, "warnings": int, "languages": {str: {
    "name": str, "rtl": bool, "counts": COUNTS_SHAPE, "errors": int, "warnings": int,
    "glossary_violations": int}}}


def _result(templates: int | None, catalogues: int, summary: PrefillSummary | None,
            results: dict) -> RunResult:
    return RunResult(templates, catalogues, summary, results["errors"], results["warnings"],
                     {code: _report(code, data) for code, data in results["languages"].items()})


def _totals(report: LanguageReport) -> dict:
    total = report.total
    return {"name": report.name, "rtl": report.rtl, "counts": total.counts(),
            "errors": total.errors, "warnings": total.warnings,
            "glossary_violations": total.glossary_violations}


def _report(code: str, data: dict) -> LanguageReport:
    total = Tally.from_counts(data["counts"])
    total.errors, total.warnings = data["errors"], data["warnings"]
    total.glossary_violations = data["glossary_violations"]
    return LanguageReport(code, data["name"], data["rtl"], total)


def _source_names(project: Project) -> list[str]:
    return sorted(project.relative(path) for path in project.source_paths)


def _inputs(project: Project, languages: tuple[str, ...]) -> list[Path]:
    """Every file whose content the run's outcome depends on (missing ones included:
    their appearance is a change)."""
    return [project.config.glossary_path,
            *(project.source_file(d) for d in project.documents),
            *(project.pot_file(d) for d in project.documents if d.translate),
            *(c.path for c in project.catalogues(languages))]
