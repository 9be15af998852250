"""``l10n update``'s merge vs GNU msgmerge, on the same files.

    python benchmarks/bench_update.py [--sizes 10000 100000] [--changed 0.05]

For each size: a PO of N entries and its template with 5 % of msgids edited.  Times
``merge_catalog`` (parse, merge, write; in its own process, for its peak memory) against ``msgmerge --previous`` (fuzzy matching)
and ``msgmerge -N`` (no fuzzy matching); msgmerge with fuzzy matching is skipped above
20,000 entries (it is quadratic: 44 minutes at 100,000 on a 2-core machine).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from measure import measure  # noqa: E402
from synthetic import catalogue, changed_template, write  # noqa: E402

from l10n_pipeline.files import load_po  # noqa: E402


OURS = ("import sys; from pathlib import Path; "
        "from l10n_pipeline.files import load_po, save_po; "
        "from l10n_pipeline.update import merge_catalog; "
        "po, pot, out = map(Path, sys.argv[1:]); "
        "save_po(merge_catalog(load_po(po), load_po(pot), 'fr'), out)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--changed", type=float, default=0.05)
    args = parser.parse_args()
    print("| entries | l10n update (merge) | msgmerge -N | msgmerge --previous "
          "| fuzzy kept (ours/gnu) | ours / msgmerge -N |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for size in args.sizes:
            po = catalogue(size)
            pot_path = write(changed_template(po, args.changed), root / f"{size}.pot")
            po_path = write(po, root / f"{size}.po")
            ours = measure([sys.executable, "-c", OURS, str(po_path), str(pot_path),
                            str(root / "ours.po")], allowed=(0,))
            plain = measure(["msgmerge", "-q", "-N", "-o", str(root / "n.po"), str(po_path),
                             str(pot_path)])
            fuzzy_ours = sum(1 for e in load_po(root / "ours.po") if e.fuzzy)
            if size <= 20_000:
                gnu = measure(["msgmerge", "-q", "--previous", "-o", str(root / "gnu.po"),
                               str(po_path), str(pot_path)])
                fuzzy_gnu = sum(1 for e in load_po(root / "gnu.po") if e.fuzzy)
                gnu_cell = f"{gnu[0]:.1f} s, {gnu[1]:.0f} MiB"
            else:
                gnu_cell, fuzzy_gnu = "skipped (quadratic)", "-"
            print(f"| {size:,} | {ours[0]:.1f} s, {ours[1]:.0f} MiB | "
                  f"{plain[0]:.1f} s, {plain[1]:.0f} MiB | {gnu_cell} | {fuzzy_ours}/{fuzzy_gnu} "
                  f"| {ours[0] / plain[0]:.1f}× |", flush=True)


if __name__ == "__main__":
    main()
