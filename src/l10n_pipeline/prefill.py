"""``l10n prefill``: translation memory, then machine translation, into empty entries.

Every pre-filled entry is fuzzy and carries its provenance in a translator comment
(``# l10n-prefill: mt:google h=...``), so that its status is ``machine`` until a person
touches it, and glossary violations as ``# l10n-glossary: ...`` lines.
"""

from __future__ import annotations

from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import polib

from .cache import StageCache
from .config import PYPROJECT
from .errors import InputError
from .files import CACHE_DIR, load_po, save_po
from .glossary import Glossary, load_glossary
from .memory import TranslationMemory, build_memory, outside_memory_files
from .model import (PREFILL_TAG, Status, entry_hash, entry_status, live_entries,
                    set_tagged_line)
from .project import CatalogueRef, Project
from .ui import progress

if TYPE_CHECKING:  # the MT stack (requests, deep-translator) loads only when MT runs
    from .mt import MachineTranslator, MTCache

GLOSSARY_TAG = "l10n-glossary:"
Request = tuple[str, str, str]  # (text, source language, target language)


@dataclass
class LanguageSummary:
    from_memory: int = 0
    from_mt: int = 0
    failed: int = 0
    glossary_violations: int = 0
    characters_sent: int = 0
    requests_sent: int = 0


@dataclass
class PrefillSummary:
    provider: str
    languages: dict[str, LanguageSummary] = field(default_factory=dict)
    unreachable: str | None = None
    failures: list[str] = field(default_factory=list)
    dry_run: bool = False
    would_send: dict[str, list[str]] = field(default_factory=dict)  # --dry-run: the texts

    def total(self, name: str) -> int:
        return sum(getattr(s, name) for s in self.languages.values())

    def as_dict(self) -> dict:
        return {"provider": self.provider, "unreachable": self.unreachable,
                "failures": self.failures,
                "languages": {k: vars(v) for k, v in self.languages.items()},
                **({"would_send": {k: {"segments": len(v), "characters": sum(map(len, v)),
                                       "texts": [{"text": t, "characters": len(t)} for t in v]}
                                   for k, v in self.would_send.items()},
                    "would_send_total": {
                        "segments": sum(map(len, self.would_send.values())),
                        "characters": sum(len(t) for v in self.would_send.values() for t in v)}}
                   if self.dry_run else {})}


def fill(entry: polib.POEntry, translation: str, origin: str, glossary: Glossary,
         source_lang: str, target_lang: str) -> int:
    """Write a pre-fill into ``entry``: fuzzy, provenance, glossary notes; returns
    the number of glossary violations."""
    entry.msgstr = translation
    if "fuzzy" not in entry.flags:
        entry.flags.insert(0, "fuzzy")
    entry.previous_msgid = entry.previous_msgctxt = None
    violations = glossary.violations(entry.msgid, source_lang, translation, target_lang)
    set_tagged_line(entry, GLOSSARY_TAG, "; ".join(v.message.removeprefix("glossary: ")
                                                   for v in violations) or None)
    set_tagged_line(entry, PREFILL_TAG, f"{origin} h={entry_hash(entry)}")
    return len(violations)


@dataclass
class _Unfilled:
    """A catalogue in scope and its open strings; only those stay in memory, not the
    catalogue (a pre-fill of 300,000 strings would otherwise hold every one of them)."""

    catalogue: CatalogueRef
    pending: list[str]  # msgids of the entries still untranslated


def _in_scope(project: Project, languages: tuple[str, ...]) -> list[CatalogueRef]:
    found = list(project.catalogues(languages))
    for catalogue in found:
        if not catalogue.exists():
            raise InputError("no catalogue: run 'l10n update' first", catalogue.path)
    return found


def _untranslated(po: polib.POFile) -> list[polib.POEntry]:
    return [e for e in live_entries(po) if entry_status(e) is Status.UNTRANSLATED
            and not e.msgid_plural]


