"""Build: translated documents keep the source's structure and front-matter order;
an identity translation rebuilds every source byte for byte."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from l10n_pipeline.build import render
from l10n_pipeline.cli import main
from l10n_pipeline.config import Config
from l10n_pipeline.extract import document_segments
from l10n_pipeline.files import load_po, save_po
from l10n_pipeline.project import parse_source, read_source

REPO = Path(__file__).resolve().parents[1]
CONFIG = Config(root=REPO, languages=("fr",))
PARSER = MarkdownIt("commonmark").enable("table")


def structure(text: str) -> list[str]:
    return [t.type for t in PARSER.parse(parse_source(Path("x.md"), text).body)]


def identity(segment):
    return segment.msgid


def test_identity_round_trip_on_every_real_document():
    sources = sorted((REPO / "source").rglob("*.md"))
    assert len(sources) >= 18
    for path in sources:
        source = read_source(path)
        lang = source.metadata.get("lang", "en")
        segments = document_segments(source, CONFIG, lang)
        assert render(source, segments, identity) == source.text, path
        assert render(source, segments, lambda s: None) == source.text, path


def test_translations_land_in_every_segment_of_real_documents():
    for path in sorted((REPO / "source").rglob("*.md")):
        source = read_source(path)
        lang = source.metadata.get("lang", "en")
        segments = document_segments(source, CONFIG, lang)
        built = render(source, segments, lambda s: f"«{s.msgid.upper()}»")
        rebuilt = parse_source(path, built)
        again = document_segments(rebuilt, CONFIG, lang)
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
    source = parse_source(Path("g.md"), text)
    segments = document_segments(source, CONFIG, "en")
    assert render(source, segments, identity) == text
    translated = render(source, segments, lambda s: "X " + s.msgid)
    assert structure(translated) == structure(text)
    rebuilt = parse_source(Path("g.md"), translated)
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
    meta = parse_source(Path("a.md"), built).metadata
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
    meta = parse_source(Path("a.md"), (project.root / "build/ar/a.md").read_text()).metadata
    assert meta["dir"] == "rtl" and meta["lang"] == "ar"
    page = (project.root / "build/ar/a.html").read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in page and "<h1>إدارة الحدود</h1>" in page
