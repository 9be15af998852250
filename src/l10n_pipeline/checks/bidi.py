"""Bidirectional text and Arabic script.

Whether a string displays right is decided by running the Unicode Bidirectional
Algorithm (python-bidi, which binds the unicode-bidi crate) at the paragraph direction
the string is shown in (right to left for an RTL language, as ``l10n build`` writes
``dir="rtl"``), never by looking at the string's edges: a Latin run is reported only
when wrapping it in an isolate (FSI … PDI) changes what the reader sees, and an
invisible mark only when removing it changes nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from itertools import islice

from bidi import get_display

from .base import Pair, TargetCheck, register
from ..lang import language
from ..lang.scripts import ARABIC, LATIN
from .text import DIGITS, without_code

_OVERRIDES = {"\u202d": "LEFT-TO-RIGHT OVERRIDE", "\u202e": "RIGHT-TO-LEFT OVERRIDE"}
_OPENERS = {"\u202a": "embedding", "\u202b": "embedding", "\u202d": "embedding",
            "\u202e": "embedding", "\u2066": "isolate", "\u2067": "isolate", "\u2068": "isolate"}
_CLOSERS = {"\u202c": "embedding", "\u2069": "isolate"}
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_EMBEDDINGS_AND_ISOLATES = frozenset(_OPENERS) | frozenset(_CLOSERS)
_MARKS = "\u200e\u200f\u061c"  # LRM, RLM, ALM
_INVISIBLE = re.compile(f"[{_MARKS}\u202a-\u202e\u2066-\u2069]")
FSI, PDI = "\u2068", "\u2069"
_QUOTED_LOOKED_AT = 8


def _control_name(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char)}"


# A page shows a tab or a line break inside a paragraph as a space (CSS white-space
# processing, before the Bidirectional Algorithm runs): python-bidi is given the space.
# (It also misorders text after a tab in a right-to-left paragraph: BidiTest.txt,
# tests/bidi_conformance.py.)
AS_SPACE = str.maketrans("\t\n", "  ")


@lru_cache(maxsize=4096)
def display(text: str, rtl: bool = True) -> str:
    """What the reader sees, left to right, in a paragraph of that direction (controls,
    being invisible, left out; tabs and line breaks shown as spaces)."""
    shown = get_display(text.translate(AS_SPACE), base_dir="R" if rtl else "L")
    return _INVISIBLE.sub("", shown)


@register
class BidiOverride(TargetCheck):
    id, severity, triggers = "bidi-override", "error", frozenset(_OVERRIDES)
    target_only = True
    description = "no LRO/RLO overrides (U+202D/U+202E): Trojan Source, CVE-2021-42574"

    def run(self, pair: Pair) -> Iterator[str]:
        for char in sorted(set(pair.target) & set(_OVERRIDES)):
            yield f"{_control_name(char)} reorders what readers see (Trojan Source)"


@register
class BidiUnbalanced(TargetCheck):
    id, severity, triggers = "bidi-unbalanced", "error", _EMBEDDINGS_AND_ISOLATES
    target_only = True
    description = "LRE/RLE closed by PDF and LRI/RLI/FSI by PDI within the string"

    def run(self, pair: Pair) -> Iterator[str]:
        stack: list[str] = []
        for char in _BIDI_CONTROLS.findall(pair.target):
            if char in _OPENERS:
                stack.append(_OPENERS[char])
            elif not stack or stack[-1] != _CLOSERS[char]:
                yield f"{_control_name(char)} closes nothing"
                return
            else:
                stack.pop()
        if stack:
            yield f"{len(stack)} bidi {stack[-1]}(s) not closed before the end of the string"


@register
class BidiUnneeded(TargetCheck):
    id, severity, triggers = "bidi-controls", "warning", _EMBEDDINGS_AND_ISOLATES | set(_MARKS)
    target_only = True
    description = ("invisible bidi controls the source does not have, and marks (RLM, ALM) "
                   "that change nothing in right-to-left display")

    def run(self, pair: Pair) -> Iterator[str]:
        extra = set(_BIDI_CONTROLS.findall(pair.target)) - set(pair.source)
        if not language(pair.target_lang).rtl:
            extra |= {c for c in pair.target if c in _MARKS} - set(pair.source)
        else:
            extra -= {"\u2066", "\u2067", "\u2068", "\u2069"}  # isolates are the right fix
            marks = {c for c in pair.target if c in _MARKS} - set(pair.source)
            stripped = pair.target.translate({ord(c): None for c in _MARKS})
            if marks and display(stripped) == display(pair.target):
                yield ("invisible marks that change nothing in right-to-left display: "
                       + ", ".join(_control_name(c) for c in sorted(marks))
                       + f"; without them: {stripped!r}")
        if extra:
            yield "invisible bidi controls: " + ", ".join(_control_name(c) for c in sorted(extra))


_PAIRED = {"«": "»", "»": "«", "“": "”", "„": "“", '"': '"', "(": ")", "[": "]", "‹": "›",
           "‘": "’"}
_STRONG = frozenset({"L", "R", "AL", "EN", "AN"})


_LINK_TARGET = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"\*\*|__|`|</?[a-zA-Z][^<>]*>")


def displayed(text: str) -> str:
    """The text a reader sees of a Markdown string: link targets, emphasis markers,
    code ticks and HTML tags left out."""
    if not any(c in text for c in "[*_`<"):
        return text
    return _MARKUP.sub("", _LINK_TARGET.sub(r"\1", text))


_RTL_LETTER = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"
_LATIN_RUN = re.compile(rf"{LATIN.pattern}(?:[^{_RTL_LETTER}]*[A-Za-z\u00c0-\u024f0-9])?")


def _latin_runs(text: str) -> list[tuple[int, int]]:
    """Spans from a Latin letter to the last Latin letter or digit before the next
    right-to-left letter."""
    return [match.span() for match in _LATIN_RUN.finditer(text)]


def _quoted(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span inside the quotation marks or brackets around a Latin run, with the
    punctuation that belongs to the quotation (``«Migrants matter!»``)."""
    before = start
    while before > 0 and unicodedata.bidirectional(text[before - 1]) not in _STRONG \
            and text[before - 1] not in _PAIRED and not text[before - 1].isspace():
        before -= 1
    if before == 0 or text[before - 1] not in _PAIRED:
        return None
    closer = _PAIRED[text[before - 1]]
    after = end
    while after < len(text) and text[after] != closer \
            and unicodedata.bidirectional(text[after]) not in _STRONG:
        after += 1
    if after == len(text) or text[after] != closer:
        return None
    return before, after


