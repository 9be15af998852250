"""Review sign-offs kept in the PO file, next to the entry they sign.

A sign-off is a translator comment ``# l10n-reviewed: h=<hash> <date> <reviewer>``; the
hash covers msgctxt, msgid and msgstr, so any change to the source or the translation
invalidates it (the entry is ``translated`` again and reported as a stale review).
Translator comments survive Poedit, Lokalize, Weblate and the gettext tools.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import polib

from .checks import check_catalog
from .errors import InputError
from .files import load_po, save_po
from .glossary import load_glossary
from .lang import language as language_facts
from .model import (REVIEW_TAG, Document, Finding, Status, entry_context, entry_hash,
                    entry_status, live_entries, set_tagged_line)
from .project import CatalogueRef, Project

REJECT_TAG = "l10n-rejected:"
OVERRIDE_TAG = "l10n-override:"  # a sign-off given over check errors, with the reason


def reviewer_name(given: str | None, root: Path) -> str:
    """``--by``, else ``git config user.name``: a sign-off is the act of a person, so an
    empty or whitespace-only name, or one holding a control character (a line break
    would add comment lines to the PO), is an error."""
    if given is not None:
        return _one_line_name(given, "--by")
    try:
        name = subprocess.run(["git", "config", "user.name"], cwd=root, capture_output=True,
                              text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        name = ""
    if not name:
        raise InputError("no reviewer name: pass --by NAME or set git config user.name")
    return _one_line_name(name, "git config user.name")


def _one_line_name(name: str, origin: str) -> str:
    if not name.strip():
        raise InputError(f"{origin}: the reviewer name is empty")
    if any(unicodedata.category(c) == "Cc" or c in "\u2028\u2029" for c in name):
        raise InputError(f"{origin}: the reviewer name holds a line break or control character")
    return " ".join(name.split())


def one_line_comment(comment: str) -> str:
    """A reviewer's reason on one line: line breaks and other controls become spaces."""
    return " ".join("".join(" " if unicodedata.category(c) == "Cc" or c in "\u2028\u2029"
                            else c for c in comment).split())


def sign(entry: polib.POEntry, reviewer: str, today: date,
         overridden: Iterable[str] = (), reason: str = "") -> None:
    """Sign the entry as it is now.  ``overridden`` names the checks whose errors the
    reviewer signed over: that is recorded beside the sign-off, with the reason."""
    signed = f"h={entry_hash(entry)} {today.isoformat()} {reviewer}"
    checks = ",".join(sorted(set(overridden)))
    set_tagged_line(entry, REJECT_TAG, None)
    set_tagged_line(entry, REVIEW_TAG, signed)
    set_tagged_line(entry, OVERRIDE_TAG,
                    f"{signed}: {checks}: {one_line_comment(reason)}" if checks else None)


def reject_entry(entry: polib.POEntry, reviewer: str, today: date, comment: str) -> None:
    """Send the entry back: fuzzy, sign-off removed, the reviewer's reason kept."""
    set_tagged_line(entry, REVIEW_TAG, None)
    reason = one_line_comment(comment)
    set_tagged_line(entry, REJECT_TAG, f"{today.isoformat()} {reviewer}: {reason}".rstrip(": "))
    if "fuzzy" not in entry.flags:
        entry.flags.insert(0, "fuzzy")


def _loaded(project: Project, language: str, documents: tuple[Document, ...]
            ) -> Iterator[tuple[CatalogueRef, polib.POFile]]:
    """The existing catalogues of ``documents`` in ``language``, each read in turn."""
    return ((c, c.load()) for c in project.catalogues((language,), documents)
            if c.path.exists())


@dataclass
class Approval:
    """What a bulk approval did: how many it signed, and what it would not sign."""

    approved: int = 0
    skipped: list[Finding] = field(default_factory=list)  # check errors of unsigned entries

    @property
    def skipped_entries(self) -> int:
        return len({(f.file, f.line) for f in self.skipped})


def _apply(project: Project, language: str, documents: tuple[Document, ...],
           wanted: Callable[[CatalogueRef, polib.POFile], Callable[[polib.POEntry], bool]],
           change: Callable[[polib.POEntry], None], msgid: str | None) -> int:
    count = 0
    for catalogue, po in list(_loaded(project, language, documents)):  # all read first
        touched = 0
        take = wanted(catalogue, po)
        for entry in live_entries(po):
            if (msgid is None or entry.msgid == msgid) and take(entry):
                change(entry)
                touched += 1
        if touched:
            save_po(po, catalogue.path)
        count += touched
    return count


