"""Typography by language, each a check of its own that gives the fixed string.

The style each expects is set in ``[tool.l10n.checks]`` (see the README); the defaults
follow each language's main style guides: for French the Lexique des règles
typographiques en usage à l'Imprimerie nationale; for Russian Мильчин & Чельцова,
Справочник издателя и автора; for Turkish the TDK Yazım Kılavuzu; for English dates,
the source's own format (one per string).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from ..config import ChecksConfig
from .base import Pair, TargetCheck, register
from ..lang.en import MONTH as EN_MONTH
from .text import outside_code

NBSP, NNBSP = "\u00a0", "\u202f"
_FR_MARKS = ":;!?»"


def _fr_space(mark: str, style: str) -> str:
    return NNBSP if style == "narrow" and mark in ";!?" else NBSP


def _fr_accepts(mark: str, style: str) -> str:
    return NBSP + NNBSP if style == "any" else _fr_space(mark, style)


def fix_french_spacing(text: str, style: str = "any") -> str:
    """A no-break space of ``style`` before ``: ; ! ? »`` and after ``«`` (a space of
    another kind there is replaced, a missing one added); times (10:30) and doubled
    marks (?!) left alone."""
    out: list[str] = []
    for index, char in enumerate(text):
        before = text[index - 1] if index else ""
        after = text[index + 1:index + 2]
        if char in _FR_MARKS and before and before not in _FR_MARKS + "«" \
                and before not in _fr_accepts(char, style) \
                and not (char == ":" and before.isdigit() and after.isdigit()):
            if before in " \t" + NBSP + NNBSP:  # a space that breaks, or the other kind
                out[-1] = _fr_space(char, style)
            elif before.isalnum() or before in ")]”’\"*_":
                out.append(_fr_space(char, style))
        if before == "«" and char not in _fr_accepts("«", style):
            if char in " \t" + NBSP + NNBSP:
                char = _fr_space("«", style)
            else:
                out.append(_fr_space("«", style))
        out.append(char)
    return "".join(out)


def _quotes(text: str, opening: str, closing: str, space: str = "") -> str:
    """Straight double quotes paired into ``opening`` … ``closing``."""
    return re.sub(r'"([^"\n]*)"', rf"{opening}{space}\1{space}{closing}", text)


class _Typography(TargetCheck):
    """A typography check: its ``fix`` applied to the prose of the translation (code,
    URLs and tags left as they are); a finding, with the fixed string, when that changes
    it.  It reads the translation alone."""

    target_only = True
    finding: ClassVar[str] = ""  # what is wrong; formatted with the project's ``settings``

    def fix(self, text: str, settings: ChecksConfig) -> str:
        raise NotImplementedError

    def run(self, pair: Pair) -> Iterator[str]:
        fixed = outside_code(pair.target, lambda text: self.fix(text, pair.settings))
        if fixed != pair.target:
            yield f"{self.finding.format(settings=pair.settings)}: {fixed!r}"


# Where a fix can be needed: a mark after a character that is not a no-break space
# (nor another mark or «), « before one that is not.  The pattern opens with the mark,
# so a search skips from mark to mark (one opening with "any character" tried each).
_MARKS = re.escape(_FR_MARKS)
_FR_CANDIDATE = re.compile(f"[{_MARKS}«](?:(?<=[^{NBSP}{NNBSP}{_MARKS}«][{_MARKS}])"
                           f"|(?<=«)(?=[^{NBSP}{NNBSP}]))")


@register
class FrenchSpacing(_Typography):
    id, severity, languages = "fr-spacing", "warning", frozenset({"fr"})
    triggers = frozenset(_FR_MARKS + "«")
    description = ("French: a no-break space (U+00A0 or the narrow U+202F) before : ; ! ? » "
                   "and after « ([tool.l10n.checks] french_space)")
    finding = "no-break spaces missing around French punctuation"

    def fix(self, text: str, settings: ChecksConfig) -> str:
        return fix_french_spacing(text, settings.french_space)

    def run(self, pair: Pair) -> Iterator[str]:
        if pair.settings.french_space != "any" or _FR_CANDIDATE.search(pair.target):
            yield from super().run(pair)


@register
class FrenchQuotes(_Typography):
    id, severity, languages = "fr-quotes", "warning", frozenset({"fr"})
    triggers = frozenset('"“')
    description = ("French: « » rather than \" \" or “ ” for quotations "
                   "([tool.l10n.checks] french_quotes)")
    finding = "quotation marks"

    def fix(self, text: str, settings: ChecksConfig) -> str:
        if settings.french_quotes == "«»":
            text = _quotes(text, "«", "»", NBSP)
            if "«" not in text:  # “ ” are French only inside « »
                text = re.sub(r"“([^”\n]*)”", f"«{NBSP}\\1{NBSP}»", text)
            return text
        return _quotes(text, "“", "”")


@register
class RussianQuotes(_Typography):
    id, severity, languages = "ru-quotes", "warning", frozenset({"ru"})
    triggers = frozenset('"“')
    description = ("Russian: « » (and „ “ inside them) rather than \" \" or “ ” "
                   "([tool.l10n.checks] russian_quotes)")
    finding = "quotation marks"

    def fix(self, text: str, settings: ChecksConfig) -> str:
        opening, closing = settings.russian_quotes[0], settings.russian_quotes[1]
        text = _quotes(text, opening, closing)
        if text.count("“") > text.count("„"):  # English “ ”, not Russian „ “
            text = re.sub(r"“([^”“\n]*)”", rf"{opening}\1{closing}", text)
        return text


_RU_DASH = re.compile(r"(?<=\S)([ \u00a0])[-–—]([ \u00a0])(?=\S)")


@register
class RussianDash(_Typography):
    id, severity, languages = "ru-dash", "warning", frozenset({"ru"})
    triggers = frozenset("-–—")  # any dash: the project may want the en dash
    description = ("Russian: a dash between words is ' — ' (em dash between spaces), not a "
                   "hyphen or an en dash ([tool.l10n.checks] russian_dash)")
    finding = "dash"

    def fix(self, text: str, settings: ChecksConfig) -> str:
        def one(match: re.Match[str]) -> str:
            before, after = text[match.start() - 1], text[match.end():match.end() + 1]
            if before.isdigit() and after.isdigit():  # a range: 1990 – 2000
                return match.group()
            return f"{match.group(1)}{settings.russian_dash}{match.group(2)}"
        return _RU_DASH.sub(one, text)


_APOSTROPHES = "'’ʼ"


@register
class TurkishApostrophe(_Typography):
    id, severity, languages = "tr-apostrophe", "warning", frozenset({"tr"})
    triggers = frozenset(_APOSTROPHES)
    description = ("Turkish: one apostrophe before the suffixes of proper nouns "
                   "(Moldova’ya, [tool.l10n.checks] turkish_apostrophe)")
    finding = ("apostrophe before a suffix is written {settings.turkish_apostrophe!r} in this "
               "project")

    def fix(self, text: str, settings: ChecksConfig) -> str:
        wanted = settings.turkish_apostrophe
        others = re.compile(f"(?<=\\w)[{re.escape(_APOSTROPHES.replace(wanted, ''))}](?=\\w)")
        return others.sub(wanted, text)


_DATE_FORMATS = {
    "dmy": re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)? {EN_MONTH},? \d{{4}}\b"),
    "mdy": re.compile(rf"\b{EN_MONTH} \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}\b"),
    "iso": re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
    "numeric": re.compile(r"\b\d{1,2}[./]\d{1,2}[./]\d{4}\b"),
}
# In a source of any language: day, a word (the month), year; or the month first.
_SOURCE_DATE_FORMATS = {
    "dmy": re.compile(r"\b\d{1,2}\.? [^\W\d_]{3,}\.?,? \d{4}\b"),
    "mdy": re.compile(r"\b[^\W\d_]{3,}\.? \d{1,2}(?:st|nd|rd|th)?, \d{4}\b"),
    "iso": _DATE_FORMATS["iso"],
    "numeric": _DATE_FORMATS["numeric"],
}


def date_formats(text: str, patterns: dict[str, re.Pattern[str]] = _DATE_FORMATS) -> list[str]:
    return [name for name, pattern in patterns.items() if pattern.search(text)]


@register
class EnglishDates(TargetCheck):
    id, severity, languages = "en-dates", "warning", frozenset({"en"})
    description = ("English: dates in one format, the source's (or the one set by "
                   "[tool.l10n.checks] english_dates)")

    def relevant(self, pair: Pair) -> bool:
        return any(c.isdigit() for c in pair.target)

    def run(self, pair: Pair) -> Iterator[str]:
        used = date_formats(pair.target)
        style = pair.settings.english_dates
        expected = set(date_formats(pair.source, _SOURCE_DATE_FORMATS)) if style == "source" \
            else {style}
        if len(used) > 1:
            yield f"dates written in {len(used)} formats ({', '.join(used)}): use one"
        elif used and expected and used[0] not in expected:
            yield (f"dates written {used[0]}, the {'source' if style == 'source' else 'project'}"
                   f" writes them {' or '.join(sorted(expected))}")
