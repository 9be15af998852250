"""``l10n update``'s merge vs GNU msgmerge, on the same files.

    python benchmarks/bench_update.py [--sizes 10000 100000] [--changed 0.05]

For each size: a PO of N entries and its template with 5 % of msgids edited.  Times
``merge_catalog`` (parse, merge, write) against ``msgmerge --previous`` (fuzzy matching)
and ``msgmerge -N`` (no fuzzy matching); msgmerge with fuzzy matching is skipped above
20,000 entries (it is quadratic: 44 minutes at 100,000 on a 2-core machine).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from synthetic import catalogue, changed_template, write  # noqa: E402

from l10n_pipeline.files import load_po, save_po  # noqa: E402
from l10n_pipeline.merge import merge_catalog  # noqa: E402


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def ours(po: Path, pot: Path, out: Path) -> None:
    save_po(merge_catalog(load_po(po), load_po(pot), "fr"), out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--changed", type=float, default=0.05)
    args = parser.parse_args()
    print(f"| entries | l10n update | msgmerge -N | msgmerge --previous | fuzzy kept (ours/gnu) |")
    print("| ---: | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for size in args.sizes:
            po = catalogue(size)
            pot_path = write(changed_template(po, args.changed), root / f"{size}.pot")
            po_path = write(po, root / f"{size}.po")
            t_ours = timed(lambda: ours(po_path, pot_path, root / "ours.po"))
            t_n = timed(lambda: subprocess.run(
                ["msgmerge", "-q", "-N", "-o", str(root / "n.po"), str(po_path), str(pot_path)],
                check=True))
            fuzzy_ours = sum(1 for e in load_po(root / "ours.po") if e.fuzzy)
            if size <= 20_000:
                t_gnu = timed(lambda: subprocess.run(
                    ["msgmerge", "-q", "--previous", "-o", str(root / "gnu.po"), str(po_path),
                     str(pot_path)], check=True))
                fuzzy_gnu = sum(1 for e in load_po(root / "gnu.po") if e.fuzzy)
                gnu = f"{t_gnu:.1f} s"
            else:
                gnu, fuzzy_gnu = "skipped", "-"
            print(f"| {size:,} | {t_ours:.1f} s | {t_n:.1f} s | {gnu} | {fuzzy_ours}/{fuzzy_gnu} |",
                  flush=True)


if __name__ == "__main__":
    main()
