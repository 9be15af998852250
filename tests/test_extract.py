"""Extraction: what is translatable, references, comments, headers, determinism, bad input."""

from __future__ import annotations

import shutil
import subprocess
import textwrap
from pathlib import Path

import polib
import pytest

from l10n_pipeline.cli import main
from l10n_pipeline.config import Config
from l10n_pipeline.extract import extract_project
from l10n_pipeline.formats import markdown

REPO = Path(__file__).resolve().parents[1]
CONFIG = Config(root=Path("/nonexistent"), languages=("fr",))
needs_msgfmt = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext missing")

DOC = """\
---
title: Border management
summary: Asylum seekers arrived. They were received.
date: 2023-01-31
category: Project News
---

# Border management

Asylum seekers arrived. They were received.

A paragraph with [a link](https://example.org/a "Link title"), *emphasis*
and `inline code` across a soft line break.

- first item
- second item with **bold**
  continued here

> A quoted sentence. Another one.

| Term | Meaning |
| --- | --- |
| asylum | protection |

```
code block. Not translated.
```

<!-- an HTML comment. Not translated. -->

![Refugees at a reception centre](img/reception.jpg)

<https://www.icmpd.org/>
"""


def segments(project, text: str = DOC, lang: str = "en"):
    return markdown.segments(markdown.parse(Path("x.md"), text), project.config, lang)


def test_translatable_units_and_kinds(make_project):
    project = make_project({})
    found = [(s.msgid, s.comment) for s in segments(project)]
    assert found == [
        ("Border management", "front matter: title"),
        ("Asylum seekers arrived.", "front matter: summary"),
        ("They were received.", "front matter: summary"),
        ("Border management", "heading"),
        ("Asylum seekers arrived.", "paragraph"),
        ("They were received.", "paragraph"),
        ("A paragraph with [a link](https://example.org/a \"Link title\"), *emphasis* and "
         "`inline code` across a soft line break.", "paragraph"),
        ("first item", "list item"),
        ("second item with **bold** continued here", "list item"),
        ("A quoted sentence.", "blockquote"),
        ("Another one.", "blockquote"),
        ("Term", "table header"),
        ("Meaning", "table header"),
        ("asylum", "table cell"),
        ("protection", "table cell"),
        ("Refugees at a reception centre", "image alt text"),
    ]


def test_body_spans_point_at_the_source_text(make_project):
    project = make_project({})
    for segment in segments(project):
        if segment.field is None:
            assert " ".join(DOC[segment.start:segment.end].replace("\n  ", " ").split()) \
                == segment.msgid
        else:
            value = {"title": "Border management",
                     "summary": "Asylum seekers arrived. They were received."}[segment.field]
            assert value[segment.start:segment.end] == segment.msgid


@pytest.mark.parametrize("text", [
    "---\ntitle: T\n---\nAlpha one.\n\nBeta two.\n\n\n",          # trailing blank lines
    "---\r\ntitle: T\r\n---\r\nAlpha one.\r\n\r\nBeta two.\r\n",  # CRLF
    "---\rtitle: T\r---\rAlpha one.\r\rBeta two.\r",              # old Mac CR
    "\n\nAlpha one.\n\nBeta two.\n\n",                              # no front matter
])
def test_lines_and_spans_whatever_the_line_ends(text):
    source = markdown.parse(Path("d.md"), text)
    found = [(s.msgid, s.line, source.text[s.start:s.end])
             for s in markdown.segments(source, CONFIG, "en") if s.field is None]
    first = text.replace("\r\n", "\n").replace("\r", "\n").split("\n").index("Alpha one.") + 1
    assert found == [("Alpha one.", first, "Alpha one."), ("Beta two.", first + 2, "Beta two.")]


def test_paragraph_segmentation(make_project):
    project = make_project({}, config='[tool.l10n]\nlanguages = ["fr"]\nsegmentation = "paragraph"\n')
    msgids = [s.msgid for s in segments(project)]
    assert "Asylum seekers arrived. They were received." in msgids
    assert "Asylum seekers arrived." not in msgids


