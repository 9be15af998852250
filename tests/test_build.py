"""Build: translated documents keep the source's structure and front-matter order;
an identity translation rebuilds every source byte for byte."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html
from markdown_it import MarkdownIt

from l10n_pipeline.build import html_page
from l10n_pipeline.cli import main
from l10n_pipeline.config import Config
from l10n_pipeline.files import load_po, save_po
from l10n_pipeline.formats import markdown
from l10n_pipeline.formats.sources import read_source

REPO = Path(__file__).resolve().parents[1]
CONFIG = Config(root=REPO, languages=("fr",))
PARSER = MarkdownIt("commonmark").enable("table")


def structure(text: str) -> list[str]:
    return [t.type for t in PARSER.parse(markdown.parse(Path("x.md"), text).body)]


def identity(segment):
    return segment.msgid


def test_identity_round_trip_on_every_real_document():
    sources = sorted((REPO / "source").rglob("*.md"))
    assert len(sources) >= 18
    for path in sources:
        source = read_source(path)
        lang = source.metadata.get("lang", "en")
        segments = markdown.segments(source, CONFIG, lang)
        assert markdown.rebuild(source, segments, identity) == source.text, path
        assert markdown.rebuild(source, segments, lambda s: None) == source.text, path


def test_translations_land_in_every_segment_of_real_documents():
    for path in sorted((REPO / "source").rglob("*.md")):
        source = read_source(path)
        lang = source.metadata.get("lang", "en")
        segments = markdown.segments(source, CONFIG, lang)
        built = markdown.rebuild(source, segments, lambda s: f"«{s.msgid.upper()}»")
        rebuilt = markdown.parse(path, built)
        again = markdown.segments(rebuilt, CONFIG, lang)
        assert {s.msgid for s in again} == {f"«{s.msgid.upper()}»" for s in segments}, path
        assert structure(built) == structure(source.text), path
        assert list(rebuilt.metadata) == list(source.metadata), path


# -- property: generated Markdown -------------------------------------------------------

words = st.sampled_from(["migration", "asylum", "Border", "ICMPD", "policy", "the", "of",
                         "réfugiés", "миграция", "الهجرة", "göç", "2022", "Mr.", "e.g."])
sentence = st.lists(words, min_size=1, max_size=8).map(lambda w: " ".join(w) + ".")
inline = st.one_of(
    sentence,
    st.tuples(sentence, words).map(lambda p: f"{p[0]} [{p[1]}](https://example.org/{p[1]})"),
    st.tuples(words, sentence).map(lambda p: f"*{p[0]}* {p[1]}"),
    st.tuples(words, sentence).map(lambda p: f"**{p[0]}** `code {p[0]}` {p[1]}"),
)
paragraph = st.lists(inline, min_size=1, max_size=3).map(" ".join)
block = st.one_of(
    paragraph,
    paragraph.map(lambda p: "# " + p),
    st.tuples(paragraph, paragraph).map(lambda p: f"{p[0]}\n{p[1]}"),  # soft line break
    st.lists(paragraph, min_size=1, max_size=3).map(lambda items: "\n".join(f"- {i}" for i in items)),
    st.tuples(paragraph, paragraph).map(lambda p: f"1. {p[0]}\n   - {p[1]}"),  # nested list
    paragraph.map(lambda p: "> " + p),
    st.tuples(words, words, paragraph).map(
        lambda p: f"| {p[0]} | {p[1]} |\n| --- | --- |\n| {p[2]} | {p[0]} |"),
    paragraph.map(lambda p: f"```\n{p}\n```"),
)
front = st.fixed_dictionaries({"title": sentence, "summary": paragraph,
                               "date": st.just("2023-01-31"), "category": words})
document = st.tuples(st.booleans(), front, st.lists(block, min_size=1, max_size=6)).map(
    lambda d: (("---\n" + yaml.safe_dump(d[1], allow_unicode=True, sort_keys=False) + "---\n\n")
               if d[0] else "") + "\n\n".join(d[2]) + "\n")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document)
def test_round_trip_property(text):
    source = markdown.parse(Path("g.md"), text)
    segments = markdown.segments(source, CONFIG, "en")
    assert markdown.rebuild(source, segments, identity) == text
    translated = markdown.rebuild(source, segments, lambda s: "X " + s.msgid)
    assert structure(translated) == structure(text)
    rebuilt = markdown.parse(Path("g.md"), translated)
    assert list(rebuilt.metadata) == list(source.metadata)


# -- the command --------------------------------------------------------------------

DOC = """\
---
title: Border management
date: 2023-01-31
category: Project News
summary: "Asylum: seekers arrived. They were received."
---

