"""``l10n analyse``: what a job will cost, by match band, as CAT tools report it.

The job is every untranslated, machine and fuzzy entry of the documents in scope, in
each language.  An entry's words (counted as the coverage report counts them) go to
the first band that fits, in this order:

- ``context``: our memory holds its source text with the same neighbours (the entries
  before and after it are the same texts as around a translated occurrence);
- ``exact``: our memory (own units, then imported TMX) holds its source text;
- ``repetition``: the same source text came earlier in the job (in this or an earlier
  document of the language): its first occurrence is counted in its own band;
- ``95-99``, ``85-94``, ``75-84``, ``50-74``: the best fuzzy match's score;
- ``no-match``.

Weighted words are the sum of each band's words times its weight
(``[tool.l10n.analysis] weights``; default :data:`config.DEFAULT_WEIGHTS`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import polib

from .config import BANDS
from .files import file_stat, load_po
from .memory import TranslationMemory, build_memory
from .model import Document, Status, entry_status, live_entries
from .project import CatalogueRef, Project
from .report import OPEN, word_count

_FUZZY_BANDS = ((95.0, "95-99"), (85.0, "85-94"), (75.0, "75-84"), (50.0, "50-74"))


@dataclass
class Bands:
    words: dict[str, int] = field(default_factory=lambda: dict.fromkeys(BANDS, 0))

    def add(self, other: Bands) -> None:
        for band in BANDS:
            self.words[band] += other.words[band]

    def weighted(self, weights: dict[str, float]) -> float:
        return round(sum(n * weights[band] for band, n in self.words.items()), 1)


@dataclass
class LanguageAnalysis:
    documents: dict[str, Bands] = field(default_factory=dict)
    total: Bands = field(default_factory=Bands)


Context = tuple[str, str, str]  # previous source text, source text, next source text


def _neighbours(entries: list[polib.POEntry]) -> list[Context]:
    texts = ["", *(e.msgid for e in entries), ""]
    return [(texts[i - 1], texts[i], texts[i + 1]) for i in range(1, len(texts) - 1)]


def band_of(entry_context: Context, source_language: str, language: str,
            memory: TranslationMemory, contexts: set[Context], seen: set[str]) -> str:
    """The band of one open entry (``seen``: source texts met earlier in the job)."""
    text = entry_context[1]
    if entry_context in contexts:
        return "context"
    match = memory.lookup(text, source_language, language, 50.0)
    if match is not None and match.score == 100:
        return "exact"
    if text in seen:
        return "repetition"
    if match is not None:
        return next(band for floor, band in _FUZZY_BANDS if match.score >= floor)
    return "no-match"


def _entries(project: Project, catalogue: CatalogueRef) -> list[polib.POEntry]:
    path = catalogue.path
    if file_stat(path) is None:
        path = project.pot_file(catalogue.document)  # not created yet: everything is open
        if file_stat(path) is None:
            return []
    return [e for e in live_entries(load_po(path)) if not e.msgid_plural]


def analyse(project: Project, languages: tuple[str, ...],
            documents: tuple[Document, ...]) -> dict[str, LanguageAnalysis]:
    """The match bands of ``documents`` in each of ``languages``."""
    memory, _ = build_memory(project)
    results = {}
    for language in languages:
        catalogues = {c.document.key: _entries(project, c)
                      for c in project.catalogues((language,))}
        contexts = {context for entries in catalogues.values()
                    for entry, context in zip(entries, _neighbours(entries))
                    if entry_status(entry) in (Status.TRANSLATED, Status.REVIEWED)}
        analysis = LanguageAnalysis()
        seen: set[str] = set()
        for document in documents:
            if document.key not in catalogues:
                continue
            entries = catalogues[document.key]
            bands = Bands()
            for entry, context in zip(entries, _neighbours(entries)):
                if entry_status(entry) not in OPEN:
                    continue
                band = band_of(context, document.source_language, language, memory,
                               contexts, seen)
                seen.add(entry.msgid)
                bands.words[band] += word_count(entry.msgid)
            analysis.documents[document.key] = bands
            analysis.total.add(bands)
        results[language] = analysis
    return results
