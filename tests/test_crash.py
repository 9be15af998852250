"""Crash safety: ``l10n update`` and ``l10n prefill`` killed (SIGKILL) at random moments.

After every kill, every catalogue passes ``msgfmt --check`` and every translation that
existed before the run is still in its catalogue; a rerun then completes the work.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from l10n_pipeline.cli import main
from l10n_pipeline.files import TEMP_SUFFIX, load_po, save_po

sys.path.insert(0, str(Path(__file__).parent))
from libretranslate_server import LibreServer  # noqa: E402
from test_prefill import config  # noqa: E402

pytestmark = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext missing")

KILLS = 8
DOCUMENTS = 40
ENV = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "src")}


def document(number: int, version: int) -> str:
    return (f"# Report {number} of the migration dialogue\n\n"
            f"The partners met in Vienna for the round number {number} of talks. "
            f"Version {version} of the action plan was discussed at length.\n\n"
            f"Capacity building for border management continued in region {number}.\n")


def translations(root: Path) -> dict[str, set[str]]:
    """Every non-empty translation of every catalogue (live, fuzzy or obsolete)."""
    return {path.relative_to(root).as_posix(): {e.msgstr for e in load_po(path) if e.msgstr}
            for path in sorted((root / "translations").rglob("*.po"))}


def assert_intact(root: Path, before: dict[str, set[str]], settled: bool = True) -> None:
    for path in sorted((root / "translations").rglob("*.po")):
        subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], check=True,
                       capture_output=True)
    after = translations(root)
    for path, texts in before.items():
        assert texts <= after.get(path, set()), f"translations lost from {path}"
    if settled:  # a killed run may leave a temporary file: the next run removes it
        assert not list(root.rglob(f".*{TEMP_SUFFIX}")), "temporary files left behind"


def translated_project(root: Path, url: str = "http://127.0.0.1:9/") -> None:
    """A project whose French is translated and whose sources then changed."""
    (root / "source").mkdir(parents=True)
    (root / "pyproject.toml").write_text(config(url, retries=1), encoding="utf-8")
    for number in range(DOCUMENTS):
        (root / f"source/r{number}.md").write_text(document(number, 1), encoding="utf-8")
    assert main(["-C", str(root), "extract"]) == 0
    assert main(["-C", str(root), "update"]) == 0
    for path in (root / "translations/fr").glob("*.po"):
        po = load_po(path)
        for entry in po:
            entry.msgstr = f"[fr] {entry.msgid}"
        save_po(po, path)
    for number in range(DOCUMENTS):
        (root / f"source/r{number}.md").write_text(document(number, 2), encoding="utf-8")
    assert main(["-C", str(root), "extract"]) == 0


def duration(argv: list[str]) -> float:
    start = time.monotonic()
    subprocess.run(argv, env=ENV, check=True, capture_output=True)
    return time.monotonic() - start


def kill_at_random_moments(pristine: Path, work: Path, argv: list[str], seed: int) -> None:
    """Run ``argv`` on fresh copies of ``pristine``, killing it at random moments."""
    shutil.copytree(pristine, work)
    full = duration(argv)
    before = translations(pristine)
    rng = random.Random(seed)
    for _ in range(KILLS):
        shutil.rmtree(work)
        shutil.copytree(pristine, work)
        process = subprocess.Popen(argv, env=ENV, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0, full))
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert_intact(work, before, settled=False)
        assert main(["-C", str(work), argv[-1]]) == 0  # a rerun completes the work
        assert_intact(work, before)


def test_update_killed_at_random_moments_loses_nothing(tmp_path):
    pristine, work = tmp_path / "pristine", tmp_path / "work"
    translated_project(pristine)
    argv = [sys.executable, "-m", "l10n_pipeline.cli", "-C", str(work), "update"]
    kill_at_random_moments(pristine, work, argv, seed=1)
    fuzzy = [e for e in load_po(work / "translations/fr/r0.po") if e.fuzzy]
    assert fuzzy and fuzzy[0].previous_msgid  # the changed sentence kept its translation


def test_prefill_killed_at_random_moments_loses_nothing(tmp_path):
    with LibreServer(latency=0.02) as server:
        pristine, work = tmp_path / "pristine", tmp_path / "work"
        translated_project(pristine, server.url)
        assert main(["-C", str(pristine), "update"]) == 0
        argv = [sys.executable, "-m", "l10n_pipeline.cli", "-C", str(work), "prefill"]
        kill_at_random_moments(pristine, work, argv, seed=2)
        for path in (work / "translations").rglob("*.po"):
            assert all(e.msgstr for e in load_po(path) if e.msgid and not e.obsolete), path
