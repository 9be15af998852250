"""Statuses end to end, coverage reports in every format, agreement with msgfmt and
pocount, the release gate, and review sign-offs."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import date, datetime, timezone
from pathlib import Path

import polib
import pytest

from l10n_pipeline.cli import main
from l10n_pipeline.files import load_po, save_po
from l10n_pipeline.model import PREFILL_TAG, Status, entry_hash, entry_status, set_tagged_line
from l10n_pipeline.render.report import report_html, report_markdown, report_text
from l10n_pipeline.report import build_report, tally_catalogue, word_count
from l10n_pipeline.ui import plain_text
from l10n_pipeline.review import approve, reject, sign

needs_msgfmt = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext missing")

SOURCE = """\
---
title: Refugees in <Vienna> & "elsewhere"
---

# Refugees in <Vienna> & "elsewhere"

The first sentence. The second sentence. The third sentence.

The fourth sentence has <script>alert(1)</script> in it.
"""


def build(make_project, config_extra: str = ""):
    project = make_project({"source/news/a.md": SOURCE, "source/about/b.md": "# About us\n\nWe help.\n"},
                           config='[tool.l10n]\nlanguages = ["fr", "ar"]\n[tool.l10n.mt]\n'
                                  'provider = "none"\n[tool.l10n.release]\ndocuments = '
                                  '["about/**"]\n' + config_extra)
    main(["-C", str(project.root), "extract"])
    main(["-C", str(project.root), "update"])
    return project


def every_status(project, lang: str = "fr") -> Path:
    """One entry in each status (and a stale review) in news/a for ``lang``."""
    path = project.root / f"translations/{lang}/news/a.po"
    po = load_po(path)
    entries = [e for e in po if e.msgid]
    # 0 title: reviewed; 1 first: translated; 2 second: machine; 3 third: fuzzy;
    # 4 fourth: stale review (translated); the other document stays untranslated
    entries[0].msgstr = "Réfugiés à <Vienne> & « ailleurs »"
    sign(entries[0], "Ana", date(2026, 1, 1))
    entries[1].msgstr = "La première phrase."
    entries[2].msgstr = "La deuxième phrase."
    entries[2].flags.append("fuzzy")
    set_tagged_line(entries[2], PREFILL_TAG, f"mt:test h={entry_hash(entries[2])}")
    entries[3].msgstr = "La troisième phrase."
    entries[3].flags.append("fuzzy")
    entries[4].msgstr = "La quatrième <script>alert(2)</script> phrase."
    sign(entries[4], "Ana", date(2026, 1, 1))
    entries[4].msgstr += " Modifiée."
    save_po(po, path)
    return path


def test_status_transitions_end_to_end(make_project):
    project = build(make_project)
    path = project.root / "translations/fr/news/a.po"
    po = load_po(path)
    entry = po.find("The first sentence.")
    assert entry_status(entry) is Status.UNTRANSLATED
    entry.msgstr, entry.flags = "La première phrase.", ["fuzzy"]  # pre-fill
    set_tagged_line(entry, PREFILL_TAG, f"mt:test h={entry_hash(entry)}")
    save_po(po, path)
    assert entry_status(load_po(path).find("The first sentence.")) is Status.MACHINE
    po = load_po(path)  # a person accepts it in their editor
    po.find("The first sentence.").flags.remove("fuzzy")
    save_po(po, path)
    assert entry_status(load_po(path).find("The first sentence.")) is Status.TRANSLATED
    assert main(["-C", str(project.root), "review", "approve", "--lang", "fr", "--by", "Ana"]) == 0
    assert entry_status(load_po(path).find("The first sentence.")) is Status.REVIEWED
    po = load_po(path)  # the translation is edited: the review goes stale
    po.find("The first sentence.").msgstr = "La 1re phrase."
    save_po(po, path)
    tally, _ = tally_catalogue(load_po(path))
    assert entry_status(load_po(path).find("The first sentence.")) is Status.TRANSLATED
    assert tally.stale_reviews == 1
    main(["-C", str(project.root), "review", "approve", "--lang", "fr", "--by", "Ana"])
    (project.root / "source/news/a.md").write_text(SOURCE.replace("The first sentence.",
                                                                  "The very first sentence."))
    main(["-C", str(project.root), "extract"])
    main(["-C", str(project.root), "update"])  # the source changes: fuzzy
    entry = load_po(path).find("The very first sentence.")
    assert entry_status(entry) is Status.FUZZY and entry.msgstr == "La 1re phrase."


NOW = datetime(2026, 1, 2, 3, 4, tzinfo=timezone.utc)


def without_line_numbers(text: str) -> str:
    """PO line numbers move with the header a library writes: snapshots leave them out
    (other tests check that they point at the entry)."""
    return re.sub(r"(\.po):\d+", r"\1:N", text)


def test_report_snapshots_in_every_format(make_project, file_regression, data_regression, capsys):
    project = build(make_project)
    every_status(project)
    report = build_report(project, ("fr", "ar"), requested=False, details=True, now=NOW)
    report.commit = "0123456789ab"
    for name, text, ext in (("report_text", plain_text(report_text(report, colour=False)), ".txt"),
                            ("report_markdown", report_markdown(report), ".md"),
                            ("report_html", report_html(report), ".html")):
        file_regression.check(without_line_numbers(text), basename=name, extension=ext)
    assert main(["-C", str(project.root), "report", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    data_regression.check(data, basename="report_json")
    fr = data["languages"]["fr"]
    assert fr["strings"] == {"total": 7, "untranslated": 2, "machine": 1, "fuzzy": 1,
                             "translated": 2, "reviewed": 1}
    assert fr["translated_pct"] == 42.9 and fr["reviewed_pct"] == 14.3
    assert fr["stale_reviews"] == 1
    assert set(fr["documents"]) == {"news/a", "about/b"}


def test_html_escapes_everything_and_marks_rtl(make_project, tmp_path):
    project = build(make_project)
    every_status(project)
    ar = project.root / "translations/ar/news/a.po"
    po = load_po(ar)
    po.find("The first sentence.").msgstr = "الجملة الأولى <script>alert(3)</script>"
    po.find("The first sentence.").flags.append("fuzzy")
    save_po(po, ar)
    out = tmp_path / "r.html"
    assert main(["-C", str(project.root), "report", "--format", "html", "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;alert(3)&lt;/script&gt;" in html
    assert '<td lang="ar" dir="rtl">' in html
    assert "http" not in html.replace("http-equiv", "")  # self-contained: no network


def test_json_schema_keys(make_project, capsys):
    project = build(make_project)
    main(["-C", str(project.root), "report", "--format", "json", "--lang", "ar"])
    data = json.loads(capsys.readouterr().out)
    ar = data["languages"]["ar"]
    for key in ("strings", "words", "translated_pct", "reviewed_pct", "errors", "warnings",
                "documents"):
        assert key in ar
    assert set(ar["strings"]) == {"total", "untranslated", "machine", "fuzzy", "translated",
                                  "reviewed"}
    assert ar["rtl"] is True


def msgfmt_statistics(path: Path) -> tuple[int, int, int]:
    err = subprocess.run(["msgfmt", "--statistics", "-o", "/dev/null", str(path)],
                         capture_output=True, text=True).stderr
    numbers = {kind: int(n) for n, kind in re.findall(r"(\d+) (translated|fuzzy|untranslated)", err)}
    return numbers.get("translated", 0), numbers.get("fuzzy", 0), numbers.get("untranslated", 0)


def _assert_agrees(path: Path) -> None:
    tally, _ = tally_catalogue(load_po(path))
    s = tally.strings
    ours = (s[Status.TRANSLATED] + s[Status.REVIEWED], s[Status.MACHINE] + s[Status.FUZZY],
            s[Status.UNTRANSLATED])
    assert ours == msgfmt_statistics(path), path


@needs_msgfmt
def test_counts_agree_with_msgfmt_on_fixtures(make_project):
    project = build(make_project)
    _assert_agrees(every_status(project))
    _assert_agrees(every_status(project, "ar"))


@needs_msgfmt
def test_counts_agree_with_msgfmt_on_the_corpus(corpus_project):
    paths = list((corpus_project.root / "translations").rglob("*.po"))
    assert paths
    for path in paths:
        _assert_agrees(path)


@pytest.mark.skipif(shutil.which("pocount") is None, reason="translate-toolkit missing")
@pytest.mark.parametrize("text", ["The first sentence.", "Refugees in <b>Vienna</b> & co.",
                                  "ICMPD’s 25th anniversary in 2018 (U.N.) e.g. a.b",
                                  "İltica alanında 19 devlet.", "الهجرة غير النظامية في 2022."])
def test_words_counted_as_pocount_counts(tmp_path, text):
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    po.append(polib.POEntry(msgid=text, msgstr=""))
    path = tmp_path / "w.po"
    po.save(str(path))
    out = subprocess.run(["pocount", "--csv", str(path)], capture_output=True, text=True).stdout
    total_source_words = int(out.strip().splitlines()[-1].split(",")[-3])
    assert word_count(text) == total_source_words


def test_gate_exit_codes(make_project, capsys):
    project = build(make_project)
    assert main(["-C", str(project.root), "gate"]) == 1  # about/b untranslated in fr and ar
    out = capsys.readouterr().out
    assert "BLOCKED" in out and "translations/fr/about/b.po:" in out
    assert "news/a" not in out  # not a release document
    for lang, words in (("fr", ("À propos de nous", "Nous aidons.")),
                        ("ar", ("من نحن", "نحن نساعد."))):
        path = project.root / f"translations/{lang}/about/b.po"
        po = load_po(path)
        for entry, text in zip([e for e in po if e.msgid], words):
            entry.msgstr = text
        save_po(po, path)
    assert main(["-C", str(project.root), "gate"]) == 0
    assert "OK" in capsys.readouterr().out
    assert main(["-C", str(project.root), "gate", "--require", "reviewed"]) == 1
    main(["-C", str(project.root), "review", "approve", "--lang", "fr", "--by", "Ana"])
    main(["-C", str(project.root), "review", "approve", "--lang", "ar", "--by", "Ana"])
    assert main(["-C", str(project.root), "gate", "--require", "reviewed"]) == 0


def test_gate_blocks_on_check_errors_and_speaks_github(make_project, capsys):
    project = build(make_project)
    for lang in ("fr", "ar"):
        path = project.root / f"translations/{lang}/about/b.po"
        po = load_po(path)
        for entry in po:
            if entry.msgid:
                entry.msgstr = "Nous \u202eaidons." if entry.msgid == "We help." else "À propos"
        save_po(po, path)
    capsys.readouterr()
    assert main(["-C", str(project.root), "gate", "--format", "github", "--lang", "fr"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("::error file=translations/fr/about/b.po,line=")
    assert "bidi-override" in out and "translations/ar" not in out


def test_review_approve_reject_and_entry(make_project, capsys):
    project = build(make_project)
    path = every_status(project)
    capsys.readouterr()
    assert main(["-C", str(project.root), "review", "approve", "--lang", "fr", "--by", "Ana",
                 "--entry", "The first sentence."]) == 0
    assert "1 entry approved by Ana" in capsys.readouterr().err
    assert entry_status(load_po(path).find("The first sentence.")) is Status.REVIEWED
    # never fuzzy or empty entries; the stale one is re-signed
    assert approve(project, "fr", "Ana", project.documents).approved == 1
    assert entry_status(load_po(path).find("The second sentence.")) is Status.MACHINE
    assert reject(project, "fr", "Bo", project.select(["news/a"]),
                  "The first sentence.", "wrong term") == 1
    entry = load_po(path).find("The first sentence.")
    assert entry.fuzzy and "l10n-rejected: " in entry.tcomment and "Bo: wrong term" in entry.tcomment
    assert entry_status(entry) is Status.FUZZY


def test_review_without_a_name_is_exit_2(make_project, capsys, monkeypatch):
    project = build(make_project)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")
    monkeypatch.setenv("GIT_CONFIG_SYSTEM", "/dev/null")
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    capsys.readouterr()
    assert main(["-C", str(project.root), "review", "approve", "--lang", "fr"]) == 2
    assert "no reviewer name" in capsys.readouterr().err
