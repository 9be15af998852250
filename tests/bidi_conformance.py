"""python-bidi, as the bidi checks call it, against the Unicode conformance files.

    python tests/bidi_conformance.py [--dir /usr/share/unicode]

BidiCharacterTest.txt gives, per line, code points, a paragraph direction, and the
resolved level and visual position of each character; BidiTest.txt the same for
sequences of bidi classes (run here with one character of each class).  Each line is
run through ``l10n_pipeline.checks.bidi.display`` (python-bidi's ``get_display`` at the
paragraph direction, the invisible controls left out): its visual order is compared with
the file's; resolved levels come from python-bidi's ``debug`` output (the only place it
gives them) with rule L1 applied, as the files record levels after it.

What the checks rely on (the ``relevant`` lines): a paragraph direction set to LTR or
RTL (never "auto": a string is shown in its language's direction), and no explicit
embedding or override (LRE, RLE, LRO, RLO, PDF: the checks report those as errors and
never reason about their display), and no tab or line feed (``display`` shows them as
spaces, as a page does, so python-bidi never sees one: it misorders text after a tab
in a right-to-left paragraph).  Isolates, marks, brackets, numbers and every other
class are in.  Debian's ``unicode-data`` package installs the files.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bidi import get_base_level, get_display

from l10n_pipeline.checks.bidi import AS_SPACE, display

UNICODE_DATA = Path("/usr/share/unicode")
# Removed by rule X9: no level, no place in the visual order.
_REMOVED = frozenset({"RLE", "LRE", "RLO", "LRO", "PDF", "BN"})
_EXPLICIT = frozenset({"RLE", "LRE", "RLO", "LRO", "PDF"})
# One character of each class, for BidiTest.txt (none is mirrored or a bracket).
_SAMPLE = {"L": "a", "R": "\u05d0", "AL": "\u0627", "EN": "1", "ES": "+", "ET": "$",
           "AN": "\u0660", "CS": ",", "NSM": "\u0300", "BN": "\u00ad", "B": "\u2029",
           "S": "\t", "WS": " ", "ON": "!", "LRE": "\u202a", "RLE": "\u202b",
           "PDF": "\u202c", "LRO": "\u202d", "RLO": "\u202e", "LRI": "\u2066",
           "RLI": "\u2067", "FSI": "\u2068", "PDI": "\u2069"}
_LEVEL = re.compile(r"Level\(\s*(\d+),\s*\)")


@dataclass(frozen=True)
class Case:
    """One line of a conformance file at one paragraph direction."""

    line: int
    text: str
    direction: str  # "L", "R" or "auto"
    levels: tuple[int | None, ...]  # None: removed by X9
    order: tuple[int, ...]

    @property
    def relevant(self) -> bool:
        return self.direction != "auto" and self.text.translate(AS_SPACE) == self.text \
            and not any(unicodedata.bidirectional(c) in _EXPLICIT for c in self.text)


def character_cases(path: Path, every: int = 1) -> Iterator[Case]:
    """The lines of BidiCharacterTest.txt (those whose number ``every`` divides)."""
    directions = {"0": "L", "1": "R", "2": "auto"}
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            line = line.split("#")[0].strip()
            if not line or number % every:
                continue
            points, direction, _, levels, order = line.split(";")
            yield Case(number, "".join(chr(int(p, 16)) for p in points.split()),
                       directions[direction], _levels(levels), tuple(map(int, order.split())))


def class_cases(path: Path, every: int = 1) -> Iterator[Case]:
    """The lines of BidiTest.txt (those whose number ``every`` divides), once per
    paragraph direction each names."""
    levels: tuple[int | None, ...] = ()
    order: tuple[int, ...] = ()
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if line[0] != "@" and number % every:
                continue
            line = line.split("#")[0].strip()
            if line.startswith("@Levels:"):
                levels = _levels(line.removeprefix("@Levels:"))
            elif line.startswith("@Reorder:"):
                order = tuple(map(int, line.removeprefix("@Reorder:").split()))
            elif line:
                classes, bits = line.split(";")
                text = "".join(_SAMPLE[c] for c in classes.split())
                for bit, direction in ((1, "auto"), (2, "L"), (4, "R")):
                    if int(bits) & bit:
                        yield Case(number, text, direction, levels, order)


def _levels(field: str) -> tuple[int | None, ...]:
    return tuple(None if level == "x" else int(level) for level in field.split())


def _shown(case: Case) -> str:
    """What python-bidi shows: as the checks call it (``display``) for a relevant case,
    else as ``get_display`` shows it at the case's direction."""
    if case.relevant:
        return display(case.text, case.direction == "R")
    return get_display(case.text, base_dir=None if case.direction == "auto" else case.direction)


