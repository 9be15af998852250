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
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polib

from .errors import InputError
from .files import load_po, save_po
from .model import REVIEW_TAG, Document, Status, entry_hash, entry_status, live_entries, \
    set_tagged_line
from .project import Project

REJECT_TAG = "l10n-rejected:"


def reviewer_name(given: str | None, root: Path) -> str:
    """``--by``, else ``git config user.name``; no name is an error."""
    if given and given.strip():
        return given.strip()
    try:
        name = subprocess.run(["git", "config", "user.name"], cwd=root, capture_output=True,
                              text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        name = ""
    if not name:
        raise InputError("no reviewer name: pass --by NAME or set git config user.name")
    return name


def sign(entry: polib.POEntry, reviewer: str, today: date) -> None:
    """Sign the entry as it is now."""
    set_tagged_line(entry, REJECT_TAG, None)
    set_tagged_line(entry, REVIEW_TAG, f"h={entry_hash(entry)} {today.isoformat()} {reviewer}")


def reject_entry(entry: polib.POEntry, reviewer: str, today: date, comment: str) -> None:
    """Send the entry back: fuzzy, sign-off removed, the reviewer's reason kept."""
    set_tagged_line(entry, REVIEW_TAG, None)
    set_tagged_line(entry, REJECT_TAG, f"{today.isoformat()} {reviewer}: {comment}".rstrip(": "))
    if "fuzzy" not in entry.flags:
        entry.flags.insert(0, "fuzzy")


@dataclass
class _Catalogue:
    document: Document
    path: Path
    po: polib.POFile


def _catalogues(project: Project, language: str, documents: tuple[Document, ...]
                ) -> Iterator[_Catalogue]:
    for document in documents:
        path = project.po_file(document, language)
        if document.translate and language in document.languages and path.exists():
            yield _Catalogue(document, path, load_po(path))


def _apply(project: Project, language: str, documents: tuple[Document, ...],
           wanted: Callable[[polib.POEntry], bool], change: Callable[[polib.POEntry], None],
           msgid: str | None) -> int:
    count = 0
    catalogues = list(_catalogues(project, language, documents))  # read all before writing
    for catalogue in catalogues:
        touched = 0
        for entry in live_entries(catalogue.po):
            if (msgid is None or entry.msgid == msgid) and wanted(entry):
                change(entry)
                touched += 1
        if touched:
            save_po(catalogue.po, catalogue.path)
        count += touched
    return count


def approve(project: Project, language: str, reviewer: str, documents: tuple[Document, ...],
            msgid: str | None = None, today: date | None = None) -> int:
    """Sign every translated entry (never fuzzy or empty ones); returns how many."""
    day = today or date.today()
    return _apply(project, language, documents,
                  lambda e: entry_status(e) is Status.TRANSLATED,
                  lambda e: sign(e, reviewer, day), msgid)


def reject(project: Project, language: str, reviewer: str, documents: tuple[Document, ...],
           msgid: str | None = None, comment: str = "", today: date | None = None) -> int:
    """Mark translated or reviewed entries fuzzy with the reviewer's comment."""
    day = today or date.today()
    return _apply(project, language, documents,
                  lambda e: entry_status(e) in (Status.TRANSLATED, Status.REVIEWED),
                  lambda e: reject_entry(e, reviewer, day, comment), msgid)


# -- interactive ---------------------------------------------------------------------------

KEYS = "[a]pprove  [e]dit  [f]uzzy  [s]kip  [q]uit"


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
                documents: tuple[Document, ...], console, ask: Callable[[str], str]) -> dict:
    """Walk unreviewed entries; each decision is saved at once. Returns the counts."""
    from rich.panel import Panel

    from .checks import check_catalog
    from .glossary import load_glossary

    glossary = load_glossary(project.config.glossary_path)
    counts = {"approved": 0, "edited": 0, "fuzzy": 0, "skipped": 0}
    for catalogue in _catalogues(project, language, documents):
        todo = [e for e in live_entries(catalogue.po)
                if entry_status(e) in (Status.TRANSLATED, Status.MACHINE, Status.FUZZY)]
        for entry in todo:
            source_lang = catalogue.document.source_language
            single = polib.POFile()
            single.append(entry)
            findings = check_catalog(single, source_lang, language, glossary)
            terms = glossary.terms_in(entry.msgid, source_lang, language)
            body = (f"[bold]{catalogue.document.key}[/] ({entry_status(entry).value})\n\n"
                    f"[dim]source:[/] {entry.msgid}\n[dim]translation:[/] {entry.msgstr}")
            if terms:
                body += "\n[dim]glossary:[/] " + "; ".join(
                    f"{term} → {' | '.join(alts) or '?'}" for _, term, alts in terms)
            for finding in findings:
                body += f"\n[red]{finding.severity}[/] {finding.check}: {finding.message}"
            console.print(Panel(body, title=f"{language} review", expand=False), markup=True)
            choice = ask(f"{KEYS} > ").strip().lower()[:1]
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
            save_po(catalogue.po, catalogue.path)
    return counts
