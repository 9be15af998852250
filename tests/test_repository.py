"""The repository's own machinery: the lock, CI and the pre-commit hooks."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from l10n_pipeline.cli import main

REPO = Path(__file__).resolve().parents[1]


def test_the_hooks_this_repository_uses_are_the_ones_it_publishes():
    published = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    used = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    local = [hook for repo in used["repos"] if repo["repo"] == "local" for hook in repo["hooks"]]
    shape = lambda hook: (hook["id"], hook["entry"], hook["files"], hook["pass_filenames"])
    assert sorted(map(shape, local)) == sorted(map(shape, published))


def test_every_hook_entry_is_a_command_that_works(tmp_path, capsys):
    published = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    for hook in published:
        program, *arguments = hook["entry"].split()
        assert program == "l10n"
        assert main(["-C", str(REPO), *arguments]) in (0, 1)
        assert "usage:" not in capsys.readouterr().err


def _pins(name: str) -> dict[str, str]:
    """Package -> the text of its block in a lock file (pin, hashes, provenance)."""
    text = (REPO / "requirements" / name).read_text(encoding="utf-8")
    blocks = re.split(r"\n(?=[A-Za-z0-9_.-]+==)", text)[1:]
    return {re.match(r"[A-Za-z0-9_.-]+", b).group().lower().replace("_", "-"): b for b in blocks}


def test_every_dependency_is_locked_at_an_exact_version_with_hashes():
    main_pins, test_pins = _pins("main.txt"), _pins("test.txt")
    for block in [*main_pins.values(), *test_pins.values()]:
        assert re.match(r"[A-Za-z0-9_.-]+==[^\s;]+", block) and "--hash=sha256:" in block
    assert main_pins.keys() <= test_pins.keys()
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    direct = {d.lower().replace("_", "-") for d in
              re.findall(r'^\s+"([A-Za-z0-9_.-]+)[<>=!~;\[ ]', pyproject, flags=re.MULTILINE)}
    assert direct and direct <= test_pins.keys()


def test_ci_runs_the_readmes_test_command_in_a_fresh_environment():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"```sh\n(.+)\n```", readme.split("## Quick start", 1)[1].split("##", 1)[0])
    assert len(commands) == 2 and commands[0].endswith("l10n run")
    run = (REPO / ".ci/run").read_text(encoding="utf-8")
    assert commands[1] in run.splitlines()
    assert "python3 -m venv" in run and "--require-hashes" in commands[1]
    workflow = (REPO / ".github/workflows/ci.yml").read_text(encoding="utf-8")
    assert "run: bash .ci/run" in workflow and not re.search(r"run: *sudo .*\.ci/run", workflow)
    assert "GITHUB_STEP_SUMMARY" in workflow
