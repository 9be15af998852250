"""What coordinators, reviewers and CI see: the release verdict in every report format,
counts that lead to their entries, the gate counting strings, badges, bulk approval that
never signs a check error, and output that text from files cannot style or forge."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from l10n_pipeline.cli import main
from l10n_pipeline.files import load_po, save_po
from l10n_pipeline.model import Status, entry_status
from l10n_pipeline.render.bars import cells
from l10n_pipeline.render.escape import (github_annotation, markdown, markdown_code,
                                         terminal)

sys.path.insert(0, str(Path(__file__).parent))
from test_report import build, every_status  # noqa: E402


def l10n(project, *args: str) -> int:
    return main(["-C", str(project.root), *args])


def translate(project, lang: str, doc: str, texts: dict[str, str]) -> Path:
    path = project.root / f"translations/{lang}/{doc}.po"
    po = load_po(path)
    for entry in po:
        if entry.msgid in texts:
            entry.msgstr = texts[entry.msgid]
    save_po(po, path)
    return path


def line_of(path: Path, msgid: str) -> int:
    return load_po(path).find(msgid).linenum


# -- escapers ------------------------------------------------------------------------------

def test_escapers_leave_data_as_data():
    assert terminal("a\x1b]0;owned\x07b\u202ec") == "a\\x1b]0;owned\\x07b<U+202E>c"
    assert terminal("line\nnext\ttab") == "line\nnext\ttab"
    md = markdown("[link](https://evil.example) :x: <b>|</b> *em* @someone\nnext")
    for raw in ("[link]", "https:", ":x:", "<b>", "*em*", " @someone", "|", "\n"):
        assert raw.replace("|", " |") not in md
    assert markdown_code("a`b|c") == "``a`b\\|c``"
    forged = github_annotation("error", "x\n::error file=README.md,line=1::forged 100%",
                               "a,line=99,title=FORGED.md", 3, "t:1")
    assert forged.count("\n") == 0
    assert forged.startswith("::error file=a%2Cline=99%2Ctitle=FORGED.md,line=3,title=t%3A1::")
    assert forged.endswith("x%0A::error file=README.md,line=1::forged 100%25")


@pytest.mark.parametrize("counts,width", [
    ({"reviewed": 0, "translated": 48, "machine": 0, "fuzzy": 0, "untranslated": 1}, 14),
    ({"reviewed": 1, "translated": 1, "machine": 1, "fuzzy": 1, "untranslated": 996}, 5),
    ({"reviewed": 7, "translated": 3, "machine": 2, "fuzzy": 0, "untranslated": 9}, 14)])
def test_every_non_zero_share_is_visible_and_the_bar_is_full(counts, width):
    given = dict(cells(counts, width))
    assert sum(given.values()) == width
    assert {s for s, n in counts.items() if n} == set(given)


# -- the release verdict and the report ------------------------------------------------------

def test_report_says_first_what_blocks_the_release_in_every_format(make_project, capsys):
    project = build(make_project)  # release documents: about/**, untranslated
    outputs = {}
    for fmt in ("text", "markdown", "html", "json"):
        assert l10n(project, "report", "--format", fmt) == 0
        outputs[fmt] = capsys.readouterr().out
    assert outputs["text"].startswith("Release: BLOCKED by 4 strings in ar, fr")
    assert "l10n gate --lang fr" in outputs["text"]
    assert outputs["markdown"].split("**Release: ")[1].startswith("blocked")
    html = outputs["html"]
    assert html.index('id="release" class="blocked"') < html.index('id="matrix"')
    assert 'href="#entries-fr-about/b"' in html and 'id="entries-fr-about/b"' in html
    assert json.loads(outputs["json"])["release"]["blocked_strings"] == 4
    # the gate agrees, on the same strings
    assert l10n(project, "gate", "--format", "markdown") == 1
    assert "4 strings" in capsys.readouterr().out


def test_matrix_marks_release_cells(make_project, capsys):
    project = build(make_project)
    l10n(project, "report", "--format", "markdown")
    md = capsys.readouterr().out
    rows = {line.split("|")[1].strip(): line for line in md.splitlines()
            if line.startswith("| `")}
    assert rows["`about/b`"].count("⚑") == 2 and "⚑" not in rows["`news/a`"]
    l10n(project, "report", "--format", "html")
    html = capsys.readouterr().out
    assert html.count('<td class="release"') == 2 and html.count('<td class="other"') == 2


def test_stale_reviews_and_glossary_violations_show_in_every_format(make_project, capsys):
    project = build(make_project)
    every_status(project)  # one stale review in fr news/a
    (project.root / "glossary.csv").write_text("en,fr,type,note\nsentence,phrase,,\n",
                                               encoding="utf-8")
    translate(project, "fr", "news/a", {"The first sentence.": "La première ligne."})
    for fmt in ("text", "markdown", "html"):
        assert l10n(project, "report", "--format", fmt, "--details") == 0
        out = capsys.readouterr().out
        assert re.search("stale", out, re.I), fmt
        assert "glossary-term" in out, fmt
        assert re.search(r"translations/fr/news/a\.po:\d+", out), fmt


def test_details_list_file_and_line_of_each_entry(make_project, capsys):
    project = build(make_project)
    path = every_status(project)
    assert l10n(project, "report", "--lang", "fr", "--details") == 0
    out = capsys.readouterr().out
    assert f"translations/fr/news/a.po:{line_of(path, 'The third sentence.')}  fuzzy: " \
           "The third sentence." in out
    assert "about/b ⚑" in out and "news/a" in out  # per-document rows for --lang


def test_plain_text_is_never_wrapped_and_bars_use_distinct_characters(make_project, capsys):
    project = build(make_project)
    long = "A very long sentence " * 20
    (project.root / "source/news/a.md").write_text(f"# Title\n\n{long.strip()}.\n")
    l10n(project, "extract")
    l10n(project, "update")
    capsys.readouterr()
    assert l10n(project, "report", "--details") == 0
    out = capsys.readouterr().out
    assert any(line.endswith(long.strip() + ".") for line in out.splitlines())
    assert "# reviewed  = translated  ? fuzzy  ~ machine  . untranslated" in out
    fr_row = next(line for line in out.splitlines() if line.startswith(" fr "))
    assert ".........." in fr_row


def test_text_report_to_a_file_is_text(make_project, tmp_path):
    project = build(make_project)
    out = tmp_path / "r.txt"
    assert l10n(project, "report", "--format", "text", "-o", str(out)) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("Release: BLOCKED") and "## " not in text and "| --- |" not in text


def test_badges_one_per_language_and_overall(make_project, tmp_path, capsys):
    project = build(make_project)
    every_status(project)
    folder = tmp_path / "badges"
    assert l10n(project, "report", "--format", "badge") == 2  # needs --output
    assert l10n(project, "report", "--format", "badge", "--output", str(folder)) == 0
    assert sorted(p.name for p in folder.iterdir()) == ["ar.svg", "fr.svg", "overall.svg"]
    svg = etree.fromstring((folder / "fr.svg").read_bytes())
    texts = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert "translated fr" in texts and "42%" in texts  # 42.9 % done: never rounded up
    overall = etree.fromstring((folder / "overall.svg").read_bytes())
    assert "21%" in [t.text for t in overall.iter("{http://www.w3.org/2000/svg}text")]


# -- the gate ------------------------------------------------------------------------------

def test_gate_counts_strings_and_lists_findings_under_them(make_project, capsys):
    project = build(make_project)
    for lang in ("fr", "ar"):
        translate(project, lang, "about/b", {"About us": "À propos",
                                             "We help.": "Nous \u202eaidons [x](y) 2."})
    capsys.readouterr()
    assert l10n(project, "gate", "--lang", "fr") == 1
    out = capsys.readouterr().out
    assert out.startswith("gate: BLOCKED by 1 string ")  # one string, several findings
    lines = out.splitlines()
    string = next(i for i, line in enumerate(lines) if line.startswith("    translations/"))
    assert lines[string].endswith(": markdown-links, bidi-override, bidi-unbalanced: We help.")
    assert lines[string + 2].startswith("      error bidi-override: ")
    assert len([line for line in lines if line.startswith("      error ")]) >= 2


def test_gate_lang_gates_a_language_that_is_not_a_release_language(make_project, capsys):
    project = build(make_project, 'languages = ["fr"]\n')  # release languages: fr only
    translate(project, "fr", "about/b", {"About us": "À propos", "We help.": "Nous aidons."})
    assert l10n(project, "gate") == 0
    capsys.readouterr()
    assert l10n(project, "gate", "--lang", "ar") == 1
    out = capsys.readouterr().out
    assert "translations/ar/about/b.po" in out and "news/a" not in out


def test_gate_annotations_and_markdown_cannot_be_forged(make_project, capsys):
    forged = "Hi\n::error file=README.md,line=1::forged ::stop-commands::x 100%"
    project = make_project(
        {"source/about/a,line=99,title=FORGED.md": f"# {forged.splitlines()[0]}\n\nfine.\n"},
        config='[tool.l10n]\nlanguages = ["fr"]\n[tool.l10n.mt]\nprovider = "none"\n')
    l10n(project, "extract")
    l10n(project, "update")
    path = next((project.root / "translations/fr").rglob("*.po"))
    po = load_po(path)
    po[0].msgid = forged  # as a hostile pull request could write it
    save_po(po, path)
    capsys.readouterr()
    assert l10n(project, "gate", "--format", "github") == 1
    out = capsys.readouterr().out
    assert all(line.startswith("::error file=translations/fr/about/a%2Cline=99%2Ctitle=FORGED.po,")
               for line in out.splitlines())
    assert "%0A::error file=README.md" in out and "100%25" in out
    assert l10n(project, "gate", "--format", "markdown") == 1
    md = capsys.readouterr().out
    assert md.startswith("## Release gate") and "forged" in md
    assert "\n::error" not in md and md.count("| `translations/fr/about/a,line=99") == 2


# -- text from files is never markup -------------------------------------------------------

def test_markup_in_files_is_shown_as_text(make_project):
    project = build(make_project)
    translate(project, "fr", "news/a", {"The first sentence.":
                                        "[/] [link=https://evil.example]ici[/link] :x: "
                                        "[red]caché[/red] \x1b]0;titre\x07"})
    env = {"PYTHONPATH": str(Path(__file__).parents[1] / "src"), "PATH": "/usr/bin:/bin"}
    run = subprocess.run([sys.executable, "-m", "l10n_pipeline.cli", "-C", str(project.root),
                          "report", "--lang", "fr", "--details"],
                         capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr
    run = subprocess.run([sys.executable, "-m", "l10n_pipeline.cli", "-C", str(project.root),
                          "check", "--lang", "fr"], capture_output=True, text=True, env=env)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "evil.example" in run.stdout  # the finding on the URL, shown as text
    assert "\x1b]0;" not in run.stdout
    run = subprocess.run([sys.executable, "-m", "l10n_pipeline.cli", "-C", str(project.root),
                          "review", "approve", "--lang", "fr", "--by", "[/] :x: [red]"],
                         capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr
    assert "approved by [/] :x: [red]" in run.stderr
    assert "\x1b" not in run.stderr + run.stdout


# -- review ------------------------------------------------------------------------------------

def test_bulk_approve_never_signs_a_check_error_without_force(make_project, capsys):
    project = build(make_project)
    path = translate(project, "ar", "about/b", {"About us": "من نحن",
                                                "We help.": "نحن \u202eنساعد."})
    capsys.readouterr()
    assert l10n(project, "review", "approve", "--lang", "ar", "--by", "Ana") == 0
    err = capsys.readouterr().err
    assert "1 entry approved by Ana; 1 skipped for check errors (bidi-override: 1, " in err
    assert err.rstrip().endswith("sign anyway with --force")
    po = load_po(path)
    assert entry_status(po.find("About us")) is Status.REVIEWED
    assert entry_status(po.find("We help.")) is Status.TRANSLATED
    assert l10n(project, "review", "approve", "--lang", "ar", "--by", "Ana", "--force") == 0
    forced = load_po(path).find("We help.")
    assert entry_status(forced) is Status.REVIEWED
    # signing over a check error is recorded beside the sign-off, as l10n serve records it
    assert "l10n-override: h=" in forced.tcomment
    assert "Ana: bidi-override,bidi-unbalanced: approved with --force" in forced.tcomment
    assert "l10n-override" not in load_po(path).find("About us").tcomment


def test_review_paths_go_anywhere(make_project, capsys):
    project = build(make_project)
    translate(project, "fr", "about/b", {"About us": "À propos", "We help.": "Nous aidons."})
    translate(project, "fr", "news/a", {"The first sentence.": "La première phrase."})
    capsys.readouterr()
    assert l10n(project, "review", "approve", "--lang", "fr", "--by", "Ana", "about/") == 0
    assert "2 entries approved" in capsys.readouterr().err
    assert l10n(project, "review", "--lang", "fr", "approve", "news/a", "--by", "Ana") == 0
    assert "1 entry approved" in capsys.readouterr().err
    assert l10n(project, "review", "approve", "--lang", "fr", "--bogus", "x") == 2


@pytest.mark.parametrize("name", ["", "   ", "Ana\nmsgid \"x\"", "Ana\rEvil"])
def test_sign_off_needs_a_one_line_name(make_project, capsys, name):
    project = build(make_project)
    path = translate(project, "fr", "about/b", {"About us": "À propos"})
    before = path.read_bytes()
    capsys.readouterr()
    assert l10n(project, "review", "approve", "--lang", "fr", "--by", name) == 2
    assert "--by" in capsys.readouterr().err and path.read_bytes() == before


def test_a_rejection_comment_stays_one_comment_line(make_project):
    project = build(make_project)
    path = translate(project, "fr", "about/b", {"About us": "À propos"})
    assert l10n(project, "review", "reject", "--lang", "fr", "--by", "Bo", "--entry",
                "About us", "--comment", "wrong\n#, fuzzy\rmsgid \"x\"") == 0
    entry = load_po(path).find("About us")
    assert entry.tcomment.count("\n") == 0 and "wrong #, fuzzy msgid" in entry.tcomment


@pytest.mark.parametrize("require", ["translated", "reviewed"])
def test_report_verdict_agrees_with_the_gate_cold_and_from_the_cache(make_project, capsys,
                                                                     require):
    project = build(make_project, f'require = "{require}"\n')
    every_status(project)
    translate(project, "fr", "about/b", {"About us": "À propos \u202e",  # error, translated
                                         "We help.": "Nous aidons."})
    path = project.root / "translations/ar/about/b.po"
    po = load_po(path)
    po.find("We help.").msgstr, po.find("We help.").flags = "نحن \u202eنساعد.", ["fuzzy"]
    save_po(po, path)  # ar: an error on a fuzzy string is still one string
    capsys.readouterr()
    l10n(project, "gate")
    gate = capsys.readouterr().out.splitlines()[0]
    blocked = re.search(r"BLOCKED by (\d+) strings", gate)[1]
    for _ in ("cold", "from the cache"):
        assert l10n(project, "report", "--format", "json") == 0
        release = json.loads(capsys.readouterr().out)["release"]
        assert str(release["blocked_strings"]) == blocked
        assert {g["language"]: g["strings"] for g in release["blocked"]} == \
            ({"fr": 1, "ar": 2} if require == "translated" else {"fr": 2, "ar": 2})


def test_the_review_card_shows_the_text_the_sentence_depends_on(make_project):
    from l10n_pipeline.review import Card
    from l10n_pipeline.render.review import review_card
    from l10n_pipeline.ui import plain_text
    card = Card("fr", False, "about/a", 2, 3, "translated", "translations/fr/about/a.po:24",
                "It celebrated its anniversary.", "Il a célébré son anniversaire.", [], [],
                ["ICMPD was founded in 1993."])
    shown = plain_text(review_card(card))
    assert shown.index("context:") < shown.index("ICMPD was founded in 1993.") \
        < shown.index("source:") < shown.index("It celebrated its anniversary.")
    # and the review reads it from the extracted comment extraction writes
    project = make_project({"source/a.md": "ICMPD was founded in 1993. It celebrated.\n"})
    main(["-C", str(project.root), "extract"])
    from l10n_pipeline.model import entry_context
    pot = load_po(project.root / "translations/templates/a.pot")
    assert entry_context(pot.find("It celebrated.")) == ["ICMPD was founded in 1993."]
    assert entry_context(pot.find("ICMPD was founded in 1993.")) == []
