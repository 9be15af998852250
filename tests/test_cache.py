"""The stage cache: unchanged inputs are recognised by content, not by timestamp."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from l10n_pipeline import files
from l10n_pipeline.cache import Encoded, StageCache
from l10n_pipeline.checks import run_checks
from l10n_pipeline.cli import main
from l10n_pipeline.extract import extract_project
from l10n_pipeline.files import CACHE_DIR, load_po, save_po
from l10n_pipeline.update import update_project
from l10n_pipeline.model import Status
from l10n_pipeline.pipeline import run
from l10n_pipeline.prefill import prefill_project
from l10n_pipeline.project import Project
from l10n_pipeline.report import coverage


def test_fresh_until_content_changes(tmp_path):
    source = tmp_path / "a.md"
    source.write_text("one", encoding="utf-8")
    cache = StageCache(tmp_path, "extract")
    assert not cache.is_fresh("a", [source])
    cache.record("a", [source])
    cache.save()

    reloaded = StageCache(tmp_path, "extract")
    assert reloaded.is_fresh("a", [source])
    os.utime(source, ns=(1, 1))  # touched, same content: still fresh
    assert reloaded.is_fresh("a", [source])
    source.write_text("two", encoding="utf-8")
    assert not reloaded.is_fresh("a", [source])


def test_salt_change_and_input_set_change_invalidate(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    first.write_text("x")
    second.write_text("y")
    cache = StageCache(tmp_path, "update", salt="fr")
    cache.record("doc", [first])
    cache.save()
    assert StageCache(tmp_path, "update", salt="fr").is_fresh("doc", [first])
    assert not StageCache(tmp_path, "update", salt="ru").is_fresh("doc", [first])
    assert not StageCache(tmp_path, "update", salt="fr").is_fresh("doc", [first, second])


def test_missing_input_is_not_fresh(tmp_path):
    path = tmp_path / "a"
    path.write_text("x")
    cache = StageCache(tmp_path, "s")
    cache.record("u", [path])
    path.unlink()
    assert not cache.is_fresh("u", [path])


def test_corrupt_state_is_ignored(tmp_path):
    (tmp_path / ".l10n-cache").mkdir()
    (tmp_path / ".l10n-cache" / "s.json").write_text("{not json")
    assert not StageCache(tmp_path, "s").is_fresh("u", [])


def test_result_is_returned_only_while_inputs_are_unchanged(tmp_path):
    path, later = tmp_path / "a", tmp_path / "b"
    path.write_text("x")
    cache = StageCache(tmp_path, "s")
    cache.record("u", [path, later], {"findings": []})  # ``later`` does not exist yet
    assert cache.lookup("u", [path, later]) == {"findings": []}
    later.write_text("y")  # appearing is a change
    assert cache.lookup("u", [path, later]) is None


def test_a_result_encoded_ahead_is_saved_and_read_back_as_given(tmp_path):
    paths = [tmp_path / name for name in ("a", "b", "c")]
    for path in paths:
        path.write_text(path.name)
    big = [[1, "Ça « va »\n", "\"quoted\" \\ \u200f", []], [2, "b", "c", ["numbers"]]]
    cache = StageCache(tmp_path, "s")
    cache.record("plain", paths[:1], {"findings": [], "entries": [[3, "x", "y", []]]})
    cache.record("ahead", paths[1:2], {"findings": [{"n": 1}], "entries": Encoded(big)})
    cache.record("again", paths[2:], {"entries": Encoded([])})
    cache.record("again", paths[2:], {"entries": []})  # recorded again, plainly
    assert cache.lookup("ahead", paths[1:2]) == {"findings": [{"n": 1}], "entries": big}
    cache.save()
    reloaded = StageCache(tmp_path, "s")
    assert reloaded.lookup("plain", paths[:1]) == {"findings": [],
                                                   "entries": [[3, "x", "y", []]]}
    assert reloaded.lookup("ahead", paths[1:2]) == {"findings": [{"n": 1}], "entries": big}
    assert reloaded.lookup("again", paths[2:]) == {"entries": []}
    only = StageCache(tmp_path, "t")  # nothing saved plainly: the units are all encoded
    only.record("ahead", paths[1:2], {"entries": Encoded(big)})
    only.record("second", paths[2:], {"entries": Encoded([[5, "z", "w", []]]), "n": 2})
    only.save()
    assert StageCache(tmp_path, "t").lookup("ahead", paths[1:2]) == {"entries": big}
    assert StageCache(tmp_path, "t").lookup("second", paths[2:]) == {
        "entries": [[5, "z", "w", []]], "n": 2}


def test_a_file_rewritten_within_the_same_timestamp_is_still_seen(tmp_path):
    path = tmp_path / "a.po"
    path.write_text("one")
    stamp = path.stat().st_mtime_ns
    cache = StageCache(tmp_path, "s")
    cache.record("u", [path])
    path.write_text("two")  # same size, and (on a coarse clock) the same mtime
    os.utime(path, ns=(stamp, stamp))
    assert not cache.is_fresh("u", [path])


# -- the stages, end to end ------------------------------------------------------------

SOURCE = "---\ntitle: Return and reintegration\n---\n\nMigrants return home. They need support.\n"


@pytest.fixture
def ran(make_project):
    project = make_project({"source/news/a.md": SOURCE})
    assert main(["-C", str(project.root), "run"]) == 0
    assert main(["-C", str(Project.at(project.root).root), "run"]) == 0  # settles what the first run's pre-fill wrote
    age(project.root)
    assert main(["-C", str(Project.at(project.root).root), "run"]) == 0  # learns the settled timestamps
    return project


def age(root: Path, seconds: int = 60) -> None:
    """Date every file of the project back, past the window where timestamps are racy."""
    then = time.time() - seconds
    for path in root.rglob("*"):
        if path.is_file() and CACHE_DIR not in path.parts:
            os.utime(path, (then, then))


def files_read(monkeypatch) -> list[Path]:
    """Record every file read through Path.read_bytes, except the cache's own."""
    seen: list[Path] = []
    original = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if CACHE_DIR not in self.parts:
            seen.append(self)
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    return seen


