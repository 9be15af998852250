"""``l10n check`` (the command, cold) with two versions of the code, in turn.

    python benchmarks/pair_command.py BEFORE_SRC [--rounds 6] [--entries 100000]

``BEFORE_SRC`` is the ``src`` folder of another version (for example
``git archive <commit> src | tar -x -C /tmp/before``, then ``/tmp/before/src``); the
version installed here is "after".  Both check the same project as ``bench_check.py``'s
command timing (the recombined French catalogue as one document's translation), one
after the other in each round, so that a slow minute slows both.  Besides wall time it
prints CPU time (user and system, every process) and wall time per CPU second: on a
shared machine the CPU time of the same work drifts with the machine, but how well the
work is spread over the cores does not, so that ratio compares versions even when a
round is slow.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_check import REPO, catalogue, cli_check, cli_project  # noqa: E402
from synthetic import write  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("before", type=Path, help="the src folder of the other version")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--entries", type=int, default=100_000)
    args = parser.parse_args()
    versions = {"before": args.before.resolve(), "after": REPO / "src"}
    po, _ = catalogue(args.entries, 200)
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in versions}
    with tempfile.TemporaryDirectory() as tmp:
        root = cli_project(write(po, Path(tmp) / "fr.po"), Path(tmp) / "project")
        for round_ in range(args.rounds):
            for name, src in versions.items():
                runs[name].append(cli_check(root, src))
            print(f"round {round_ + 1}: " + "; ".join(
                f"{name} {wall:.2f} s, {cpu:.1f} s CPU" for name, (wall, cpu) in
                ((name, runs[name][-1]) for name in versions)), flush=True)
    for name, measured in runs.items():
        walls = [wall for wall, _ in measured]
        shares = [wall / cpu for wall, cpu in measured]
        print(f"{name}: wall best {min(walls):.2f} s, median {statistics.median(walls):.2f} s; "
              f"CPU median {statistics.median(cpu for _, cpu in measured):.1f} s; "
              f"wall per CPU second median {statistics.median(shares):.3f}")


if __name__ == "__main__":
    main()
