"""What formats/polib_fast.py relies on in polib holds for the installed (locked) polib."""

import polib

from l10n_pipeline.formats.polib_fast import ENTRY_FIELDS, copied_entry, new_entry


def _constructed() -> polib.POEntry:
    return polib.POEntry(msgctxt="menu", msgid="One file", msgid_plural="%d files",
                         msgstr_plural={0: "Un fichier", 1: "%d fichiers"}, comment="note",
                         tcomment="translator", occurrences=[("a.md", "3")], flags=["fuzzy"],
                         previous_msgid="A file", linenum=7)


def test_an_entry_keeps_exactly_these_fields_in_its_instance_dictionary():
    assert set(vars(polib.POEntry())) == ENTRY_FIELDS
    assert "__slots__" not in vars(polib.POEntry)
    assert not any(isinstance(getattr(polib.POEntry, name, None), property)
                   for name in ENTRY_FIELDS)


def test_an_entry_built_from_its_fields_is_the_constructor_s_entry():
    made = _constructed()
    built = new_entry(dict(vars(made)))
    assert type(built) is polib.POEntry
    assert vars(built) == vars(made)
    assert built == made and str(built) == str(made)
    assert built.fuzzy and built.translated() == made.translated()
    catalogue = polib.POFile()
    catalogue.append(built)
    assert catalogue.find("One file", msgctxt="menu") is built


def test_a_copied_entry_changes_only_what_it_is_told():
    made = _constructed()
    copy = copied_entry(made, msgstr_plural={0: "", 1: ""}, flags=[])
    assert copy is not made and not copy.fuzzy and made.fuzzy
    assert {k: v for k, v in vars(copy).items() if k not in ("msgstr_plural", "flags")} == \
        {k: v for k, v in vars(made).items() if k not in ("msgstr_plural", "flags")}
