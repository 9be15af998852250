"""Glossary: inflection- and casing-aware matching per language, violations, validation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from l10n_pipeline.cli import main
from l10n_pipeline.glossary import (check_glossary, contains_term, find_term, fold,
                                    load_glossary)
from l10n_pipeline.memo import keep

REPO = Path(__file__).resolve().parents[1]

MATCHES = [
    # Russian: case endings and adjective agreement
    ("ru", "миграция", "Управление миграции в регионе"),
    ("ru", "миграция", "с нерегулярной миграцией"),
    ("ru", "нелегальный мигрант", "о положении нелегальных мигрантов"),
    ("ru", "торговля людьми", "борьба с торговлей людьми"),
    # French: plurals, feminine, elision, typographic apostrophe
    ("fr", "frontière", "aux frontières extérieures"),
    ("fr", "réfugié", "les réfugiées ukrainiennes"),
    ("fr", "demandeur d'asile", "des demandeurs d’asile"),
    ("fr", "asile", "le droit d'asile"),
    ("fr", "État membre", "les États membres de l'UE"),
    ("fr", "migrant illégal", "des migrants illégaux"),
    # Turkish: suffixes with and without apostrophe, casing, consonant mutation
    ("tr", "iltica", "İltica başvuruları"),
    ("tr", "iltica", "ilticanın koşulları"),
    ("tr", "İstanbul", "İstanbul'da yapılan toplantı"),
    ("tr", "İstanbul", "İSTANBUL'DA"),
    ("tr", "göçmen", "göçmenler ve göçmenlerin hakları"),
    ("tr", "geri kabul", "geri kabulü anlaşması"),
    ("tr", "sığınmacı", "SIĞINMACILARIN durumu"),
    ("tr", "hükümetlerarası kuruluş", "hükümetlerarası kuruluştur"),
    ("tr", "kitap", "kitabı"),
    ("tr", "göç politikası", "Göç Politikaları Geliştirme Merkezi"),
    ("tr", "göç politikası", "göç politikasının"),
    # Arabic: article, proclitics, diacritics, tatweel, taa marbuta, plural
    ("ar", "الهجرة", "سياسات للهجرة"),
    ("ar", "الهجرة", "والهجرة غير النظامية"),
    ("ar", "الهجرة", "بالهجرة"),
    ("ar", "الهجرة", "فالهجرة"),
    ("ar", "الهجرة", "الهِجْرَة"),
    ("ar", "الهجرة", "الهـــجرة"),
    ("ar", "الهجرة", "الهجرات"),
    ("ar", "لاجئ", "للاجئين"),
    ("ar", "مهاجر غير شرعي", "المهاجرين غير الشرعيين"),
    # English: plurals, case
    ("en", "asylum seeker", "Asylum seekers arrived"),
    ("en", "Member State", "all member states"),
    ("en", "trafficking in human beings", "Trafficking in Human Beings"),
    ("en", "country of origin", "countries of origin"),
    ("en", "Member State", "a Member State's view"),
]

NON_MATCHES = [
    ("en", "return", "returnees were interviewed"),
    ("en", "ICMPD", "ICMPDX is not us"),
    ("en", "asylum seeker", "seekers of asylum"),
    ("tr", "göç", "göçmen"),
    ("tr", "İstanbul", "ISTANBUL"),  # Turkish capital I is dotless: "ıstanbul"
    ("tr", "iltica", "ilticaxyz"),
    ("ru", "миграция", "мигрант"),
    ("fr", "migrant", "migration"),
    ("ar", "الهجرة", "المهاجرين"),
    ("ar", "الهجرة", "هجر"),
    ("fr", "accueil", "recueil"),
    ("en", "reception", "always be receptive for suggestions"),
]


@pytest.mark.parametrize("lang, term, text", MATCHES)
def test_matches(lang, term, text):
    assert contains_term(term, text, lang), (term, text)


@pytest.mark.parametrize("lang, term, text", NON_MATCHES)
def test_non_matches(lang, term, text):
    assert not contains_term(term, text, lang), (term, text)


def test_find_term_spans():
    text = "Les demandeurs d’asile et un demandeur d'asile."
    assert [text[a:b] for a, b in find_term("demandeur d'asile", text, "fr")] == [
        "demandeurs d’asile", "demandeur d'asile"]


@pytest.mark.parametrize("text, lang, expected", [
    ("ISTANBUL", "tr", "ıstanbul"),
    ("İltica", "tr", "iltica"),
    ("ISTANBUL", "en", "istanbul"),
    ("الهِجْرَة", "ar", "الهجره"),
    ("الهـجرة", "ar", "الهجره"),
    ("أإآ", "ar", "ااا"),
    ("d’asile", "fr", "d'asile"),
])
def test_fold(text, lang, expected):
    assert fold(text, lang) == expected


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(REPO / "glossary.csv")


def test_a_bounded_table_starts_again_when_full():
    table: dict[int, int] = {}
    assert [keep(table, n, n * 2, size=3) for n in range(5)] == [0, 2, 4, 6, 8]
    assert table == {3: 6, 4: 8}


def test_the_matches_remembered_for_texts_stay_bounded():
    glossary = load_glossary(REPO / "glossary.csv")
    for n in range(10_050):
        glossary.terms_in(f"Asylum seekers, case {n}.", "en", "fr")
    assert 0 < len(glossary._found_in) <= 10_000
    assert [alternatives for _, _, alternatives in glossary.terms_in(
        "Asylum seekers, case 7.", "en", "fr")] == [("demandeur d’asile",)]


@pytest.mark.parametrize("source, source_lang, target, target_lang, kinds", [
    ("Support to asylum seekers.", "en", "Soutien aux demandeurs d'asile.", "fr", []),
    ("Support to asylum seekers.", "en", "Soutien aux requérants.", "fr", ["missing-term"]),
    ("Irregular migration rose.", "en", "Нерегулярная миграция выросла.", "ru", []),
    ("Irregular migration rose.", "en", "Нелегальная миграция выросла.", "ru",
     ["missing-term", "forbidden-term"]),
    ("Border management in Moldova.", "en", "إدارة الحدود في مولدوفا.", "ar", []),
    ("Support for refugees.", "en", "دعم للاجئين.", "ar", []),
    ("Support for refugees.", "en", "دعم للمهاجرين.", "ar", ["missing-term"]),
    ("Support for refugees.", "en", "Mültecilere destek.", "tr", []),
    ("Support for refugees.", "en", "Göçmenlere destek.", "tr", ["missing-term"]),
    ("An illegal migrant.", "en", "Yasadışı göçmen.", "tr", ["forbidden-term"]),
    ("The SCOP project of ICMPD.", "en", "Le projet SCOP de l'ICMPD.", "fr", []),
    ("The SCOP project of ICMPD.", "en", "Le projet Scop du CIDPM.", "fr",
     ["dnt-altered", "dnt-altered"]),
    ("İltica alanında kapasite.", "tr", "Capacity in the field of asylum.", "en", []),
    ("İltica alanında kapasite.", "tr", "Capacity in the field of protection.", "en",
     ["missing-term"]),
])
def test_violations(glossary, source, source_lang, target, target_lang, kinds):
    found = glossary.violations(source, source_lang, target, target_lang)
    assert sorted(v.kind for v in found) == sorted(kinds), [v.message for v in found]
    assert all(v.message.startswith("glossary: ") for v in found)


def test_source_violations(glossary):
    (violation,) = glossary.source_violations("Illegal migrants were returned.", "en")
    assert violation.kind == "forbidden-term" and "irregular migrant" in violation.message
    assert glossary.source_violations("Irregular migrants were returned.", "en") == []


def test_dnt_terms_longest_first(glossary):
    terms = glossary.dnt_terms()
    assert "ICMPD" in terms and "SUPPORT PMM" in terms
    assert [len(t) for t in terms] == sorted((len(t) for t in terms), reverse=True)


def test_terms_in_for_reviewers(glossary):
    found = {term: alts for _, term, alts in glossary.terms_in(
        "Capacity building for border management.", "en", "fr")}
    assert found == {"capacity building": ("renforcement des capacités",),
                     "border management": ("gestion des frontières",)}


def test_real_glossary_is_clean_and_large(glossary):
    assert sum(1 for c in glossary.concepts if c.type == "term") >= 60
    assert any(c.type == "dnt" for c in glossary.concepts)
    assert any(c.type == "forbidden" for c in glossary.concepts)
    findings = check_glossary(REPO / "glossary.csv", ["fr", "ru", "ar", "tr", "en"])
    assert [f for f in findings if f.severity == "error"] == []


BROKEN = """\
en,fr,ru,ar,tr,xx_bad,type,note
refugee,réfugié,беженец,لاجئ,mülteci,,term,
refugee,réfugié,беженец,لاجئ,mülteci,,term,
asylum,,убежище,لجوء,sığınma,,term,
=HYPERLINK("http://evil"),x,x,x,x,,term,
"a, b",c
"""


def test_check_glossary_names_each_problem_row(tmp_path):
    path = tmp_path / "glossary.csv"
    path.write_text(BROKEN, encoding="utf-8")
    found = {(f.line, f.check) for f in check_glossary(path, ["fr", "ru", "ar", "tr"])
             if f.severity == "error"}
    assert found == {(1, "glossary-column"), (3, "glossary-duplicate"),
                     (4, "glossary-empty"), (5, "glossary-formula"), (6, "glossary-row")}


def test_glossary_check_command(tmp_path, capsys, make_project):
    project = make_project({})
    assert main(["-C", str(project.root), "glossary", "check"]) == 0  # no file: a warning
    (project.root / "glossary.csv").write_text(BROKEN, encoding="utf-8")
    capsys.readouterr()
    assert main(["-C", str(project.root), "glossary", "check", "--format", "json"]) == 1
    findings = json.loads(capsys.readouterr().out)
    assert {f["line"] for f in findings if f["severity"] == "error"} == {1, 3, 4, 5, 6}
    shutil_copy = (REPO / "glossary.csv").read_text(encoding="utf-8")
    (project.root / "glossary.csv").write_text(shutil_copy, encoding="utf-8")
    assert main(["-C", str(project.root), "glossary", "check"]) == 0


def test_load_glossary_rejects_broken_rows_with_line(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("en,fr,type,note\nrefugee,réfugié,term,\n\"a, b\",c\n", encoding="utf-8")
    with pytest.raises(Exception) as caught:
        load_glossary(path)
    assert caught.value.line == 3
