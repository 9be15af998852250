"""Skip work whose inputs have not changed, by content hash.

Each stage keeps a small JSON state file under ``.l10n-cache/``: for every unit of
work (a document, a catalogue) the fingerprint of its input files and, optionally, the
unit's result (findings, counts).  A fingerprint is ``(size, mtime_ns, ino, ctime_ns,
sha256)``; when size, mtime, inode and ctime are all unchanged the stored hash is trusted
(one ``stat`` per file, as git does), otherwise the content is hashed, so a ``git
checkout`` that only touches timestamps still counts as unchanged.  ``touch -r`` can put
an old mtime back, but not the ctime: the kernel sets it.  A file changed in the last two
seconds is always hashed: its timestamp may not have ticked yet.

A missing input is part of the fingerprint too: its appearance is a change.

Every state is salted with the stage's configuration and with the hash of this
package's own code, so a new version or a changed setting never reuses old results.
The cache is an accelerator only: a missing, corrupt or foreign state file, or a state
of any unexpected shape (a fingerprint that is not one, a result its stage would not
have recorded), means "do the work".  The release gate never reads a cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from .files import CACHE_DIR, atomic_write, check_inside, file_stat

Fingerprint = list  # [size, mtime_ns, ino, ctime_ns, sha256]
Shape = Any  # see matches()


# A file modified this recently may be modified again within the file system's
# timestamp granularity without its (size, mtime) changing, so its timestamp is not
# trusted: it is hashed again next time (git's "racily clean" rule).
_RACY_NS = 2_000_000_000
_trusted = True  # see distrusted()
_digests: dict[tuple[str, int, int, int, int], str] = {}  # this process's hashes of settled files


def _fingerprint(path: Path | str, known: Fingerprint | None) -> Fingerprint | None:
    """``[size, mtime_ns, ino, ctime_ns, sha256]``, hashing only when the metadata
    differ from ``known``."""
    stat = file_stat(path)
    if stat is None:
        return None
    check_inside(Path(path))  # never hash (read) a file through a link leaving the project
    now = [stat.st_size, stat.st_mtime_ns, stat.st_ino, stat.st_ctime_ns]
    if known and known[:4] == now:
        return known
    key = (str(path), stat.st_size, stat.st_mtime_ns, stat.st_ino, stat.st_ctime_ns)
    digest = _digests.get(key) or hashlib.sha256(Path(path).read_bytes()).hexdigest()
    if time.time_ns() - stat.st_mtime_ns < _RACY_NS:
        return [stat.st_size, -1, stat.st_ino, stat.st_ctime_ns, digest]
    _digests[key] = digest
    return [*now, digest]


def matches(value: Any, shape: Shape) -> bool:
    """Whether JSON ``value`` has ``shape``: a type (``int`` excludes ``bool``), ``[s]`` a
    list of ``s``, ``{str: s}`` a mapping to ``s``, ``{"k": s, ...}`` exactly these keys,
    ``(a, b)`` either, ``None`` null, ``object`` anything, a function: what it says."""
    if shape is object:
        return True
    if shape is None:
        return value is None
    if isinstance(shape, type):
        return isinstance(value, shape) and not (shape is int and isinstance(value, bool))
    if callable(shape):
        return bool(shape(value))
    if isinstance(shape, tuple):
        return any(matches(value, s) for s in shape)
    if isinstance(shape, list):
        return isinstance(value, list) and all(matches(v, shape[0]) for v in value)
    if not isinstance(value, dict):
        return False
    if list(shape) == [str]:
        return all(isinstance(k, str) and matches(v, shape[str]) for k, v in value.items())
    return value.keys() == shape.keys() and all(matches(value[k], s) for k, s in shape.items())


_FINGERPRINT: Shape = (None, [(int, str)])
_STATE: Shape = {"salt": str, "shared": {str: _FINGERPRINT},
                 "units": {str: {"in": {str: _FINGERPRINT}, "out": object}}}


def _valid_print(value: Any) -> bool:
    return value is None or (len(value) == 5 and all(isinstance(v, int) for v in value[:4])
                             and isinstance(value[4], str))


@contextmanager
def distrusted() -> Iterator[None]:
    """Within, every stage cache starts empty: every result comes from reading the files
    (and is recorded for later commands).  For verdicts (the release gate) that must
    never pass on a file they did not read."""
    global _trusted
    previous, _trusted = _trusted, False
    try:
        yield
    finally:
        _trusted = previous


@cache
def code_version() -> str:
    """Hash of this package's source: results of other code are never reused."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted(package.rglob("*.py")):  # subpackages (checks/, ...) too
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _json(value: Any) -> str:
    # ASCII, with escapes: encoding a large catalogue's entries takes half the time of
    # writing them as they are (and reading them back a sixth more)
    return json.dumps(value, separators=(",", ":"))


class Encoded:
    """A part of a unit's result encoded in JSON (ASCII bytes) ahead of time, given to
    :meth:`StageCache.record` as a value of a result mapping.  Encoding the 100,000
    translated entries of a large catalogue takes half a second: a caller can do it
    while other processes work rather than when the state is saved, which then
    writes it as it is (not copied into the state's text)."""

    __slots__ = ("value", "data")

    def __init__(self, value: Any) -> None:
        self.value, self.data = value, _json(value).encode("ascii")


