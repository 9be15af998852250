"""Arabic: abbreviations, the script's marks and alef forms, and glossary keys without
proclitics (و ف ب ك ل and the article, "لل") and light suffixes (Snowball leaves
"والهجرة" unstemmed)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from .rules import Rules

MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ALEF = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
_PROCLITICS = re.compile(r"^[وف]?(?:لل|[بك]?ال|[بكل](?=\w{4}))?")
_SUFFIXES: tuple[str, ...] = ("هما", "كم", "هم", "ها", "نا", "ات", "ان", "ين", "ون", "ه", "ي", "ت", "ا")
_LONGEST_SUFFIX = max(map(len, _SUFFIXES))


def unify(text: str) -> str:
    """Without tatweel and diacritics, alef forms as one."""
    return MARKS.sub("", text).translate(_ALEF)


def key(word: str) -> str:
    core = _PROCLITICS.sub("", word)
    return core if len(core) >= 2 else word


def _unclitic(text_key: str) -> tuple[str, ...]:
    """A key, and without a preposition ب ك ل left on a short word ("بصفة")."""
    return (text_key, text_key[1:]) if text_key[:1] in "بكل" and len(text_key) >= 4 \
        else (text_key,)


@lru_cache(maxsize=4096)
def _stem_suffixes(word: str) -> dict[str, tuple[str, ...]]:
    """Forms a word (by key) takes before a light suffix, with those suffixes."""
    found: dict[str, tuple[str, ...]] = {word: _SUFFIXES}
    if word.endswith("ه"):  # taa marbuta: "هجرة" -> "هجرتها", "هجرات"
        found[word[:-1] + "ت"] = _SUFFIXES
        found[word[:-1]] = ("ات", "ان", "ين")
    if word.startswith("ل"):  # "لل" + a word starting with lam: "للاجئين"
        found[word[1:]] = ("", *_SUFFIXES)
    return found


def matches(text_key: str, term_key: str) -> bool:
    return any(key == term_key or key.startswith(stem) and key[len(stem):] in suffixes
               for key in _unclitic(text_key)
               for stem, suffixes in _stem_suffixes(term_key).items())


def stems(term_key: str) -> tuple[str, ...]:
    return tuple(_stem_suffixes(term_key))


def beginnings(text_key: str) -> Iterable[str]:
    """A stem and one light suffix."""
    return (key[:n] for key in _unclitic(text_key)
            for n in range(max(1, len(key) - _LONGEST_SUFFIX), len(key) + 1))


RULES = Rules(
    titles=frozenset("د أ م ق ه هـ ص ج".split()),
    ordinary=frozenset("إلخ اهـ".split()),
    arabic_script=True,
    word=re.compile(r"[^\W\d_][\w\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]*"),
    key=key, matches=matches, stems=stems, beginnings=beginnings, script="Arabic",
    length_ratio=0.95, numbers_in_grammar=frozenset({"1", "2"}),
    # the month names our translations use (as in Egypt and the Gulf)
    months=("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس",
            "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"))
