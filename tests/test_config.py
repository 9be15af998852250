"""[tool.l10n] validation: defaults, every key, and errors naming the key and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from l10n_pipeline.cli import main
from l10n_pipeline.config import find_project, load_config
from l10n_pipeline.errors import InputError


def write(tmp_path: Path, body: str) -> Path:
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / "pyproject.toml").write_text(body, encoding="utf-8")
    return tmp_path


def test_defaults(tmp_path):
    config = load_config(write(tmp_path, '[tool.l10n]\nlanguages = ["fr", "ar"]\n'))
    assert config.languages == ("fr", "ar")
    assert config.source_language == "en"
    assert (config.source_dir, config.translations_dir, config.build_dir) == (
        "source", "translations", "build")
    assert config.glossary == "glossary.csv"
    assert config.segmentation == "sentence"
    assert config.front_matter_keys == ("title", "summary", "description")
    assert (config.mt.provider, config.mt.url, config.mt.api_key_env) == ("google", None, None)
    assert (config.mt.timeout, config.mt.concurrency, config.mt.retries) == (20, 8, 3)
    assert config.memory.min_score == 75
    assert config.release_languages == ("fr", "ar")
    assert config.release.require == "translated"
    assert config.release.documents == ("**",)
    assert config.build.threshold == 80


def test_every_key(tmp_path):
    config = load_config(write(tmp_path, """
