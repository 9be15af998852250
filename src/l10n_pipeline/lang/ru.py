"""Russian: abbreviations, and glossary keys by Snowball stem, with fleeting vowels
dropped and short stems compared by their beginnings."""

from __future__ import annotations

import re

from .rules import Rules, snowball

_FLEETING = re.compile("(?<=[^аеёиоуыэюя])(?:[её](?=ц$)|о(?=к$))")
_stem = snowball("russian")


def key(word: str) -> str:
    """Fleeting vowels: "беженец" and "беженцев" stem to "беженец", "беженц"."""
    stem = _stem(word)
    return _FLEETING.sub("", stem) if len(stem) > 4 else stem


def matches(text_key: str, term_key: str) -> bool:
    """Snowball stems short nouns unevenly ("органы" -> "орга", "органов" -> "орган"):
    one stem the other's beginning, at most two letters apart."""
    short, long = sorted((text_key, term_key), key=len)
    return len(short) >= 3 and long.startswith(short) and len(long) - len(short) <= 2


def truncations(key: str) -> tuple[str, ...]:
    return tuple(key[:n] for n in range(max(3, len(key) - 2), len(key) + 1)) or (key,)


RULES = Rules(
    titles=frozenset("г-н г-жа проф акад доц тов им ген полк".split()),
    ordinary=frozenset("г гг т.е т.д т.п т.к т.н др пр см ср стр с ул д кв обл р-н млн "
                       "млрд тыс руб коп янв февр апр авг сент окт нояб дек".split()),
    key=key, matches=matches, stems=truncations, beginnings=truncations, script="Cyrillic",
    length_ratio=1.1,
    months=("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
            "сентября", "октября", "ноября", "декабря"),  # a date takes the genitive
    date_pattern="{day} {month} {year} г.")
