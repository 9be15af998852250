"""Per-language facts the checks use, kept in one place so that they can move to the
``lang`` package: scripts, writing direction, length norms, number words num2words
lacks, month names.  The checks hold no language tables of their own.
"""

from __future__ import annotations

import re
from functools import lru_cache

from babel import Locale, UnknownLocaleError

LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
SCRIPTS = {"Latin": LATIN, "Cyrillic": CYRILLIC, "Arabic": ARABIC}
LANG_SCRIPT = {"en": "Latin", "fr": "Latin", "tr": "Latin", "de": "Latin", "es": "Latin",
               "ru": "Cyrillic", "uk": "Cyrillic", "ar": "Arabic", "fa": "Arabic"}

# Typical length of a translation relative to English.
LENGTH_RATIO = {"fr": 1.2, "ru": 1.1, "ar": 0.95, "tr": 1.0, "en": 1.0}


# Words a language writes twice in a row correctly ("nous nous engageons", "had had").
LEGITIMATE_DOUBLES = {"fr": frozenset({"nous", "vous"}), "en": frozenset({"had", "that"})}

# Numbers a language can say by grammar alone: the Arabic singular and dual ("مشروعان",
# two projects) carry 1 and 2 without a number word.
NUMBERS_IN_GRAMMAR = {"ar": frozenset({"1", "2"})}


@lru_cache(maxsize=64)
def is_rtl(lang: str) -> bool:
    try:
        return Locale.parse(lang.replace("-", "_")).character_order == "right-to-left"
    except (UnknownLocaleError, ValueError):
        return False


# -- numbers written as words -------------------------------------------------------------

# Languages whose number words num2words spells (and the checks accept).
NUMBER_WORD_LANGUAGES = frozenset({"en", "fr", "ru", "ar", "tr"})

# num2words writes Turkish numbers as one word ("yirmibeş"); TDK writes each number word
# apart ("yirmi beş"): these are the words to split at.
TR_NUMBER_WORDS = ("bir", "iki", "üç", "dört", "beş", "altı", "yedi", "sekiz", "dokuz", "on",
                   "yirmi", "otuz", "kırk", "elli", "altmış", "yetmiş", "seksen", "doksan",
                   "yüz", "bin", "milyon", "milyar")

# num2words' Arabic ordinals stop at the units and teens ("الخامس والعشرون" is missing):
# the masculine ordinal of each unit, to compose 21st-99th.
AR_ORDINAL_UNITS = {1: "حادي", 2: "ثاني", 3: "ثالث", 4: "رابع", 5: "خامس", 6: "سادس",
                    7: "سابع", 8: "ثامن", 9: "تاسع"}
AR_TENS = {2: "عشرون", 3: "ثلاثون", 4: "أربعون", 5: "خمسون", 6: "ستون", 7: "سبعون",
           8: "ثمانون", 9: "تسعون"}

# Russian cases and genders num2words knows.
RU_CASES = ("n", "g", "d", "a", "i", "p")
RU_GENDERS = ("m", "f", "n")

# -- dates ----------------------------------------------------------------------------------

EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")
EN_MONTH = "(?:" + "|".join(m[:3] + f"(?:{m[3:]})?" if len(m) > 3 else m
                            for m in EN_MONTHS) + r")\.?"
