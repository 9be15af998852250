"""``l10n run``: every stage in order on the whole project."""

from __future__ import annotations

from .extract import extract_project
from .merge import update_project
from .prefill import prefill_project, print_summary
from .project import Project
from .ui import console


def run(project: Project) -> int:
    """Extract, update, pre-fill (and the later stages); returns the exit code."""
    languages = project.languages_for(None)
    templates = extract_project(project, project.documents)
    catalogues = update_project(project, languages, project.documents)
    console.print(f"run: {len(templates)} template(s), {len(catalogues)} catalogue(s) written")
    print_summary(prefill_project(project, languages))
    return 0