def test_a_no_change_run_reads_no_source_or_catalogue(ran, monkeypatch, capsys):
    seen = files_read(monkeypatch)
    assert main(["-C", str(Project.at(ran.root).root), "run"]) == 0
    assert seen == []
    assert "fr" in capsys.readouterr().out  # the report is still printed, from the cache


def test_a_touched_but_unchanged_file_is_not_reprocessed(ran, monkeypatch):
    source = ran.root / "source/news/a.md"
    os.utime(source, ns=(10**18, 10**18))
    seen = files_read(monkeypatch)
    run(Project.at(ran.root))
    assert seen.count(source) == 1  # hashed once, then recognised
    assert ran.root / "translations/templates/news/a.pot" not in seen


def test_changes_still_flow_through_every_stage(ran):
    source = ran.root / "source/news/a.md"
    source.write_text(SOURCE.replace("They need support.", "They need housing."),
                      encoding="utf-8")
    po_path = ran.root / "translations/fr/news/a.po"
    po = load_po(po_path)
    po.find("Migrants return home.").msgstr = "Les migrants rentrent chez eux."
    save_po(po, po_path)

    project = Project.at(ran.root)
    run(project)
    po = load_po(po_path)
    assert po.find("They need housing.") is not None
    assert po.find("Migrants return home.").msgstr == "Les migrants rentrent chez eux."
    report = coverage(project, ("fr",))["fr"]
    assert report.total.strings[Status.TRANSLATED] == 1


def test_findings_come_back_from_the_cache_unchanged(ran):
    po_path = ran.root / "translations/fr/news/a.po"
    po = load_po(po_path)
    po.find("Migrants return home.").msgstr = "Les  migrants rentrent."  # double space
    save_po(po, po_path)
    project = Project.at(ran.root)
    first = run_checks(project, ("fr",))
    assert any(f.check == "double-space" for f in first)
    assert run_checks(Project.at(ran.root), ("fr",)) == first


