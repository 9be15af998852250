"""Hostile and broken input, everywhere: a one-line error naming the file (and line),
exit 2, no traceback, and every file left as it was."""

from __future__ import annotations

import hashlib
import os
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


def outside_link(rel: str, files: dict[str, str] | None = None) -> Callable[[Path], None]:
    """Replace ``rel`` by a link to a folder outside the project (holding ``files``)."""
    def apply(root: Path) -> None:
        outside = root.parent / f"outside-{root.name}"
        outside.mkdir()
        for name, text in (files or {}).items():
            (outside / name).write_text(text, encoding="utf-8")
        shutil.rmtree(root / rel, ignore_errors=True)
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).symlink_to(outside, target_is_directory=True)
    return apply


def fifo(rel: str) -> Callable[[Path], None]:
    return lambda root: os.mkfifo(root / rel)


def folder(rel: str) -> Callable[[Path], None]:
    return lambda root: (root / rel).mkdir(parents=True)


def raw_name(name: bytes) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        with open(os.fsencode(root / "source") + b"/" + name, "wb") as handle:
            handle.write(SOURCE.encode())
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
    # round two: nothing read or written outside the project
    ("translations link leaving the project", outside_link("translations/fr"), ["update"], "translations/fr/a.po"),
    ("build link leaving the project", outside_link("build/fr", {"a.md": "keep me"}), ["build"], "build/fr/a.md"),
    ("report output to a device", lambda root: None, ["report", "--format", "json", "-o", "/dev/full"], "/dev/full: output target is not a regular file"),
    ("report output to a folder", lambda root: None, ["report", "--format", "json", "-o", "source"], "output target is a directory"),
    ("report output to a link", symlink("out.json", "/proc/self/fd/1"), ["report", "--format", "json", "-o", "out.json"], "output target is a symbolic link"),
    ("source FIFO", fifo("source/f.md"), ["extract"], "f.md: not a regular file"),
    ("source link loop", symlink("source/loop", "."), ["extract"], "symbolic link loop"),
    ("source dangling link", symlink("source/d.md", "nowhere.md"), ["extract"], "d.md: dangling symbolic link"),
    ("source folder link leaving the project", symlink("source/etc", "/etc"), ["extract"], "source/etc: symbolic link points outside"),
    ("source folder named like a document", folder("source/x.md"), ["extract"], "x.md: a folder named like a document"),
    ("source name not UTF-8", raw_name(b"\xff.md"), ["extract"], "\\xff.md: file name"),
    ("source name with a newline", raw_name(b"a\nb.md"), ["extract"], "a\\x0ab.md: file name"),
    ("po linked to /etc/passwd", lambda root: ((root / FR).unlink(), (root / FR).symlink_to("/etc/passwd")), ["check", "--lang", "fr"], "a.po: a symbolic link leads outside"),
    # round two: input that broke the contract
    ("source YAML nested deeply", write("source/a.md", "---\na: " + "[" * 5000 + "]" * 5000 + "\n---\n"), ["extract"], "a.md:2"),
    ("source duplicate front-matter key", write("source/a.md", "---\ntitle: A\nsummary: B\ntitle: C\n---\n\nText.\n"), ["extract"], "a.md:4"),
    ("po unterminated obsolete string", write(FR, GOOD_PO + '\n#~ msgid "Gone\n#~ msgstr "Parti"\n'), ["update"], "a.po:9"),
    ("po plural form beyond nplurals", write(FR, GOOD_PO.replace("Language: fr\\n", "Language: fr\\n\"\n\"Plural-Forms: nplurals=2; plural=(n > 1);\\n") + '\nmsgid "day"\nmsgid_plural "days"\nmsgstr[0] "jour"\nmsgstr[7] "jours"\n'), ["update"], "a.po:10"),
    ("glossary empty", write("glossary.csv", ""), ["glossary", "check"], "glossary.csv"),
    ("lock timeout not a number", lambda root: os.environ.__setitem__("L10N_LOCK_TIMEOUT", "abc"), ["update"], "L10N_LOCK_TIMEOUT"),
]