[tool.l10n]
source_language = "tr"
languages = ["en", "fr"]
source_dir = "docs"
translations_dir = "po"
build_dir = "out"
glossary = "terms.csv"
segmentation = "paragraph"
front_matter_keys = ["title"]
[tool.l10n.mt]
provider = "libre"
url = "http://127.0.0.1:5000/"
api_key_env = "L10N_LIBRE_KEY"
timeout = 5
concurrency = 2
retries = 4
[tool.l10n.memory]
min_score = 90
[tool.l10n.release]
languages = ["fr"]
require = "reviewed"
documents = ["about/**"]
[tool.l10n.build]
threshold = 50.5
[tool.l10n.checks]
disable = ["double-space"]
"""))
    assert config.source_language == "tr" and config.languages == ("en", "fr")
    assert config.source_path == tmp_path / "docs"
    assert config.mt.url == "http://127.0.0.1:5000/" and config.mt.concurrency == 2
    assert config.memory.min_score == 90.0
    assert config.release_languages == ("fr",) and config.release.require == "reviewed"
    assert config.build.threshold == 50.5
    assert config.checks.disable == ("double-space",)


@pytest.mark.parametrize("body, key, line", [
    ('[tool.l10n]\nlanguages = ["fr"]\ncolour = "red"\n', "tool.l10n.colour", 3),
    ('[tool.l10n]\nlanguages = "fr"\n', "tool.l10n.languages", 2),
    ('[tool.l10n]\nlanguages = ["fr"]\nsegmentation = "word"\n', "tool.l10n.segmentation", 3),
    ('[tool.l10n]\nlanguages = ["fr"]\n[tool.l10n.mt]\ntimeout = "fast"\n', "tool.l10n.mt.timeout", 4),
    ('[tool.l10n]\nlanguages = ["fr"]\n[tool.l10n.mt]\nconcurrency = 2.5\n', "tool.l10n.mt.concurrency", 4),
    ('[tool.l10n]\nlanguages = ["fr"]\n[tool.l10n.mt]\nmodel = "x"\n', "tool.l10n.mt.model", 4),
    ('[tool.l10n]\nlanguages = ["fr"]\n[tool.l10n.memory]\nmin_score = 101\n', "tool.l10n.memory.min_score", 4),
    ('[tool.l10n]\nlanguages = ["fr"]\n[tool.l10n.release]\nrequire = "done"\n', "tool.l10n.release.require", 4),
    ('[tool.l10n]\nlanguages = ["fr"]\n[tool.l10n.build]\nthreshold = true\n', "tool.l10n.build.threshold", 4),
    ('[tool.l10n]\nlanguages = ["fr"]\nmt = "google"\n', "tool.l10n.mt", 3),
    ('[tool.l10n]\nlanguages = ["fr fr"]\n', "tool.l10n.languages", 2),
    ('[tool.l10n]\nsource_language = "en"\n', "tool.l10n.languages", None),
    ('[tool.l10n]\nlanguages = ["fr"]\nsource_dir = "../elsewhere"\n', "tool.l10n.source_dir", 3),
    ('[tool.l10n]\nlanguages = ["en", "fr"]\n', "tool.l10n.languages", 2),
])
def test_bad_config_names_key_and_line(tmp_path, body, key, line):
    with pytest.raises(InputError) as caught:
        load_config(write(tmp_path, body))
    assert key in caught.value.message
    assert caught.value.path == tmp_path / "pyproject.toml"
    if line is not None:
        assert caught.value.line == line


def test_invalid_toml_names_line(tmp_path):
    with pytest.raises(InputError) as caught:
        find_project(write(tmp_path, '[tool.l10n]\nlanguages = ["fr"\n'))
    assert caught.value.line is not None and "invalid TOML" in str(caught.value)


def test_find_project_walks_up(tmp_path):
    write(tmp_path, '[tool.l10n]\nlanguages = ["fr"]\n')
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_project(deep) == tmp_path.resolve()


def test_find_project_ignores_pyproject_without_table(tmp_path):
    write(tmp_path, '[project]\nname = "x"\n')
    with pytest.raises(InputError, match=r"\[tool.l10n\]"):
        find_project(tmp_path)


def test_cli_bad_config_is_one_line_exit_2(tmp_path, capsys):
    write(tmp_path, '[tool.l10n]\nlanguages = ["fr"]\ncolour = "red"\n')
    assert main(["-C", str(tmp_path), "extract"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "pyproject.toml:3" in err and "tool.l10n.colour" in err and "Traceback" not in err


def test_cli_dash_c_and_missing_project(tmp_path, capsys):
    assert main(["-C", str(tmp_path / "nope"), "extract"]) == 2
    assert "not a directory" in capsys.readouterr().err
    assert main(["-C", str(tmp_path), "extract"]) == 2
    assert "[tool.l10n]" in capsys.readouterr().err


def test_cli_bad_usage_exit_2(capsys):
    assert main(["no-such-command"]) == 2
    assert main(["--help"]) == 0


@pytest.mark.parametrize("code, reason", [
    ("zz", "'zz' is not a language CLDR knows"),
    ("ar/../x", "'ar/../x' is not a BCP 47 language code"),
])
def test_unknown_or_malformed_language_is_a_configuration_error(tmp_path, capsys, code, reason):
    write(tmp_path, f'[tool.l10n]\nsource_language = "en"\nlanguages = ["fr", "{code}"]\n')
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "a.md").write_text("# A\n", encoding="utf-8")
    assert main(["-C", str(tmp_path), "update"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "Traceback" not in err
    assert "pyproject.toml:3" in err and "tool.l10n.languages" in err and reason in err
    assert not (tmp_path / "translations").exists()


@pytest.mark.parametrize("front, key", [
    ('languages: ["fr@/../../../../outside"]', "languages"),
    ('languages: ["fr", "zz"]', "languages"),
    ("lang: ar/../x", "lang"),
])
def test_front_matter_language_codes_are_validated_before_anything_is_written(
        tmp_path, capsys, front, key):
    project = write(tmp_path / "project", '[tool.l10n]\nlanguages = ["fr"]\n'
                    '[tool.l10n.mt]\nprovider = "none"\n')
    (project / "source").mkdir()
    (project / "source" / "a.md").write_text(f"---\ntitle: A\n{front}\n---\n\nText.\n",
                                              encoding="utf-8")
    for command in (["extract"], ["update"], ["run"], ["build"], ["build", "--html"]):
        assert main(["-C", str(project), *command]) == 2
        err = capsys.readouterr().err.strip()
        assert err.count("\n") == 0 and "a.md:3" in err and f"front matter '{key}'" in err
    assert [p.name for p in tmp_path.iterdir()] == ["project"]
    assert not (project / "translations").exists() and not (project / "build").exists()
