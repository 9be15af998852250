"""Instructions ``check_catalog`` executes per entry, counted by callgrind.

    python benchmarks/count_check.py [--language fr] [--from 1000] [--to 3000]
                                     [--part catalogue|build|keys|matches|violations]

Wall time on a shared machine drifts by half within minutes; an instruction count does
not, so a change of a few per cent shows.  The catalogue is recombined from the
corpus's real translations of ``--language`` as in ``bench_check.py``; the script runs
itself under ``valgrind --tool=callgrind`` checking ``--from`` and then ``--to``
entries, and prints the difference per entry (start-up, imports and first uses cancel
out).  It needs valgrind (``apt install valgrind``) and takes about a minute.

``--part`` counts one part of the glossary's work instead, per pair of the same
catalogue (source and translation): ``keys``, the comparison keys of their words;
``matches``, the terms found in each (keys included); ``violations``, the whole of the
glossary checks; ``build``, only building the recombined catalogue, which every count
includes.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_check import REPO, recombined  # noqa: E402

from l10n_pipeline.checks import check_catalog, runner  # noqa: E402
from l10n_pipeline.glossary import load_glossary, word_keys  # noqa: E402


def check(language: str, count: int, part: str) -> None:
    """Check ``count`` entries (or do ``part`` of it for them) in one process, after 50
    others (first uses)."""
    runner.PARALLEL_FROM = 10 ** 9
    glossary = load_glossary(REPO / "glossary.csv")
    check_catalog(recombined(language, 50, 99, "w"), "en", language, glossary)
    catalogue = recombined(language, count, 5)
    if part == "catalogue":
        check_catalog(catalogue, "en", language, glossary)
        return
    if part == "build":
        return
    for entry in catalogue:
        if part == "keys":
            word_keys(entry.msgid, "en")
            word_keys(entry.msgstr, language)
        elif part == "matches":
            glossary.terms_in(entry.msgid, "en", language)
            glossary.terms_in(entry.msgstr, language, "en")
        else:
            glossary.violations(entry.msgid, "en", entry.msgstr, language)


def instructions(language: str, count: int, part: str) -> int:
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
         __file__, "--language", language, "--part", part, "--run", str(count)],
        capture_output=True, text=True, check=True)
    collected = re.search(r"Collected : (\d+)", done.stderr)
    assert collected, done.stderr
    return int(collected.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--language", default="fr")
    parser.add_argument("--from", dest="start", type=int, default=1000)
    parser.add_argument("--to", dest="end", type=int, default=3000)
    parser.add_argument("--part", default="catalogue",
                        choices=("catalogue", "build", "keys", "matches", "violations"))
    parser.add_argument("--run", type=int, help=argparse.SUPPRESS)  # the counted child
    args = parser.parse_args()
    if args.run is not None:
        check(args.language, args.run, args.part)
        return
    counted = (instructions(args.language, args.end, args.part)
               - instructions(args.language, args.start, args.part))
    print(f"{args.language}, {args.part}: {counted // (args.end - args.start):,} instructions "
          f"an entry (entries {args.start + 1:,}-{args.end:,})")


if __name__ == "__main__":
    main()
