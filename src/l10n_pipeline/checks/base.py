"""The kinds of check, what each sees, and the registry.

- A :class:`TargetCheck` compares one translation with its source (a :class:`Pair`).
- A :class:`SourceCheck` reads one source text of a template (a :class:`Source`), so
  authors fix it before translators meet it.
- A :class:`CatalogueCheck` reads one whole catalogue (its header, its entries together).
- A :class:`ProjectCheck` reads the translated entries of every checked catalogue of one
  language at once (consistency across documents).

Each check has an id, a severity, a one-line description, and may name the languages
it applies to (base codes; ``None``: all) and the characters without which it cannot
fire (``triggers``, in the source or the translation, or in the translation alone for a
check that reads only the translation, ``target_only``): most entries skip most checks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import ClassVar, NamedTuple, TypeVar

import polib

from ..config import ChecksConfig
from ..glossary import Glossary
from ..lang import base_language, language
from ..lang.scripts import SCRIPTS, other_letters
from ..memo import once
from .text import prose


@dataclass
class Pair:
    """What a target check sees: one source text and its translation (shared work cached)."""

    source: str
    target: str
    source_lang: str
    target_lang: str
    glossary: Glossary
    settings: ChecksConfig = field(default_factory=ChecksConfig)

    @once
    def violations(self) -> list:
        return self.glossary.violations(self.source, self.source_lang, self.target,
                                        self.target_lang)

    @once
    def target_prose(self) -> str:
        return prose(self.target, self.glossary)

    @once
    def source_prose(self) -> str:
        return prose(self.source, self.glossary)

    @once
    def target_characters(self) -> frozenset[str]:
        """The characters of the translation that trigger some check."""
        return frozenset(trigger_characters(self.target_lang).findall(self.target))

    @once
    def characters(self) -> frozenset[str]:
        """The characters of the source and the translation that trigger some check."""
        return self.target_characters.union(
            trigger_characters(self.target_lang).findall(self.source))

    @once
    def target_scripts(self) -> set[str]:
        """The scripts (Latin, Cyrillic, Arabic) whose letters the translation has."""
        own = language(self.target_lang).rules.script
        if own in SCRIPTS and not other_letters(own).search(self.target):  # most texts
            return {own} if SCRIPTS[own].search(self.target) else set()
        return {name for name, letters in SCRIPTS.items() if letters.search(self.target)}


@dataclass
class Source:
    """What a source check sees: one source text of a template."""

    text: str
    lang: str
    glossary: Glossary

    @once
    def prose(self) -> str:
        return prose(self.text, self.glossary)


class Placed(NamedTuple):
    """A translated entry where a project check can point: file, line and texts (a
    tuple: a project holds hundreds of thousands, made three times faster)."""

    file: str
    line: int
    msgid: str
    msgstr: str
    ignored: frozenset[str] = frozenset()


class Check:
    kind: ClassVar[str] = ""  # what it reads: "target", "source", "catalogue", "project"
    id: ClassVar[str] = ""
    severity: ClassVar[str] = "warning"
    description: ClassVar[str] = ""
    languages: ClassVar[frozenset[str] | None] = None  # base language codes; None: all
    rtl_only: ClassVar[bool] = False
    triggers: ClassVar[frozenset[str] | None] = None  # characters without which it cannot fire
    target_only: ClassVar[bool] = False  # reads only the translation: triggers are looked for there

    def applies_to(self, lang: str) -> bool:
        return (self.languages is None or base_language(lang) in self.languages) \
            and (not self.rtl_only or language(lang).rtl)


class TargetCheck(Check):
    kind: ClassVar[str] = "target"

    def relevant(self, pair: Pair) -> bool:
        """Can the check fire on this pair at all?  (Cheap; ``run`` stays complete.)"""
        return self.triggers is None or not self.triggers.isdisjoint(
            pair.target_characters if self.target_only else pair.characters)

    def run(self, pair: Pair) -> Iterator[str]:
        raise NotImplementedError


class SourceCheck(Check):
    kind: ClassVar[str] = "source"

    def run(self, source: Source) -> Iterator[str]:
        raise NotImplementedError


class CatalogueCheck(Check):
    kind: ClassVar[str] = "catalogue"

    def run(self, catalog: polib.POFile, source_lang: str,
            target_lang: str) -> Iterator[tuple[polib.POEntry | None, str]]:
        """(entry or None for the catalogue as a whole, message)."""
        raise NotImplementedError


class ProjectCheck(Check):
    kind: ClassVar[str] = "project"

    def run(self, entries: list[Placed], lang: str) -> Iterator[tuple[Placed, str]]:
        raise NotImplementedError


REGISTRY: dict[str, Check] = {}
C = TypeVar("C", bound=type[Check])


def register(cls: C) -> C:
    if cls.id in REGISTRY:
        raise ValueError(f"two checks named {cls.id!r}")
    REGISTRY[cls.id] = cls()
    return cls


K = TypeVar("K", bound=Check)


def checks_of(kind: type[K], lang: str | None, disabled: frozenset[str] | tuple[str, ...] = ()
              ) -> list[K]:
    """The registered checks of ``kind`` that apply to ``lang`` and are not disabled."""
    return [c for c in REGISTRY.values() if isinstance(c, kind) and c.id not in disabled
            and (lang is None or c.applies_to(lang))]


@cache
def trigger_characters(lang: str) -> re.Pattern[str]:
    """Any character that a target check for ``lang`` names as a trigger (those of
    other languages' checks, such as the Arabic comma check's ``,``, are frequent and
    would only be found to no use)."""
    triggers = frozenset().union(*(c.triggers for c in checks_of(TargetCheck, lang)
                                   if c.triggers))
    return re.compile(f"[{re.escape(''.join(sorted(triggers)))}]")
