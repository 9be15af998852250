"""``l10n report --format badge``: one SVG badge per language and one overall, in the
flat style README badges use (shields.io's layout: a grey label, a coloured value)."""

from __future__ import annotations

from ..report import LanguageReport, Tally
from .escape import html

# Verdana 11px advance widths (shields.io measures with the same font), tenths of px.
_NARROW, _WIDE = set("fijlrt .,:;!'|()[]"), set("mwMW@%")


def text_width(text: str) -> int:
    """An estimate of the rendered width in pixels (labels are short and ASCII)."""
    return round(sum(3.9 if c in _NARROW else 10.5 if c in _WIDE else
                     8.5 if c.isupper() or c.isdigit() else 7.0 for c in text))


def colour(pct: float) -> str:
    """Green when done, through yellow and orange, red when little is."""
    for floor, value in ((100, "#4c1"), (90, "#97ca00"), (75, "#a4a61d"), (50, "#dfb317"),
                         (25, "#fe7d37")):
        if pct >= floor:
            return value
    return "#e05d44"


def badge(label: str, value: str, fill: str) -> str:
    """A flat badge: ``label`` on grey, ``value`` on ``fill``."""
    left, right = text_width(label) + 10, text_width(value) + 10
    total = left + right
    label, value = html(label), html(value)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{total}" height="20" role="img" '
            f'aria-label="{label}: {value}"><title>{label}: {value}</title>'
            f'<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" '
            f'stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>'
            f'<clipPath id="r"><rect width="{total}" height="20" rx="3" fill="#fff"/></clipPath>'
            f'<g clip-path="url(#r)"><rect width="{left}" height="20" fill="#555"/>'
            f'<rect x="{left}" width="{right}" height="20" fill="{fill}"/>'
            f'<rect width="{total}" height="20" fill="url(#s)"/></g>'
            f'<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,'
            f'sans-serif" font-size="11">'
            f'<text x="{left / 2:.1f}" y="15" fill="#010101" fill-opacity=".3">{label}</text>'
            f'<text x="{left / 2:.1f}" y="14">{label}</text>'
            f'<text x="{left + right / 2:.1f}" y="15" fill="#010101" fill-opacity=".3">'
            f'{value}</text><text x="{left + right / 2:.1f}" y="14">{value}</text></g></svg>\n')


def badges(languages: dict[str, LanguageReport]) -> dict[str, str]:
    """File name → SVG: ``<lang>.svg`` for each language and ``overall.svg``."""
    total = Tally()
    files = {}
    for code, report in languages.items():
        total.add(report.total)
        pct = report.total.translated_pct
        files[f"{code}.svg"] = badge(f"translated {code}", f"{int(pct)}%", colour(pct))
    pct = total.translated_pct
    files["overall.svg"] = badge("translated", f"{int(pct)}%", colour(pct))
    return files
