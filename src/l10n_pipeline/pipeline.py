"""``l10n run``: every stage in order on the whole project."""

from __future__ import annotations

from .checks import run_checks
from .extract import extract_project
from .files import stat_snapshot
from .merge import update_project
from .prefill import prefill_project, print_summary
from .project import Project
from .render import report_table
from .report import coverage
from .ui import console, stdout


def run(project: Project) -> int:
    """Extract, update, pre-fill, check and report; returns the exit code.

    Check errors do not fail the main job: it did its work, and the release gate
    (``l10n gate``) is what blocks on them.
    """
    with stat_snapshot():
        return _run(project)


def _run(project: Project) -> int:
    languages = project.languages_for(None)
    templates = extract_project(project, project.documents)
    catalogues = update_project(project, languages, project.documents)
    console.print(f"run: {len(templates)} template(s), {len(catalogues)} catalogue(s) written")
    print_summary(prefill_project(project, languages))
    findings = run_checks(project, languages)
    errors = sum(1 for f in findings if f.severity == "error")
    console.print(f"check: {errors} error(s), {len(findings) - errors} warning(s) "
                  f"(details: l10n check)")
    stdout.print(report_table(coverage(project, languages, findings, drill_down=False)))
    return 0