@register
class BidiIsolate(TargetCheck):
    id, severity, rtl_only = "bidi-isolate", "warning", True
    description = ("a Latin run whose punctuation the Bidirectional Algorithm shows on the "
                   "wrong side in right-to-left display (fixed by FSI … PDI)")

    def relevant(self, pair: Pair) -> bool:
        return "Latin" in pair.target_scripts

    def run(self, pair: Pair) -> Iterator[str]:
        text = displayed(pair.target)
        shown = None
        quoted = (_quoted(text, start, end) for start, end in _latin_runs(text))
        # A run bare of its punctuation resolves the same wrapped or not; only a quoted
        # one can move.  A sentence has few: the first are looked at (linear time).
        for a, b in islice(filter(None, quoted), _QUOTED_LOOKED_AT):
            shown = shown or display(text)
            wrapped = display(f"{text[:a]}{FSI}{text[a:b]}{PDI}{text[b:]}")
            if wrapped != shown:
                moved = [x for x, y in zip(shown, wrapped) if x != y]
                moving = "".join(dict.fromkeys(
                    [c for c in moved if not c.isalnum() and not c.isspace()] or moved))
                fixed = pair.target.replace(text[a:b], f"{FSI}{text[a:b]}{PDI}", 1)
                yield (f"{moving!r} of {text[a:b]!r} shows on the wrong side in "
                       f"right-to-left display: wrap it in FSI … PDI (U+2068 … U+2069): "
                       f"{fixed!r}")


