"""Shared fixtures: throw-away projects on disk."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from l10n_pipeline.project import Project

REPO = Path(__file__).resolve().parents[1]

DEFAULT_CONFIG = """
[tool.l10n]
languages = ["fr", "ru", "ar", "tr"]

[tool.l10n.mt]
provider = "none"
"""


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Project]:
    """Write a project: ``make_project({"source/a.md": "..."}, config=...)``."""

    def make(files: dict[str, str], config: str = DEFAULT_CONFIG) -> Project:
        (tmp_path / "pyproject.toml").write_text(textwrap.dedent(config), encoding="utf-8")
        (tmp_path / "source").mkdir(exist_ok=True)
        for name, text in files.items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return Project.at(tmp_path)

    return make


@pytest.fixture
def corpus_project(tmp_path: Path) -> Project:
    """A copy of the repository's own corpus, translations and glossary."""
    for name in ("source", "translations"):
        if (REPO / name).exists():
            shutil.copytree(REPO / name, tmp_path / name)
    for name in ("pyproject.toml", "glossary.csv"):
        if (REPO / name).exists():
            shutil.copy(REPO / name, tmp_path / name)
    return Project.at(tmp_path)