def snapshot(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and not p.is_symlink()
            and ".l10n-cache" not in p.parts}


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("L10N_LOCK_TIMEOUT", "30")  # restored after the lock-timeout case
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
    assert "root:" not in err  # nothing quoted from a file that is not ours
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


def failing(call: str, errno_: int, reason: str, which: str = ""):
    """Make ``call`` fail with an OSError (as root, permissions cannot be tested)."""
    import errno  # noqa: F401 - the numbers below are errno's

    def patch(monkeypatch) -> None:
        if call == "read":
            original = Path.read_bytes

            def read_bytes(self):
                if self.name == which:
                    raise OSError(errno_, reason, str(self))
                return original(self)
            monkeypatch.setattr(Path, "read_bytes", read_bytes)
        else:
            def replace(src, dst):
                raise OSError(errno_, reason, str(dst))
            monkeypatch.setattr(os, "replace", replace)
    return patch


OS_FAILURES = [
    ("source permission denied", failing("read", 13, "Permission denied", "a.md"), ["extract"], "a.md: Permission denied"),
    ("po permission denied", failing("read", 13, "Permission denied", "a.po"), ["report"], "a.po: Permission denied"),
    ("glossary permission denied", failing("read", 13, "Permission denied", "glossary.csv"), ["prefill"], "glossary.csv: Permission denied"),
    ("source deleted during the run", failing("read", 2, "No such file or directory", "a.md"), ["run"], "a.md: No such file"),
    ("disk full during extract", failing("replace", 28, "No space left on device"), ["extract"], "a.pot: No space left on device"),
    ("disk full during run", failing("replace", 28, "No space left on device"), ["run"], "No space left on device"),
    ("disk full during report", failing("replace", 28, "No space left on device"), ["report", "--format", "json", "-o", "out.json"], "out.json: No space left on device"),
    ("read-only translations during approve", failing("replace", 30, "Read-only file system"), ["review", "approve", "--lang", "fr", "--by", "X"], "a.po: Read-only file system"),
]


@pytest.mark.parametrize("name, breaks, argv, where", OS_FAILURES, ids=[c[0] for c in OS_FAILURES])
def test_file_system_failures_are_one_line(project, capsys, monkeypatch, name, breaks, argv, where):
    po = project / FR
    po.write_text(po.read_text(encoding="utf-8").replace('msgid "Asylum"\nmsgstr ""',
                                                         'msgid "Asylum"\nmsgstr "Asile"'))
    (project / "source/a.md").write_text(SOURCE.replace("Asylum seekers", "Refugees"))
    before = snapshot(project)
    breaks(monkeypatch)
    capsys.readouterr()
    code = main(["-C", str(project), *argv])
    err = capsys.readouterr().err.strip()
    monkeypatch.undo()
    assert code == 2, err
    assert len(err.splitlines()) == 1 and err.startswith("l10n: error: "), err
    assert where in err, err
    assert snapshot(project) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_an_unreadable_source_folder_is_an_error(project, capsys):
    (project / "source/private").mkdir()
    (project / "source/private").chmod(0)
    try:
        assert main(["-C", str(project), "extract"]) == 2
        assert "private: cannot read this folder" in capsys.readouterr().err
    finally:
        (project / "source/private").chmod(0o755)


def test_a_full_disk_while_writing_names_the_file(project, capsys, monkeypatch):
    """Writing fails without a file name (a full disk shows at fsync): the message still
    names the target."""
    (project / "source/a.md").write_text(SOURCE.replace("Asylum seekers", "Refugees"))
    before = snapshot(project)

    def full(fd):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "fsync", full)
    capsys.readouterr()
    code = main(["-C", str(project), "extract"])
    monkeypatch.undo()
    err = capsys.readouterr().err.strip()
    assert code == 2 and len(err.splitlines()) == 1, err
    assert "a.pot: No space left on device" in err
    assert snapshot(project) == before
