"""The number words num2words lacks or writes otherwise, for the ``numbers`` check:
Turkish words written apart, Arabic ordinals past the teens, and the Russian cases and
genders num2words takes.  Everything else about a language is in :mod:`l10n_pipeline.lang`.
"""

from __future__ import annotations

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
