"""``l10n report`` in every format: the release verdict first, then coverage by language
and by document, and (HTML always, text and Markdown with ``--details``) the entries
behind every count."""

from __future__ import annotations

import json

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from ..model import Finding
from ..report import LanguageReport, OpenEntry, Report, Tally, as_json_data
from .bars import (CHARACTERS, HTML_COLOURS, ORDER, SQUARES, TERMINAL_COLOURS, cells,
                   legend, strings_of, text_bar)
from .escape import html, markdown, markdown_code, one_line
from .findings import where
from .verdict import (gate_command, group_summary, headline, scope, verdict_lines,
                      verdict_markdown)

RELEASE_MARK = "⚑"


def _numbers(tally: Tally) -> dict[str, int]:
    return {"strings": sum(tally.strings.values()), "open": tally.open_strings,
            "errors": tally.errors, "warnings": tally.warnings,
            "stale reviews": tally.stale_reviews,
            "glossary violations": tally.glossary_violations}


def _entries(report: LanguageReport, key: str) -> list[tuple[str, OpenEntry | Finding]]:
    """What lies behind a document's counts, in file order: ``(label, item)``."""
    items: list[tuple[str, OpenEntry | Finding]] = [
        (e.status, e) for e in report.open.get(key, [])]
    items += [(f"{f.severity} {f.check}", f) for f in report.findings.get(key, [])]
    return sorted(items, key=lambda pair: (pair[1].file, pair[1].line or 0))


def _text_of(item: OpenEntry | Finding) -> str:
    return item.msgid if isinstance(item, OpenEntry) else item.message


def _where(item: OpenEntry | Finding) -> str:
    return item.where if isinstance(item, OpenEntry) else where(item)


# -- terminal and plain text ------------------------------------------------------------

def _bar(counts: dict[str, int], width: int, colour: bool) -> Text:
    if not colour:
        return Text(text_bar(counts, width, CHARACTERS))
    return Text.assemble(*[("█" * n, TERMINAL_COLOURS[s]) for s, n in cells(counts, width)])


def _legend(colour: bool) -> Text:
    if not colour:
        return Text(legend(CHARACTERS))
    return Text.assemble(*[part for s in ORDER for part in
                           (("█", TERMINAL_COLOURS[s.value]), f" {s.value}  ")])


def _table(title: str) -> Table:
    """A table that fits 80 columns: no vertical rules, one space between columns."""
    return Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, padding=0)


def language_table(languages: dict[str, LanguageReport], colour: bool) -> Table:
    """One row per language: status bar, percentages and every count."""
    table = _table("Translation coverage")
    for column in ("lang", "status", "done", "rev.", "open", "words", "err", "warn", "stale",
                   "gloss"):
        table.add_column(column, justify="left" if column in ("lang", "status") else "right",
                         no_wrap=True)
    for code, report in languages.items():
        t = report.total
        n = _numbers(t)
        table.add_row(code + (" RTL" if report.rtl else ""), _bar(strings_of(t), 14, colour),
                      f"{t.translated_pct:.1f}%", f"{t.reviewed_pct:.1f}%",
                      f"{n['open']}/{n['strings']}", f"{sum(t.words.values()):,}",
                      str(t.errors), str(t.warnings), str(t.stale_reviews),
                      str(t.glossary_violations))
    return table


def _document_table(report: Report, code: str, colour: bool) -> Table:
    language = report.languages[code]
    table = _table(f"{code}: {language.name}, by document")
    for column in ("document", "status", "done", "rev.", "open", "err", "warn", "stale",
                   "gloss"):
        table.add_column(column, justify="left" if column in ("document", "status") else "right",
                         no_wrap=column != "document", min_width=16 if column == "document"
                         else None, overflow="fold")
    for key, t in language.documents.items():
        mark = f" {RELEASE_MARK}" if report.verdict.is_release_cell(key, code) else ""
        n = _numbers(t)
        table.add_row(one_line(key) + mark, _bar(strings_of(t), 10, colour),
                      f"{t.translated_pct:.1f}%", f"{t.reviewed_pct:.1f}%",
                      f"{n['open']}/{n['strings']}", str(t.errors), str(t.warnings),
                      str(t.stale_reviews), str(t.glossary_violations))
    return table


def _details_lines(report: Report, code: str) -> list[str]:
    lines = []
    for key in report.languages[code].documents:
        for label, item in _entries(report.languages[code], key):
            lines.append(f"  {one_line(_where(item))}  {label}: {one_line(_text_of(item))}")
    return [f"{code}: the entries behind the counts"] + (lines or ["  none"])