def test_prefill_reads_only_what_a_change_can_affect(make_project, monkeypatch):
    project = make_project({
        "source/a.md": "Shared sentence here. Only in A.\n",
        "source/b.md": "Shared sentence here. Only in B.\n",
        "source/c.md": "Only in C, nothing shared.\n",
    }, config='[tool.l10n]\nlanguages = ["fr"]\n[tool.l10n.mt]\nprovider = "none"\n')
    extract_project(project, project.documents)
    update_project(project, ("fr",), project.documents)
    prefill_project(project, ("fr",))
    a_po = project.root / "translations/fr/a.po"
    po = load_po(a_po)
    po.find("Shared sentence here.").msgstr = "Phrase partagée ici."
    save_po(po, a_po)

    parsed: list[str] = []
    original = files.parse_regular
    monkeypatch.setattr(files, "parse_regular", lambda text, path, *rest: parsed.append(
        Path(path).name) or original(text, path, *rest))
    summary = prefill_project(Project.at(project.root), ("fr",))
    assert summary.languages["fr"].from_memory == 1
    assert sorted(set(parsed)) == ["a.po", "b.po"]  # c.po cannot gain anything
    assert load_po(project.root / "translations/fr/b.po").find(
        "Shared sentence here.").msgstr == "Phrase partagée ici."