def test_msgctxt_from_an_html_comment(make_project):
    project = make_project({})
    text = "<!-- msgctxt: table of contents -->\n\n# Return\n\n# Return\n"
    found = [(s.msgctxt, s.msgid) for s in segments(project, text)]
    assert found == [("table of contents", "Return"), (None, "Return")]


def test_template_dedups_with_all_references_and_comments(make_project):
    project = make_project({"source/news/item.md": DOC})
    extract_project(project, project.documents)
    pot = polib.pofile(str(project.root / "translations/templates/news/item.pot"))
    entry = pot.find("Asylum seekers arrived.")
    assert entry.occurrences == [("source/news/item.md", "3"), ("source/news/item.md", "10")]
    assert entry.comment == "front matter: summary; paragraph"
    assert pot.metadata["X-Source-Language"] == "en"
    assert pot.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert len([e for e in pot if e.msgid == "Border management"]) == 1


def test_source_language_from_front_matter(make_project):
    project = make_project({"source/tr.md": "---\ntitle: İltica\nlang: tr\n---\n\nMetin.\n"})
    (document,) = project.documents
    assert document.source_language == "tr"
    assert document.languages == ("en", "fr", "ru", "ar")
    extract_project(project, project.documents)
    pot = polib.pofile(str(project.root / "translations/templates/tr.pot"))
    assert pot.metadata["X-Source-Language"] == "tr"


def test_document_languages_and_translate_false(make_project):
    project = make_project({
        "source/a.md": "---\nlanguages: [fr, ar]\n---\n\nText.\n",
        "source/b.md": "---\ntranslate: false\n---\n\nText.\n",
    })
    a, b = project.documents
    assert a.languages == ("fr", "ar")
    assert not b.translate
    assert extract_project(project, project.documents) == [project.pot_file(a)]


def test_second_run_changes_no_byte(make_project):
    project = make_project({"source/a.md": DOC})
    assert extract_project(project, project.documents)
    before = project.pot_file(project.documents[0]).read_bytes()
    assert extract_project(project, project.documents) == []
    assert project.pot_file(project.documents[0]).read_bytes() == before


def test_creation_date_moves_only_when_content_changes(make_project):
    project = make_project({"source/a.md": DOC})
    extract_project(project, project.documents)
    pot_path = project.pot_file(project.documents[0])
    text = pot_path.read_text(encoding="utf-8")
    dated = text.replace(polib.pofile(text).metadata["POT-Creation-Date"], "2000-01-01 00:00+0000")
    pot_path.write_text(dated, encoding="utf-8")
    extract_project(project, project.documents)
    assert "2000-01-01 00:00+0000" in pot_path.read_text(encoding="utf-8")
    (project.root / "source/a.md").write_text(DOC + "\nNew paragraph.\n", encoding="utf-8")
    extract_project(project, project.documents)
    assert "2000-01-01 00:00+0000" not in pot_path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["about/quality-policy", "turkiye/icmpd-turkiye",
                                  "news/2023-01-31-scop-moldova", "about/factsheet"])
def test_real_templates_snapshot(corpus_project, file_regression, name):
    extract_project(corpus_project, corpus_project.select([name]))
    text = corpus_project.pot_file(corpus_project.select([name])[0]).read_text(encoding="utf-8")
    header_end = text.index("\n\n")
    file_regression.check(text[header_end + 2:], basename=name.replace("/", "_"),
                          extension=".pot")


def test_repository_templates_are_up_to_date(corpus_project):
    assert extract_project(corpus_project, corpus_project.documents) == []


@needs_msgfmt
def test_every_generated_file_passes_msgfmt_check():
    files = sorted((REPO / "translations").rglob("*.po*"))
    assert len(files) > 50
    for path in files:
        result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)],
                                capture_output=True, text=True)
        assert result.returncode == 0, (path, result.stderr)


BAD_SOURCES = {
    "malformed front matter": (b"---\ntitle: [unclosed\n---\n\nText.\n", 2),
    "python object tag": (b"---\ntitle: !!python/object/apply:os.system ['true']\n---\n\nText.\n", 2),
    "alias bomb": (b"---\na: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\ntitle: t\n---\n\nText.\n", 3),
    "invalid UTF-8": (b"---\ntitle: ok\n---\n\nText \xff here.\n", 5),
    "front matter not a mapping": (b"---\n- a\n- b\n---\n\nText.\n", 2),
}


