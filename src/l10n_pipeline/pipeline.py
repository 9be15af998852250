"""``l10n run``: every stage in order on the whole project."""

from __future__ import annotations

from pathlib import Path

from .cache import StageCache
from .checks import run_checks
from .config import PYPROJECT
from .extract import extract_project
from .files import stat_snapshot
from .merge import update_project
from .mt.translator import usable_key
from .prefill import prefill_project, print_summary
from .project import Project
from .render import report_table
from .report import COUNTS_SHAPE, LanguageReport, Tally, coverage
from .ui import console, stdout


def run(project: Project) -> int:
    """Extract, update, pre-fill, check and report; returns the exit code.

    Check errors do not fail the main job: it did its work, and the release gate
    (``l10n gate``) is what blocks on them.  When no file the run depends on changed
    since the last run, its results are shown again without doing any stage.
    """
    with stat_snapshot():
        return _run(project)


def _run(project: Project) -> int:
    usable_key(project.config.mt, project.config.mt.provider, project.root / PYPROJECT)
    last = StageCache(project.root, "run", salt=repr(project.config))
    sources = _source_names(project)
    known = last.unchanged("run", shape=_RESULTS_SHAPE)
    if known is not None and known["sources"] == sources:
        console.print("run: nothing changed since the last run")
        _show(known)
        return 0
    languages = project.languages_for(None)
    templates = extract_project(project, project.documents)
    catalogues = update_project(project, languages, project.documents)
    console.print(f"run: {len(templates)} template(s), {len(catalogues)} catalogue(s) written")
    summary = prefill_project(project, languages)
    print_summary(summary)
    findings = run_checks(project, languages)
    reports = coverage(project, languages, findings, drill_down=False)
    errors = sum(1 for f in findings if f.severity == "error")
    results = {"sources": sources, "errors": errors, "warnings": len(findings) - errors,
               "languages": {code: _totals(report) for code, report in reports.items()}}
    _show(results)
    if not summary.failures and summary.unreachable is None:  # else: retry next time
        last.record("run", _inputs(project, languages), results)
        last.save()
    return 0


_RESULTS_SHAPE = {"sources": [str], "errors": int, "warnings": int, "languages": {str: {
    "name": str, "rtl": bool, "counts": COUNTS_SHAPE, "errors": int, "warnings": int,
    "glossary_violations": int}}}


def _show(results: dict) -> None:
    console.print(f"check: {results['errors']} error(s), {results['warnings']} warning(s) "
                  f"(details: l10n check)")
    stdout.print(report_table({code: _report(code, data)
                               for code, data in results["languages"].items()}))


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
    files = [project.config.glossary_path]
    for document in project.documents:
        files.append(project.source_file(document))
        if document.translate:
            files.append(project.pot_file(document))
            files += [project.po_file(document, lang) for lang in document.languages
                      if lang in languages]
    return files
