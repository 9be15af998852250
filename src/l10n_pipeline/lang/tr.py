"""Turkish: dotted and dotless i, abbreviations, ordinals written "17.", and glossary
words as a dictionary form followed by a chain of inflectional suffixes, with or
without an apostrophe ("ilticanın", "İstanbul'da", "göçmenlerin"); Snowball stems
"göçmen" and "göçmenler" differently."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from .rules import Rules

_SUFFIXES = re.compile(
    r"(?:l[ae]r)?"                                   # plural
    r"(?:[ıiuü]m|[ıiuü]n|s?[ıiuü]|[ıiuü]m[ıiuü]z|[ıiuü]n[ıiuü]z|l[ae]r[ıi])?"  # possessive
    r"(?:n?[ıiuü]n|y?[ıiuü]|y?[ae]|n?[dt][ae]n?|y?l[ae]|n[ae]|n[ıiuü])?"  # case
    r"(?:ki|[dt][ıiuü]r)?")
_VOICED = {"p": "b", "ç": "c", "t": "d", "k": "ğ"}
_UNVOICED = {voiced: plain for plain, voiced in _VOICED.items()}
_IZAFET = re.compile(r"(?<=[aeıioöuü])s[ıiuü]$|(?<=[^aeıioöuü])[ıiuü]$")
_LONGEST_STEM = 40  # letters: no term's word is longer, and a 1 MB "word" stays linear


def key(word: str) -> str:
    return word.split("'")[0]


@lru_cache(maxsize=4096)
def stems(word: str) -> tuple[str, ...]:
    """Forms a dictionary word takes before suffixes: itself, with its final consonant
    voiced ("kitap" -> "kitab-ı"), and without a compound's possessive ("göç
    politikası" -> "göç politika-ları")."""
    found = [word]
    if word[-1:] in _VOICED:
        found.append(word[:-1] + _VOICED[word[-1]])
    bare = _IZAFET.sub("", word)
    if bare != word and len(bare) >= 3:
        found.append(bare)
        if bare[-1:] in _UNVOICED:  # "ortaklığı" -> "ortaklık-larına"
            found.append(bare[:-1] + _UNVOICED[bare[-1]])
    return tuple(found)


def matches(text_key: str, term_key: str) -> bool:
    return any(text_key.startswith(stem) and _SUFFIXES.fullmatch(text_key[len(stem):])
               for stem in stems(term_key))


def beginnings(text_key: str) -> Iterable[str]:
    """A stem (of a length a word can have), then a chain of suffixes."""
    return (text_key[:n] for n in range(1, min(len(text_key), _LONGEST_STEM) + 1))


RULES = Rules(
    titles=frozenset("dr prof doç yrd sn av müh öğr gör arş ord dt uzm".split()),
    ordinary=frozenset("vb vs bkz örn s no yy oca şub mar nis haz tem ağu eyl eki kas ara "
                       "t.c a.ş ltd şti".split()),
    ordinal_stop=True, dotted_i=True, word=re.compile(r"[^\W_][\w'’]*"), key=key,
    matches=matches, stems=stems, beginnings=beginnings, script="Latin",
    months=("Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos",
            "Eylül", "Ekim", "Kasım", "Aralık"))
