"""Consistency across the project, in both directions (as Weblate's "Inconsistent"
check, translate-toolkit's poconflicts and Xbench do): the same source translated
differently in one language, in one document or in several, and one translation used
for different sources.  These see every checked catalogue of a language at once.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator

from .base import Placed, ProjectCheck, register

_SHOWN = 4  # other places named in one message


def _normal(text: str) -> str:
    return " ".join(text.split())


def _loose(text: str) -> str:
    """Sources that differ only in case, punctuation or spacing count as one."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def _conflicts(entries: list[Placed], key: Callable[[Placed], str],
               value: Callable[[Placed], str]) -> Iterator[tuple[Placed, list[Placed]]]:
    """Each entry whose ``key`` is shared with entries of another ``value``, with them."""
    groups: dict[str, list[Placed]] = defaultdict(list)
    for entry in entries:
        groups[key(entry)].append(entry)
    for group in groups.values():
        if len({value(e) for e in group}) > 1:
            for entry in group:
                yield entry, [e for e in group if value(e) != value(entry)]


def _places(others: list[Placed], shown: Callable[[Placed], str]) -> str:
    listed = "; ".join(f"{shown(o)!r} ({o.file}:{o.line})" for o in others[:_SHOWN])
    return listed + (f"; and {len(others) - _SHOWN} more" if len(others) > _SHOWN else "")


@register
class SameSourceDifferentTranslation(ProjectCheck):
    id, severity = "inconsistent-translation", "warning"
    description = "the same source is translated differently elsewhere in the project"

    def run(self, entries: list[Placed], lang: str) -> Iterator[tuple[Placed, str]]:
        for entry, others in _conflicts(entries, lambda e: _normal(e.msgid),
                                        lambda e: _normal(e.msgstr)):
            yield entry, ("the same source is translated otherwise: "
                          f"{_places(others, lambda o: o.msgstr)}")


@register
class SameTranslationDifferentSource(ProjectCheck):
    id, severity = "inconsistent-source", "warning"
    description = "one translation is used for different sources elsewhere in the project"

    def run(self, entries: list[Placed], lang: str) -> Iterator[tuple[Placed, str]]:
        worded = [e for e in entries if re.search(r"[^\W\d_]", e.msgstr)]
        for entry, others in _conflicts(worded, lambda e: _normal(e.msgstr),
                                        lambda e: _loose(e.msgid)):
            yield entry, (f"the same translation stands for other sources: "
                          f"{_places(others, lambda o: o.msgid)}")
