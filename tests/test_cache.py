"""The stage cache: unchanged inputs are recognised by content, not by timestamp."""

from __future__ import annotations

import os

from l10n_pipeline.cache import StageCache


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
