"""Rendering findings for people (a rich table), machines (JSON) and CI (annotations)."""

from __future__ import annotations

import json
from itertools import groupby

from rich.console import Group
from rich.table import Table

from .model import Finding

_STYLE = {"error": "bold red", "warning": "yellow"}


def sort_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.file, f.line or 0, f.check, f.message))


def findings_json(findings: list[Finding]) -> str:
    return json.dumps([f.as_dict() for f in sort_findings(findings)], ensure_ascii=False,
                      indent=2)


def _escape_annotation(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def findings_github(findings: list[Finding]) -> str:
    """GitHub workflow commands: ``::error file=...,line=...::message``."""
    lines = []
    for f in sort_findings(findings):
        where = f"file={f.file}" + (f",line={f.line}" if f.line else "")
        lines.append(f"::{f.severity} {where},title={f.check}::"
                     f"{_escape_annotation(f.message)}")
    return "\n".join(lines)


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
                          f"[{_STYLE[f.severity]}]{f.severity}[/]", f.message)
        tables.append(table)
    errors = sum(1 for f in findings if f.severity == "error")
    summary = f"{errors} error(s), {len(findings) - errors} warning(s)"
    return Group(*tables, summary)
