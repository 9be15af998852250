"""Building polib entries without polib's constructor: the one place that knows its insides.

``l10n update`` makes a fresh entry for every template string and the PO reader one for
every string it reads: hundreds of thousands on a large project.  ``POEntry.__init__``
takes keyword arguments one by one and fills defaults; setting an entry's instance
dictionary directly is about three times faster.  That relies on three facts about
polib, which ``tests/test_polib_fast.py`` checks against the installed (locked) version,
so that an upgrade changing them fails there rather than quietly here:

- a ``POEntry`` keeps its fields as plain instance attributes, in its ``__dict__`` (no
  ``__slots__``, no properties over them);
- those fields are exactly :data:`ENTRY_FIELDS`, as ``POEntry()`` sets them;
- ``POEntry.__init__`` does nothing else (no registration, no derived state), so an entry
  built here equals, and is written out like, one built by the constructor.
"""

from __future__ import annotations

from typing import Any

import polib

ENTRY_FIELDS = frozenset({
    "msgid", "msgstr", "msgid_plural", "msgstr_plural", "msgctxt", "obsolete", "encoding",
    "comment", "tcomment", "occurrences", "flags", "previous_msgctxt", "previous_msgid",
    "previous_msgid_plural", "linenum"})

_new = polib.POEntry.__new__


def new_entry(fields: dict[str, Any]) -> polib.POEntry:
    """An entry whose fields are ``fields``: every one of :data:`ENTRY_FIELDS`.  The
    dictionary becomes the entry's own (it is not copied)."""
    entry: polib.POEntry = _new(polib.POEntry)
    entry.__dict__ = fields
    return entry


def copied_entry(entry: polib.POEntry, **changes: Any) -> polib.POEntry:
    """A shallow copy of ``entry`` with ``changes`` to some of its fields."""
    return new_entry({**vars(entry), **changes})
