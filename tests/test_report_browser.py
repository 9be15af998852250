"""The HTML report in a real headless browser, and interactive review in a real
pseudo-terminal."""

from __future__ import annotations

import os
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


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_html_report_in_headless_chromium(make_project, tmp_path):
    project = build(make_project)
    every_status(project)
    page = tmp_path / "report.html"
    assert main(["-C", str(project.root), "report", "--format", "html", "-o", str(page)]) == 0
    profile = tmp_path / "profile"
    dom = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--dump-dom",
                          page.as_uri()], capture_output=True, text=True, timeout=120).stdout
    # the figures a coordinator sees, after the browser parsed and rendered the page
    assert '<tr data-lang="fr">' in dom and "42.9 %" in dom and "14.3 %" in dom
    assert '<tr data-lang="ar">' in dom and "(RTL)" in dom
    assert "<script>" not in dom  # translations with markup stay text
    shot = tmp_path / "report.png"
    subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", f"--screenshot={shot}",
                    "--window-size=1200,900", page.as_uri()], capture_output=True, timeout=120)
    assert shot.exists() and shot.stat().st_size > 10_000


def test_interactive_review_in_a_pseudo_terminal(make_project):
    project = build(make_project)
    path = every_status(project)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "src"),
           "EDITOR": "", "VISUAL": "", "COLUMNS": "120"}
    child = pexpect.spawn(sys.executable, ["-m", "l10n_pipeline.cli", "-C", str(project.root),
                                           "review", "--lang", "fr", "--by", "Tester",
                                           "news/a"], env=env, encoding="utf-8", timeout=30)
    child.expect("first sentence")          # translated: approve
    child.expect(r"\[q\]uit > ")
    child.sendline("a")
    child.expect("second sentence")         # machine: edit inline
    child.expect(r"\[q\]uit > ")
    child.sendline("e")
    child.expect("new translation: ")
    child.sendline("La 2e phrase.")
    child.expect("third sentence")          # fuzzy: skip
    child.expect(r"\[q\]uit > ")
    child.sendline("s")
    child.expect("fourth sentence")         # stale review: mark fuzzy
    child.expect(r"\[q\]uit > ")
    child.sendline("f")
    child.expect(pexpect.EOF)
    po = load_po(path)
    assert entry_status(po.find("The first sentence.")) is Status.REVIEWED
    second = po.find("The second sentence.")
    assert second.msgstr == "La 2e phrase." and entry_status(second) is Status.TRANSLATED
    assert entry_status(po.find("The third sentence.")) is Status.FUZZY
    fourth = [e for e in po if e.msgid.startswith("The fourth")][0]
    assert entry_status(fourth) is Status.FUZZY
