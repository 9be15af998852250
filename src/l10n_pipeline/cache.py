"""Skip work whose inputs have not changed, by content hash.

Each stage keeps a small JSON state file under ``.l10n-cache/``: for every unit of
work (a document, a catalogue) the fingerprint of its input files.  A fingerprint is
``(size, mtime_ns, sha256)``; when size and mtime are unchanged the stored hash is
trusted (a ``stat`` per file), otherwise the content is hashed, so a ``git checkout``
that only touches timestamps still counts as unchanged.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

from .files import CACHE_DIR, atomic_write

Fingerprint = list  # [size, mtime_ns, sha256]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class StageCache:
    """Fingerprints of the inputs each unit of a stage was last done with."""

    def __init__(self, root: Path, stage: str, salt: str = ""):
        self.path = root / CACHE_DIR / f"{stage}.json"
        self.salt = salt  # e.g. the configuration that affects the stage's output
        try:
            state = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            state = {}
        self._units: dict[str, dict[str, Fingerprint]] = (
            state.get("units", {}) if state.get("salt") == salt else {})
        self._dirty = False

    def _fingerprint(self, path: Path, known: Fingerprint | None) -> Fingerprint | None:
        try:
            stat = path.stat()
        except FileNotFoundError:
            return None
        if known and known[0] == stat.st_size and known[1] == stat.st_mtime_ns:
            return known
        return [stat.st_size, stat.st_mtime_ns, _digest(path)]

    def is_fresh(self, unit: str, inputs: Iterable[Path]) -> bool:
        """True when every input has the content it had when ``unit`` was recorded."""
        known = self._units.get(unit)
        if known is None:
            return False
        paths = {str(p): p for p in inputs}
        if set(paths) != set(known):
            return False
        for name, path in paths.items():
            now = self._fingerprint(path, known[name])
            if now is None or now[2] != known[name][2]:
                return False
            if now is not known[name]:  # same content, new timestamp: remember it
                known[name] = now
                self._dirty = True
        return True

    def record(self, unit: str, inputs: Iterable[Path]) -> None:
        """Remember the current content of ``unit``'s inputs (after doing its work)."""
        known = self._units.get(unit, {})
        prints = {str(p): self._fingerprint(p, known.get(str(p))) for p in inputs}
        self._units[unit] = {k: v for k, v in prints.items() if v is not None}
        self._dirty = True

    def save(self) -> None:
        if self._dirty:
            atomic_write(self.path, json.dumps({"salt": self.salt, "units": self._units},
                                               sort_keys=True))
            self._dirty = False