def approve(project: Project, language: str, reviewer: str, documents: tuple[Document, ...],
            msgid: str | None = None, today: date | None = None,
            force: bool = False) -> Approval:
    """Sign every translated entry (never fuzzy or empty ones), except, unless ``force``,
    those with a check error."""
    day = today or date.today()
    approval = Approval()
    glossary = load_glossary(project.config.glossary_path)
    disabled = frozenset(project.config.checks.disable)

    overridden: dict[int, list[str]] = {}  # id(entry) -> checks signed over (--force)

    def wanted(catalogue: CatalogueRef, po: polib.POFile) -> Callable[[polib.POEntry], bool]:
        errors: dict[int, list[Finding]] = {}
        for finding in check_catalog(po, catalogue.document.source_language, language,
                                     glossary, disabled, catalogue.name):
            if finding.severity == "error":
                errors.setdefault(finding.line or 0, []).append(finding)

        def take(entry: polib.POEntry) -> bool:
            if entry_status(entry) is not Status.TRANSLATED:
                return False
            found = errors.get(entry.linenum, [])
            if found and not force:
                approval.skipped += found
                return False
            overridden[id(entry)] = [f.check for f in found]
            return True
        return take

    def change(entry: polib.POEntry) -> None:
        sign(entry, reviewer, day, overridden.get(id(entry), ()), "approved with --force")

    approval.approved = _apply(project, language, documents, wanted, change, msgid)
    return approval


def reject(project: Project, language: str, reviewer: str, documents: tuple[Document, ...],
           msgid: str | None = None, comment: str = "", today: date | None = None) -> int:
    """Mark translated or reviewed entries fuzzy with the reviewer's comment."""
    day = today or date.today()
    return _apply(project, language, documents,
                  lambda *_: lambda e: entry_status(e) in (Status.TRANSLATED, Status.REVIEWED),
                  lambda e: reject_entry(e, reviewer, day, comment), msgid)


# -- interactive ---------------------------------------------------------------------------

KEYS = {"a": "approve", "e": "edit", "f": "fuzzy", "s": "skip", "q": "quit"}


@dataclass(frozen=True)
class Card:
    """What a reviewer sees of one entry: the whole text, its findings and terms."""

    language: str
    rtl: bool
    document: str
    position: int
    total: int
    status: str
    where: str
    source: str
    translation: str
    terms: list[tuple[str, str]]  # (source term, the target alternatives)
    findings: list[Finding]
    context: list[str] = field(default_factory=list)  # the text the source depends on


def _edit(text: str, ask: Callable[[str], str]) -> str:
    """The new translation: in $EDITOR when set, else typed at the prompt."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        return ask("new translation: ")
    with tempfile.NamedTemporaryFile("w+", suffix=".txt", encoding="utf-8", delete=False) as tmp:
        tmp.write(text)
    try:
        subprocess.run([*shlex.split(editor), tmp.name], check=False)
        return Path(tmp.name).read_text(encoding="utf-8").rstrip("\n")
    finally:
        os.unlink(tmp.name)


def interactive(project: Project, language: str, reviewer: str,
                documents: tuple[Document, ...], show: Callable[[Card], None],
                key: Callable[[], str], ask: Callable[[str], str]) -> dict[str, int]:
    """Walk unreviewed entries: ``show`` each card, ``key`` reads the decision (one of
    ``KEYS``), ``ask`` reads a line; each decision is saved at once. Returns the counts."""
    glossary = load_glossary(project.config.glossary_path)
    disabled = frozenset(project.config.checks.disable)
    counts = {"approved": 0, "edited": 0, "fuzzy": 0, "skipped": 0}
    for catalogue, po in _loaded(project, language, documents):
        todo = [e for e in live_entries(po)
                if entry_status(e) in (Status.TRANSLATED, Status.MACHINE, Status.FUZZY)]
        source_lang = catalogue.document.source_language
        file = catalogue.name
        for number, entry in enumerate(todo, 1):
            single = polib.POFile()
            single.append(entry)
            terms = glossary.terms_in(entry.msgid, source_lang, language)
            show(Card(language, language_facts(language).rtl, catalogue.document.key, number, len(todo),
                      entry_status(entry).value, f"{file}:{entry.linenum}", entry.msgid,
                      entry.msgstr, [(term, " | ".join(alts) or "?") for _, term, alts in terms],
                      check_catalog(single, source_lang, language, glossary, disabled, file),
                      entry_context(entry)))
            choice = key()
            if choice == "q":
                return counts
            if choice == "a":
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")  # approving accepts the pre-fill
                sign(entry, reviewer, date.today())
                counts["approved"] += 1
            elif choice == "e":
                entry.msgstr = _edit(entry.msgstr, ask)
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
                set_tagged_line(entry, REVIEW_TAG, None)
                counts["edited"] += 1
            elif choice == "f":
                if "fuzzy" not in entry.flags:
                    entry.flags.insert(0, "fuzzy")
                set_tagged_line(entry, REVIEW_TAG, None)
                counts["fuzzy"] += 1
            else:
                counts["skipped"] += 1
                continue
            save_po(po, catalogue.path)
    return counts
