"""``l10n run`` on synthetic projects: every stage cold, then a run with nothing changed.

    python benchmarks/bench_run.py [--documents 200 2000] [--paragraphs 20]

For each size, a project of news items × 20 paragraphs × 4 languages (fr, ru, ar, tr),
60 % translated, 10 % of paragraphs shared boilerplate.  Times each stage's command
cold (no cache) with its peak memory, then ``l10n run`` with nothing changed (the
goal: under 1 s at 2,000 documents), then after one source document changed.
Projects are kept under ``benchmarks/work/`` for reruns.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from measure import age, best_of, measure  # noqa: E402
from synthetic import project  # noqa: E402

DATA = Path(__file__).parent / "work"
STAGES = ("extract", "update", "prefill", "check", "report")


def synthetic_project(documents: int, paragraphs: int) -> Path:
    root = DATA / f"run-{documents}x{paragraphs}"
    if not (root / "translations").exists():
        shutil.rmtree(root, ignore_errors=True)
        project(root, documents, paragraphs)
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, nargs="+", default=[200, 2000])
    parser.add_argument("--paragraphs", type=int, default=20)
    parser.add_argument("--runs-only", action="store_true",
                        help="skip the cold stages: only the no-change and one-change runs")
    args = parser.parse_args()
    print("| documents × 4 languages | entries | " +
          " | ".join(f"{s} cold" for s in STAGES) +
          " | run, nothing changed | run, one document changed |")
    print("| ---: | ---: |" + " ---: |" * (len(STAGES) + 2))
    for documents in args.documents:
        root = synthetic_project(documents, args.paragraphs)
        entries = sum(path.read_text(encoding="utf-8").count("\nmsgid ") - 1
                      for path in (root / "translations/fr").rglob("*.po"))
        cells = []
        if not args.runs_only:
            shutil.rmtree(root / ".l10n-cache", ignore_errors=True)
            age(root)
            for stage in STAGES:
                seconds, peak = measure(["l10n", stage], cwd=root)
                cells.append(f"{seconds:.1f} s, {peak:.0f} MiB")
        else:
            cells = ["-"] * len(STAGES)
        measure(["l10n", "run"], cwd=root)  # settles what the stages wrote
        age(root)
        measure(["l10n", "run"], cwd=root)  # learns the settled timestamps
        seconds, peak = best_of(3, ["l10n", "run"], cwd=root)
        cells.append(f"**{seconds:.2f} s**, {peak:.0f} MiB")
        changed = next((root / "source").rglob("*.md"))
        changed.write_text(changed.read_text(encoding="utf-8") + "\nOne more sentence.\n",
                           encoding="utf-8")
        seconds, peak = measure(["l10n", "run"], cwd=root)
        cells.append(f"{seconds:.2f} s, {peak:.0f} MiB")
        print(f"| {documents:,} | {entries * 4:,} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
