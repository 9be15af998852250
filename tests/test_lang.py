"""Language facts come from the package's own table, not from the installed Babel."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import babel
import pytest

from l10n_pipeline import lang
from l10n_pipeline.update import po_header

# What GNU gettext 0.21's msginit writes (its plural-table.c), and for Arabic, which
# that table lacks, the form the gettext manual gives.
GETTEXT_FORMS = {
    "fr": "nplurals=2; plural=(n > 1);",
    "tr": "nplurals=2; plural=(n != 1);",
    "en": "nplurals=2; plural=(n != 1);",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
          "(n%100<10 || n%100>=20) ? 1 : 2);",
    "ar": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 "
          ": n%100>=11 ? 4 : 5);",
    "ja": "nplurals=1; plural=0;",
    "pt-BR": "nplurals=2; plural=(n > 1);",
}


@pytest.mark.parametrize("code", sorted(GETTEXT_FORMS))
def test_plural_forms_are_gettexts_whatever_babel_says(code, monkeypatch):
    # Babel is not asked: even a Babel whose CLDR data changed gives the same header
    monkeypatch.setattr(babel.Locale, "parse", lambda *a, **k: pytest.fail("Babel asked"))
    assert lang.language(code).plural_forms == GETTEXT_FORMS[code]
    assert po_header({}, code)["Plural-Forms"] == GETTEXT_FORMS[code]


def test_header_names_and_directions():
    assert lang.language("ar").name == "Arabic" and lang.language("ar").rtl
    assert lang.language("fr-CA").name == "French (fr-CA)"
    assert lang.language("fr-CA").plural_forms == GETTEXT_FORMS["fr"]
    assert po_header({}, "tr")["Language-Team"] == "Turkish"


@pytest.mark.skipif(shutil.which("msginit") is None, reason="GNU gettext missing")
@pytest.mark.parametrize("code", ["fr", "ru", "tr", "de", "pl", "ja", "cs", "sl"])
def test_the_table_agrees_with_this_machines_msginit(tmp_path, code):
    pot = tmp_path / "t.pot"
    pot.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n',
                   encoding="utf-8")
    out = tmp_path / "t.po"
    subprocess.run(["msginit", "--no-translator", "-l", code, "-i", str(pot), "-o", str(out)],
                   check=True, capture_output=True)
    text = out.read_text(encoding="utf-8").replace('"\n"', "")
    written = text.split("Plural-Forms: ", 1)[1].split("\\n", 1)[0]
    assert lang.same_plural_forms(written, lang.language(code).plural_forms)


def test_every_committed_catalogue_carries_the_tables_plural_forms():
    import polib
    root = Path(__file__).resolve().parents[1] / "translations"
    for path in root.rglob("*.po"):
        po = polib.pofile(str(path))
        expected = lang.language(po.metadata["Language"]).plural_forms
        assert po.metadata["Plural-Forms"] == expected, path


def test_same_plural_forms_ignores_spacing_and_outer_parentheses():
    assert lang.same_plural_forms("nplurals=2; plural=(n > 1);", "nplurals=2; plural=n>1;")
    assert not lang.same_plural_forms("nplurals=2; plural=(n > 1);", "nplurals=2; plural=(n != 1);")
    # "(a) ? b : (c)" is not one parenthesised whole: nothing is stripped from it
    assert not lang.same_plural_forms("nplurals=2; plural=(n==1) ? 0 : (1);",
                                      "nplurals=2; plural=n==1) ? 0 : (1;")


@pytest.mark.parametrize("code, reason", [
    ("zz", "not a language CLDR knows"),
    ("ar/../x", "not a BCP 47 language code"),
    ("fr@/../../../../outside", "not a BCP 47 language code"),
    ("", "not a language code"),
    (3, "not a language code"),
])
def test_bad_codes_are_refused_with_a_reason(code, reason):
    with pytest.raises(ValueError, match=reason):
        lang.validate_code(code)


@pytest.mark.parametrize("code", ["fr", "pt-BR", "pt_BR", "sr-Latn", "zh-Hant-TW", "ckb"])
def test_good_codes_pass(code):
    assert lang.validate_code(code) == code


def test_a_wrong_plural_forms_header_is_named_with_the_expected_form():
    wrong = "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=0 && n%100<=2 ? 4 : 5);"
    message = lang.plural_forms_problem(wrong, "ar")
    assert message and GETTEXT_FORMS["ar"] in message and "n%100>=0" in message
    assert lang.plural_forms_problem(GETTEXT_FORMS["ar"], "ar") is None
    assert lang.plural_forms_problem("nplurals=2; plural=n>1;", "fr") is None
    assert "no Plural-Forms header" in lang.plural_forms_problem(None, "fr")


def test_l10n_check_warns_about_a_catalogue_with_the_wrong_plural_forms(make_project, capsys):
    import json

    from l10n_pipeline.cli import main
    project = make_project({"source/a.md": "# Title\n\nText.\n"})
    root = str(project.root)
    assert main(["-C", root, "extract"]) == 0 and main(["-C", root, "update"]) == 0
    capsys.readouterr()
    assert main(["-C", root, "check", "--format", "json"]) == 0
    assert not [f for f in json.loads(capsys.readouterr().out) if f["check"] == "plural-forms"]
    path = project.root / "translations/ar/a.po"
    wrong = "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=0 && n%100<=2 ? 4 : 5);"
    text = path.read_text(encoding="utf-8")
    header = text[text.index('"Plural-Forms: '):text.index('\\n"\n', text.index('"Plural-Forms: ')) + 4]
    path.write_text(text.replace(header, f'"Plural-Forms: {wrong}\\n"\n'), encoding="utf-8")
    assert main(["-C", root, "check", "--format", "json"]) == 0  # a warning does not block
    found = [f for f in json.loads(capsys.readouterr().out) if f["check"] == "plural-forms"]
    assert len(found) == 1 and found[0]["severity"] == "warning"
    assert found[0]["file"] == "translations/ar/a.po" and GETTEXT_FORMS["ar"] in found[0]["message"]


def test_rules_come_from_the_language_module_else_the_defaults():
    assert lang.language("tr").rules is lang.language("tr-TR").rules  # built once per base
    assert lang.language("az").lower("ILIQ") == "ılıq"  # az.py: dotted and dotless i
    assert lang.language("de").lower("ILIQ") == "iliq"
    unknown = lang.language("sw")  # no module: English abbreviations, words as written
    assert unknown.rules.titles == lang.language("en").rules.titles
    assert unknown.rules.key("walimu") == "walimu" and unknown.rules.matches is None
    assert lang.language("de").rules.key("flüchtlinge") == "fluchtling"  # Snowball


def test_fold_unifies_arabic_marks_in_any_language_and_always_in_arabic():
    assert lang.language("en").fold("الهِجْرَة") == "الهجره"
    assert lang.language("ar").fold("أ") == "ا"
    assert lang.language("en").fold("أ") == "أ"


@pytest.mark.parametrize("code, expected", [
    ("en", "19 December 2022"), ("fr", "19 décembre 2022"), ("ru", "19 декабря 2022 г."),
    ("ar", "19 ديسمبر 2022"), ("tr", "19 Aralık 2022"), ("de", "2022-12-19"),
])
def test_dates_are_written_from_our_own_month_names(code, expected, monkeypatch):
    from datetime import date
    monkeypatch.setattr(babel.Locale, "parse", lambda *a, **k: pytest.fail("Babel asked"))
    assert lang.format_date(code, date(2022, 12, 19)) == expected
    assert lang.format_date("fr", date(2023, 1, 1)) == "1er janvier 2023"


@pytest.mark.parametrize("code, rtl", [("ar", True), ("fa", True), ("az-Arab", True),
                                       ("az", False), ("pa-Guru", False), ("fr", False)])
def test_direction_follows_the_script_subtag(code, rtl):
    assert lang.language(code).rtl is rtl
