"""``l10n update``: templates -> catalogues, with the semantics of ``msgmerge --previous``.

- an exact (msgctxt, msgid) match keeps its translation, comments and flags, including
  one revived from an obsolete entry;
- a new msgid takes the most similar old entry's translation as fuzzy, with the old
  msgid as ``#|`` previous msgid (similarity >= 0.6, msgmerge's threshold);
- a translated string gone from the template becomes obsolete (``#~``), never deleted.

msgmerge compares every new msgid with every old one, which is quadratic (44 minutes
for 100,000 entries).  Here :class:`~.similar.SimilarTexts` selects candidates by the
rarest words a msgid shares with old msgids; only those few are scored.  The old
entries the template dropped are searched first: an edited msgid's previous version
is nearly always one of them, and there are few.
"""

from __future__ import annotations

import copy
from pathlib import Path

import polib

from .cache import StageCache
from .errors import InputError
from .files import collection_paused, load_po, save_po
from .formats.polib_fast import copied_entry
from .similar import SimilarTexts
from .lang import language as language_facts
from .model import Document, is_empty
from .project import CatalogueRef, Project
from .ui import track

FUZZY_THRESHOLD = 60.0  # msgmerge's FUZZY_THRESHOLD of 0.6, as a rapidfuzz ratio

Key = tuple[str | None, str]


def _key(entry: polib.POEntry) -> Key:
    return (entry.msgctxt, entry.msgid)


def po_header(template_metadata: dict[str, str], language: str) -> dict[str, str]:
    """Header of a new catalogue for ``language``, from its template's header."""
    facts = language_facts(language)
    header = dict(template_metadata)
    header.update({
        "PO-Revision-Date": template_metadata.get("POT-Creation-Date", ""),
        "Last-Translator": "",
        "Language-Team": facts.name,
        "Language": language,
        "Plural-Forms": facts.plural_forms,
    })
    return header


def _from_template(template_entry: polib.POEntry) -> polib.POEntry:
    """A fresh untranslated entry for a template entry (a copy of its fields, see
    :mod:`.formats.polib_fast`: this runs once per string of the project)."""
    return copied_entry(
        template_entry, msgstr="", tcomment="", obsolete=False,
        msgstr_plural={0: "", 1: ""} if template_entry.msgid_plural else {},
        occurrences=list(template_entry.occurrences),
        flags=[f for f in template_entry.flags if f != "fuzzy"],
        previous_msgctxt=None, previous_msgid=None, previous_msgid_plural=None)


def _carry(target: polib.POEntry, old: polib.POEntry) -> None:
    """Copy a translator's work (translation, comments, flags) onto a new entry."""
    target.msgstr = old.msgstr
    if target.msgid_plural and old.msgstr_plural:
        target.msgstr_plural = dict(old.msgstr_plural)
    target.tcomment = old.tcomment
    target.flags = list(dict.fromkeys([*target.flags, *old.flags]))


def merge_catalog(old: polib.POFile | None, template: polib.POFile,
                  language: str) -> polib.POFile:
    """The new catalogue for ``language``: ``template`` merged with ``old``."""
    with collection_paused():
        return _merged(old, template, language)