# Border management

Asylum: seekers arrived. They were received.

- first item
- second item
"""

FR = {"Border management": "Gestion des frontières", "Asylum: seekers arrived.":
      "Des demandeurs d'asile : arrivés.", "They were received.": "Ils ont été accueillis.",
      "first item": "premier élément\nsur deux lignes", "second item": "second élément"}


def project_with(make_project, done: dict[str, str], lang: str = "fr", fuzzy: tuple = ()):
    project = make_project({"source/a.md": DOC},
                           config='[tool.l10n]\nlanguages = ["fr", "ar"]\n')
    main(["-C", str(project.root), "extract"])
    main(["-C", str(project.root), "update"])
    path = project.root / f"translations/{lang}/a.po"
    po = load_po(path)
    for entry in po:
        if entry.msgid in done:
            entry.msgstr = done[entry.msgid]
            if entry.msgid in fuzzy:
                entry.flags.append("fuzzy")
    save_po(po, path)
    return project


def test_build_french(make_project, file_regression):
    project = project_with(make_project, FR)
    assert main(["-C", str(project.root), "build", "--lang", "fr", "--strict"]) == 0
    built = (project.root / "build/fr/a.md").read_text(encoding="utf-8")
    file_regression.check(built, basename="built_fr", extension=".md")
    meta = markdown.parse(Path("a.md"), built).metadata
    assert list(meta) == ["title", "date", "category", "summary", "lang", "dir"]
    assert meta["summary"] == "Des demandeurs d'asile : arrivés. Ils ont été accueillis."
    assert meta["lang"] == "fr" and meta["dir"] == "ltr"
    assert "- premier élément\n  sur deux lignes\n- second élément" in built
    assert main(["-C", str(project.root), "build", "--lang", "fr"]) == 0  # idempotent
    assert (project.root / "build/fr/a.md").read_text(encoding="utf-8") == built


def test_fuzzy_falls_back_and_strict_fails(make_project, capsys):
    project = project_with(make_project, FR, fuzzy=("second item",))
    assert main(["-C", str(project.root), "build", "--lang", "fr", "--strict"]) == 1
    built = (project.root / "build/fr/a.md").read_text(encoding="utf-8")
    assert "- second item" in built and "premier élément" in built


def test_below_threshold_is_not_written(make_project, capsys):
    project = project_with(make_project, {"Border management": "Gestion des frontières"})
    capsys.readouterr()
    assert main(["-C", str(project.root), "build", "--lang", "fr"]) == 0
    assert not (project.root / "build/fr/a.md").exists()
    assert "not written: 20.0 % < 80 %" in capsys.readouterr().err


def test_arabic_html_reads_right_to_left(make_project):
    ar = {"Border management": "إدارة الحدود", "Asylum: seekers arrived.": "وصل طالبو اللجوء.",
          "They were received.": "تم استقبالهم.", "first item": "البند الأول",
          "second item": "البند الثاني"}
    project = project_with(make_project, ar, lang="ar")
    assert main(["-C", str(project.root), "build", "--lang", "ar", "--html"]) == 0
    meta = markdown.parse(Path("a.md"), (project.root / "build/ar/a.md").read_text()).metadata
    assert meta["dir"] == "rtl" and meta["lang"] == "ar"
    page = (project.root / "build/ar/a.html").read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in page and "<h1>إدارة الحدود</h1>" in page


# -- HTML pages: direction of mixed runs, title and date ---------------------------------

INVISIBLE = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")  # bidi controls


def page(markdown_text: str, language: str):
    built = html_page(markdown_text, language)
    assert not INVISIBLE.search(built)  # isolation is markup, never characters in the text
    return lxml_html.document_fromstring(built)


AR_MIXED = """\
# إدارة الحدود

