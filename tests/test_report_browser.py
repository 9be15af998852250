"""The HTML report in a real headless browser, and interactive review in a real
pseudo-terminal."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

from l10n_pipeline.cli import main
from l10n_pipeline.files import load_po
from l10n_pipeline.model import Status, entry_status

sys.path.insert(0, str(Path(__file__).parent))
from test_report import build, every_status  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


SHOTS = os.environ.get("L10N_SCREENSHOTS")  # a folder to keep the screenshots in, to look at


def chromium(tmp_path: Path, *args: str) -> str:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"  # a fresh one
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=120).stdout


def screenshot(tmp_path: Path, name: str, url: str, size: str) -> Path:
    shot = (Path(SHOTS) if SHOTS else tmp_path) / name
    chromium(tmp_path, f"--screenshot={shot}", f"--window-size={size}", url)
    assert shot.exists() and shot.stat().st_size > 10_000
    return shot


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_html_report_in_headless_chromium(make_project, tmp_path):
    project = build(make_project)
    every_status(project)
    page = tmp_path / "report.html"
    assert main(["-C", str(project.root), "report", "--format", "html", "-o", str(page)]) == 0
    dom = chromium(tmp_path, "--dump-dom", page.as_uri())
    # the figures a coordinator sees, after the browser parsed and rendered the page:
    # the verdict first, then the matrix with the release cells marked, then the detail
    assert dom.index('id="release" class="blocked"') < dom.index('id="matrix"') \
        < dom.index('id="languages"')
    assert "Release: BLOCKED by 4 strings in ar, fr" in dom and "Generated " in dom
    assert '<tr data-lang="fr">' in dom and "42.9 %" in dom and "14.3 %" in dom
    assert '<tr data-lang="ar">' in dom and "(RTL)" in dom
    assert "<script>alert" not in dom  # translations with markup stay text
    assert '<details id="entries-fr-news/a">' in dom  # closed until asked for
    # a count's link opens its entries, which take the whole width of the page
    opened = chromium(tmp_path, "--dump-dom", page.as_uri() + "#entries-fr-news/a")
    assert '<details id="entries-fr-news/a" open="">' in opened
    assert '<tr class="drill"><td colspan="9">' in opened
    screenshot(tmp_path, "report.png", page.as_uri(), "1200,2400")
    wide = tmp_path / "open.html"  # every drill-down open, to look at
    wide.write_text(page.read_text(encoding="utf-8").replace("<details id=", "<details open id="),
                    encoding="utf-8")
    screenshot(tmp_path, "report-open.png", wide.as_uri(), "1200,2400")


ARABIC = ("المركز الدولي لتطوير سياسات الهجرة منظمة دولية أسستها النمسا وسويسرا في عام "
          "1993 ويضم اليوم تسع عشرة دولة عضوًا ويعمل في أكثر من تسعين بلدًا حول العالم.")
SOURCE_LONG = ("The International Centre for Migration Policy Development (ICMPD) is an "
               "international organisation with 19 Member States, active in more than 90 "
               "countries worldwide, founded in 1993 at the initiative of Austria and "
               "Switzerland.")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


def words(text: str) -> str:
    return " ".join(ANSI.sub("", text).replace("\r", "").split())


@pytest.mark.parametrize("columns", [80, 160])
def test_interactive_review_shows_the_whole_text_at_any_width(make_project, columns):
    project = make_project(
        {"source/about/a.md": f"# About\n\n{SOURCE_LONG}\n"},
        config='[tool.l10n]\nlanguages = ["ar"]\n[tool.l10n.mt]\nprovider = "none"\n')
    (project.root / "glossary.csv").write_text("en,ar,type,note\nMember States,الدول الأعضاء,,\n",
                                               encoding="utf-8")
    main(["-C", str(project.root), "extract"])
    main(["-C", str(project.root), "update"])
    path = project.root / "translations/ar/about/a.po"
    po = load_po(path)
    po.find("About").msgstr = "حول"
    po.find(SOURCE_LONG).msgstr = ARABIC
    po.save(str(path))
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "src"),
           "EDITOR": "", "VISUAL": "", "TERM": "xterm-256color"}
    env.pop("COLUMNS", None)
    child = pexpect.spawn(sys.executable, ["-m", "l10n_pipeline.cli", "-C", str(project.root),
                                           "review", "--lang", "ar", "--by", "Tester"],
                          env=env, encoding="utf-8", timeout=30, dimensions=(40, columns))
    child.expect(r"\[q\]uit > ")
    child.send("s")                          # one key press, no Enter: skip the title
    child.expect(r"\[q\]uit > ")
    screen = child.before
    child.send("a")                          # approve the long one
    child.expect(pexpect.EOF)
    shown = words(screen)
    assert words(SOURCE_LONG) in shown and words(ARABIC) in shown
    assert "Member States → الدول الأعضاء" in shown  # the glossary term of the entry
    assert "glossary-term" in shown  # its check finding: the term is not used
    lines = [ANSI.sub("", line) for line in screen.replace("\r", "").split("\n")]
    assert max(map(len, lines)) <= columns
    po = load_po(path)
    assert entry_status(po.find(SOURCE_LONG)) is Status.REVIEWED
    assert entry_status(po.find("About")) is Status.TRANSLATED


def test_interactive_review_in_a_pseudo_terminal(make_project):
    project = build(make_project)
    path = every_status(project)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "src"),
           "EDITOR": "", "VISUAL": ""}
    child = pexpect.spawn(sys.executable, ["-m", "l10n_pipeline.cli", "-C", str(project.root),
                                           "review", "--lang", "fr", "--by", "Tester",
                                           "news/a"], env=env, encoding="utf-8", timeout=30,
                          dimensions=(40, 120))
    child.expect("first sentence")          # translated: approve
    child.expect(r"\[q\]uit > ")
    child.send("a")
    child.expect("second sentence")         # machine: edit inline
    child.expect(r"\[q\]uit > ")
    child.send("e")
    child.expect("new translation: ")
    child.sendline("La 2e phrase.")
    child.expect("third sentence")          # fuzzy: skip
    child.expect(r"\[q\]uit > ")
    child.send("s")
    child.expect("fourth sentence")         # stale review: mark fuzzy
    child.expect(r"\[q\]uit > ")
    child.send("f")
    child.expect(pexpect.EOF)
    po = load_po(path)
    assert entry_status(po.find("The first sentence.")) is Status.REVIEWED
    second = po.find("The second sentence.")
    assert second.msgstr == "La 2e phrase." and entry_status(second) is Status.TRANSLATED
    assert entry_status(po.find("The third sentence.")) is Status.FUZZY
    fourth = [e for e in po if e.msgid.startswith("The fourth")][0]
    assert entry_status(fourth) is Status.FUZZY
