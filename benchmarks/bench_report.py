"""``l10n report`` vs ``msgfmt --statistics`` and translate-toolkit's ``pocount``.

    python benchmarks/bench_report.py [--sizes 10000 100000]

One French catalogue of N synthetic entries (60 % translated) in a one-document
project.  Every tool runs as a command on the same file, timed with its peak memory.
``l10n report`` is measured three ways: cold (it counts, and runs every quality check
for the error and warning columns); with only the counts cold (``l10n check`` ran
before, as in CI); and with nothing changed since the last report.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from measure import age, best_of, measure  # noqa: E402
from synthetic import catalogue, write  # noqa: E402

DATA = Path(__file__).parent / "work"


def one_document_project(entries: int) -> Path:
    root = DATA / f"report-{entries}"
    po = root / "translations/fr/big.po"
    if not po.exists():
        shutil.rmtree(root, ignore_errors=True)
        (root / "source").mkdir(parents=True)
        (root / "pyproject.toml").write_text(
            '[tool.l10n]\nlanguages = ["fr"]\n[tool.l10n.mt]\nprovider = "none"\n',
            encoding="utf-8")
        (root / "source/big.md").write_text("A document.\n", encoding="utf-8")
        catalog = catalogue(entries)
        write(catalog, po)
        for entry in catalog:
            entry.msgstr = ""
        write(catalog, root / "translations/templates/big.pot")
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args()
    print("| entries | msgfmt --statistics | pocount | l10n report, cold | "
          "l10n report, counts cold | l10n report, nothing changed | "
          "nothing changed vs msgfmt |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for size in args.sizes:
        root = one_document_project(size)
        po = root / "translations/fr/big.po"
        report = ["l10n", "report", "--format", "json"]
        age(root)
        msgfmt = best_of(3, ["msgfmt", "--statistics", "-o", "/dev/null", str(po)])
        pocount = measure(["pocount", str(po)])
        shutil.rmtree(root / ".l10n-cache", ignore_errors=True)
        cold = measure(report, cwd=root)
        (root / ".l10n-cache" / "report.json").unlink(missing_ok=True)
        counts_cold = measure(report, cwd=root)
        unchanged = best_of(3, report, cwd=root)
        cells = [f"{t:.2f} s, {m:.0f} MiB" for t, m in (msgfmt, pocount, cold, counts_cold,
                                                        unchanged)]
        print(f"| {size:,} | " + " | ".join(cells) +
              f" | {msgfmt[0] / unchanged[0]:.1f}× faster |", flush=True)


if __name__ == "__main__":
    main()