def _from_memory(scope: list[CatalogueRef], memory: TranslationMemory,
                 min_score: float, glossary: Glossary, summary: PrefillSummary,
                 dry_run: bool) -> list[_Unfilled]:
    """Fill each catalogue from the memory, one at a time; what is left open, per
    catalogue."""
    unfilled = []
    for catalogue in scope:
        document, language, path = catalogue.document, catalogue.language, catalogue.path
        po = load_po(path)
        stats = summary.languages.setdefault(language, LanguageSummary())
        still, filled = [], False
        for entry in _untranslated(po):
            match = memory.lookup(entry.msgid, document.source_language, language, min_score)
            if match is None:
                still.append(entry.msgid)
                continue
            stats.from_memory += 1
            if not dry_run:
                name = f"memory:{match.origin}" if match.origin else "memory"
                origin = name if match.score == 100 else f"{name}:{match.score:g}"
                stats.glossary_violations += fill(entry, match.translation, origin, glossary,
                                                  document.source_language, language)
                filled = True
        if filled:
            save_po(po, path)
        unfilled.append(_Unfilled(catalogue, still))
    return unfilled


def prefill_project(project: Project, languages: tuple[str, ...], provider: str | None = None,
                    dry_run: bool = False) -> PrefillSummary:
    """Fill every untranslated entry of ``languages``: memory first, then MT.

    A catalogue unchanged since a pre-fill that settled it (left nothing a retry could
    fill) is read again only when the memory gained a unit matching one of its
    untranslated strings; with nothing changed, no catalogue is read at all.
    """
    config = project.config
    provider = provider or config.mt.provider
    summary = PrefillSummary(provider, dry_run=dry_run)
    for language in languages:
        summary.languages.setdefault(language, LanguageSummary())
    settled = StageCache(project.root, "prefill", salt=f"{provider} {config!r}",
                         shared=[config.glossary_path, *outside_memory_files(project)])
    scope = _in_scope(project, languages)
    left = {c.path: settled.lookup(c.name, [c.path], shape=[str]) for c in scope}
    if not dry_run and None not in left.values() and (
            provider == "none" or not any(left.values())):
        return summary  # nothing changed since every catalogue was settled
    memory, added = build_memory(project)
    min_score = config.memory.min_score

    def worth_reading(catalogue: CatalogueRef) -> bool:
        document, language = catalogue.document, catalogue.language
        untranslated = left[catalogue.path]
        return (dry_run or untranslated is None or (bool(untranslated) and (
            provider != "none" or any(added.lookup(text, document.source_language, language,
                                                   min_score) for text in untranslated))))

    glossary = load_glossary(config.glossary_path)
    unfilled = _from_memory([c for c in scope if worth_reading(c)], memory, min_score,
                            glossary, summary, dry_run)
    if provider != "none":
        _machine_translate(project, unfilled, provider, glossary, summary, dry_run)
    if not dry_run and not summary.failures and summary.unreachable is None:
        for cat in unfilled:  # settled: what is left, no rerun could fill
            settled.record(cat.catalogue.name, [cat.catalogue.path], cat.pending)
        settled.save()
    return summary


def _machine_translate(project: Project, unfilled: list[_Unfilled], provider: str,
                       glossary: Glossary, summary: PrefillSummary, dry_run: bool) -> None:
    from .mt import MachineTranslator, MTCache

    translator = MachineTranslator(project.config.mt, provider, project.root / PYPROJECT)
    cache = MTCache(project.root / CACHE_DIR / "mt.jsonl")
    wanted: dict[str, dict[Request, list[_Unfilled]]] = defaultdict(dict)
    for cat in unfilled:
        for msgid in cat.pending:
            request = (msgid, cat.catalogue.document.source_language, cat.catalogue.language)
            wanted[cat.catalogue.language].setdefault(request, [])
            if cat not in wanted[cat.catalogue.language][request]:
                wanted[cat.catalogue.language][request].append(cat)
    if dry_run:
        for language, requests_ in wanted.items():
            summary.would_send[language] = [text for text, src, tgt in requests_
                                            if cache.get(provider, src, tgt, text) is None]
        return
    with translator.session(), progress() as bar:
        _translate(translator, cache, provider, wanted, glossary, summary, bar)


