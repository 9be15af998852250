"""``l10n update``: msgmerge --previous semantics, checked against msgmerge itself."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import polib
import pytest

from l10n_pipeline.cli import main
from l10n_pipeline.files import load_po
from l10n_pipeline.update import merge_catalog, po_header
from l10n_pipeline.formats.po_write import format_catalog

needs_gettext = pytest.mark.skipif(shutil.which("msgmerge") is None, reason="GNU gettext missing")

OLD = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: fr\\n"

# Ask Maria before changing.
#: a.md:1
msgid "Keep this sentence."
msgstr "Gardez cette phrase."

#: a.md:2
msgid "The refugees arrived in Vienna yesterday."
msgstr "Les réfugiés sont arrivés à Vienne hier."

#: a.md:3
msgid "Removed sentence here."
msgstr "Phrase supprimée ici."

#: a.md:4
msgid "Untranslated and removed."
msgstr ""

#: a.md:9
#, fuzzy
msgid "Still fuzzy and kept."
msgstr "Toujours flou."

#~ msgid "Returning sentence."
#~ msgstr "Phrase qui revient."

#, fuzzy
#~ msgid "Returning fuzzy."
#~ msgstr "Flou qui revient."

#~ msgid "Long gone."
#~ msgstr "Parti depuis longtemps."
"""

TEMPLATE = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"POT-Creation-Date: 2026-01-01 00:00+0000\\n"

#. paragraph
#: a.md:1
msgid "Keep this sentence."
msgstr ""

#: a.md:2
msgid "The refugees arrived in Vienna today."
msgstr ""

#: a.md:5
msgid "Returning sentence."
msgstr ""

#: a.md:6
msgid "Returning fuzzy."
msgstr ""

#: a.md:7
msgctxt "menu"
msgid "Keep this sentence."
msgstr ""

#: a.md:8
msgid "Brand new."
msgstr ""

#: a.md:9
msgid "Still fuzzy and kept."
msgstr ""
"""


def merged(old: str | None = OLD, template: str = TEMPLATE) -> polib.POFile:
    return merge_catalog(polib.pofile(old) if old else None, polib.pofile(template), "fr")


def summary(catalog: polib.POFile) -> list[tuple]:
    return sorted((e.msgctxt or "", e.msgid, e.msgstr, e.fuzzy, e.obsolete,
                   e.previous_msgid or "", e.tcomment or "") for e in catalog if e.msgid)


def test_rules():
    result = merged()
    kept = result.find("Keep this sentence.")
    assert kept.msgstr == "Gardez cette phrase." and not kept.fuzzy
    assert kept.tcomment == "Ask Maria before changing."
    assert kept.comment == "paragraph"  # extracted comments come from the template
    changed = result.find("The refugees arrived in Vienna today.")
    assert changed.fuzzy and changed.msgstr == "Les réfugiés sont arrivés à Vienne hier."
    assert changed.previous_msgid == "The refugees arrived in Vienna yesterday."
    revived = result.find("Returning sentence.")
    assert revived.msgstr == "Phrase qui revient." and not revived.fuzzy and not revived.obsolete
    assert result.find("Returning fuzzy.").fuzzy
    assert result.find("Still fuzzy and kept.").fuzzy
    assert result.find("Brand new.").msgstr == ""
    obsolete = {e.msgid: e.msgstr for e in result.obsolete_entries()}
    assert obsolete == {"Removed sentence here.": "Phrase supprimée ici.",
                        "Long gone.": "Parti depuis longtemps."}
    assert result.metadata["POT-Creation-Date"] == "2026-01-01 00:00+0000"


def test_an_edit_of_common_words_finds_its_previous_version():
    # Every word of the edited string is in hundreds of old strings, so no word selects
    # it; it is found among the strings the template dropped.
    words = "the migration policy of the member states and their partners".split()
    others = [" ".join(words[i:] + words[:i]) + f" {n}." for n in range(60)
              for i in range(len(words))]
    edited = "The member states and their partners discussed the migration policy."
    old = polib.POFile()
    for text in [*others, edited]:
        old.append(polib.POEntry(msgid=text, msgstr=f"fr: {text}"))
    template = polib.POFile()
    for text in [*others, edited.replace("discussed", "adopted")]:
        template.append(polib.POEntry(msgid=text))
    found = merge_catalog(old, template, "fr").find(edited.replace("discussed", "adopted"))
    assert found.fuzzy and found.previous_msgid == edited and found.msgstr == f"fr: {edited}"


def test_no_translation_is_ever_lost():
    old = polib.pofile(OLD)
    result = merged()
    kept = {e.msgstr for e in result if e.msgstr}
    assert {e.msgstr for e in old if e.msgstr and e.msgid} <= kept


@needs_gettext
def test_same_result_as_gnu_msgmerge(tmp_path):
    (tmp_path / "old.po").write_text(OLD, encoding="utf-8")
    (tmp_path / "new.pot").write_text(TEMPLATE, encoding="utf-8")
    subprocess.run(["msgmerge", "--previous", "-q", "-o", str(tmp_path / "gnu.po"),
                    str(tmp_path / "old.po"), str(tmp_path / "new.pot")], check=True)
    gnu = polib.pofile(str(tmp_path / "gnu.po"))
    assert summary(merged()) == summary(gnu)


@needs_gettext
def test_output_is_byte_identical_to_gnu_msgmerge_apart_from_the_header(tmp_path):
    (tmp_path / "old.po").write_text(OLD, encoding="utf-8")
    (tmp_path / "new.pot").write_text(TEMPLATE, encoding="utf-8")
    subprocess.run(["msgmerge", "--previous", "-q", "-o", str(tmp_path / "gnu.po"),
                    str(tmp_path / "old.po"), str(tmp_path / "new.pot")], check=True)
    gnu = (tmp_path / "gnu.po").read_text(encoding="utf-8")
    ours = format_catalog(merged())
    assert ours.split("\n\n", 1)[1] == gnu.split("\n\n", 1)[1]


def test_new_catalogue_header():
    result = merged(None)
    assert result.metadata["Language"] == "fr"
    assert result.metadata["Plural-Forms"] == "nplurals=2; plural=(n > 1);"
    assert result.metadata["Language-Team"] == "French"
    header = po_header({"POT-Creation-Date": "2026-01-01 00:00+0000"}, "ar")
    assert header["Plural-Forms"].startswith("nplurals=6;")
    assert po_header({}, "ru")["Plural-Forms"].startswith("nplurals=3;")


EDITOR_RESAVED = """\
# French translation.
# Translators: Marie <marie@example.org>, 2026.
msgid ""
msgstr ""
"Project-Id-Version: a\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: fr\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"
"X-Generator: Poedit 3.4\\n"

