"""Translation memory built from the project's own PO files, which are the truth.

Units are the translated and reviewed entries of every catalogue, grouped by language
pair (the document's source language, the catalogue's language).  Each catalogue's
units are cached on disk by its content; only changed catalogues are read again.

Outside memories (``l10n import tmx``) are kept as TMX files in
``translations/memory/``; they are searched after our own units, which they never
replace: an exact match of ours wins, and a fuzzy one wins a tie.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import polib

from .cache import StageCache
from .similar import SimilarTexts
from .model import Status, entry_status, live_entries
from .project import Project

LanguagePair = tuple[str, str]


MEMORY_DIR = "memory"  # under the translations directory: outside memories, as TMX


@dataclass(frozen=True)
class MemoryMatch:
    translation: str
    score: float  # 100 for an exact match
    source: str   # the msgid it was translated from
    origin: str = ""  # the outside memory's file name; empty for our own units


class TranslationMemory:
    def __init__(self, units: dict[LanguagePair, dict[str, str]], origin: str = "",
                 outside: Sequence[TranslationMemory] = ()):
        self.units = units
        self.origin = origin
        self.outside = list(outside)
        self._sources = {pair: list(texts) for pair, texts in units.items()}
        self._indexes: dict[LanguagePair, SimilarTexts] = {}

    def lookup(self, text: str, source: str, target: str, min_score: float) -> MemoryMatch | None:
        """An exact match, else the most similar unit scoring at least ``min_score``;
        our own units first, then the outside memories', which only win on score."""
        best = self._lookup(text, source, target, min_score)
        for memory in self.outside:
            if best is not None and best.score == 100:
                break
            found = memory.lookup(text, source, target, min_score)
            if found is not None and (best is None or found.score > best.score):
                best = found
        return best

    def _lookup(self, text: str, source: str, target: str, min_score: float
                ) -> MemoryMatch | None:
        units = self.units.get((source, target), {})
        if text in units:
            return MemoryMatch(units[text], 100.0, text, self.origin)
        if not units:
            return None
        index = self._indexes.get((source, target))
        if index is None:
            index = self._indexes[(source, target)] = SimilarTexts(self._sources[(source, target)])
        found = index.best(text, min_score)
        if found is None:
            return None
        similar = self._sources[(source, target)][found[0]]
        return MemoryMatch(units[similar], round(found[1], 1), similar, self.origin)


def _translated(catalog: polib.POFile) -> dict[str, str]:
    return {e.msgid: e.msgstr for e in reversed(live_entries(catalog))
            if entry_status(e) in (Status.TRANSLATED, Status.REVIEWED) and not e.msgid_plural}


def build_memory(project: Project) -> tuple[TranslationMemory, TranslationMemory]:
    """The memory of every translated or reviewed entry, and the part of it read from
    catalogues changed since the memory was last built.

    Each catalogue's units are cached by its content, so only changed catalogues are
    read.  A string that found no match in the old memory can only find one among the
    new units: that is what the second memory is for.
    """
    units: dict[LanguagePair, dict[str, str]] = {}
    added: dict[LanguagePair, dict[str, str]] = {}
    with StageCache(project.root, "memory") as cache:
        for catalogue in project.catalogues(untranslated=True):
            if not catalogue.exists():
                continue
            pair = (catalogue.document.source_language, catalogue.language)
            known = cache.lookup(catalogue.name, [catalogue.path], shape={str: str})
            if known is None:
                known = _translated(catalogue.load())
                cache.record(catalogue.name, [catalogue.path], known)
                _merge(added.setdefault(pair, {}), known)
            _merge(units.setdefault(pair, {}), known)
    return TranslationMemory(units, outside=outside_memories(project)), TranslationMemory(added)


def outside_memory_files(project: Project) -> list[Path]:
    """The outside memories imported into the project, by name."""
    return sorted((project.config.translations_path / MEMORY_DIR).glob("*.tmx"))


def outside_memories(project: Project) -> list[TranslationMemory]:
    """One memory per imported TMX file, in name order (the first to hold a text wins)."""
    from .formats import tmx
    memories = []
    for path in outside_memory_files(project):
        units: dict[LanguagePair, dict[str, str]] = {}
        for unit in tmx.read(path.read_bytes(), path):
            source = unit.variants[unit.source_language]
            for language, text in unit.variants.items():
                if language != unit.source_language and text:
                    units.setdefault((unit.source_language, language), {}).setdefault(source, text)
        memories.append(TranslationMemory(units, origin=path.name))
    return memories


def _merge(into: dict[str, str], more: dict[str, str]) -> None:
    """Add units; the first catalogue to translate a string keeps it."""
    for msgid, msgstr in more.items():
        into.setdefault(msgid, msgstr)
