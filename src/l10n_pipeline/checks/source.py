"""Source checks: what a careful editor flags in the source text, so that authors fix
it before translators meet it (run on the templates)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .base import Source, SourceCheck, register
from ..lang.en import MONTH as EN_MONTH
from .text import CODE, EMAIL, URL

_QUOTE_PAIRS = (("“", "”"), ("«", "»"), ("„", "“"))
_BRACKETS = (("(", ")"), ("[", "]"), ("{", "}"))
_ENUMERATION = re.compile(r"(?:^|(?<=\s))[a-zA-Z0-9ivx]{1,3}\)")


def _plain(text: str) -> str:
    """The text without URLs, e-mail addresses and code (Markdown link brackets stay)."""
    return CODE.sub(" ", EMAIL.sub(" ", URL.sub(" ", text)))


@register
class SourceQuotes(SourceCheck):
    id, severity = "source-quotes", "warning"
    description = "quotation marks in the source open and close (“ ”, « », \" \")"

    def run(self, source: Source) -> Iterator[str]:
        text = _plain(source.text)
        if text.count('"') % 2:
            yield "an odd number of \" in the source: a quotation is not closed"
        for opening, closing in _QUOTE_PAIRS:
            if opening == "„":
                continue
            if text.count(opening) != text.count(closing) and "„" not in text:
                yield (f"{text.count(opening)} {opening!r} and {text.count(closing)} "
                       f"{closing!r} in the source: a quotation is not closed")


@register
class SourceBrackets(SourceCheck):
    id, severity = "source-brackets", "warning"
    description = "brackets in the source open and close (an enumeration 'a)' aside)"

    def run(self, source: Source) -> Iterator[str]:
        text = _ENUMERATION.sub(" ", _plain(source.text))
        for opening, closing in _BRACKETS:
            depth = 0
            for char in text:
                depth += (char == opening) - (char == closing)
                if depth < 0:
                    break
            if depth:
                yield f"{opening!r} and {closing!r} do not pair up in the source"


_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_RANGE = re.compile(
    rf"\b{EN_MONTH} {_DAY}\s*[–-]\s*(?:{EN_MONTH} )?{_DAY}\b"
    rf"|\b{_DAY}(?: {EN_MONTH})?\s*[–-]\s*{_DAY} {EN_MONTH}")
_YEAR = re.compile(r"\b(?:1[89]|20)\d{2}\b")


@register
class SourceDateRange(SourceCheck):
    id, severity, languages = "source-date-range", "warning", frozenset({"en"})
    description = "a date range in the source says its year ('Nov 28 – Dec 3, 2019')"

    def run(self, source: Source) -> Iterator[str]:
        match = _RANGE.search(source.text)
        if match and not _YEAR.search(source.text):
            yield f"the date range {match.group()!r} has no year"


_PLURAL_POSSESSIVE = re.compile(
    r"\b(?:[2-9]|\d{2,}|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|"
    r"fifty|hundred)[ -](?:year|month|week|day|hour)['’]s\b", re.IGNORECASE)


@register
class SourceNumberPossessive(SourceCheck):
    id, severity, languages = "source-number-possessive", "warning", frozenset({"en"})
    description = "no singular possessive after a plural number ('20 year’s anniversary')"

    def run(self, source: Source) -> Iterator[str]:
        match = _PLURAL_POSSESSIVE.search(source.text)
        if match:
            yield (f"{match.group()!r}: a plural number takes the plural "
                   f"('{match.group()[:-2]}s’') or an ordinal ('20th anniversary')")
