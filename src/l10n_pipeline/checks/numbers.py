"""Numbers: every number of the source is in the translation, in digits of any system,
or written out as the language writes it (cardinal or ordinal, any gender or case),
and a decade ("the 1990s") as its two last digits or words ("années 90", "девяностые").

Numbers are spelled by num2words; what it lacks is composed here from the tables in
``number_words``: Turkish number words written apart (TDK: "yirmi beş", num2words
"yirmibeş"), Arabic ordinals 21st-99th ("الخامس والعشرون"), Arabic feminine and oblique
forms ("الخامسة والعشرين").  Inflection (Russian cases, Turkish suffixes, Arabic
clitics) is left to the glossary's matcher, which already handles it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import product

from num2words import num2words

from ..glossary import contains_term
from ..lang import base_language, language
from .base import Pair, TargetCheck, register
from .number_words import (AR_ORDINAL_UNITS, AR_TENS, NUMBER_WORD_LANGUAGES,
                           RU_CASES, RU_GENDERS, TR_NUMBER_WORDS)
from .text import DIGITS, NUMBER, numbers, without_urls

_LARGEST_SPELLED = 10 ** 9
_DECADE = re.compile(r"(?<![\d.,])(\d{2,3}0)['’]?s\b")
_NUMERIC_DATE = re.compile(r"(?<![\d.])(\d{1,2})[./](\d{1,2})[./](\d{4})(?![\d.]\d)")


def _num2words(number: int, lang: str, **options: object) -> str | None:
    try:
        return num2words(number, lang=lang, **options)
    except (NotImplementedError, TypeError, ValueError, OverflowError, KeyError):
        return None


def _split_turkish(word: str) -> str:
    """'yirmibeşinci' -> 'yirmi beşinci': number words apart, a suffix kept on the last."""
    parts: list[str] = []
    rest = word
    while rest:
        head = max((w for w in TR_NUMBER_WORDS if rest.startswith(w)), key=len, default=None)
        if head is None:  # a suffix: stays on the word before it
            parts[-1:] = [(parts[-1] if parts else "") + rest]
            break
        parts.append(head)
        rest = rest[len(head):]
    return " ".join(parts)


def _arabic_ordinals(number: int) -> list[str]:
    """Masculine and feminine ordinals num2words lacks (21st-99th) or writes only in the
    masculine (1st-19th)."""
    tens, unit = divmod(number, 10)
    if not 1 <= number <= 99 or (tens >= 2 and unit == 0):
        return []
    if tens >= 2:
        masculine = f"{AR_ORDINAL_UNITS[unit]} و{AR_TENS[tens]}"
        return [masculine, f"{AR_ORDINAL_UNITS[unit]}ة و{AR_TENS[tens]}"]
    ordinal = _num2words(number, "ar", to="ordinal") or ""
    words = ordinal.split()
    if not words:
        return []
    feminine = [words[0] + "ة", *(("عشرة",) if tens == 1 else ())]
    return [ordinal, " ".join(feminine)]


def _arabic_variants(form: str) -> Iterable[str]:
    """Each word also in the oblique case (-ين for -ون) and without the taa marbuta."""
    words = form.replace("و ", "و").split()
    options = []
    for word in words:
        variants = {word}
        if word.endswith("ون"):
            variants.add(word[:-2] + "ين")
        if word.endswith("ة"):
            variants.add(word[:-1])
        options.append(sorted(variants))
    if len(options) > 6:  # large numbers: as written only
        return [" ".join(words)]
    return (" ".join(choice) for choice in product(*options))


@lru_cache(maxsize=4096)
def spelled(number: int, lang: str) -> tuple[str, ...]:
    """The ways ``lang`` writes ``number`` in words (empty when it is not known)."""
    base = base_language(lang)
    if base not in NUMBER_WORD_LANGUAGES or number > _LARGEST_SPELLED:
        return ()
    forms = {_num2words(number, base, to=to) for to in ("cardinal", "ordinal", "year")}
    if base == "ru":
        forms |= {_num2words(number, "ru", to=to, case=case, gender=gender, plural=plural)
                  for to in ("cardinal", "ordinal") for case in RU_CASES
                  for gender in RU_GENDERS for plural in (False, True)}
    if base == "fr" and number == 1:
        forms |= {"une", "première"}
    found = {form for form in forms if form is not None}
    if base == "tr":
        found = {_split_turkish(form) for form in found}
    if base == "ar":
        found |= set(_arabic_ordinals(number))
        found = {variant for form in found for variant in _arabic_variants(form)}
    return tuple(sorted(found))


def written_out(number: str, text: str, lang: str) -> bool:
    """Is ``number`` (ASCII digits) written in words in ``text`` (any inflected form)?"""
    return len(number) <= 10 and any(contains_term(form, text, lang)
                                     for form in spelled(int(number), lang))


def _months_named(source: str, target_numbers: Counter) -> set[str]:
    """Months of the source's numeric dates (09.03.2017) whose day and year the
    translation has: it names the month ("9 March 2017")."""
    return {str(int(month)) for day, month, year in _NUMERIC_DATE.findall(source)
            if str(int(day)) in target_numbers and year in target_numbers}


def _decades(text: str) -> set[str]:
    return {match.group(1).lstrip("0") for match in _DECADE.finditer(text)}


@register
class Numbers(TargetCheck):
    id, severity, triggers = "numbers", "warning", DIGITS
    description = ("every number of the source is in the translation: in digits of any "
                   "system (1,000 / 1 000 / ١٬٠٠٠), or in words, cardinal or ordinal, any "
                   "gender or case (en, fr, ru, ar, tr); a decade as '90' or in words")

    def run(self, pair: Pair) -> Iterator[str]:
        source = without_urls(pair.source)
        target = without_urls(pair.target)
        if sorted(NUMBER.findall(source)) == sorted(NUMBER.findall(target)):
            return  # the same numbers, written the same way (most translations)
        target_numbers = numbers(target)
        missing = numbers(source) - target_numbers
        if not missing:
            return
        decades, named = _decades(source), _months_named(source, target_numbers)
        grammar = language(pair.target_lang).rules.numbers_in_grammar
        left = sorted(n for n in missing if n not in named and n not in grammar
                      and not written_out(n, pair.target, pair.target_lang)
                      and not (n in decades and (n[-2:] in target_numbers or
                                                 written_out(n[-2:], pair.target,
                                                             pair.target_lang))))
        if left:
            yield f"number(s) missing from the translation: {', '.join(left)}"
