"""The shape of a translation: copied, white space, line breaks, end punctuation,
repeated words, length."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import compress, count, islice
from operator import eq, itemgetter

from ..glossary import fold, runs
from ..lang import language
from ..memo import keep
from .base import Pair, Source, SourceCheck, TargetCheck, register
from .text import without_code


@register
class Unchanged(TargetCheck):
    id, severity = "unchanged", "warning"
    description = "the translation is a copy of the source"

    def run(self, pair: Pair) -> Iterator[str]:
        if pair.source == pair.target and re.search(r"[^\W\d_]{2}", pair.source_prose):
            yield "the translation is identical to the source"


@register
class OuterWhitespace(TargetCheck):
    id, severity = "whitespace", "warning"
    description = "leading and trailing white space as in the source"

    def run(self, pair: Pair) -> Iterator[str]:
        source, target = pair.source, pair.target
        if source[:1].isspace() or target[:1].isspace():
            if source[:len(source) - len(source.lstrip())] != \
                    target[:len(target) - len(target.lstrip())]:
                yield "leading white space differs from the source"
        if source[-1:].isspace() or target[-1:].isspace():
            if source[len(source.rstrip()):] != target[len(target.rstrip()):]:
                yield "trailing white space differs from the source"


@register
class DoubleSpace(TargetCheck):
    id, severity = "double-space", "warning"
    description = "no double spaces the source does not have"

    def run(self, pair: Pair) -> Iterator[str]:
        if "  " in pair.target.strip() and "  " not in pair.source.strip():
            yield "double space in the translation"


@register
class Newlines(TargetCheck):
    id, severity, triggers = "newlines", "error", frozenset("\n")
    description = "the same number of line breaks as the source"

    def run(self, pair: Pair) -> Iterator[str]:
        if pair.source.count("\n") != pair.target.count("\n"):
            yield (f"{pair.target.count(chr(10))} line break(s), the source has "
                   f"{pair.source.count(chr(10))}")


_END = {".": ".", "۔": ".", "。": ".", "?": "?", "؟": "?", "!": "!", ":": ":", ";": ";",
        "؛": ";", ",": ",", "،": ",", "…": "…"}


def _end_mark(text: str) -> str:
    stripped = text.rstrip(" \u00a0\u202f\"'”’»)]*_\u200f\u200e\u061c")
    return _END.get(stripped[-1:], "") if stripped else ""


@register
class EndPunctuation(TargetCheck):
    id, severity = "end-punctuation", "warning"
    description = "the translation ends like the source (Arabic ؟ ، ؛ count as ? , ;)"

    def run(self, pair: Pair) -> Iterator[str]:
        source, target = _end_mark(pair.source), _end_mark(pair.target)
        if source != target:
            yield (f"ends with {target or 'no punctuation'!r}, the source with "
                   f"{source or 'no punctuation'!r}")


# A word written twice is where a run of text between white space ends with a word (a
# letter first) and the next run begins with it, ignoring case: each run's two words
# are found once (runs recur), and comparing neighbours takes a third of the time of a
# pattern that tries every position of the text.
_LAST_WORD = re.compile(r"(?<!\w)[^\W\d_]\w*\Z")
_FIRST_WORD = re.compile(r"\w*")


def _caseless(word: str) -> str:
    """``word`` with each letter in its simple lowercase, as a regular expression
    ignoring case compares them (``str.lower`` makes "İ" two letters, and a final "Σ"
    "ς"; every other letter it lowers alone, to one)."""
    if "İ" in word or "Σ" in word:
        return "".join(letter.lower()[:1] for letter in word)
    return word.lower()


def _last_word(run: str) -> str | None:
    match = _LAST_WORD.search(run)
    return _caseless(match.group()) if match else None


def _first_word(run: str) -> str | None:
    match = _FIRST_WORD.match(run)
    return _caseless(match.group()) if match else None


class _RunEnds(dict[str, tuple["str | None", "str | None"]]):
    """The words a run ends and begins with, caseless, computed once per run; bounded."""

    def __missing__(self, run: str) -> tuple[str | None, str | None]:
        ends = _last_word(run), _first_word(run)
        # a long one (a URL, a hostile token) is not kept
        return keep(self, run, ends) if len(run) <= 64 else ends


_ENDS = _RunEnds()
_LAST, _FIRST = itemgetter(0), itemgetter(1)


def repeated_word(text: str, lang: str) -> str | None:
    """The first word written twice in a row, nothing but space between (case-insensitive,
    not a number): "the the", not "energy, energy efficiency", nor French "nous nous"."""
    rules = language(lang).rules
    if rules.dotted_i:  # dotted and dotless i: fold by the language
        text = fold(text, lang)
    text_runs = runs(text)
    ends = list(map(_ENDS.__getitem__, text_runs))
    doubled = map(eq, map(_LAST, ends), map(_FIRST, islice(ends, 1, None)))
    for index in compress(count(), doubled):
        last = _LAST_WORD.search(text_runs[index])
        if last and last.group().casefold() not in rules.doubles:
            return fold(last.group(), lang)
    return None


@register
class RepeatedWord(TargetCheck):
    id, severity = "repeated-word", "warning"
    description = "no word repeated twice in a row (case-insensitive, Turkish-aware)"

    def run(self, pair: Pair) -> Iterator[str]:
        word = repeated_word(without_code(pair.target), pair.target_lang)
        if word:
            yield f"word repeated: {word!r}"


@register
class SourceRepeatedWord(SourceCheck):
    id, severity = "source-repeated-word", "warning"
    description = "the source writes a word twice in a row ('the the')"

    def run(self, source: Source) -> Iterator[str]:
        word = repeated_word(without_code(source.text), source.lang)
        if word:
            yield f"word repeated in the source: {word!r}"


@register
class LengthRatio(TargetCheck):
    id, severity = "length-ratio", "warning"
    description = "translation length within the norm for the language pair (truncated output)"

    def run(self, pair: Pair) -> Iterator[str]:
        if len(pair.source) < 30:
            return
        expected = language(pair.target_lang).rules.length_ratio / \
            language(pair.source_lang).rules.length_ratio
        ratio = len(pair.target) / len(pair.source) / expected
        if ratio < 0.4 or ratio > 2.5:
            yield f"{len(pair.target)} characters for {len(pair.source)}: truncated or padded?"
