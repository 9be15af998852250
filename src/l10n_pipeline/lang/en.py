"""English: abbreviations (also every language's without tables of its own) and
glossary keys that drop plural and possessive endings only (Snowball conflates
"receptive" with "reception")."""

from __future__ import annotations

from .rules import Rules

TITLES = frozenset("mr mrs ms dr prof h.e st mt gen col lt sgt capt rev hon amb sen rep "
                   "messrs mme mlle sr jr".split())
ORDINARY = frozenset("etc e.g i.e vs cf al approx no nos art p pp vol ed eds fig dept est "
                     "inc ltd co corp jan feb mar apr jun jul aug sep sept oct nov dec "
                     "u.s u.k u.n e.u a.m p.m".split())
_ENDINGS = (("'s", ""), ("s'", ""), ("ies", "y"), ("ches", "ch"), ("shes", "sh"),
            ("sses", "ss"), ("xes", "x"))


def key(word: str) -> str:
    """Nouns inflect for number only."""
    for suffix, replacement in _ENDINGS:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return word[:-len(suffix)] + replacement
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") \
        else word


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
# A month name, in full or abbreviated ("Sep", "Sept.", "September")
MONTH = "(?:" + "|".join(m[:3] + f"(?:{m[3:]})?" if len(m) > 3 else m
                         for m in MONTHS) + r")\.?"

RULES = Rules(titles=TITLES, ordinary=ORDINARY, key=key, script="Latin",
              doubles=frozenset({"had", "that"}), months=MONTHS)
