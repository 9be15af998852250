"""``l10n analyse``'s output: the analysis as JSON data, text, CSV, Markdown and HTML."""

from __future__ import annotations

import csv
import io
import json

from ..analysis import Bands, LanguageAnalysis
from ..config import BANDS
from .escape import html as escape_html
from .escape import markdown

def as_json_data(results: dict[str, LanguageAnalysis], weights: dict[str, float]) -> dict:
    """The ``l10n analyse --format json`` document of INTERFACE.md (plus the weights)."""
    def one(bands: Bands) -> dict:
        return {"bands": dict(bands.words), "weighted": bands.weighted(weights)}

    return {"weights": weights, "languages": {
        language: {"documents": {key: one(b) for key, b in result.documents.items()},
                   "total": one(result.total)}
        for language, result in results.items()}}


def _rows(results: dict[str, LanguageAnalysis], weights: dict[str, float]) -> list[list]:
    rows = []
    for language, result in results.items():
        for key, bands in [*result.documents.items(), ("(total)", result.total)]:
            rows.append([language, key, *(bands.words[b] for b in BANDS),
                         sum(bands.words.values()), f"{bands.weighted(weights):.1f}"])
    return rows


_HEADER = ["language", "document", *BANDS, "words", "weighted"]


def as_csv(results: dict[str, LanguageAnalysis], weights: dict[str, float]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_HEADER)
    writer.writerows(_rows(results, weights))
    return out.getvalue()


def as_markdown(results: dict[str, LanguageAnalysis], weights: dict[str, float]) -> str:
    lines = ["| " + " | ".join(_HEADER) + " |", "|" + "---|" * len(_HEADER)]
    for row in _rows(results, weights):  # language and document escaped, numbers as they are
        cells = [markdown(str(v)) for v in row[:2]] + [str(v) for v in row[2:]]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append("Weights: " + ", ".join(f"{b} {weights[b]:g}" for b in BANDS))
    return "\n".join(lines) + "\n"


def as_text(results: dict[str, LanguageAnalysis], weights: dict[str, float]) -> str:
    rows = [_HEADER, *([str(v) for v in row] for row in _rows(results, weights))]
    widths = [max(len(row[i]) for row in rows) for i in range(len(_HEADER))]
    lines = ["  ".join(v.ljust(w) if i < 2 else v.rjust(w) for i, (v, w) in
                       enumerate(zip(row, widths))).rstrip() for row in rows]
    lines.append("weights: " + ", ".join(f"{b} {weights[b]:g}" for b in BANDS))
    return "\n".join(lines) + "\n"


def as_html(results: dict[str, LanguageAnalysis], weights: dict[str, float]) -> str:
    head = "".join(f"<th>{escape_html(h)}</th>" for h in _HEADER)
    body = "".join("<tr>" + "".join(f"<td>{escape_html(str(v))}</td>" for v in row) + "</tr>\n"
                   for row in _rows(results, weights))
    note = escape_html(", ".join(f"{b} {weights[b]:g}" for b in BANDS))
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">"
            "<title>Word-count analysis</title></head>\n<body>\n<h1>Word-count analysis</h1>\n"
            f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody>\n</table>\n"
            f"<p>Weights: {note}</p>\n</body>\n</html>\n")


RENDERERS = {"text": as_text, "json": lambda r, w: json.dumps(as_json_data(r, w),
                                                              ensure_ascii=False, indent=2) + "\n",
             "csv": as_csv, "markdown": as_markdown, "html": as_html}
