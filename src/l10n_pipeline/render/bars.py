"""Status bars: how many cells each status gets, and how a cell looks in each target."""

from __future__ import annotations

from math import floor

from ..model import STATUSES

ORDER = tuple(reversed(STATUSES))  # reviewed first, untranslated last
HTML_COLOURS = {"reviewed": "#1a7f37", "translated": "#4c9a2a", "machine": "#d4a72c",
                "fuzzy": "#e36209", "untranslated": "#cf222e"}
TERMINAL_COLOURS = {"reviewed": "green", "translated": "bright_green", "machine": "yellow",
                    "fuzzy": "dark_orange", "untranslated": "red"}
# Without colour each status has its own character (a pipe, a log, a file).
CHARACTERS = {"reviewed": "#", "translated": "=", "machine": "~", "fuzzy": "?",
              "untranslated": "."}
SQUARES = {"reviewed": "🟦", "translated": "🟩", "machine": "🟨", "fuzzy": "🟧",
           "untranslated": "🟥"}  # Markdown


def strings_of(tally) -> dict[str, int]:
    """A tally's string counts keyed by status name."""
    return {status.value: n for status, n in tally.strings.items()}


def cells(counts: dict[str, int], width: int) -> list[tuple[str, int]]:
    """``width`` cells shared out by status, in order; every non-zero share gets at
    least one cell, the rest go by largest remainder (so the cells always add up)."""
    total = sum(counts.values())
    present = [s.value for s in ORDER if counts.get(s.value)]
    if not total or width < len(present):
        return []
    exact = {s: width * counts[s] / total for s in present}
    given = {s: max(1, floor(exact[s])) for s in present}
    while sum(given.values()) > width:  # the minimum of one cell took room from the others
        widest = max((s for s in present if given[s] > 1), key=lambda s: given[s] - exact[s])
        given[widest] -= 1
    while sum(given.values()) < width:
        given[max(present, key=lambda s: exact[s] - given[s])] += 1
    return [(s, given[s]) for s in present]


def text_bar(counts: dict[str, int], width: int, symbols: dict[str, str]) -> str:
    """A bar of ``symbols`` (characters or coloured squares)."""
    return "".join(symbols[status] * n for status, n in cells(counts, width))


def legend(symbols: dict[str, str]) -> str:
    return "  ".join(f"{symbols[s.value]} {s.value}" for s in ORDER)

