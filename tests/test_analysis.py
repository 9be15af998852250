"""``l10n analyse``: match bands on a hand-computed case, weights, formats, and the
corpus (band words add up to the report's open words)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from l10n_pipeline.cli import main
from l10n_pipeline.config import BANDS
from l10n_pipeline.files import load_po, save_po
from l10n_pipeline.report import OPEN, coverage

A = "# Alpha title\n\nApples grow on trees in the orchard.\n\nZebras run fast.\n"
B = ("# Alpha title\n\nApples grow on trees in the orchard.\n\n"
     "Bananas are yellow fruit from warm countries.\n\nZebras run very fast.\n")
C = ("# Gamma\n\nBananas are yellow fruit from warm countries.\n\n"
     "Apples grow on big trees in the orchard.\n\nApples grow on trees in the orchards.\n\n"
     "Apples fall from tall trees in autumn.\n\nZebras run fast today.\n")

# Memory (en -> fr): the three texts of a, translated.  In b: "Alpha title" has the
# same neighbours as in a (context, 2 words); "Apples grow on trees in the orchard."
# does not (next is "Bananas...") but is in the memory (exact, 7); "Bananas ..." shares
# no word with the memory (no-match, 7); "Zebras run very fast." scores 86.5 against
# "Zebras run fast." (85-94, 4).  In c: "Gamma" (no-match, 1); "Bananas ..." came in b
# (repetition, 7); "... on big trees ..." 94.7 (85-94, 8); "... orchards." 98.6 (95-99,
# 7); "Apples fall from tall trees in autumn." 59.5 (50-74, 7); "Zebras run fast today."
# 84.2 (75-84, 4).
EXPECTED_B = {"context": 2, "exact": 7, "repetition": 0, "95-99": 0, "85-94": 4, "75-84": 0,
              "50-74": 0, "no-match": 7}
EXPECTED_TOTAL = {"context": 2, "exact": 7, "repetition": 7, "95-99": 7, "85-94": 12,
                  "75-84": 4, "50-74": 7, "no-match": 8}
# 2*0.1 + 7*0.25 + 7*0.25 + 7*0.5 + 12*0.6 + 4*0.7 + 7*1 + 8*1
EXPECTED_WEIGHTED = 32.2


def project_with(make_project, extra: str = ""):
    project = make_project({"source/a.md": A, "source/b.md": B, "source/c.md": C},
                           config='[tool.l10n]\nlanguages = ["fr"]\n[tool.l10n.mt]\n'
                                  'provider = "none"\n' + extra)
    assert main(["-C", str(project.root), "extract"]) == 0
    assert main(["-C", str(project.root), "update"]) == 0
    path = project.root / "translations/fr/a.po"
    po = load_po(path)
    for entry in po:
        if entry.msgid:
            entry.msgstr = "fr: " + entry.msgid
    save_po(po, path)
    return project


def analyse_json(project, capsys, *args: str) -> dict:
    capsys.readouterr()
    assert main(["-C", str(project.root), "analyse", "--format", "json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_bands_on_a_hand_computed_case(make_project, capsys):
    data = analyse_json(project_with(make_project), capsys)["languages"]["fr"]
    assert data["documents"]["a"]["bands"] == dict.fromkeys(BANDS, 0)
    assert data["documents"]["b"]["bands"] == EXPECTED_B
    assert data["total"]["bands"] == EXPECTED_TOTAL
    assert data["total"]["weighted"] == EXPECTED_WEIGHTED


def test_a_repetition_is_first_counted_where_it_first_appears(make_project, capsys):
    data = analyse_json(project_with(make_project), capsys, "c")["languages"]["fr"]
    # without b in the job, c's "Bananas ..." is new there
    assert data["documents"]["c"]["bands"]["repetition"] == 0
    assert data["documents"]["c"]["bands"]["no-match"] == 8


def test_weights_are_configurable_and_checked(make_project, capsys):
    project = project_with(make_project, '[tool.l10n.analysis]\nweights = {context = 0, '
                                         '"no-match" = 2}\n')
    data = analyse_json(project, capsys)
    assert data["weights"]["context"] == 0 and data["weights"]["exact"] == 0.25
    assert data["languages"]["fr"]["total"]["weighted"] == pytest.approx(
        EXPECTED_WEIGHTED - 0.2 + 8)
    pyproject = project.root / "pyproject.toml"
    pyproject.write_text(pyproject.read_text(encoding="utf-8").replace("context = 0",
                                                                       '"100%" = 0.1'))
    capsys.readouterr()
    assert main(["-C", str(project.root), "analyse"]) == 2
    assert "unknown match band '100%'" in capsys.readouterr().err


def test_every_format_says_the_same(make_project, capsys, tmp_path):
    project = project_with(make_project)
    capsys.readouterr()
    assert main(["-C", str(project.root), "analyse", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    total = next(r for r in rows if r["document"] == "(total)")
    assert {band: int(total[band]) for band in BANDS} == EXPECTED_TOTAL
    assert total["weighted"] == "32.2"
    for fmt in ("text", "markdown", "html"):
        out = tmp_path / f"analysis.{fmt}"
        assert main(["-C", str(project.root), "analyse", "--format", fmt, "-o", str(out)]) == 0
        text = out.read_text(encoding="utf-8")
        assert "32.2" in text and "no-match" in text
    assert "<table>" in (tmp_path / "analysis.html").read_text(encoding="utf-8")


def test_corpus_bands_add_up_to_the_reports_open_words(corpus_project, capsys):
    data = analyse_json(corpus_project, capsys)["languages"]
    reports = coverage(corpus_project, tuple(data))
    for language, analysis in data.items():
        open_words = sum(reports[language].total.words[s] for s in OPEN)
        assert sum(analysis["total"]["bands"].values()) == open_words, language
