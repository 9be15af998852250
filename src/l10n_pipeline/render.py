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


# -- coverage reports ----------------------------------------------------------------------

STATUS_COLOURS = {"reviewed": "#1a7f37", "translated": "#4c9a2a", "machine": "#d4a72c",
                  "fuzzy": "#e36209", "untranslated": "#cf222e"}
_RICH_COLOURS = {"reviewed": "green", "translated": "bright_green", "machine": "yellow",
                 "fuzzy": "dark_orange", "untranslated": "red"}


def _bar(strings: dict, width: int = 30) -> str:
    total = sum(strings.values()) or 1
    cells = []
    for status, colour in _RICH_COLOURS.items():
        count = round(width * strings[status] / total)
        cells.append(f"[{colour}]{'█' * count}[/]")
    return "".join(cells)


def report_table(reports: dict) -> Group:
    """Terminal: one row per language with a status bar."""
    summary = Table(title="Translation coverage", title_justify="left")
    for column in ("lang", "", "done", "reviewed", "open", "words", "err", "warn"):
        summary.add_column(column, justify="left" if column in ("lang", "") else "right",
                           no_wrap=True)
    for code, report in reports.items():
        t = report.total
        strings = {s.value: n for s, n in t.strings.items()}
        summary.add_row(code + (" [bold]RTL[/]" if report.rtl else ""), _bar(strings, 14),
                        f"{t.translated_pct:.0f}%", f"{t.reviewed_pct:.0f}%",
                        f"{t.open_strings}/{sum(strings.values())}", f"{sum(t.words.values()):,}",
                        str(t.errors), str(t.warnings))
    legend = "  ".join(f"[{c}]█[/] {s}" for s, c in _RICH_COLOURS.items())
    return Group(summary, legend)


def report_markdown(reports: dict) -> str:
    """A table per language and per document, fit for a pull-request comment."""
    lines = ["## Translation coverage", "",
             "| language | strings | translated | reviewed | machine | fuzzy | untranslated "
             "| words | errors | warnings |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for code, report in reports.items():
        t, s = report.total, {k.value: v for k, v in report.total.strings.items()}
        lines.append(f"| {code} ({report.name}{', RTL' if report.rtl else ''}) "
                     f"| {sum(s.values())} | {t.translated_pct:.1f} % | {t.reviewed_pct:.1f} % "
                     f"| {s['machine']} | {s['fuzzy']} | {s['untranslated']} "
                     f"| {sum(t.words.values()):,} | {t.errors} | {t.warnings} |")
    for code, report in reports.items():
        lines += ["", f"### {code} — {report.name}", "",
                  "| document | strings | translated | reviewed | open |",
                  "| --- | ---: | ---: | ---: | ---: |"]
        for key, tally in report.documents.items():
            s = {k.value: v for k, v in tally.strings.items()}
            lines.append(f"| `{key}` | {sum(s.values())} | {tally.translated_pct:.1f} % "
                         f"| {tally.reviewed_pct:.1f} % | {tally.open_strings} |")
    return "\n".join(lines) + "\n"


def report_html(reports: dict, title: str = "Translation coverage") -> str:
    """One self-contained page: no network, every string from PO files escaped."""
    from html import escape

    def bar(strings: dict) -> str:
        total = sum(strings.values()) or 1
        return '<div class="bar">' + "".join(
            f'<span class="{s}" style="width:{100 * strings[s] / total:.2f}%" '
            f'title="{s}: {strings[s]}"></span>' for s in STATUS_COLOURS if strings[s]) + "</div>"

    parts = [f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<style>
body{{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:72rem;color:#1f2328;padding:0 1rem}}
table{{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}}
th,td{{border-bottom:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}}
td.n,th.n{{text-align:right}}
.bar{{display:flex;height:.9rem;width:16rem;background:#eaeef2;border-radius:3px;overflow:hidden}}
.bar span{{display:block;height:100%}}
{''.join(f'.{s}{{background:{c}}}' for s, c in STATUS_COLOURS.items())}
.legend span{{display:inline-block;width:.8rem;height:.8rem;margin:0 .3rem 0 1rem}}
details{{margin:.3rem 0}} summary{{cursor:pointer}}
.st{{font-size:.8rem;padding:0 .3rem;border-radius:3px;color:#fff}}
</style></head><body>
<h1>{escape(title)}</h1>
<p class="legend">{''.join(f'<span class="{s}"></span>{s}' for s in STATUS_COLOURS)}</p>
<table id="languages"><thead><tr><th>language</th><th>status</th><th class="n">strings</th>
<th class="n">translated</th><th class="n">reviewed</th><th class="n">words</th>
<th class="n">errors</th><th class="n">warnings</th></tr></thead><tbody>"""]
    for code, report in reports.items():
        t = report.total
        strings = {s.value: n for s, n in t.strings.items()}
        parts.append(
            f'<tr data-lang="{escape(code)}"><td>{escape(code)} {escape(report.name)}'
            f'{" (RTL)" if report.rtl else ""}</td><td>{bar(strings)}</td>'
            f'<td class="n">{sum(strings.values())}</td>'
            f'<td class="n translated-pct">{t.translated_pct:.1f} %</td>'
            f'<td class="n">{t.reviewed_pct:.1f} %</td><td class="n">{sum(t.words.values())}</td>'
            f'<td class="n">{t.errors}</td><td class="n">{t.warnings}</td></tr>')
    parts.append("</tbody></table>")
    for code, report in reports.items():
        direction = "rtl" if report.rtl else "ltr"
        parts.append(f'<section id="lang-{escape(code)}"><h2>{escape(code)} — '
                     f'{escape(report.name)}</h2><table><thead><tr><th>document</th>'
                     f'<th>status</th><th class="n">translated</th><th class="n">reviewed</th>'
                     f'</tr></thead><tbody>')
        for key, tally in report.documents.items():
            strings = {s.value: n for s, n in tally.strings.items()}
            entries = report.open.get(key, [])
            drill = ""
            if entries:
                rows = "".join(
                    f'<tr><td><span class="st {e.status}">{e.status}</span></td>'
                    f'<td>{escape(e.msgid)}</td>'
                    f'<td lang="{escape(code)}" dir="{direction}">{escape(e.msgstr)}</td>'
                    f'<td>{escape(e.file)}:{e.line}</td></tr>' for e in entries)
                drill = (f'<details><summary>{len(entries)} open</summary><table>'
                         f'<tr><th>status</th><th>source</th><th>translation</th><th>where</th>'
                         f'</tr>{rows}</table></details>')
            parts.append(f'<tr><td>{escape(key)}{drill}</td><td>{bar(strings)}</td>'
                         f'<td class="n">{tally.translated_pct:.1f} %</td>'
                         f'<td class="n">{tally.reviewed_pct:.1f} %</td></tr>')
        parts.append("</tbody></table></section>")
    parts.append("</body></html>\n")
    return "\n".join(parts)
