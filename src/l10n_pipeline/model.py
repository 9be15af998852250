"""The core model shared by every stage: documents, entry statuses, and the pipeline's
metadata kept inside PO entries.

The pipeline stores what it knows about an entry in *translator comments* (``# ...``),
one line per fact, each starting with a tag.  Translator comments survive GNU msgmerge,
msgcat and msgattrib, Poedit, Lokalize and Weblate; unknown ``#,`` flags do not.

- ``l10n-prefill: <origin> h=<hash>`` -- pre-filled by memory or machine translation;
  ``h`` is the entry hash at pre-fill time, so a later edit by a person shows.
- ``l10n-reviewed: h=<hash> <date> <reviewer>`` -- a review sign-off, valid while the
  hash still matches msgctxt + msgid + msgstr.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

import polib

PREFILL_TAG = "l10n-prefill:"
REVIEW_TAG = "l10n-reviewed:"
CONTEXT_PREFIX = "context: "  # an extracted-comment line: the text a segment depends on


class Status(StrEnum):
    """Review status of a PO entry, in workflow order."""

    UNTRANSLATED = "untranslated"
    MACHINE = "machine"
    FUZZY = "fuzzy"
    TRANSLATED = "translated"
    REVIEWED = "reviewed"


STATUSES: tuple[Status, ...] = tuple(Status)


@dataclass(frozen=True)
class Document:
    """A source document and the languages it is translated into.

    ``key`` is its path under the source directory without its suffix, which names its
    format (``about/factsheet`` and ``.md``).
    """

    key: str
    source_language: str
    languages: tuple[str, ...]
    translate: bool = True
    suffix: str = ".md"

    @property
    def source_name(self) -> str:
        return f"{self.key}{self.suffix}"

    @property
    def pot_name(self) -> str:
        return f"templates/{self.key}.pot"

    def po_name(self, language: str) -> str:
        return f"{language}/{self.key}.po"


def entry_hash(entry: polib.POEntry) -> str:
    """Hash of msgctxt, msgid (and plural) and msgstr (all plural forms)."""
    parts = [entry.msgctxt or "", entry.msgid, entry.msgid_plural or "", entry.msgstr]
    parts.extend(entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural))
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()[:16]


def entry_context(entry: polib.POEntry) -> list[str]:
    """The neighbouring text extraction gave the entry (its ``context:`` lines)."""
    return [line[len(CONTEXT_PREFIX):] for line in (entry.comment or "").split("\n")
            if line.startswith(CONTEXT_PREFIX)]


def is_empty(entry: polib.POEntry) -> bool:
    """True when the entry (or one of its plural forms) has no translation, as msgfmt counts."""
    if entry.msgid_plural:
        return not entry.msgstr_plural or not all(entry.msgstr_plural.values())
    return not entry.msgstr


def tagged_lines(entry: polib.POEntry, tag: str) -> list[str]:
    """Translator-comment lines starting with ``tag``, with the tag removed."""
    comment = entry.tcomment or ""
    if tag not in comment:  # most entries: no need to split
        return []
    return [line[len(tag):].strip() for line in comment.splitlines() if line.startswith(tag)]


def set_tagged_line(entry: polib.POEntry, tag: str, value: str | None) -> None:
    """Replace every ``tag`` line of the translator comment by one (or none)."""
    kept = [line for line in (entry.tcomment or "").splitlines() if not line.startswith(tag)]
    if value is not None:
        kept.append(f"{tag} {value}")
    entry.tcomment = "\n".join(kept)


def _hash_field(value: str) -> str | None:
    for word in value.split():
        if word.startswith("h="):
            return word[2:]
    return None


def _matches_current(entry: polib.POEntry, tag: str) -> bool:
    """A ``tag`` line records the entry's hash as it is now."""
    recorded = [_hash_field(value) for value in tagged_lines(entry, tag)]
    return bool(recorded) and entry_hash(entry) in recorded


def is_machine(entry: polib.POEntry) -> bool:
    """Fuzzy and pre-filled, untouched by a person since (same hash as at pre-fill)."""
    return entry.fuzzy and _matches_current(entry, PREFILL_TAG)


def has_valid_signoff(entry: polib.POEntry) -> bool:
    """A review sign-off whose hash matches the entry as it is now."""
    return _matches_current(entry, REVIEW_TAG)


def has_stale_signoff(entry: polib.POEntry) -> bool:
    """A review sign-off exists but no longer matches the text."""
    return bool(tagged_lines(entry, REVIEW_TAG)) and not has_valid_signoff(entry)


def entry_status(entry: polib.POEntry) -> Status:
    """Status of a (non-obsolete) entry; agrees with ``msgfmt --statistics``."""
    if entry.fuzzy and not is_empty(entry):
        return Status.MACHINE if is_machine(entry) else Status.FUZZY
    if is_empty(entry):
        return Status.UNTRANSLATED
    return Status.REVIEWED if has_valid_signoff(entry) else Status.TRANSLATED


def live_entries(catalog: Iterable[polib.POEntry]) -> list[polib.POEntry]:
    """Entries that count: not obsolete, not the header."""
    return [e for e in catalog if not e.obsolete and e.msgid != ""]


FINDING_SHAPE = {"file": str, "line": (int, None), "language": (str, None),
                 "msgid": (str, None), "check": str, "severity": str, "message": str}


@dataclass(frozen=True)
class Finding:
    """One problem found by a check (the ``l10n check --format json`` schema)."""

    file: str
    line: int | None
    language: str | None
    msgid: str | None
    check: str
    severity: str  # "error" | "warning"
    message: str

    def as_dict(self) -> dict[str, object]:
        return {"file": self.file, "line": self.line, "language": self.language,
                "msgid": self.msgid, "check": self.check, "severity": self.severity,
                "message": self.message}
