"""Hostile and broken input, everywhere: a one-line error naming the file (and line),
exit 2, no traceback, and every file left as it was."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from l10n_pipeline.cli import main

REPO = Path(__file__).resolve().parents[1]
CONFIG = '[tool.l10n]\nlanguages = ["fr", "ar"]\n[tool.l10n.mt]\nprovider = "none"\n'
SOURCE = "---\ntitle: Asylum\n---\n\n# Asylum\n\nAsylum seekers arrived.\n"
GOOD_PO = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: fr\\n"\n\n'
           'msgid "Asylum"\nmsgstr "Asile"\n')


def write(rel: str, data: str | bytes) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return apply


def config(text: str) -> Callable[[Path], None]:
    return write("pyproject.toml", text)


def symlink(rel: str, target: str) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        (root / rel).symlink_to(target)
    return apply


FR = "translations/fr/a.po"
POT = "translations/templates/a.pot"

# (case, how to break the project, command, expected file:line text in the error)
CASES = [
    ("po unterminated string", write(FR, GOOD_PO + 'msgid "x"\nmsgstr "y\n'), ["update"], "a.po:9"),
    ("po junk after string", write(FR, GOOD_PO + 'msgid "x"\nmsgstr "y" z\n'), ["update"], "a.po:9"),
    ("po unknown keyword", write(FR, GOOD_PO + 'msgfoo "x"\n'), ["check"], "a.po:8"),
    ("po msgstr before msgid", write(FR, 'msgstr "x"\nmsgid "a"\n'), ["report"], "a.po:1"),
    ("po invalid UTF-8", write(FR, GOOD_PO.encode() + b'msgid "x"\nmsgstr "\xff"\n'), ["update"], "a.po:9"),
    ("po UTF-16 with BOM", write(FR, GOOD_PO.encode("utf-16")), ["update"], "a.po:1"),
    ("po NUL byte", write(FR, GOOD_PO + 'msgid "x\x00"\nmsgstr ""\n'), ["gate"], "a.po:8"),
    ("po duplicate message", write(FR, GOOD_PO + '\nmsgid "Asylum"\nmsgstr "Asile 2"\n'), ["update"], "a.po:9"),
    ("po file path as content", write(FR, "/etc/passwd"), ["review", "approve", "--lang", "fr", "--by", "X"], "a.po:1"),
    ("pot syntax error", write(POT, 'msgid "a\nmsgstr ""\n'), ["update"], "a.pot:1"),
    ("source malformed YAML", write("source/a.md", "---\ntitle: [x\n---\n\nText.\n"), ["extract"], "a.md:2"),
    ("source python tag", write("source/a.md", "---\ntitle: !!python/object/apply:os.system [id]\n---\n"), ["extract"], "a.md:2"),
    ("source billion laughs", write("source/a.md", "---\na: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b]\n---\n"), ["extract"], "a.md:3"),
    ("source invalid UTF-8", write("source/a.md", b"# Asylum\n\n\xc3\x28 here\n"), ["extract"], "a.md:3"),
    ("source control character", write("source/a.md", "# Asylum\n\nText\x04 here.\n"), ["extract"], "a.md:3"),
    ("source UTF-16", write("source/a.md", SOURCE.encode("utf-16")), ["extract"], "a.md:1"),
    ("source front matter list", write("source/a.md", "---\n- a\n---\n\nText.\n"), ["extract"], "a.md:2"),
    ("source lang not a code", write("source/a.md", "---\nlang: 5\n---\n\nText.\n"), ["extract"], "a.md"),
    ("source languages not a list", write("source/a.md", "---\nlanguages: 7\n---\n\nText.\n"), ["update"], "a.md"),
    ("source translate not a boolean", write("source/a.md", "---\ntranslate: maybe\n---\n"), ["extract"], "a.md"),
    ("source link escaping the project", symlink("source/evil.md", "/etc/hostname"), ["extract"], "evil.md"),
    ("glossary wrong cell count", write("glossary.csv", "en,fr,type,note\nasylum,asile,term,\n\"a, b\",c\n"), ["check"], "glossary.csv:3"),
    ("glossary unknown type", write("glossary.csv", "en,fr,type,note\nasylum,asile,sometimes,\n"), ["prefill"], "glossary.csv:2"),
    ("glossary invalid UTF-8", write("glossary.csv", b"en,fr,type,note\nasyl\xffum,asile,term,\n"), ["check"], "glossary.csv:2"),
    ("glossary without language column", write("glossary.csv", "type,note\nterm,x\n"), ["check"], "glossary.csv:1"),
    ("config unknown key", config(CONFIG + "colour = 1\n"), ["extract"], "pyproject.toml:5"),
    ("config wrong type", config(CONFIG.replace('provider = "none"', "provider = 3")), ["extract"], "pyproject.toml:4"),
    ("config invalid TOML", config(CONFIG + "[tool.l10n.build\n"), ["extract"], "pyproject.toml:5"),
    ("config source outside the project", config(CONFIG.replace("[tool.l10n]\n", '[tool.l10n]\nsource_dir = "../.."\n')), ["extract"], "pyproject.toml:2"),
    ("config glossary outside the project", config(CONFIG.replace("[tool.l10n]\n", '[tool.l10n]\nglossary = "/etc/passwd"\n')), ["check"], "pyproject.toml:2"),
    ("config build dir outside the project", config(CONFIG.replace("[tool.l10n]\n", '[tool.l10n]\nbuild_dir = "/tmp/elsewhere"\n')), ["build"], "pyproject.toml:2"),
    ("config mt key variable unset", config(CONFIG.replace('provider = "none"', 'provider = "deepl"\napi_key_env = "NO_SUCH_VARIABLE_X"')), ["prefill"], "NO_SUCH_VARIABLE_X"),
    ("document path escaping the project", lambda root: None, ["extract", "../../etc/passwd"], "no document matches"),
    ("unknown language", lambda root: None, ["report", "--lang", "xx"], "pyproject.toml"),
    ("unknown provider", lambda root: None, ["prefill", "--provider", "babelfish"], "babelfish"),
]


def snapshot(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and not p.is_symlink()
            and ".l10n-cache" not in p.parts}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text(CONFIG, encoding="utf-8")
    write("source/a.md", SOURCE)(tmp_path)
    shutil.copy(REPO / "glossary.csv", tmp_path / "glossary.csv")
    assert main(["-C", str(tmp_path), "extract"]) == 0
    assert main(["-C", str(tmp_path), "update"]) == 0
    return tmp_path


def test_there_are_at_least_thirty_cases():
    assert len(CASES) >= 30


@pytest.mark.parametrize("name, breaks, argv, where", CASES, ids=[c[0] for c in CASES])
def test_hostile_input(project, capsys, name, breaks, argv, where):
    breaks(project)
    before = snapshot(project)
    capsys.readouterr()
    code = main(["-C", str(project), *argv])
    err = capsys.readouterr().err.strip()
    assert code == 2, err
    assert len(err.splitlines()) == 1, err
    assert err.startswith("l10n: error: ") and "Traceback" not in err
    assert where in err, err
    assert snapshot(project) == before


BENIGN = [
    ("UTF-8 BOM", "\ufeff" + SOURCE),
    ("CRLF line ends", SOURCE.replace("\n", "\r\n")),
    ("empty file", ""),
    ("no front matter", "Just a sentence.\n"),
    ("very large paragraph", " ".join(f"Asylum seeker {n} arrived." for n in range(20_000))),
    ("bidi attack in the source", "# Access \u202eyes\u2066 granted\n"),
    ("many repeated sentences", "Asylum seekers arrived. " * 20_000 + "\n"),
]


@pytest.mark.parametrize("name, data", BENIGN, ids=[name for name, _ in BENIGN])
def test_benign_but_unusual_sources_work(project, name, data):
    write("source/a.md", data)(project)
    assert main(["-C", str(project), "extract"]) == 0
    assert main(["-C", str(project), "update"]) == 0
    assert main(["-C", str(project), "report", "--format", "json"]) == 0


def test_html_in_translations_is_escaped_in_the_report(project, capsys):
    po = project / FR
    po.write_text(po.read_text(encoding="utf-8").replace(
        'msgid "Asylum"\nmsgstr ""', 'msgid "Asylum"\nmsgstr "<img src=x onerror=alert(1)>"'),
        encoding="utf-8")
    assert main(["-C", str(project), "report", "--format", "html"]) == 0
    assert "<img" not in capsys.readouterr().out


def test_bidi_attack_in_a_translation_blocks(project, capsys):
    po = project / FR
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgid "Asylum"\nmsgstr ""', 'msgid "Asylum"\nmsgstr "Asi\u202ele"'),
                  encoding="utf-8")
    assert main(["-C", str(project), "check", "--lang", "fr"]) == 1
    assert "bidi-override" in capsys.readouterr().out
