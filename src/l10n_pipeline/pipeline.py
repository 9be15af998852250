"""``l10n run``: every stage in order on the whole project."""

from __future__ import annotations

from .extract import extract_project
from .merge import update_project
from .project import Project
from .ui import console


def run(project: Project) -> int:
    """Extract, update (and every later stage that exists); returns the exit code."""
    templates = extract_project(project, project.documents)
    catalogues = update_project(project, project.languages_for(None), project.documents)
    console.print(f"run: {len(templates)} template(s), {len(catalogues)} catalogue(s) written")
    return 0