@pytest.mark.parametrize("case", BAD_SOURCES)
def test_bad_source_is_one_line_exit_2_nothing_written(tmp_path, capsys, case):
    data, line = BAD_SOURCES[case]
    (tmp_path / "pyproject.toml").write_text('[tool.l10n]\nlanguages = ["fr"]\n')
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "good.md").write_text("# Good\n")
    (tmp_path / "source" / "bad.md").write_bytes(data)
    assert main(["-C", str(tmp_path), "extract"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert f"bad.md:{line}:" in err
    assert not (tmp_path / "translations").exists()


def test_extract_cli_on_a_project(make_project, capsys):
    project = make_project({"source/a.md": textwrap.dedent(DOC)})
    assert main(["-C", str(project.root), "extract"]) == 0
    assert "1 template(s) written" in capsys.readouterr().err


def test_extract_check_writes_nothing_and_fails_when_a_template_is_stale(make_project):
    project = make_project({"source/a.md": "# Title\n\nOne sentence.\n"})
    root = str(project.root)
    assert main(["-C", root, "extract", "--check"]) == 1  # no template yet
    assert not (project.root / "translations").exists()
    assert main(["-C", root, "extract"]) == 0
    assert main(["-C", root, "extract", "--check"]) == 0
    pot = project.root / "translations/templates/a.pot"
    before = pot.read_bytes()
    (project.root / "source/a.md").write_text("# Title\n\nAnother sentence.\n", encoding="utf-8")
    assert main(["-C", root, "extract", "--check"]) == 1
    assert pot.read_bytes() == before


def _comments(project, name="a"):
    pot = polib.pofile(str(project.root / f"translations/templates/{name}.pot"))
    return {e.msgid: e.comment.split("\n")[1:] for e in pot}


def test_a_sentence_after_the_first_gets_the_sentence_before_it(make_project):
    project = make_project({"source/a.md": "# Title\n\nICMPD was founded in 1993. "
                            "It celebrated its anniversary. It grew.\n\nNew paragraph.\n"})
    assert main(["-C", str(project.root), "extract"]) == 0
    comments = _comments(project)
    assert comments["ICMPD was founded in 1993."] == []
    assert comments["It celebrated its anniversary."] == [
        "context: ICMPD was founded in 1993."]
    assert comments["It grew."] == ["context: It celebrated its anniversary."]
    assert comments["New paragraph."] == [] and comments["Title"] == []


def test_list_items_get_their_lead_in_or_the_sentence_they_run_over(make_project):
    project = make_project({"source/a.md": (
        "Its mandate is to:\n\n- promote policies;\n- support states.\n\n"
        "The mission is\n\n- researching policy\n- supporting states\n"
        "- offering a platform, as described.\n")})
    assert main(["-C", str(project.root), "extract"]) == 0
    comments = _comments(project)
    assert comments["promote policies;"] == ["context: Its mandate is to:"]
    assert comments["support states."] == ["context: Its mandate is to:"]
    sentence = ("context: The mission is … researching policy … supporting states … "
                "offering a platform, as described.")
    for item in ("researching policy", "supporting states", "offering a platform, as described."):
        assert comments[item] == [sentence]


def test_an_edit_elsewhere_in_a_paragraph_changes_no_other_comment(make_project):
    text = "One. Two. Three. Four.\n"
    project = make_project({"source/a.md": text})
    main(["-C", str(project.root), "extract"])
    before = _comments(project)
    (project.root / "source/a.md").write_text(text.replace("Four.", "Four and more."),
                                              encoding="utf-8")
    main(["-C", str(project.root), "extract"])
    after = _comments(project)
    assert {k: v for k, v in after.items() if k != "Four and more."} == \
        {k: v for k, v in before.items() if k != "Four."}


def test_a_source_format_is_chosen_by_suffix(tmp_path):
    from l10n_pipeline.errors import InputError
    from l10n_pipeline.formats.sources import source_format

    assert source_format(tmp_path / "a.md") is markdown
    with pytest.raises(InputError, match="no source format reads .rst"):
        source_format(tmp_path / "a.rst")
