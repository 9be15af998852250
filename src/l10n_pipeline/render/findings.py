"""Check findings for people (a table per file), machines (JSON) and CI (annotations)."""

from __future__ import annotations

import json
from itertools import groupby

from rich.console import Group
from rich.table import Table
from rich.text import Text

from ..model import Finding
from .escape import github_annotation

_STYLE = {"error": "bold red", "warning": "yellow"}


def sort_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.file, f.line or 0, f.check, f.message))


def findings_json(findings: list[Finding]) -> str:
    return json.dumps([f.as_dict() for f in sort_findings(findings)], ensure_ascii=False,
                      indent=2)


def findings_github(findings: list[Finding]) -> str:
    """GitHub workflow commands: ``::error file=...,line=...::message``."""
    return "\n".join(github_annotation(f.severity, f.message, f.file, f.line, f.check)
                     for f in sort_findings(findings))


def findings_table(findings: list[Finding]) -> Group | str:
    """One table per file: line, language, check, severity, message."""
    if not findings:
        return "No problems found."
    tables = []
    for file, group in groupby(sort_findings(findings), key=lambda f: f.file):
        table = Table(title=file, title_justify="left", expand=False)
        for column in ("line", "lang", "check", "severity", "message"):
            table.add_column(column, overflow="fold")
        for f in group:
            table.add_row(str(f.line or ""), f.language or "", f.check,
                          Text(f.severity, _STYLE[f.severity]), f.message)
        tables.append(table)
    errors = sum(1 for f in findings if f.severity == "error")
    summary = f"{errors} error(s), {len(findings) - errors} warning(s)"
    return Group(*tables, summary)


def where(finding: Finding) -> str:
    return f"{finding.file}:{finding.line}" if finding.line else finding.file
