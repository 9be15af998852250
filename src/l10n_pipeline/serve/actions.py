"""A reviewer's decisions applied to a catalogue: the same sign-off and rejection
comments as ``l10n review``, written atomically under the project lock, and only onto
the entry exactly as the reviewer saw it.

Each decision carries the version of the entry the page showed (a hash of the entry
as written).  Under the lock the file is read again; when the entry changed on disk
(an editor saved, another reviewer acted) the decision is refused and the current
entry is shown instead: nothing is ever applied over a change nobody saw.  Changes to
*other* entries of the same file do not refuse it: they are read and kept.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polib

from ..files import load_po, project_lock, save_po
from ..model import REVIEW_TAG, Finding, Status, entry_status, is_empty, \
    live_entries, set_tagged_line
from ..review import OVERRIDE_TAG, REJECT_TAG, reject_entry, sign
from .catalogue import entry_id, entry_version, translation

ACTIONS = ("approve", "save", "accept", "reject")
MAX_TEXT = 20_000
MAX_REASON = 300
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # not tab or line feed


class Refused(Exception):
    """A decision not applied, and why; ``conflict`` when the file changed under it."""

    def __init__(self, reason: str, conflict: bool = False):
        super().__init__(reason)
        self.reason = reason
        self.conflict = conflict


@dataclass(frozen=True)
class Decision:
    """What the reviewer asked for, on which entry, as the page showed it."""

    action: str
    entry: str              # entry_id
    version: str            # entry_version when the page was loaded
    text: str | None = None  # the translation as submitted
    reason: str = ""
    override: bool = False


def one_line(text: str, limit: int = MAX_REASON) -> str:
    """A reason fit for a one-line PO comment: white space collapsed, bounded."""
    return " ".join(text.split())[:limit]


def clean_text(text: str) -> str:
    """A submitted translation: browser line ends made LF; refused when empty or odd."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise Refused("an empty translation is not saved: reject the entry instead")
    if len(text) > MAX_TEXT:
        raise Refused(f"the translation is longer than {MAX_TEXT:,} characters")
    control = _CONTROL.search(text)
    if control:
        raise Refused(f"control character U+{ord(control.group()):04X} in the translation")
    return text


def _person_touched(entry: polib.POEntry) -> None:
    """A person accepted the text: no longer fuzzy, nor rejected, nor signed."""
    if "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
    entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
    set_tagged_line(entry, REVIEW_TAG, None)
    set_tagged_line(entry, REJECT_TAG, None)


def decide(entry: polib.POEntry, decision: Decision, reviewer: str, today: date,
           errors_of: Callable[[polib.POEntry], list[Finding]]) -> None:
    """Apply ``decision`` to ``entry`` in memory, or raise :class:`Refused`.

    Text the reviewer changed is saved first, whatever the action (nothing typed is
    dropped); then: ``save`` keeps it as a person's translation, ``accept`` takes a
    pre-fill as it is, ``reject`` sends it back fuzzy with the reason, ``approve``
    signs it -- refused while a check finds an error, unless ``override`` with a
    reason, which is recorded next to the sign-off.
    """
    if decision.action not in ACTIONS:
        raise Refused(f"unknown action {decision.action!r}")
    status = entry_status(entry)
    edited = decision.text is not None and decision.text != translation(entry)
    if edited:
        if entry.msgid_plural:
            raise Refused("plural entries are edited in a PO editor")
        entry.msgstr = clean_text(decision.text or "")
        _person_touched(entry)
    reason = one_line(decision.reason)
    if decision.action == "save":
        if not edited and status not in (Status.MACHINE, Status.FUZZY):
            raise Refused("nothing changed")
        _person_touched(entry)
    elif decision.action == "accept":
        if not edited and status not in (Status.MACHINE, Status.FUZZY):
            raise Refused(f"nothing to accept: the entry is {status.value}")
        _person_touched(entry)
    elif decision.action == "reject":
        if not reason:
            raise Refused("a rejection needs a reason")
        if is_empty(entry):
            raise Refused("nothing to reject: the entry is untranslated")
        reject_entry(entry, reviewer, today, reason)
    else:
        if is_empty(entry):
            raise Refused("nothing to approve: the entry is untranslated")
        if not edited and status is Status.REVIEWED:
            raise Refused("already reviewed")
        _person_touched(entry)
        errors = errors_of(entry)
        if errors and not (decision.override and reason):
            raise Refused("check errors: " + "; ".join(f"{f.check}: {f.message}" for f in errors)
                          + ". To approve anyway, tick the override and give a reason.")
        sign(entry, reviewer, today, [f.check for f in errors], reason)
        return
    set_tagged_line(entry, OVERRIDE_TAG, None)


def find_entry(catalog: polib.POFile, key: str) -> polib.POEntry | None:
    return next((e for e in live_entries(catalog) if entry_id(e) == key), None)


_in_process = threading.Lock()  # our own threads queue here, not on the file lock's polling


def perform(root: Path, path: Path, written: tuple[Path, ...], decision: Decision,
            reviewer: str, errors_of: Callable[[polib.POEntry], list[Finding]],
            today: date | None = None, timeout: float = 10.0) -> polib.POFile:
    """Apply one decision to the catalogue at ``path``; returns the catalogue as saved.

    Raises :class:`Refused` (nothing written) when the entry is gone or changed since
    ``decision.version``, when the decision is invalid, or when the project lock cannot
    be had within ``timeout`` seconds.
    """
    from ..errors import LockError
    try:
        with _in_process, project_lock(root, timeout=timeout, written=written):
            before = path.read_bytes()
            catalog = load_po(path)
            entry = find_entry(catalog, decision.entry)
            if entry is None:
                raise Refused("this entry is no longer in the catalogue (the source changed)",
                              conflict=True)
            if entry_version(entry) != decision.version:
                raise Refused("this entry changed on disk since the page was loaded; nothing "
                              "was applied: the current entry is shown", conflict=True)
            decide(entry, decision, reviewer, today or date.today(), errors_of)
            if path.read_bytes() != before:  # an editor that takes no lock saved meanwhile
                raise Refused("the catalogue changed on disk while saving; nothing was applied",
                              conflict=True)
            save_po(catalog, path)
            return catalog
    except LockError as exc:
        raise Refused(f"{exc.message}; try again") from None
