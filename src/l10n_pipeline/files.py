"""File I/O at the edges: atomic writes, strict UTF-8 reads, PO catalogues."""

from __future__ import annotations

import fcntl
import gc
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import polib

from .errors import InputError, LockError, printable
from .formats.po_write import format_catalog
from .formats.po_read import parse_regular


_SPACE = r"[^\S\n]"  # white space within a line
_PO_STRING = r'"(?:[^"\\\n]|\\.)*"'
# Comment lines are free text, except obsolete (#~) and previous (#|) lines: they hold
# keywords and strings, and polib would silently misread an unterminated one.
_PO_LINE = (rf'{_SPACE}*(?:(?:#~{_SPACE}*|#\|{_SPACE}*|#~\|{_SPACE}*)?'
            rf'(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?){_SPACE}+)?{_PO_STRING}'
            rf'|#~?\|?|#(?![~|]).*)?{_SPACE}*')
_PO_LINE_RE = re.compile(_PO_LINE)
# Every line at once; atomic groups keep a failure from backtracking across lines.
_PO_TEXT_RE = re.compile(rf"(?:(?>{_PO_LINE})\n)*(?>{_PO_LINE})")


# Within one run, each file is stat'ed once: stages ask about the same thousands of
# files.  Our own writes drop their entry; see :func:`stat_snapshot`.
_snapshot: dict[str, os.stat_result | None] | None = None


@contextmanager
def stat_snapshot(enabled: bool = True) -> Iterator[None]:
    """Remember file metadata for the duration of one run (of every stage of it).

    A file changed by someone else during the run may be seen as it was when the run
    started; that is safe: the stage caches then record its old fingerprint, so the
    next run sees the change.  ``enabled=False`` suspends any snapshot instead, for a
    long-running server that must see every change.
    """
    global _snapshot
    previous, _snapshot = _snapshot, {} if enabled else None
    try:
        yield
    finally:
        _snapshot = previous


def file_stat(path: Path | str) -> os.stat_result | None:
    """``os.stat`` of ``path`` (None when it does not exist), once per snapshot."""
    key = str(path)
    if _snapshot is not None and key in _snapshot:
        return _snapshot[key]
    try:
        result: os.stat_result | None = os.stat(key)
    except FileNotFoundError:
        result = None
    if _snapshot is not None:
        _snapshot[key] = result
    return result


# While a command runs, the project's files are confined to its folder: a symbolic link
# (translations/fr -> /elsewhere, a PO linked to /etc/passwd) is never followed out of
# it, to read or to write.  See :func:`confined`.
_boundary: str | None = None
_inside_dirs: dict[str, bool] = {}


@contextmanager
def confined(root: Path) -> Iterator[None]:
    """Refuse, for the duration, to read or write project files through a link that
    leaves ``root``."""
    global _boundary
    previous, _boundary = _boundary, os.path.realpath(root)
    try:
        yield
    finally:
        _boundary = previous
        _inside_dirs.clear()


def _within(real: str) -> bool:
    assert _boundary is not None
    return real == _boundary or real.startswith(_boundary.rstrip(os.sep) + os.sep)


def check_inside(path: Path) -> None:
    """InputError when ``path``, a project file, leads outside the project through a
    symbolic link (each directory is resolved once; the file itself costs one ``lstat``).
    A path outside the project as written (a file the user names, ``-o /tmp/x``) is the
    user's choice, not ours to refuse."""
    if _boundary is None:
        return
    absolute = os.path.abspath(path)
    if not _within(absolute):
        return
    parent = os.path.dirname(absolute)
    inside = _inside_dirs.get(parent)
    if inside is None:
        inside = _inside_dirs[parent] = _within(os.path.realpath(parent))
    if inside and os.path.islink(path):
        inside = _within(os.path.realpath(path))
    if not inside:
        raise InputError("a symbolic link leads outside the project; refused", path)


def remove(path: Path) -> None:
    """Delete a file we wrote, if it is there (never through a link leaving the project)."""
    check_inside(path)
    path.unlink(missing_ok=True)
    if _snapshot is not None:
        _snapshot.pop(str(path), None)


TEMP_SUFFIX = ".l10n-tmp"


def atomic_write(path: Path, data: str | list[bytes]) -> bool:
    """Write ``data`` (text, or its bytes in parts, which are not joined) to ``path``
    through a temporary file and a rename.

    Returns False (and touches nothing) when the file already holds exactly ``data``,
    so that unchanged outputs keep their timestamps and git sees no change.
    """
    check_inside(path)
    encoded = [data.encode("utf-8")] if isinstance(data, str) else data
    try:
        if (os.stat(path).st_size == sum(map(len, encoded))
                and path.read_bytes() == b"".join(encoded)):
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        _replace(path, encoded)
    finally:
        if _snapshot is not None:
            _snapshot.pop(str(path), None)
    return True


