"""Translation memory built from the project's own PO files, which are the truth.

Units are the translated and reviewed entries of every catalogue, grouped by language
pair (the document's source language, the catalogue's language).  The memory is cached
on disk and rebuilt only when a catalogue's content changes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .cache import StageCache
from .files import CACHE_DIR, atomic_write, load_po
from .fuzzy import SimilarTexts
from .model import Status, entry_status, live_entries
from .project import Project

Pair = tuple[str, str]


@dataclass(frozen=True)
class MemoryMatch:
    translation: str
    score: float  # 100 for an exact match
    source: str   # the msgid it was translated from


class TranslationMemory:
    def __init__(self, units: dict[Pair, dict[str, str]]):
        self.units = units
        self._sources = {pair: list(texts) for pair, texts in units.items()}
        self._indexes: dict[Pair, SimilarTexts] = {}

    def lookup(self, text: str, source: str, target: str, min_score: float) -> MemoryMatch | None:
        """An exact match, else the most similar unit scoring at least ``min_score``."""
        units = self.units.get((source, target), {})
        if text in units:
            return MemoryMatch(units[text], 100.0, text)
        if not units:
            return None
        index = self._indexes.get((source, target))
        if index is None:
            index = self._indexes[(source, target)] = SimilarTexts(self._sources[(source, target)])
        found = index.best(text, min_score)
        if found is None:
            return None
        similar = self._sources[(source, target)][found[0]]
        return MemoryMatch(units[similar], round(found[1], 1), similar)


def _catalogues(project: Project) -> list[tuple[str, str, Path]]:
    return [(doc.source_language, lang, project.po_file(doc, lang))
            for doc in project.documents for lang in doc.languages
            if project.po_file(doc, lang).exists()]


def build_memory(project: Project) -> TranslationMemory:
    """The memory of every translated or reviewed entry, from the disk cache if fresh."""
    catalogues = _catalogues(project)
    paths = [path for _, _, path in catalogues]
    cache = StageCache(project.root, "memory")
    stored = project.root / CACHE_DIR / "memory.json"
    if cache.is_fresh("all", paths) and stored.exists():
        try:
            data = json.loads(stored.read_text(encoding="utf-8"))
            return TranslationMemory({tuple(k.split("\x00")): v for k, v in data.items()})
        except ValueError:
            pass
    units: dict[Pair, dict[str, str]] = {}
    for source, target, path in catalogues:
        pair = units.setdefault((source, target), {})
        for entry in live_entries(load_po(path)):
            if entry_status(entry) in (Status.TRANSLATED, Status.REVIEWED) and not entry.msgid_plural:
                pair.setdefault(entry.msgid, entry.msgstr)
    atomic_write(stored, json.dumps({"\x00".join(k): v for k, v in units.items()},
                                    ensure_ascii=False, sort_keys=True))
    cache.record("all", paths)
    cache.save()
    return TranslationMemory(units)