def report_text(report: Report, colour: bool) -> Group:
    """The terminal (``colour``) or plain-text report: never wrapped when plain, each
    status share as its own character."""
    parts: list = [Text(line) for line in verdict_lines(report.verdict)]
    parts += ["", language_table(report.languages, colour), _legend(colour), ""]
    for code in report.languages:
        parts.append(_document_table(report, code, colour))
        if report.details:
            parts += [Text(line) for line in _details_lines(report, code)]
        parts.append("")
    parts.append(Text(f"{RELEASE_MARK} release document (blocks the release in this "
                      f"language); done = translated %, rev. = reviewed %, err and warn = "
                      f"check errors and warnings, stale = stale reviews, gloss = glossary "
                      f"violations" + ("" if report.details else
                                      "; the entries behind each count: l10n report "
                                      "--details")))
    return Group(*parts)


# -- JSON -------------------------------------------------------------------------------

def report_json(report: Report) -> str:
    return json.dumps(as_json_data(report.languages, report.verdict), ensure_ascii=False,
                      indent=2) + "\n"


# -- Markdown ---------------------------------------------------------------------------

def _md_cell(report: Report, key: str, code: str) -> str:
    tally = report.languages[code].documents.get(key)
    if tally is None:
        return "—"
    mark = f" {RELEASE_MARK}" if report.verdict.is_release_cell(key, code) else ""
    return f"{text_bar(strings_of(tally), 10, SQUARES)} {tally.translated_pct:.1f} %{mark}"


def _md_meta(report: Report) -> str:
    commit = f" at commit {markdown_code(report.commit)}" if report.commit else ""
    return f"Generated {report.generated}{commit}." if report.generated else ""


def report_markdown(report: Report) -> str:
    """The verdict, a documents × languages matrix, a table per language and per
    document (fit for a pull-request comment), and with ``--details`` every entry."""
    codes = list(report.languages)
    lines = ["## Translation coverage", "", *([_md_meta(report), ""] if report.generated else []),
             *verdict_markdown(report.verdict),
             "### Documents × languages", "",
             "| document | " + " | ".join(codes) + " |",
             "| --- |" + " --- |" * len(codes)]
    for key in report.documents:
        lines.append(f"| {markdown_code(key)} | "
                     + " | ".join(_md_cell(report, key, code) for code in codes) + " |")
    lines += ["", f"{legend(SQUARES)} · {RELEASE_MARK} blocks the release · — not translated "
                  "into that language", "", "### Languages", "",
              "| language | strings | translated | reviewed | machine | fuzzy | untranslated "
              "| words | errors | warnings | stale reviews | glossary violations |",
              "| --- |" + " ---: |" * 11]
    for code, language in report.languages.items():
        t, s = language.total, strings_of(language.total)
        lines.append(f"| {code} ({markdown(language.name)}{', RTL' if language.rtl else ''}) "
                     f"| {sum(s.values())} | {t.translated_pct:.1f} % | {t.reviewed_pct:.1f} % "
                     f"| {s['machine']} | {s['fuzzy']} | {s['untranslated']} "
                     f"| {sum(t.words.values()):,} | {t.errors} | {t.warnings} "
                     f"| {t.stale_reviews} | {t.glossary_violations} |")
    for code, language in report.languages.items():
        lines += ["", f"### {code} — {markdown(language.name)}", "",
                  "| document | strings | translated | reviewed | open | errors | warnings "
                  "| stale reviews | glossary violations |",
                  "| --- |" + " ---: |" * 8]
        for key, t in language.documents.items():
            mark = f" {RELEASE_MARK}" if report.verdict.is_release_cell(key, code) else ""
            n = _numbers(t)
            lines.append(f"| {markdown_code(key)}{mark} | {n['strings']} "
                         f"| {t.translated_pct:.1f} % | {t.reviewed_pct:.1f} % | {n['open']} "
                         f"| {t.errors} | {t.warnings} | {t.stale_reviews} "
                         f"| {t.glossary_violations} |")
        if report.details:
            lines += ["", f"#### {code}: the entries behind the counts", ""]
            found = [f"- {markdown_code(_where(item))} {markdown(label)}: "
                     f"{markdown(_text_of(item))}"
                     for key in language.documents for label, item in _entries(language, key)]
            lines += found or ["None."]
    if not report.details:
        lines += ["", "The entries behind each count: "
                      f"{markdown_code('l10n report --format markdown --details')}."]
    return "\n".join(lines) + "\n"


# -- HTML -------------------------------------------------------------------------------

_STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:1.5rem 2rem;color:#1f2328}
h1{margin:0 0 .2rem}
.meta{color:#59636e;margin:0 0 1rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
th,td{border-bottom:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;white-space:nowrap}
.bar{display:flex;height:.9rem;width:14rem;background:#eaeef2;border-radius:3px;overflow:hidden}
.bar.small{width:6rem;display:inline-flex;vertical-align:middle;margin-right:.4rem}
.bar span{display:block;height:100%;min-width:3px}
STATUS_RULES
.legend span{display:inline-block;width:.8rem;height:.8rem;margin:0 .3rem 0 1rem}
#release{border:2px solid;border-radius:6px;padding:.6rem 1rem;margin:0 0 1rem}
#release.ready{border-color:#1a7f37;background:#dafbe1}
#release.blocked{border-color:#cf222e;background:#ffebe9}
#release h2{margin:0 0 .3rem}
#matrix td.release{box-shadow:inset 3px 0 0 #0969da;font-weight:600}
#matrix td{white-space:nowrap}
#matrix td a{color:inherit;text-decoration:none}
tr.drill>td{padding:0 .5rem .6rem;background:#f6f8fa}
details{margin:.3rem 0} summary{cursor:pointer;color:#0969da}
table.entries{margin:.3rem 0;background:#fff}
table.entries td{font-size:.9rem}
.st{font-size:.8rem;padding:0 .3rem;border-radius:3px;color:#fff;white-space:nowrap;background:#59636e}
.st.error{background:#cf222e}.st.warning{background:#9a6700}
a{color:#0969da}
"""

_OPEN_TARGET = """<script>
function openTarget(){var t=document.getElementById(decodeURIComponent(location.hash.slice(1)));
for(;t;t=t.parentElement){if(t.tagName==="DETAILS")t.open=true;}}
addEventListener("hashchange",openTarget);openTarget();
</script>"""


def _anchor(kind: str, code: str, key: str = "") -> str:
    return html(f"{kind}-{code}-{key}" if key else f"{kind}-{code}")


def _html_bar(counts: dict[str, int], small: bool = False) -> str:
    total = sum(counts.values()) or 1
    spans = "".join(f'<span class="{s.value}" style="width:{100 * counts[s.value] / total:.2f}%" '
                    f'title="{s.value}: {counts[s.value]}"></span>'
                    for s in ORDER if counts[s.value])
    return f'<div class="bar{" small" if small else ""}">{spans}</div>'


def _count(n: int, target: str) -> str:
    """A count that leads to its entries."""
    return f'<a href="#{target}">{n}</a>' if n else "0"


def _html_verdict(report: Report) -> list[str]:
    verdict = report.verdict
    state = "ready" if verdict.ready else "blocked"
    items = "".join(
        f'<li>{html(g.language)} <code>{html(g.document)}</code>: {html(group_summary(g))} — '
        f'<a href="#{_anchor("entries", g.language, g.document)}">the strings</a> · '
        f'<code>{html(gate_command(verdict, g.language))}</code></li>'
        for g in verdict.groups)
    return [f'<section id="release" class="{state}"><h2>{html(headline(verdict).split(" (")[0])}'
            f'</h2><p>{html(scope(verdict))}</p>' + (f"<ul>{items}</ul>" if items else "")
            + "</section>"]


def _html_matrix(report: Report) -> list[str]:
    codes = list(report.languages)
    head = "".join(f'<th><a href="#{_anchor("lang", c)}">{html(c)}</a></th>' for c in codes)
    rows = []
    for key in report.documents:
        cells_ = []
        for code in codes:
            tally = report.languages[code].documents.get(key)
            if tally is None:
                cells_.append('<td class="none">—</td>')
                continue
            release = report.verdict.is_release_cell(key, code)
            cells_.append(
                f'<td class="{"release" if release else "other"}" data-lang="{html(code)}">'
                f'<a href="#{_anchor("doc", code, key)}">{_html_bar(strings_of(tally), True)}'
                f'{tally.translated_pct:.1f} %</a>{f" {RELEASE_MARK}" if release else ""}</td>')
        rows.append(f'<tr data-doc="{html(key)}"><th>{html(key)}</th>{"".join(cells_)}</tr>')
    return [f'<section id="matrix"><h2>Documents × languages</h2><table><thead><tr>'
            f'<th>document</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
            f'<p class="meta">{RELEASE_MARK} a release cell: it blocks the release. '
            f'— not translated into that language.</p></section>']


def _html_languages(report: Report) -> list[str]:
    rows = []
    for code, language in report.languages.items():
        t = language.total
        target = _anchor("lang", code)
        rows.append(
            f'<tr data-lang="{html(code)}"><td><a href="#{target}">{html(code)}</a> '
            f'{html(language.name)}{" (RTL)" if language.rtl else ""}</td>'
            f'<td>{_html_bar(strings_of(t))}</td><td class="n">{sum(t.strings.values())}</td>'
            f'<td class="n translated-pct">{t.translated_pct:.1f} %</td>'
            f'<td class="n">{t.reviewed_pct:.1f} %</td><td class="n">{sum(t.words.values())}</td>'
            + "".join(f'<td class="n">{_count(n, target)}</td>' for n in (
                t.open_strings, t.errors, t.warnings, t.stale_reviews, t.glossary_violations))
            + "</tr>")
    return ['<table id="languages"><thead><tr><th>language</th><th>status</th>'
            '<th class="n">strings</th><th class="n">translated</th><th class="n">reviewed</th>'
            '<th class="n">words</th><th class="n">open</th><th class="n">errors</th>'
            '<th class="n">warnings</th><th class="n">stale reviews</th>'
            '<th class="n">glossary violations</th></tr></thead><tbody>',
            *rows, "</tbody></table>"]


def _html_entries(language: LanguageReport, key: str) -> str:
    direction = "rtl" if language.rtl else "ltr"
    lang = html(language.code)
    rows = []
    for label, item in _entries(language, key):
        if isinstance(item, OpenEntry):
            chip = f'<span class="st {html(item.status.replace(" ", "-"))}">{html(label)}</span>'
            text = f'<td lang="{lang}" dir="{direction}">{html(item.msgstr)}</td>'
        else:
            chip = f'<span class="st {html(item.severity)}">{html(label)}</span>'
            text = f"<td>{html(item.message)}</td>"
        rows.append(f"<tr><td>{chip}</td><td>{html(_where(item))}</td>"
                    f"<td>{html(item.msgid or '')}</td>{text}</tr>")
    return ('<table class="entries"><thead><tr><th>what</th><th>where</th><th>source</th>'
            '<th>translation or finding</th></tr></thead><tbody>' + "".join(rows)
            + "</tbody></table>")


def _html_language(report: Report, code: str) -> list[str]:
    language = report.languages[code]
    parts = [f'<section id="{_anchor("lang", code)}"><h2>{html(code)} — {html(language.name)}'
             f'</h2><table><thead><tr><th>document</th><th>status</th>'
             f'<th class="n">translated</th><th class="n">reviewed</th><th class="n">open</th>'
             f'<th class="n">errors</th><th class="n">warnings</th>'
             f'<th class="n">stale reviews</th><th class="n">glossary violations</th>'
             f'</tr></thead><tbody>']
    for key, t in language.documents.items():
        target = _anchor("entries", code, key)
        release = report.verdict.is_release_cell(key, code)
        parts.append(
            f'<tr id="{_anchor("doc", code, key)}"><td>{html(key)}'
            f'{f" {RELEASE_MARK}" if release else ""}</td><td>{_html_bar(strings_of(t))}</td>'
            f'<td class="n">{t.translated_pct:.1f} %</td><td class="n">{t.reviewed_pct:.1f} %</td>'
            + "".join(f'<td class="n">{_count(n, target)}</td>' for n in (
                t.open_strings, t.errors, t.warnings, t.stale_reviews, t.glossary_violations))
            + "</tr>")
        entries = _entries(language, key)
        if entries:
            counts = ", ".join(f"{n} {label[:-1] if n == 1 and label[-1] == 's' else label}"
                               for label, n in _numbers(t).items() if n and label != "strings")
            parts.append(f'<tr class="drill"><td colspan="9"><details id="{target}"><summary>'
                         f'{len(entries)} entries: {html(counts)}</summary>'
                         f'{_html_entries(language, key)}</details></td></tr>')
    parts.append("</tbody></table></section>")
    return parts


def report_html(report: Report, title: str = "Translation coverage") -> str:
    """One self-contained page (no network): the verdict, the matrix, the languages,
    and per language its documents with every entry behind their counts."""
    style = _STYLE.replace("STATUS_RULES", "".join(
        f".{s}{{background:{c}}}" for s, c in HTML_COLOURS.items())
        + ".st.stale-review{background:#8250df}")
    commit = f" · commit <code>{html(report.commit)}</code>" if report.commit else ""
    parts = ['<!DOCTYPE html>', '<html lang="en"><head><meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{html(title)}</title><style>{style}</style></head><body>",
             f"<h1>{html(title)}</h1>",
             f'<p class="meta">Generated {html(report.generated)}{commit}</p>',
             *_html_verdict(report),
             '<p class="legend">' + "".join(f'<span class="{s.value}"></span>{s.value}'
                                            for s in ORDER) + "</p>",
             *_html_matrix(report), "<h2>Languages</h2>", *_html_languages(report)]
    for code in report.languages:
        parts += _html_language(report, code)
    parts += [_OPEN_TARGET, "</body></html>"]
    return "\n".join(parts) + "\n"
