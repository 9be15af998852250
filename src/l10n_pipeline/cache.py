"""Skip work whose inputs have not changed, by content hash.

Each stage keeps a small JSON state file under ``.l10n-cache/``: for every unit of
work (a document, a catalogue) the fingerprint of its input files and, optionally, the
unit's result (findings, counts).  A fingerprint is ``(size, mtime_ns, sha256)``; when
size and mtime are unchanged the stored hash is trusted (one ``stat`` per file),
otherwise the content is hashed (and a file changed in the last two seconds is
always hashed: its timestamp may not have ticked yet), so a ``git checkout`` that only touches timestamps
still counts as unchanged.

A missing input is part of the fingerprint too: its appearance is a change.

Every state is salted with the stage's configuration and with the hash of this
package's own code, so a new version or a changed setting never reuses old results.
The cache is an accelerator only: a missing, corrupt or foreign state file means
"do the work".
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from .files import CACHE_DIR, atomic_write

Fingerprint = list  # [size, mtime_ns, sha256]


# A file modified this recently may be modified again within the file system's
# timestamp granularity without its (size, mtime) changing, so its timestamp is not
# trusted: it is hashed again next time (git's "racily clean" rule).
_RACY_NS = 2_000_000_000
_digests: dict[tuple[str, int, int], str] = {}  # this process's hashes of settled files


def _fingerprint(path: Path, known: Fingerprint | None) -> Fingerprint | None:
    """``[size, mtime_ns, sha256]``, hashing only when size or mtime differ from ``known``."""
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return None
    if known and known[0] == stat.st_size and known[1] == stat.st_mtime_ns:
        return known
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    digest = _digests.get(key) or hashlib.sha256(path.read_bytes()).hexdigest()
    if time.time_ns() - stat.st_mtime_ns < _RACY_NS:
        return [stat.st_size, -1, digest]
    _digests[key] = digest
    return [stat.st_size, stat.st_mtime_ns, digest]


@cache
def code_version() -> str:
    """Hash of this package's source: results of other code are never reused."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


class StageCache:
    """Fingerprints of the inputs each unit of a stage was last done with, and its result."""

    def __init__(self, root: Path, stage: str, salt: str = ""):
        self.path = root / CACHE_DIR / f"{stage}.json"
        self.salt = f"{code_version()} {salt}"
        try:
            state = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            state = {}
        valid = isinstance(state, dict) and state.get("salt") == self.salt
        self._units: dict[str, dict[str, Any]] = state.get("units", {}) if valid else {}
        self._dirty = False

    def lookup(self, unit: str, inputs: Iterable[Path], default: Any = None) -> Any:
        """The result recorded for ``unit`` if its inputs are unchanged, else ``default``."""
        known = self._units.get(unit)
        if known is None:
            return default
        prints: dict[str, Fingerprint] = known["inputs"]
        paths = {str(p): p for p in inputs}
        if paths.keys() != prints.keys():
            return default
        for name, path in paths.items():
            then = prints[name]
            now = _fingerprint(path, then)
            if now is None or then is None:
                if now is not then:  # created or deleted since
                    return default
            elif now[2] != then[2]:
                return default
            elif now is not then:  # same content, new timestamp: remember it
                prints[name] = now
                self._dirty = True
        return known["result"]

    def is_fresh(self, unit: str, inputs: Iterable[Path]) -> bool:
        """True when every input has the content it had when ``unit`` was recorded."""
        return self.lookup(unit, inputs, default=_MISSING) is not _MISSING

    def record(self, unit: str, inputs: Iterable[Path], result: Any = True) -> None:
        """Remember the current content of ``unit``'s inputs (after doing its work)."""
        known = self._units.get(unit, {}).get("inputs", {})
        prints = {str(p): _fingerprint(p, known.get(str(p))) for p in inputs}
        self._units[unit] = {"inputs": prints, "result": result}
        self._dirty = True

    def forget(self, unit: str) -> None:
        if self._units.pop(unit, None) is not None:
            self._dirty = True

    def save(self) -> None:
        """Write the state; a project we cannot write to simply runs uncached."""
        if not self._dirty:
            return
        try:
            atomic_write(self.path, json.dumps({"salt": self.salt, "units": self._units},
                                               ensure_ascii=False, separators=(",", ":")))
        except OSError:
            return
        self._dirty = False


_MISSING = object()
