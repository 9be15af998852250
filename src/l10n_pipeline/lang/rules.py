"""The shape of a language's own rules, and their defaults.

A language with rules of its own has a module named by its language subtag
(``tr.py``) that defines ``RULES``; every other language gets :func:`default_rules`.
Adding a language's rules is adding one such file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

# Languages whose glossary words are compared by their Snowball stem when they have no
# module of their own.
_SNOWBALL = {"de": "german", "es": "spanish", "it": "italian", "pt": "portuguese",
             "nl": "dutch"}
WORD = re.compile(r"[^\W_]\w*")


def _same(word: str) -> str:
    return word


def _alone(key: str) -> tuple[str, ...]:
    return (key,)


@dataclass(frozen=True)
class Rules:
    """What differs from one language to another in segmentation and term matching.

    Sentence segmentation: ``titles`` never end a sentence ("Dr."), ``ordinary``
    abbreviations end one only before a capital ("etc."); None means English's tables.
    ``ordinal_stop``: a number with a full stop is an ordinal ("17. Üyesi").

    Case: ``dotted_i`` folds "İ" to "i" and "I" to "ı"; ``arabic_script`` always unifies
    Arabic marks and alef forms (other languages only when a text has such marks).

    Glossary matching, on case-folded words: ``word`` finds the words of a text (a word
    never holds white space: texts are split there first);
    ``key(word)`` is a word's comparison key; when ``matches`` is set, keys that differ
    may still match (an inflection by suffix), and ``stems(term_key)`` and
    ``beginnings(text_key)`` give the key prefixes under which the two meet.

    Checks: ``script`` the language is written in (a name in :mod:`.scripts`);
    ``length_ratio`` the typical length of a translation relative to English;
    ``doubles`` words written twice in a row correctly ("nous nous engageons");
    ``numbers_in_grammar`` numbers said by grammar alone (the Arabic dual "مشروعان").

    Dates (``l10n build --html``): ``months``, the twelve month names as a date uses
    them, ``date_pattern`` with ``{day}``, ``{month}`` and ``{year}``, and ``first_day``;
    a language without month names shows ISO 8601 dates.
    """

    titles: frozenset[str] | None = None
    ordinary: frozenset[str] | None = None
    ordinal_stop: bool = False
    dotted_i: bool = False
    arabic_script: bool = False
    word: re.Pattern[str] = WORD
    key: Callable[[str], str] = _same
    matches: Callable[[str, str], bool] | None = None
    stems: Callable[[str], tuple[str, ...]] = _alone
    beginnings: Callable[[str], Iterable[str]] = _alone
    script: str | None = None
    length_ratio: float = 1.0
    doubles: frozenset[str] = frozenset()
    numbers_in_grammar: frozenset[str] = frozenset()
    months: tuple[str, ...] | None = None
    date_pattern: str = "{day} {month} {year}"
    first_day: str = "1"  # how the first of a month is written ("1er" in French)


@cache
def snowball(name: str) -> Callable[[str], str]:
    """The Snowball stemmer ``name`` ("russian"), loaded on first use."""
    stemmer = None

    def stem(word: str) -> str:
        nonlocal stemmer
        if stemmer is None:
            import snowballstemmer  # loaded only when a glossary is matched

            stemmer = snowballstemmer.stemmer(name)
        stemmed: str = stemmer.stemWord(word)
        return stemmed

    return stem


def default_rules(base: str) -> Rules:
    """The rules of a language without a module: English abbreviations, and the
    Snowball stem as the glossary key where Snowball has the language."""
    name = _SNOWBALL.get(base)
    return Rules(key=snowball(name)) if name else Rules()