#: a.md:8
msgid "Brand new."
msgstr "Tout nouveau."

# Reviewed with the legal team, keep the wording.
#: a.md:1
#, no-c-format
msgid "Keep this sentence."
msgstr "Gardez cette phrase, qui est assez longue pour que Poedit ne la coupe pas du tout à 79 colonnes."

#: a.md:7
#, fuzzy
msgctxt "menu"
msgid "Keep this sentence."
msgstr "Gardez."
"""


def test_files_resaved_by_editors_keep_their_content():
    result = merged(EDITOR_RESAVED)
    assert result.metadata["X-Generator"] == "Poedit 3.4"
    assert result.header.startswith("French translation.")
    entry = result.find("Keep this sentence.")
    assert entry.msgstr.endswith("à 79 colonnes.")
    assert entry.tcomment == "Reviewed with the legal team, keep the wording."
    assert "no-c-format" in entry.flags
    assert result.find("Brand new.").msgstr == "Tout nouveau."
    menu = [e for e in result if e.msgctxt == "menu"][0]
    assert menu.msgstr == "Gardez." and menu.fuzzy
    assert [e.msgid for e in result if not e.obsolete][:2] == [
        "Keep this sentence.", "The refugees arrived in Vienna today."]  # template order


def test_plural_entries_survive():
    old = OLD + '\nmsgid "one file"\nmsgid_plural "%d files"\nmsgstr[0] "un fichier"\n' \
                'msgstr[1] "%d fichiers"\n'
    template = TEMPLATE + '\nmsgid "one file"\nmsgid_plural "%d files"\nmsgstr[0] ""\n' \
                          'msgstr[1] ""\n'
    entry = merged(old, template).find("one file")
    assert entry.msgstr_plural == {0: "un fichier", 1: "%d fichiers"}


def _project(make_project):
    project = make_project({"source/a.md": "# Title\n\nThe refugees arrived in Vienna today.\n"})
    assert main(["-C", str(project.root), "extract"]) == 0
    return project


def test_update_creates_catalogues_and_is_idempotent(make_project, capsys):
    project = _project(make_project)
    assert main(["-C", str(project.root), "update"]) == 0
    paths = sorted(p.relative_to(project.root).as_posix()
                   for p in (project.root / "translations").rglob("*.po"))
    assert paths == ["translations/ar/a.po", "translations/fr/a.po", "translations/ru/a.po",
                     "translations/tr/a.po"]
    before = {p: p.read_bytes() for p in (project.root / "translations").rglob("*.po")}
    assert main(["-C", str(project.root), "update"]) == 0
    assert "0 catalogue(s) written" in capsys.readouterr().err
    assert before == {p: p.read_bytes() for p in (project.root / "translations").rglob("*.po")}


def test_update_one_language(make_project):
    project = _project(make_project)
    assert main(["-C", str(project.root), "update", "--lang", "ar"]) == 0
    assert [p.parent.name for p in (project.root / "translations").rglob("*.po")] == ["ar"]
    assert main(["-C", str(project.root), "update", "--lang", "xx"]) == 2


def test_source_change_keeps_translation_as_fuzzy(make_project):
    project = _project(make_project)
    main(["-C", str(project.root), "update", "--lang", "fr"])
    po_path = project.root / "translations/fr/a.po"
    catalog = load_po(po_path)
    catalog.find("The refugees arrived in Vienna today.").msgstr = "Les réfugiés sont arrivés."
    catalog.save(str(po_path))
    (project.root / "source/a.md").write_text("# Title\n\nThe refugees arrived in Vienna.\n")
    main(["-C", str(project.root), "extract"])
    main(["-C", str(project.root), "update", "--lang", "fr"])
    entry = load_po(po_path).find("The refugees arrived in Vienna.")
    assert entry.fuzzy and entry.msgstr == "Les réfugiés sont arrivés."
    assert entry.previous_msgid == "The refugees arrived in Vienna today."


@pytest.mark.parametrize("content, line", [
    ('msgid ""\nmsgstr ""\n\nmsgid "Title"\nmsgstr "Titre\n', 5),
    ('msgid ""\nmsgstr ""\n\nmsgid "Title"\nmsgstr "Titre" junk\n', 5),
    ('msgid ""\nmsgstr ""\n\nmsgid "Title"\nmsgstr "\xe9\n', None),
])
def test_broken_catalogue_is_exit_2_and_nothing_changes(make_project, capsys, content, line):
    project = _project(make_project)
    main(["-C", str(project.root), "update"])
    broken = project.root / "translations/ru/a.po"
    data = content.encode("latin-1") if line is None else content.encode("utf-8")
    broken.write_bytes(data)
    before = {p: p.read_bytes() for p in (project.root / "translations").rglob("*.po")}
    (project.root / "source/a.md").write_text("# Title\n\nSomething else entirely.\n")
    main(["-C", str(project.root), "extract"])
    capsys.readouterr()
    assert main(["-C", str(project.root), "update"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "translations/ru/a.po:" in err
    if line:
        assert f"a.po:{line}:" in err
    assert before == {p: p.read_bytes() for p in (project.root / "translations").rglob("*.po")}


def test_missing_template_is_a_clear_error(make_project, capsys):
    project = make_project({"source/a.md": "# Title\n"})
    assert main(["-C", str(project.root), "update"]) == 2
    assert "run 'l10n extract' first" in capsys.readouterr().err


@needs_gettext
def test_updated_catalogues_pass_msgfmt_check(make_project):
    project = _project(make_project)
    main(["-C", str(project.root), "update"])
    for path in (project.root / "translations").rglob("*.po"):
        subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], check=True)


def test_equally_rare_words_choose_the_same_match_whatever_the_hash_seed():
    # "alpha" and "omega" are equally rare; each selects a different, equally similar
    # text. The choice must not follow set order, which Python's hash seed changes.
    program = ("from l10n_pipeline.similar import SimilarTexts; print(SimilarTexts(["
               "'alpha common words here one', 'omega common words here two'])"
               ".best('alpha omega common words here', 50.0))")
    found = {subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                            env={**os.environ, "PYTHONHASHSEED": str(seed)},
                            check=True).stdout for seed in range(8)}
    assert len(found) == 1 and found.pop().startswith("(0,")