def write_output(path: Path, data: str) -> None:
    """Write a command's output file (``--output``) without reading what is there.

    Only a regular file (or nothing) is replaced: a directory, a device such as
    ``/dev/full``, a FIFO or a symbolic link is refused with one line.
    """
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        kind = ("a directory" if stat.S_ISDIR(mode) else "a symbolic link"
                if stat.S_ISLNK(mode) else "not a regular file")
        raise InputError(f"output target is {kind}; refused", path)
    if not path.parent.is_dir():
        raise InputError("output folder does not exist", path.parent)
    _replace(path, [data.encode("utf-8")])


def _replace(path: Path, encoded: list[bytes]) -> None:
    """Write ``encoded`` (in parts) to a temporary file beside ``path``, then rename it over
    ``path``.  A failure (a full disk, a read-only folder) leaves ``path`` as it was and
    names ``path``, not the temporary file."""
    mode = _mode_for(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    try:
        os.fchmod(fd, mode)  # mkstemp creates 0600: a shared checkout needs more
        with os.fdopen(fd, "wb") as handle:
            handle.writelines(encoded)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OSError(exc.errno, exc.strerror, str(path)) from None
        raise


def _mode_for(path: Path) -> int:
    """The permission bits a write of ``path`` gives: those of the file it replaces,
    else what the umask gives a new file (0644 under umask 022)."""
    try:
        return os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        return 0o666 & ~_umask()


def _umask() -> int:
    """The process's umask, read without changing it where the kernel says it."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except OSError:
        pass
    current = os.umask(0o022)  # elsewhere: set and restore at once
    os.umask(current)
    return current


def read_text(path: Path) -> str:
    """Read a UTF-8 text file (a BOM is dropped); invalid UTF-8 names the line."""
    check_inside(path)
    if (found := file_stat(path)) is not None and not stat.S_ISREG(found.st_mode):
        raise InputError("not a regular file", path)  # a FIFO would hang the read
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"not valid UTF-8 ({exc.reason} at byte {exc.start})", path, line) from None


def load_po(path: Path, stream: Callable[[list[polib.POEntry] | None], None] | None = None,
            ) -> polib.POFile:
    """Parse a PO or POT file; syntax errors become an InputError naming the line.

    ``stream``, if given, is also given the entries as they are read, in order and in
    parts (the header and obsolete entries too), before they are validated.  A file
    outside the regular form is read by polib after the regular reading stopped: then
    ``stream`` is given None (forget the parts so far) and the entries polib read, in
    one part.
    """
    text = read_text(path)
    if "\x00" in text:
        raise InputError("contains a NUL byte", path, text[: text.index("\x00")].count("\n") + 1)
    with collection_paused():
        catalog = parse_regular(text, str(path), stream)
        if catalog is None:
            catalog = _polib_parse(path, text)
            if stream is not None:
                stream(None)
                stream(list(catalog))
    nplurals = _nplurals(catalog, path)
    keys = [(entry.msgctxt, entry.msgid) for entry in catalog]
    # Most catalogues have no key twice and no plural form beyond the header's: that is
    # checked at C speed, and only a catalogue that fails it is read again for the first
    # problem.
    if len(set(keys)) != len(keys) or (nplurals is not None and any(
            max(entry.msgstr_plural) >= nplurals for entry in catalog if entry.msgstr_plural)):
        _raise_first_problem(catalog, nplurals, path)
    catalog.fpath = str(path)
    return catalog


def _raise_first_problem(catalog: polib.POFile, nplurals: int | None, path: Path) -> None:
    """An InputError for the first plural form beyond ``nplurals`` or live entry whose
    key an earlier entry (live or obsolete) has."""
    seen: set[tuple[str | None, str]] = set()
    for entry in catalog:
        if nplurals is not None and entry.msgstr_plural and max(entry.msgstr_plural) >= nplurals:
            raise InputError(f"msgstr[{max(entry.msgstr_plural)}] beyond the {nplurals} plural "
                             f"form(s) of the Plural-Forms header", path, entry.linenum)
        key = (entry.msgctxt, entry.msgid)
        if not entry.obsolete and key in seen:  # merging would keep only one translation
            raise InputError(f"duplicate message definition {entry.msgid[:40]!r}", path,
                             entry.linenum)
        seen.add(key)


_NPLURALS = re.compile(r"\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=[^;]+;?\s*")


def _nplurals(catalog: polib.POFile, path: Path) -> int | None:
    """The number of plural forms the header declares (None in a template or without a
    Plural-Forms header); a header gettext cannot read is an InputError."""
    forms = catalog.metadata.get("Plural-Forms")
    if forms is None or "nplurals=INTEGER" in forms:
        return None
    found = _NPLURALS.fullmatch(forms)
    if not found or not 1 <= int(found.group(1)) <= 100:
        raise InputError(f"Plural-Forms header is not valid: {forms[:60]!r}", path, 1)
    return int(found.group(1))


@contextmanager
def collection_paused() -> Iterator[None]:
    """Keep Python's cyclic garbage collector off the catalogues we build and check.

    Building 100,000 entries would trigger it hundreds of times, each walking every
    object built so far (half of the parse time, a third of a merge's), and later
    collections would walk the catalogue again and again; so would checking them (a
    fifth of the time, for the results kept of each entry).  Catalogues and results
    hold no reference cycles (reference counting frees them), so they go to the
    permanent generation.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def _polib_parse(path: Path, text: str) -> polib.POFile:
    """polib's reading of a file outside the regular form, after our syntax check."""
    _check_po_lines(path, text)
    try:
        # From the file, not the string: polib splits a string with str.splitlines(),
        # which also breaks lines at U+2028, U+0085 and other characters that are
        # ordinary text inside a PO string.
        return polib.pofile(str(path), encoding="utf-8-sig")
    except (OSError, ValueError, UnicodeError) as exc:
        match = re.search(r"line (\d+)", str(exc))
        raise InputError(f"invalid PO syntax: {exc}", path,
                         int(match.group(1)) if match else None) from None


def _check_po_lines(path: Path, text: str) -> None:
    """Reject what polib would silently misread: unterminated or stray strings."""
    if _PO_TEXT_RE.fullmatch(text):  # one pass in C; line by line only to name the bad line
        return
    for number, line in enumerate(text.split("\n"), 1):  # not splitlines(): U+2028 is text
        if not _PO_LINE_RE.fullmatch(line):
            raise InputError(f"invalid PO syntax: {line.strip()[:60]!r}", path, number)


def save_po(catalog: polib.POFile, path: Path) -> bool:
    """Write a catalogue atomically, wrapped like gettext; True when the file changed."""
    return atomic_write(path, format_catalog(catalog))


CACHE_DIR = ".l10n-cache"
LOCK_TIMEOUT_VARIABLE = "L10N_LOCK_TIMEOUT"


def lock_timeout() -> float:
    """Seconds to wait for the project lock: ``$L10N_LOCK_TIMEOUT``, 30 by default."""
    value = os.environ.get(LOCK_TIMEOUT_VARIABLE, "30")
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < float("inf"):
        raise InputError(f"{LOCK_TIMEOUT_VARIABLE} must be a number of seconds, not {value!r}")
    return seconds


def describe_os_error(exc: OSError) -> str:
    """One line for a failed file operation: the file, then the system's reason."""
    reason = exc.strerror or type(exc).__name__
    return reason if exc.filename is None else f"{printable(exc.filename)}: {reason}"


@contextmanager
def project_lock(root: Path, timeout: float = 30.0,
                 written: Iterable[Path] = ()) -> Iterator[None]:
    """Hold the project's write lock, so two runs never interleave their writes.

    An advisory ``flock``: the kernel releases it when the holder dies, even by SIGKILL,
    so a crashed run never leaves a stale lock.  A second run waits up to ``timeout``
    seconds, then fails with a clear message.  Once held, the orphaned temporary files
    of a killed run are removed from the cache and the ``written`` directories.
    """
    path = root / CACHE_DIR / "lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as handle:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockError(f"another l10n run holds the project lock; gave up after "
                                    f"{timeout:g} s", path) from None
                time.sleep(0.1)
        try:
            _remove_stale_temporaries([root / CACHE_DIR, *written])
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _remove_stale_temporaries(directories: Iterable[Path]) -> None:
    """Delete what a killed run left half-written in the directories we write to: with
    the lock held, no other run is writing, so every temporary file of ours there is an
    orphan (its target is intact)."""
    for directory, _, names in (walked for top in directories for walked in os.walk(top)):
        for name in names:
            if name.endswith(TEMP_SUFFIX) and name.startswith("."):
                Path(directory, name).unlink(missing_ok=True)