def test_a_new_source_or_catalogue_ends_the_no_change_shortcut(ran, capsys):
    assert run(Project.at(ran.root)).templates is None  # nothing changed: no stage ran
    (ran.root / "source/news/b.md").write_text("A new item arrived.\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["-C", str(ran.root), "run"]) == 0
    assert "nothing changed" not in capsys.readouterr().err
    assert (ran.root / "translations/fr/news/b.po").exists()


def test_unchanged_checks_the_recorded_inputs_themselves(tmp_path):
    path = tmp_path / "a"
    path.write_text("x")
    cache = StageCache(tmp_path, "s")
    cache.record("u", [path, tmp_path / "missing"], {"ok": 1})
    assert cache.unchanged("u") == {"ok": 1}
    (tmp_path / "missing").write_text("now here")
    assert cache.unchanged("u") is None


def test_a_same_size_edit_with_the_old_mtime_is_seen(ran, capsys):
    """Three bytes of a msgstr become U+202E (same size) and ``touch -r`` restores the
    mtime: the ctime (which nobody can set) gives it away."""
    from l10n_pipeline.cli import main
    path = ran.root / "translations/fr/news/a.po"
    po = load_po(path)
    entry = next(e for e in po if e.msgid)
    entry.msgstr, entry.flags = "Les migrants", []
    save_po(po, path)
    age(ran.root)
    assert main(["-C", str(ran.root), "check", "--lang", "fr"]) == 0  # cached as clean
    before = os.stat(path)
    data = path.read_bytes()
    at = data.index(b'msgstr "Les migrants"') + len(b'msgstr "Les')
    path.write_bytes(data[:at] + "\u202e".encode() + data[at + 3:])
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(path).st_size == before.st_size
    capsys.readouterr()
    assert main(["-C", str(ran.root), "check", "--lang", "fr"]) == 1
    assert "bidi" in capsys.readouterr().out


@pytest.mark.parametrize("garbage", [5, "x", [1, 2], {"units": 3}, None])
def test_cache_states_of_the_wrong_shape_are_discarded(ran, capsys, garbage):
    """Valid JSON with the right salt but the wrong shape: the work is done again."""
    from l10n_pipeline.cli import main
    capsys.readouterr()
    assert main(["-C", str(ran.root), "report", "--format", "json"]) == 0
    expected = capsys.readouterr().out
    for state_file in (ran.root / ".l10n-cache").glob("*.json"):
        state = json.loads(state_file.read_text(encoding="utf-8"))
        for unit in state["units"].values():
            unit["out"] = garbage
        for name in list(state["shared"]):
            state["shared"][name] = garbage
        state_file.write_text(json.dumps(state), encoding="utf-8")
    assert main(["-C", str(ran.root), "report", "--format", "json"]) == 0
    assert capsys.readouterr().out == expected
    assert main(["-C", str(ran.root), "run"]) == 0
    for state_file in (ran.root / ".l10n-cache").glob("*.json"):
        state_file.write_text(json.dumps({"salt": garbage, "units": garbage}), encoding="utf-8")
    assert main(["-C", str(ran.root), "check"]) in (0, 1)


def test_the_gate_does_not_trust_a_forged_cache(ran, capsys):
    """A check cache saying 'no findings' for a catalogue with an error: the gate reads
    the catalogue anyway."""
    from l10n_pipeline.cli import main
    path = ran.root / "translations/fr/news/a.po"
    po = load_po(path)
    entry = next(e for e in po if e.msgid)
    entry.msgstr, entry.flags = "A\u202eB", []
    save_po(po, path)
    assert main(["-C", str(ran.root), "check", "--lang", "fr"]) == 1
    state_file = ran.root / ".l10n-cache/check.json"
    state = json.loads(state_file.read_text(encoding="utf-8"))
    for unit in state["units"].values():
        unit["out"]["findings"] = []  # as if the catalogue had been clean
    state_file.write_text(json.dumps(state), encoding="utf-8")
    capsys.readouterr()
    assert main(["-C", str(ran.root), "check", "--lang", "fr"]) == 0  # the cache is a hint...
    assert main(["-C", str(ran.root), "gate", "--lang", "fr"]) == 1  # ...never a verdict
    assert "bidi" in capsys.readouterr().out



def test_the_context_saves_what_was_done_even_when_a_later_unit_fails(tmp_path):
    source = tmp_path / "a.md"
    source.write_text("one", encoding="utf-8")
    with pytest.raises(RuntimeError), StageCache(tmp_path, "stage") as cache:
        cache.record("a", [source], 42)
        raise RuntimeError("a later unit fails")
    assert StageCache(tmp_path, "stage").lookup("a", [source]) == 42


def test_inputs_hashed_ahead_are_not_hashed_again_when_recorded(tmp_path, monkeypatch):
    from l10n_pipeline import cache as cache_module

    settled, changed = tmp_path / "settled", tmp_path / "changed"
    for path in (settled, changed):
        path.write_text("one")
        os.utime(path, (time.time() - 60,) * 2)  # past the racy window
    cache = StageCache(tmp_path, "s")
    cache.hash_ahead([settled, changed])
    changed.write_text("two, longer")  # changed after hashing ahead: hashed again
    hashed: list[bytes] = []
    real = cache_module.hashlib.sha256
    monkeypatch.setattr(cache_module.hashlib, "sha256",
                        lambda data: hashed.append(data) or real(data))
    cache.record("unit", [settled, changed], {"n": 1})
    assert hashed == [b"two, longer"]
    cache.save()
    assert StageCache(tmp_path, "s").lookup("unit", [settled, changed]) == {"n": 1}


def test_the_state_is_written_in_ascii_and_read_back_as_recorded(tmp_path):
    """Escapes, not raw text: a lone surrogate cannot be encoded as UTF-8, yet it is
    saved and read back."""
    path = tmp_path / "a"
    path.write_text("a")
    result = {"entries": Encoded([[1, "Ça « va » \u200f", "\ud800", []]]),
              "findings": ["ünïcode"]}
    cache = StageCache(tmp_path, "s")
    cache.record("unit", [path], result)
    cache.save()
    saved = (tmp_path / CACHE_DIR / "s.json").read_bytes()
    assert saved.isascii()
    assert StageCache(tmp_path, "s").lookup("unit", [path]) == {
        "entries": [[1, "Ça « va » \u200f", "\ud800", []]], "findings": ["ünïcode"]}
