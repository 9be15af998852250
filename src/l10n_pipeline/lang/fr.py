"""French: abbreviations, and glossary keys without plural ``-s``/``-x``/``-aux`` and
feminine ``-e`` (Snowball's French stemmer also strips accents and conflates verbs
with nouns: "intègre" = "intégration")."""

from __future__ import annotations

from .rules import Rules


def key(word: str) -> str:
    if len(word) > 4 and word.endswith("aux"):  # "illégaux" -> "illégal"
        return word[:-3] + "al"
    if len(word) > 3 and word[-1] in "sx":
        word = word[:-1]
    return word[:-1] if len(word) > 3 and word.endswith("e") else word


RULES = Rules(
    titles=frozenset("m mm mme mmes mlle mlles dr pr me mgr s.e s.exc".split()),
    ordinary=frozenset("etc cf ex p pp art al av apr env éd vol fig janv févr avr juil "
                       "sept oct nov déc n°".split()),
    key=key, script="Latin", length_ratio=1.2, doubles=frozenset({"nous", "vous"}),
    months=("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
            "septembre", "octobre", "novembre", "décembre"), first_day="1er")