def _visible(text: str) -> str:
    """The characters a reader sees: without what X9 removes, nor the marks and
    isolates ``display`` leaves out."""
    return "".join(c for c in text if c not in _INVISIBLE
                   and unicodedata.bidirectional(c) not in _REMOVED)


_INVISIBLE = frozenset("\u200e\u200f\u061c\u2066\u2067\u2068\u2069")


def visual_ok(case: Case) -> bool:
    """Are the characters shown in the order the file gives?"""
    return _visible(_shown(case)) == _visible("".join(case.text[i] for i in case.order))


def levels(case: Case) -> tuple[int | None, ...]:
    """The resolved level of each character (None where X9 removes it), from
    python-bidi's debug output (its levels are per UTF-8 byte), after rule L1."""
    base_dir = None if case.direction == "auto" else case.direction
    per_byte = [int(n) for n in _LEVEL.findall(get_display(case.text, base_dir=base_dir,
                                                           debug=True))]
    paragraph = {"R": 1, "L": 0}.get(case.direction)
    if paragraph is None:
        paragraph = get_base_level(case.text)
    classes = [unicodedata.bidirectional(c) for c in case.text]
    resolved: list[int | None] = []
    offset = 0
    for char, kind in zip(case.text, classes):
        resolved.append(None if kind in _REMOVED else per_byte[offset])
        offset += len(char.encode("utf-8"))
    # L1: separators, and whitespace and isolates before them or at the end, at the
    # paragraph level.
    trailing = True
    for index in range(len(case.text) - 1, -1, -1):
        kind = classes[index]
        if kind in ("S", "B"):
            trailing = True
            resolved[index] = paragraph
        elif kind in ("WS", "FSI", "LRI", "RLI", "PDI") and trailing:
            resolved[index] = paragraph
        elif kind not in _REMOVED:
            trailing = False
    return tuple(resolved)


def levels_ok(case: Case) -> bool:
    return levels(case) == case.levels


@dataclass
class Tally:
    lines: int = 0
    passed: int = 0
    relevant: int = 0
    relevant_passed: int = 0

    def add(self, case: Case, ok: bool) -> None:
        self.lines += 1
        self.passed += ok
        if case.relevant:
            self.relevant += 1
            self.relevant_passed += ok

    def __str__(self) -> str:
        return (f"{self.passed:,}/{self.lines:,} ({100 * self.passed / self.lines:.2f} %); "
                f"relevant {self.relevant_passed:,}/{self.relevant:,} "
                f"({100 * self.relevant_passed / max(1, self.relevant):.2f} %)")


def run(cases: Iterator[Case]) -> tuple[Tally, Tally, list[Case]]:
    """Visual order and levels tallied; the relevant cases that fail either."""
    visual, levelled, failed = Tally(), Tally(), []
    for case in cases:
        shown, level = visual_ok(case), levels_ok(case)
        visual.add(case, shown)
        levelled.add(case, level)
        if case.relevant and not (shown and level):
            failed.append(case)
    return visual, levelled, failed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", type=Path, default=UNICODE_DATA)
    args = parser.parse_args()
    for name, reader in (("BidiCharacterTest.txt", character_cases),
                         ("BidiTest.txt", class_cases)):
        visual, levelled, failed = run(reader(args.dir / name))
        print(f"{name}: visual order {visual}; levels {levelled}")
        for case in failed[:10]:
            print(f"  fails: line {case.line}, {case.direction}: "
                  f"{' '.join(f'{ord(c):04X}' for c in case.text)}")


if __name__ == "__main__":
    sys.exit(main())
