"""Wall time and peak memory of a command, measured the same way for every tool."""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path


def measure(argv: Sequence[str], cwd: Path | None = None,
            allowed: tuple[int, ...] = (0, 1)) -> tuple[float, float]:
    """Run ``argv`` to completion; (seconds, peak resident MiB of that process).

    Exit code 1 is allowed by default: an l10n command that worked and found problems.

    The peak is GNU time's (``%M``): a command started by this process would report at
    least this process's own size, which Linux counts as the child's until its exec,
    and a benchmark holding a catalogue of 100,000 entries is large.
    """
    with tempfile.NamedTemporaryFile(mode="r") as peak:
        start = time.perf_counter()
        returncode = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", peak.name, *argv],
                                    cwd=cwd, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL).returncode
        elapsed = time.perf_counter() - start
        kibibytes = int(peak.read().split()[-1])  # after "Command exited with ..."
    if returncode not in allowed:
        raise RuntimeError(f"{' '.join(argv)} exited with {returncode}")
    return elapsed, kibibytes / 1024


def best_of(runs: int, argv: Sequence[str], cwd: Path | None = None) -> tuple[float, float]:
    """The fastest of ``runs`` (the least disturbed by a noisy machine), and its peak."""
    return min(measure(argv, cwd) for _ in range(runs))


def age(root: Path, seconds: int = 60) -> None:
    """Date a project's files back, as if written a minute ago: a freshly written file's
    timestamp is not trusted (it may not have ticked yet), so it would be re-hashed."""
    then = time.time() - seconds
    for path in root.rglob("*"):
        if path.is_file() and ".l10n-cache" not in path.parts:
            os.utime(path, (then, then))
