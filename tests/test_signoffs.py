"""Sign-offs verified against git: a sign-off counts for ``gate --require reviewed``
only when a listed reviewer authored (optionally signed) the commit that added it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from l10n_pipeline.cli import main
from l10n_pipeline.files import load_po, save_po

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git missing")

SOURCE = "# Asylum\n\nAsylum seekers arrived.\n"
BASE = '[tool.l10n]\nlanguages = ["fr"]\n[tool.l10n.mt]\nprovider = "none"\n'
REVIEWERS = '[tool.l10n.review]\nreviewers = { fr = ["ana@example.org"] }\n'
PO = "translations/fr/a.po"


def git(root: Path, *args: str, who: str = "ana") -> None:
    subprocess.run(["git", "-C", str(root), "-c", f"user.name={who}",
                    "-c", f"user.email={who}@example.org", "-c", "commit.gpgsign=false",
                    *args], check=True, capture_output=True)


def l10n(root: Path, *args: str) -> int:
    return main(["-C", str(root), *args])


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text(BASE + REVIEWERS, encoding="utf-8")
    (tmp_path / "source").mkdir()
    (tmp_path / "source/a.md").write_text(SOURCE, encoding="utf-8")
    assert l10n(tmp_path, "extract") == 0 and l10n(tmp_path, "update") == 0
    po = load_po(tmp_path / PO)
    for entry in po:
        entry.msgstr = {"Asylum": "Asile"}.get(entry.msgid, "Des demandeurs sont arrivés.")
    save_po(po, tmp_path / PO)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "translations", who="translator")
    return tmp_path


def approve_and_commit(root: Path, who: str) -> None:
    assert l10n(root, "review", "approve", "--lang", "fr", "--by", who) == 0
    git(root, "commit", "-qam", "review", who=who)


def test_a_sign_off_committed_by_a_listed_reviewer_passes(repo, capsys):
    approve_and_commit(repo, "ana")
    assert l10n(repo, "gate", "--require", "reviewed") == 0
    assert l10n(repo, "review", "verify", "--lang", "fr") == 0
    captured = capsys.readouterr()
    assert captured.out.count("translations/fr/a.po:") == 2 and "UNVERIFIED" not in captured.out
    assert "2 verified, 0 unverified" in captured.err


def test_a_sign_off_written_by_anyone_else_blocks(repo, capsys):
    approve_and_commit(repo, "mallory")  # a valid hash, written by hand or with --by ana
    capsys.readouterr()
    assert l10n(repo, "gate", "--require", "reviewed") == 1
    assert "unverified sign-off" in capsys.readouterr().out
    assert l10n(repo, "review", "verify", "--lang", "fr") == 1
    assert "added by mallory@example.org, not a listed reviewer" in capsys.readouterr().out


def test_an_uncommitted_sign_off_blocks(repo, capsys):
    assert l10n(repo, "review", "approve", "--lang", "fr", "--by", "ana") == 0
    capsys.readouterr()
    assert l10n(repo, "gate", "--require", "reviewed") == 1
    assert l10n(repo, "review", "verify", "--lang", "fr") == 1
    assert "not committed" in capsys.readouterr().out


def test_signed_requires_a_good_signature(repo, capsys):
    (repo / "pyproject.toml").write_text(BASE + REVIEWERS + "signed = true\n", encoding="utf-8")
    approve_and_commit(repo, "ana")
    capsys.readouterr()
    assert l10n(repo, "gate", "--require", "reviewed") == 1
    assert l10n(repo, "review", "verify", "--lang", "fr") == 1
    assert "has no good signature" in capsys.readouterr().out


def test_without_reviewers_any_valid_sign_off_counts_as_before(repo):
    (repo / "pyproject.toml").write_text(BASE, encoding="utf-8")
    approve_and_commit(repo, "mallory")
    assert l10n(repo, "gate", "--require", "reviewed") == 0


def test_reviewers_without_git_history_is_one_line(tmp_path, capsys):
    (tmp_path / "pyproject.toml").write_text(BASE + REVIEWERS, encoding="utf-8")
    (tmp_path / "source").mkdir()
    (tmp_path / "source/a.md").write_text(SOURCE, encoding="utf-8")
    assert l10n(tmp_path, "extract") == 0 and l10n(tmp_path, "update") == 0
    capsys.readouterr()
    assert l10n(tmp_path, "gate", "--require", "reviewed") == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "git history" in err


@pytest.mark.parametrize("value", ['{ fr = "ana@example.org" }', '{ fr = ["ana"] }',
                                   '{ "x y" = ["a@b.c"] }', '["a@b.c"]'])
def test_reviewers_setting_is_validated(tmp_path, capsys, value):
    (tmp_path / "pyproject.toml").write_text(BASE + f"[tool.l10n.review]\nreviewers = {value}\n",
                                             encoding="utf-8")
    (tmp_path / "source").mkdir()
    assert l10n(tmp_path, "report") == 2
    assert "tool.l10n.review.reviewers" in capsys.readouterr().err