_LATIN_PUNCTUATION = re.compile(r"[,;?]")
_ARABIC_FOR = {",": "،", ";": "؛", "?": "؟"}


def _next_strong(text: str) -> list[str]:
    """For each position, the bidi class of the first strong letter from there on."""
    result = [""] * (len(text) + 1)
    for index in range(len(text) - 1, -1, -1):
        kind = unicodedata.bidirectional(text[index])
        result[index] = "R" if kind in ("R", "AL") else "L" if kind == "L" \
            else result[index + 1]
    return result


@register
class RtlPunctuation(TargetCheck):
    id, severity, rtl_only, triggers = "rtl-punctuation", "warning", True, frozenset(",;?")
    target_only = True
    description = ("Arabic ، ؛ ؟ rather than Latin , ; ? where Arabic text goes on or ends, "
                   "also after digits and Latin names")

    def run(self, pair: Pair) -> Iterator[str]:
        text = without_code(pair.target)
        following: list[str] | None = None
        for match in _LATIN_PUNCTUATION.finditer(text):
            mark, at = match.group(), match.start()
            before, after = text[at - 1:at], text[at + 1:at + 2]
            if mark == "," and before in DIGITS and after in DIGITS:
                continue  # a thousands separator
            following = following or _next_strong(text)
            rest = text[at + 1:].strip(" \u00a0\u200f\u200e\u061c)]")
            if ARABIC.match(before) or following[at + 1] == "R" or \
                    (not rest and ARABIC.search(text)):
                yield (f"Latin {mark!r} after {text[max(0, at - 12):at].strip()!r} in Arabic "
                       f"text: use {_ARABIC_FOR[mark]!r}")
                return


@register
class RtlBrackets(TargetCheck):
    id, severity, rtl_only, triggers = "rtl-brackets", "error", True, frozenset(")]}")
    target_only = True
    description = "brackets open before they close in logical order (not typed visually)"

    def run(self, pair: Pair) -> Iterator[str]:
        depth = 0
        for char in without_code(pair.target):
            depth += {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}.get(char, 0)
            if depth < 0:
                yield (f"{char!r} closes before anything opened: brackets typed in visual "
                       f"order? In logical order an RTL text still writes '(' first")
                return


_PRESENTATION = re.compile("[\ufb50-\ufdfb\ufdfd-\ufdff\ufe70-\ufefe]")


@register
class ArabicPresentationForms(TargetCheck):
    id, severity, rtl_only = "arabic-presentation-forms", "error", True
    description = "no Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFE, except ﷼)"

    def run(self, pair: Pair) -> Iterator[str]:
        found = _PRESENTATION.findall(pair.target)
        if found:
            fixed = unicodedata.normalize("NFKC", "".join(dict.fromkeys(found)))
            yield (f"{len(found)} presentation-form character(s) such as "
                   f"{_control_name(found[0])}: replace by their NFKC form {fixed!r}")


@register
class Tatweel(TargetCheck):
    id, severity, rtl_only, triggers = "tatweel", "warning", True, frozenset("\u0640")
    target_only = True
    description = "no tatweel (U+0640) stretching between letters"

    def run(self, pair: Pair) -> Iterator[str]:
        if re.search(r"\w\u0640+\w", pair.target):
            yield "tatweel (U+0640) between letters: justification belongs to the layout"


@register
class MixedDigits(TargetCheck):
    id, severity, triggers = "mixed-digits", "warning", DIGITS - frozenset("0123456789")
    target_only = True
    description = "one digit system per string (0-9, ٠-٩ or ۰-۹)"

    def run(self, pair: Pair) -> Iterator[str]:
        systems = [name for name, rx in (("ASCII", "[0-9]"), ("Arabic-Indic", "[\u0660-\u0669]"),
                                         ("Extended Arabic-Indic", "[\u06f0-\u06f9]"))
                   if re.search(rx, without_code(pair.target))]
        if len(systems) > 1:
            yield f"mixes {' and '.join(systems)} digits"