class StageCache:
    """Fingerprints of the inputs each unit of a stage was last done with, and its result.

    ``shared`` inputs (the glossary, say) are those of every unit: they are fingerprinted
    once for the whole stage, and when one changes every unit is stale.

    Used as a context manager, the state is saved on the way out, even when a later
    unit fails: what was done stays done::

        with StageCache(root, "stage") as done:
            for catalogue in project.catalogues(languages):
                result = done.lookup(catalogue.name, [catalogue.path], shape=...)
                if result is None:
                    result = work(catalogue)
                    done.record(catalogue.name, [catalogue.path], result)
    """

    def __init__(self, root: Path, stage: str, salt: str = "", shared: Iterable[Path] = ()):
        self.path = root / CACHE_DIR / f"{stage}.json"
        self.salt = f"{code_version()} {salt}"
        self._prefix = str(root).rstrip(os.sep) + os.sep
        try:
            state = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            state = {}
        if not _trusted or not _well_formed(state) or state.get("salt") != self.salt:
            state = {}
        known_shared = state.get("shared", {})
        self._shared = {self._name(p): _fingerprint(p, known_shared.get(self._name(p)))
                        for p in shared}
        same = (known_shared.keys() == self._shared.keys() and
                all(_same(known_shared[n], fp) for n, fp in self._shared.items()))
        self._units: dict[str, dict[str, Any]] = state.get("units", {}) if same else {}
        self._encoded: dict[str, list[bytes]] = {}  # results given (partly) encoded: JSON
        self._dirty = self._shared != known_shared

    def _name(self, path: Path) -> str:
        text = str(path)
        return text[len(self._prefix):] if text.startswith(self._prefix) else text

    def _known(self, unit: str, shape: Shape) -> dict[str, Any] | None:
        """The record of ``unit``, if its result has ``shape`` (else it is forgotten)."""
        known = self._units.get(unit)
        if known is not None and not matches(known["out"], shape):
            del self._units[unit]
            self._encoded.pop(unit, None)
            self._dirty = True
            return None
        return known

    def lookup(self, unit: str, inputs: Iterable[Path], default: Any = None,
               shape: Shape = object) -> Any:
        """The result recorded for ``unit`` if its inputs are unchanged and it has
        ``shape`` (see :func:`matches`), else ``default``."""
        known = self._known(unit, shape)
        if known is None:
            return default
        paths = {self._name(p): p for p in inputs}
        if paths.keys() != known["in"].keys():
            return default
        return known["out"] if self._unchanged(known["in"], paths.items()) else default

    def unchanged(self, unit: str, shape: Shape = object) -> Any:
        """The result of ``unit`` if every input it was recorded with is unchanged (the
        caller need not know which they were) and it has ``shape``, else None."""
        known = self._known(unit, shape)
        if known is None:
            return None
        paths = ((name, name if os.path.isabs(name) else self._prefix + name)
                 for name in known["in"])
        return known["out"] if self._unchanged(known["in"], paths) else None

    def _unchanged(self, prints: dict[str, Fingerprint | None],
                   paths: Iterable[tuple[str, Path | str]]) -> bool:
        for name, path in paths:
            then = prints[name]
            now = _fingerprint(path, then)
            if not _same(then, now):
                return False
            if now is not then:  # same content, new timestamp: remember it
                prints[name] = now
                self._dirty = True
        return True

    def is_fresh(self, unit: str, inputs: Iterable[Path]) -> bool:
        """True when every input has the content it had when ``unit`` was recorded."""
        return self.lookup(unit, inputs, default=_MISSING) is not _MISSING

    def hash_ahead(self, inputs: Iterable[Path]) -> None:
        """Hash ``inputs`` now, while other processes work, so that :meth:`record` finds
        their hashes ready (a file changed meanwhile is hashed again then)."""
        for path in inputs:
            _fingerprint(path, None)

    def record(self, unit: str, inputs: Iterable[Path], result: Any = True) -> None:
        """Remember the current content of ``unit``'s inputs (after doing its work)."""
        known = self._units.get(unit, {}).get("in", {})
        prints = {}
        for path in inputs:
            name = self._name(path)
            prints[name] = _fingerprint(path, known.get(name))
        self._encoded.pop(unit, None)
        if isinstance(result, dict) and any(isinstance(v, Encoded) for v in result.values()):
            parts: list[bytes] = []
            for key, value in result.items():
                parts += [b"," if parts else b"{", f"{_json(key)}:".encode("ascii"),
                          value.data if isinstance(value, Encoded)
                          else _json(value).encode("ascii")]
            self._encoded[unit] = [*parts, b"}"]
            result = {key: value.value if isinstance(value, Encoded) else value
                      for key, value in result.items()}
        self._units[unit] = {"in": prints, "out": result}
        self._dirty = True

    def __enter__(self) -> StageCache:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.save()

    def save(self) -> None:
        """Write the state; a project we cannot write to simply runs uncached."""
        if not self._dirty:
            return
        plain = {unit: known for unit, known in self._units.items() if unit not in self._encoded}
        text = _json({"salt": self.salt, "shared": self._shared, "units": plain})
        parts = [text.encode("ascii")]
        if self._encoded:  # inside the closing "}}" of the units and the state
            parts[0] = parts[0][:-2]
            for unit, out in self._encoded.items():
                parts += [b"," if plain or len(parts) > 1 else b"", (
                    f'{_json(unit)}:{{"in":{_json(self._units[unit]["in"])},"out":'
                ).encode("ascii"), *out, b"}"]
            parts.append(b"}}")
        try:
            atomic_write(self.path, parts)
        except OSError:
            return
        self._dirty = False


def _well_formed(state: Any) -> bool:
    """A state file as :meth:`StageCache.save` writes it (results aside)."""
    return (matches(state, _STATE) and all(map(_valid_print, state["shared"].values()))
            and all(_valid_print(p) for unit in state["units"].values()
                    for p in unit["in"].values()))


def _same(then: Fingerprint | None, now: Fingerprint | None) -> bool:
    """Same content (or both absent)."""
    if then is None or now is None:
        return then is now
    return then[4] == now[4]


_MISSING = object()
