"""Consistency across the project, in both directions (as Weblate's "Inconsistent"
check, translate-toolkit's poconflicts and Xbench do): the same source translated
differently in one language, in one document or in several, and one translation used
for different sources.  These see every checked catalogue of a language at once.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from itertools import islice

from .base import Placed, ProjectCheck, register

_SHOWN = 4  # other places named in one message
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"\w+")


def _normal(text: str) -> str:
    """White space as one space between words.  A printable text has no white space but
    the ASCII space (every other is a separator or a control), so most texts are
    normal after three quick looks once their no-break spaces (in a French text, before
    ``: ; ! ?``) are spaces."""
    spaced = text.replace("\xa0", " ").replace("\u202f", " ")
    if spaced.isprintable() and "  " not in spaced and spaced[:1] != " " and spaced[-1:] != " ":
        return spaced
    return " ".join(text.split())


def _loose(text: str) -> str:
    """Sources that differ only in case, punctuation or spacing count as one."""
    return " ".join(_WORD.findall(text.casefold()))


def _conflicts(entries: list[Placed], key: Callable[[Placed], str],
               value: Callable[[Placed], str]) -> Iterator[tuple[Placed, list[Placed], int]]:
    """Each entry whose ``key`` is shared with entries of another ``value``, with the
    first few of those (in order) and how many they are."""
    groups: dict[str, list[Placed]] = defaultdict(list)
    for entry in entries:
        groups[key(entry)].append(entry)
    for group in groups.values():
        if len(group) < 2:  # most keys are unique
            continue
        values = [value(e) for e in group]
        counts = Counter(values)
        if len(counts) < 2:
            continue
        shown: dict[str, list[Placed]] = {}  # per value: the first others, in order
        for entry, mine in zip(group, values):
            if mine not in shown:
                shown[mine] = list(islice((e for e, v in zip(group, values) if v != mine),
                                          _SHOWN))
            yield entry, shown[mine], len(group) - counts[mine]


def _places(others: list[Placed], count: int, shown: Callable[[Placed], str]) -> str:
    listed = "; ".join(f"{shown(o)!r} ({o.file}:{o.line})" for o in others[:_SHOWN])
    return listed + (f"; and {count - _SHOWN} more" if count > _SHOWN else "")


@register
class SameSourceDifferentTranslation(ProjectCheck):
    id, severity = "inconsistent-translation", "warning"
    description = "the same source is translated differently elsewhere in the project"

    def run(self, entries: list[Placed], lang: str) -> Iterator[tuple[Placed, str]]:
        for entry, others, count in _conflicts(entries, lambda e: _normal(e.msgid),
                                               lambda e: _normal(e.msgstr)):
            yield entry, ("the same source is translated otherwise: "
                          f"{_places(others, count, lambda o: o.msgstr)}")


@register
class SameTranslationDifferentSource(ProjectCheck):
    id, severity = "inconsistent-source", "warning"
    description = "one translation is used for different sources elsewhere in the project"

    def run(self, entries: list[Placed], lang: str) -> Iterator[tuple[Placed, str]]:
        worded = [e for e in entries if _LETTER.search(e.msgstr)]
        for entry, others, count in _conflicts(worded, lambda e: _normal(e.msgstr),
                                               lambda e: _loose(e.msgid)):
            yield entry, (f"the same translation stands for other sources: "
                          f"{_places(others, count, lambda o: o.msgid)}")