<https://www.icmpd.org/>

لمزيد من المعلومات: [www.icmpd.org](https://www.icmpd.org/ "موقع ICMPD الإلكتروني") أو [الموقع](https://x.org/).

شغّل `l10n build --html` ثم **ICMPD**.

The source sentence stayed in English, see [the site](https://x.org/).
"""


def test_rtl_page_isolates_latin_runs_per_element():
    root = page(AR_MIXED, "ar")
    assert root.get("dir") == "rtl"
    bare, named, arabic, english = root.findall(".//a")
    # a bare URL: the link is isolated, its paragraph keeps the page's side
    assert bare.get("dir") == "ltr" and bare.getparent().get("dir") is None
    # a Latin link text with an Arabic tooltip: a <bdi> isolates the text, the tooltip
    # keeps the page's direction
    assert named.get("dir") is None and named.get("title") == "موقع ICMPD الإلكتروني"
    assert [(b.get("dir"), b.text) for b in named] == [("ltr", "www.icmpd.org")]
    assert arabic.get("dir") is None  # Arabic link text runs with the page
    code, strong = root.find(".//code"), root.find(".//strong")
    assert code.get("dir") == "ltr" and strong.get("dir") == "ltr"
    assert code.text == "l10n build --html"
    # a paragraph in Latin script (an untranslated fallback) turns as a whole; the link
    # in it runs with it and needs nothing of its own
    paragraph = english.getparent()
    assert paragraph.get("dir") == "ltr" and english.get("dir") is None
    assert root.find(".//h1").get("dir") is None


def test_ltr_page_isolates_arabic_runs_and_leaves_latin_alone():
    root = page("# Titre\n\nLe mot *الهجرة* et `code` et 1993.\n", "fr")
    assert root.get("dir") == "ltr"
    assert root.find(".//em").get("dir") == "rtl"
    assert [e.get("dir") for e in root.iter("code", "p", "h1")] == [None, None, None]


def test_digits_and_punctuation_take_the_direction_around_them():
    root = page("| البند | القيمة |\n| --- | --- |\n| سنة | 1993 |\n\n`2023-2027`\n", "ar")
    assert not [e.tag for e in root.iter() if e.get("dir") and e.tag != "html"]


NEWS = """\
---
title: "مشروع SCOP: بعثة تقييم إلى مولدوفا"
date: 2023-01-31
---

خلال الأسبوع الممتد من 11 إلى 18 نوفمبر 2022، جرت بعثة تقييم.
"""


def test_news_page_shows_its_front_matter_title_and_date():
    root = page(NEWS, "ar")
    assert root.findtext(".//title") == "مشروع SCOP: بعثة تقييم إلى مولدوفا"
    body = list(root.find("body"))
    assert [e.tag for e in body] == ["h1", "p", "p"]
    assert body[0].text == "مشروع SCOP: بعثة تقييم إلى مولدوفا"
    assert body[1].get("class") == "date"
    (stamp,) = body[1]
    assert stamp.tag == "time" and stamp.get("datetime") == "2023-01-31"
    assert stamp.text and stamp.text.strip() != "2023-01-31"  # formatted for the language
    french = page(NEWS.replace('"مشروع SCOP: بعثة تقييم إلى مولدوفا"', "Projet SCOP"), "fr")
    assert french.find(".//time").text != stamp.text


def test_heading_in_the_body_is_not_repeated_and_no_date_means_none():
    root = page("---\ntitle: Gestion\n---\n\n# Gestion des frontières\n\nTexte.\n", "fr")
    assert [h.text for h in root.iter("h1")] == ["Gestion des frontières"]
    assert root.find(".//time") is None
    dated = page("---\ntitle: Gestion\ndate: sometime\n---\n\n# Gestion\n", "fr")
    assert dated.find(".//time") is None  # not a date: nothing invented
    quoted = page('---\ndate: "2022-12-12"\n---\n\nTexte.\n', "fr")
    assert quoted.find(".//time").get("datetime") == "2022-12-12"
    assert quoted.find(".//h1") is None  # no title, no heading
