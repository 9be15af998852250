"""Entry statuses and the pipeline's metadata in translator comments."""

from __future__ import annotations

import polib
import pytest

from l10n_pipeline.model import (PREFILL_TAG, REVIEW_TAG, Status, entry_hash, entry_status,
                                 has_stale_signoff, set_tagged_line, tagged_lines)


def entry(msgstr="", fuzzy=False, **kw) -> polib.POEntry:
    e = polib.POEntry(msgid="Asylum seekers arrived.", msgstr=msgstr, **kw)
    if fuzzy:
        e.flags.append("fuzzy")
    return e


def prefilled(msgstr: str) -> polib.POEntry:
    e = entry(msgstr, fuzzy=True)
    set_tagged_line(e, PREFILL_TAG, f"mt:google h={entry_hash(e)}")
    return e


def signed(e: polib.POEntry) -> polib.POEntry:
    set_tagged_line(e, REVIEW_TAG, f"h={entry_hash(e)} 2026-11-23 Ada Lovelace")
    return e


def test_statuses():
    assert entry_status(entry()) is Status.UNTRANSLATED
    assert entry_status(entry(fuzzy=True)) is Status.UNTRANSLATED  # msgfmt counts it so
    assert entry_status(entry("Des demandeurs d'asile sont arrivés.", fuzzy=True)) is Status.FUZZY
    assert entry_status(prefilled("Des demandeurs d'asile sont arrivés.")) is Status.MACHINE
    assert entry_status(entry("Des demandeurs d'asile sont arrivés.")) is Status.TRANSLATED
    assert entry_status(signed(entry("Des demandeurs d'asile sont arrivés."))) is Status.REVIEWED


def test_person_editing_machine_output_makes_it_fuzzy_then_translated():
    e = prefilled("Des demandeurs d'asile arrivés.")
    e.msgstr = "Des demandeurs d'asile sont arrivés."
    assert entry_status(e) is Status.FUZZY
    e.flags.remove("fuzzy")
    assert entry_status(e) is Status.TRANSLATED
    assert tagged_lines(e, PREFILL_TAG)  # provenance stays


def test_accepting_machine_output_makes_it_translated():
    e = prefilled("Des demandeurs d'asile sont arrivés.")
    e.flags.remove("fuzzy")
    assert entry_status(e) is Status.TRANSLATED


@pytest.mark.parametrize("change", ["msgstr", "msgid", "msgctxt"])
def test_any_change_invalidates_signoff(change):
    e = signed(entry("Des demandeurs d'asile sont arrivés."))
    setattr(e, change, getattr(e, change) or "" + "x")
    setattr(e, change, (getattr(e, change) or "") + " changed")
    assert entry_status(e) is Status.TRANSLATED
    assert has_stale_signoff(e)


def test_set_tagged_line_replaces_only_its_own_lines():
    e = entry(tcomment="Keep: ask Maria\nl10n-prefill: memory h=1")
    set_tagged_line(e, PREFILL_TAG, "mt:libre h=2")
    assert e.tcomment == "Keep: ask Maria\nl10n-prefill: mt:libre h=2"
    set_tagged_line(e, PREFILL_TAG, None)
    assert e.tcomment == "Keep: ask Maria"


def test_plural_entry_with_an_empty_form_is_untranslated():
    e = polib.POEntry(msgid="one", msgid_plural="many", msgstr_plural={0: "un", 1: ""})
    assert entry_status(e) is Status.UNTRANSLATED