def _translate(translator: MachineTranslator, cache: MTCache, provider: str,
               wanted: dict[str, dict[Request, list[_Unfilled]]], glossary: Glossary,
               summary: PrefillSummary, bar) -> None:
    """Send every uncached request through one pool (no idle gap between languages),
    applying and saving results as they arrive."""
    from .mt import ProviderUnreachable, TranslationFailed, mask, unmask

    dnt = glossary.dnt_terms()
    tasks = {language: bar.add_task(f"prefill {language}", total=len(requests_))
             for language, requests_ in wanted.items()}
    remaining: dict[Path, int] = defaultdict(int)
    for requests_ in wanted.values():
        for cats in requests_.values():
            for cat in cats:
                remaining[cat.catalogue.path] += 1
    catalogues = {cat.catalogue.path: cat for requests_ in wanted.values()
                  for cats in requests_.values() for cat in cats}
    arrived: dict[Path, dict[str, str]] = defaultdict(dict)  # per catalogue: msgid -> MT

    def apply(request: Request, result: str | None) -> None:
        text, _, target = request
        for cat in wanted[target][request]:
            if result is not None:
                arrived[cat.catalogue.path][text] = result
            remaining[cat.catalogue.path] -= 1
            if remaining[cat.catalogue.path] == 0:  # written as soon as its last segment is back
                _fill_from_mt(cat, arrived.pop(cat.catalogue.path, {}), provider, glossary, summary)
        bar.advance(tasks[target])

    def work(request: Request) -> tuple[Request, str | None, str | None]:
        text, source, target = request
        masked, kept = mask(text, dnt)
        try:
            raw = translator.translate(masked, source, target)
        except TranslationFailed as exc:
            return request, None, str(exc)
        restored = unmask(raw, kept)
        if restored is None:
            return request, None, "masked placeholders lost in the translation"
        cache.put(provider, source, target, text, restored)
        return request, restored, None

    to_send = []
    for requests_ in wanted.values():
        for request in requests_:
            cached = cache.get(provider, request[1], request[2], request[0])
            if cached is not None:
                apply(request, cached)
            else:
                to_send.append(request)
    with ThreadPoolExecutor(max_workers=translator.config.concurrency) as pool:
        futures = [pool.submit(work, request) for request in to_send]
        for future in as_completed(futures):
            if future.cancelled():
                continue
            try:
                request, result, error = future.result()
            except ProviderUnreachable as exc:
                if summary.unreachable is None:
                    summary.unreachable = str(exc)
                    for other in futures:
                        other.cancel()
                continue
            stats = summary.languages[request[2]]
            stats.requests_sent += 1
            stats.characters_sent += len(request[0])
            if error:
                stats.failed += 1
                summary.failures.append(f"{request[2]}: {error}: {request[0][:60]}")
            apply(request, result)
    for path, cat in catalogues.items():  # what did come back is kept
        if remaining[path] > 0:
            _fill_from_mt(cat, arrived.pop(path, {}), provider, glossary, summary)


def _fill_from_mt(cat: _Unfilled, translations: dict[str, str], provider: str,
                  glossary: Glossary, summary: PrefillSummary) -> None:
    """Read the catalogue again, fill its open entries with ``translations``, write it."""
    if not translations:
        return
    po = load_po(cat.catalogue.path)
    stats = summary.languages[cat.catalogue.language]
    for entry in _untranslated(po):
        if entry.msgid in translations:
            stats.from_mt += 1
            stats.glossary_violations += fill(entry, translations[entry.msgid],
                                              f"mt:{provider}", glossary,
                                              cat.catalogue.document.source_language, cat.catalogue.language)
    save_po(po, cat.catalogue.path)
    cat.pending = [msgid for msgid in cat.pending if msgid not in translations]
