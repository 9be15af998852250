"""Atomic writes, strict reads, PO parsing errors and the project lock."""

from __future__ import annotations

import multiprocessing
import os
import stat
import time

import pytest

from l10n_pipeline.cli import main
from l10n_pipeline.errors import InputError, LockError
from l10n_pipeline.files import atomic_write, load_po, project_lock, read_text


def test_atomic_write_reports_change_and_leaves_no_temp(tmp_path):
    target = tmp_path / "sub" / "a.txt"
    assert atomic_write(target, "één\n") is True
    mtime = target.stat().st_mtime_ns
    assert atomic_write(target, "één\n") is False
    assert target.stat().st_mtime_ns == mtime
    assert [p.name for p in target.parent.iterdir()] == ["a.txt"]


def test_atomic_write_takes_bytes_in_parts(tmp_path):
    target = tmp_path / "a.json"
    assert atomic_write(target, [b"[", "\u00e9".encode(), b"]"]) is True
    assert target.read_text(encoding="utf-8") == "[é]"
    assert atomic_write(target, "[é]") is False and atomic_write(target, [b"[\xc3", b"\xa9]"]) is False
    assert atomic_write(target, [b"[e]", b" "]) is True and target.read_bytes() == b"[e] "
    assert atomic_write(target, [b"[e]", b"!"]) is True and target.read_bytes() == b"[e]!"


def test_read_text_rejects_invalid_utf8_with_line(tmp_path):
    path = tmp_path / "bad.md"
    path.write_bytes(b"ok\nstill ok\n\xff broken\n")
    with pytest.raises(InputError) as caught:
        read_text(path)
    assert caught.value.line == 3 and "UTF-8" in caught.value.message


def test_read_text_drops_bom(tmp_path):
    path = tmp_path / "bom.md"
    path.write_bytes(b"\xef\xbb\xbfhello")
    assert read_text(path) == "hello"


def test_load_po_syntax_error_names_line(tmp_path):
    path = tmp_path / "x.po"
    path.write_text('msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "b\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_po(path)
    assert caught.value.path == path and caught.value.line is not None


def test_load_po_one_line_content_is_not_taken_for_a_file_name(tmp_path):
    path = tmp_path / "x.po"
    path.write_text("/etc/passwd", encoding="utf-8")
    with pytest.raises(InputError):
        load_po(path)


_PLURAL_HEADER = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                  '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n')


@pytest.mark.parametrize("body, line, message", [
    ('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', 9, "duplicate message"),
    ('#~ msgid "a"\n#~ msgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', 9, "duplicate message"),
    ('msgctxt "x"\nmsgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', None, None),
    ('msgid "a"\nmsgstr "b"\n\n#~ msgid "a"\n#~ msgstr "c"\n', None, None),
    ('msgid "d"\nmsgid_plural "ds"\nmsgstr[0] "j"\nmsgstr[2] "js"\n\n'
     'msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', 6, "msgstr[2] beyond"),
    ('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n\n'
     'msgid "d"\nmsgid_plural "ds"\nmsgstr[0] "j"\nmsgstr[2] "js"\n', 9, "duplicate message"),
])
def test_load_po_names_the_first_duplicate_or_extra_plural_form(tmp_path, body, line, message):
    """A live entry may not repeat the key of an earlier entry, live or obsolete, nor
    have more plural forms than the header: the first such entry is named."""
    path = tmp_path / "x.po"
    path.write_text(_PLURAL_HEADER + body, encoding="utf-8")
    if message is None:
        assert len(load_po(path)) == 2
        return
    with pytest.raises(InputError) as caught:
        load_po(path)
    assert caught.value.line == line and message in caught.value.message


def _hold_lock(root, seconds):
    with project_lock(root):
        time.sleep(seconds)


def test_second_run_waits_then_fails(tmp_path):
    holder = multiprocessing.get_context("fork").Process(target=_hold_lock, args=(tmp_path, 3))
    holder.start()
    time.sleep(0.5)
    try:
        start = time.monotonic()
        with pytest.raises(LockError, match="another l10n run"):
            with project_lock(tmp_path, timeout=0.3):
                pass
        assert time.monotonic() - start < 2
    finally:
        holder.kill()
        holder.join()
    with project_lock(tmp_path, timeout=1):  # released by the kernel on SIGKILL
        pass


def test_a_replaced_file_keeps_its_mode_and_a_new_one_follows_the_umask(tmp_path):
    shared = tmp_path / "shared.po"
    shared.write_text("old", encoding="utf-8")
    shared.chmod(0o664)
    assert atomic_write(shared, "new")
    assert stat.S_IMODE(shared.stat().st_mode) == 0o664
    for umask, expected in ((0o022, 0o644), (0o002, 0o664), (0o077, 0o600)):
        previous = os.umask(umask)
        try:
            fresh = tmp_path / f"new-{umask:o}.po"
            assert atomic_write(fresh, "text")
        finally:
            os.umask(previous)
        assert stat.S_IMODE(fresh.stat().st_mode) == expected


def test_commands_write_files_with_the_umask_mode(make_project):
    project = make_project({"source/a.md": "---\ntitle: A\n---\n\nText.\n"})
    previous = os.umask(0o022)
    try:
        assert main(["-C", str(project.root), "run"]) == 0
        assert main(["-C", str(project.root), "report", "--format", "html",
                     "-o", "report.html"]) == 0
        assert main(["-C", str(project.root), "build", "--html"]) == 0
    finally:
        os.umask(previous)
    written = [*project.root.glob("translations/**/*.po*"), project.root / "report.html"]
    assert written and all(stat.S_IMODE(p.stat().st_mode) == 0o644 for p in written)