def _merged(old: polib.POFile | None, template: polib.POFile, language: str) -> polib.POFile:
    merged = polib.POFile()
    if old is None:
        merged.metadata = po_header(template.metadata, language)
        merged.header = f"{language_facts(language).name} translation " \
                        f"of {template.header.removeprefix('Translation template for ')}" \
            if template.header else ""
        old_live: dict[Key, polib.POEntry] = {}
        old_obsolete: dict[Key, polib.POEntry] = {}
    else:
        merged.header = old.header
        merged.metadata = dict(old.metadata)
        merged.metadata_is_fuzzy = old.metadata_is_fuzzy
        for field in ("POT-Creation-Date", "X-Source-Language"):
            if field in template.metadata:
                merged.metadata[field] = template.metadata[field]
        merged.metadata.setdefault("Language", language)
        old_live = {_key(e): e for e in old if not e.obsolete and e.msgid}
        old_obsolete = {_key(e): e for e in old.obsolete_entries()}

    wanted = [e for e in template if e.msgid]
    new_keys = {_key(e) for e in wanted}
    similar = _previous_versions(old_live, new_keys, [
        e.msgid for e in wanted if _key(e) not in old_live and _key(e) not in old_obsolete])
    used_for_fuzzy: set[Key] = set()
    for template_entry in wanted:
        entry = _from_template(template_entry)
        key = _key(template_entry)
        exact = old_live.get(key) or old_obsolete.get(key)
        if exact is not None:
            _carry(entry, exact)
            entry.previous_msgid = exact.previous_msgid if exact.fuzzy else None
            entry.previous_msgctxt = exact.previous_msgctxt if exact.fuzzy else None
        elif (previous := similar.get(template_entry.msgid)) is not None:
            _carry(entry, previous)
            if "fuzzy" not in entry.flags:
                entry.flags.insert(0, "fuzzy")
            entry.previous_msgid = previous.msgid
            entry.previous_msgctxt = previous.msgctxt
            used_for_fuzzy.add(_key(previous))
        merged.append(entry)

    for key, entry in old_live.items():
        if key not in new_keys and key not in used_for_fuzzy and not is_empty(entry):
            merged.append(_obsolete(entry))
    for key, entry in old_obsolete.items():
        if key not in new_keys:
            merged.append(_obsolete(entry))
    return merged


def _previous_versions(old_live: dict[Key, polib.POEntry], new_keys: set[Key],
                       msgids: list[str]) -> dict[str, polib.POEntry]:
    """For each new msgid, the translated old entry most similar to it, if any: searched
    first among the entries the template dropped, then among all."""
    found: dict[str, polib.POEntry] = {}
    remaining = list(dict.fromkeys(msgids))
    for searched in (lambda key: key not in new_keys, lambda key: True):
        if not remaining:
            break
        entries = [e for k, e in old_live.items() if searched(k) and not is_empty(e)]
        index = SimilarTexts([e.msgid for e in entries], queries=remaining)
        hits = {msgid: index.best(msgid, FUZZY_THRESHOLD) for msgid in remaining}
        found.update({msgid: entries[hit[0]] for msgid, hit in hits.items() if hit})
        remaining = [msgid for msgid, hit in hits.items() if hit is None]
    return found


def _obsolete(entry: polib.POEntry) -> polib.POEntry:
    gone = copy.copy(entry)
    gone.obsolete = True
    gone.occurrences = []
    gone.comment = ""
    return gone


def update_catalogue(project: Project, catalogue: CatalogueRef) -> bool:
    """Merge one document's template into its catalogue."""
    pot_path = project.pot_file(catalogue.document)
    if not pot_path.exists():
        raise InputError("no template: run 'l10n extract' first", pot_path)
    template = load_po(pot_path)
    old = catalogue.load() if catalogue.path.exists() else None
    return save_po(merge_catalog(old, template, catalogue.language), catalogue.path)


def update_project(project: Project, languages: tuple[str, ...],
                   documents: tuple[Document, ...]) -> list[Path]:
    """Create or update every catalogue; returns the files that changed."""
    with StageCache(project.root, "update", salt=repr(project.config)) as done:

        def inputs(catalogue: CatalogueRef) -> tuple[Path, Path]:
            return project.pot_file(catalogue.document), catalogue.path

        work = [c for c in project.catalogues(languages, documents)
                if not done.is_fresh(c.name, inputs(c))]
        # Read every input first, so that a bad file stops the run before anything is written.
        for catalogue in work:
            if catalogue.path.exists():
                catalogue.load()
        changed = []
        for catalogue in track(work, "update"):
            if update_catalogue(project, catalogue):
                changed.append(catalogue.path)
            done.record(catalogue.name, inputs(catalogue))
    return changed
