"""``l10n check`` vs translate-toolkit's ``pofilter`` on the same PO file.

    python benchmarks/bench_check.py [--entries 100000] [--defects 200]

Generates a French catalogue of ``--entries`` translated entries built from the
corpus's real translated sentences (every translated, not fuzzy entry of
translations/fr/), recombined two at a time and numbered, and seeds ``--defects`` known
defects of each kind.  Times both tools, then compares per entry which seeded defects
each caught, and counts pofilter's false positives on Arabic-Indic digits (correct
translations that pofilter reports).  ``l10n check`` checks a catalogue this large in
one process per core; it is timed in one process too.

The machines we run on are shared and their speed drifts by half within minutes: the
three measurements are taken in turn, ``--repeat`` times, and the best of each counts
(as ``timeit`` does: the least disturbed run).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import polib

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import write  # noqa: E402

from l10n_pipeline.checks import runner  # noqa: E402
from l10n_pipeline.checks import check_catalog  # noqa: E402
from l10n_pipeline.files import load_po  # noqa: E402
from l10n_pipeline.glossary import load_glossary  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
PARALLEL_FROM = runner.PARALLEL_FROM
T = TypeVar("T")

# name -> (source template, defective translation template); {n} is a number
DEFECTS = {
    "missing number": ("Founded in {n} by two states.", "Fondé par deux États."),
    "changed url": ("See https://icmpd.org/{n} now.", "Voir https://icmpd.org/x{n} maintenant."),
    "lost placeholder": ("Run `cmd {n}` today.", "Lancez cmd {n} aujourd'hui."),
    "double space": ("The office {n} opened.", "Le bureau  {n} a ouvert."),
    "unchanged": ("The workshop {n} gathered representatives.",
                  "The workshop {n} gathered representatives."),
    "bidi override": ("Save file {n}.", "Enregistrez \u202efichier {n}."),
    "lost link": ("Read [the report {n}](r{n}.pdf).", "Lisez le rapport {n}."),
    "end punctuation": ("Is report {n} ready?", "Le rapport {n} est prêt."),
}
ARABIC_OK = ("In {n} there were 19 members.", "في {a} كان هناك ١٩ عضوا.")


def arabic_digits(number: int) -> str:
    return str(number).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))


def real_pairs(language: str = "fr") -> list[tuple[str, str]]:
    """(source, translation) of every translated, not fuzzy entry of the corpus."""
    return [(e.msgid, e.msgstr) for path in sorted((REPO / "translations" / language).rglob("*.po"))
            for e in load_po(path) if e.msgstr and not e.fuzzy and not e.obsolete
            and "\n" not in e.msgid]


def recombined(language: str, entries: int, seed: int, prefix: str = "") -> polib.POFile:
    """``entries`` entries of the corpus's real ``language`` translations, two sentence
    pairs at a time, numbered ("41. <sentence> <sentence>", after ``prefix``)."""
    rng = random.Random(seed)
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": language}
    pairs = real_pairs(language)
    for index in range(entries):
        (s1, t1), (s2, t2) = rng.sample(pairs, 2)
        po.append(polib.POEntry(msgid=f"{prefix}{index}. {s1} {s2}",
                                msgstr=f"{prefix}{index}. {t1} {t2}"))
    return po


def catalogue(entries: int, defects: int, seed: int = 3) -> tuple[polib.POFile, dict[str, str]]:
    po = recombined("fr", entries, seed)
    seeded: dict[str, str] = {}
    number = 1000
    for kind, (source, target) in DEFECTS.items():
        for _ in range(defects):
            number += 1
            msgid = source.format(n=number)
            po.append(polib.POEntry(msgid=msgid, msgstr=target.format(n=number)))
            seeded[msgid] = kind
    return po, seeded


def arabic_catalogue(count: int) -> polib.POFile:
    """Correct Arabic translations written with Arabic-Indic digits."""
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "ar"}
    for number in range(5000, 5000 + count):
        po.append(polib.POEntry(msgid=ARABIC_OK[0].format(n=number),
                                msgstr=ARABIC_OK[1].format(a=arabic_digits(number))))
    return po


def tool(name: str) -> str:
    """A command installed next to this Python (its virtual environment's), else on PATH."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else name


def pofilter_hits(path: Path, out: Path) -> tuple[float, set[str]]:
    start = time.perf_counter()
    subprocess.run([tool("pofilter"), "--progress=none", "-i", str(path), "-o", str(out)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    return elapsed, {e.msgid for e in polib.pofile(str(out)) if e.msgid}


def cli_project(po_path: Path, root: Path) -> Path:
    """A project holding the catalogue as the French translation of one document, for
    timing the command itself (``l10n check``: also the project's consistency checks
    and the stage cache, which ``check_catalog`` leaves out)."""
    (root / "source").mkdir(parents=True)
    (root / "translations" / "fr").mkdir(parents=True)
    (root / "pyproject.toml").write_text('[tool.l10n]\nlanguages = ["fr"]\n\n'
                                         '[tool.l10n.mt]\nprovider = "none"\n')
    (root / "source" / "big.md").write_text("---\ntitle: Big\n---\n\nA paragraph.\n")
    shutil.copy(REPO / "glossary.csv", root / "glossary.csv")
    shutil.copy(po_path, root / "translations" / "fr" / "big.po")
    return root


def cli_check(root: Path, src: Path | None = None) -> tuple[float, float]:
    """Wall and CPU seconds (user and system, every process) ``l10n check`` takes on
    ``root``, cold (no stage cache); with the package in ``src`` instead of the
    installed one if given."""
    shutil.rmtree(root / ".l10n-cache", ignore_errors=True)
    command = [tool("l10n")] if src is None else [sys.executable, "-m", "l10n_pipeline.cli"]
    env = None if src is None else dict(os.environ, PYTHONPATH=str(src))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([*command, "-C", str(root), "check", "--format", "json"], env=env,
                          stdout=subprocess.DEVNULL, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert done.returncode == 1, done.returncode  # 1: findings (the seeded defects)
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _timed(function: Callable[[], T]) -> tuple[float, T]:
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--defects", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3,
                        help="rounds of the three measurements, interleaved (best of each)")
    args = parser.parse_args()
    po, seeded = catalogue(args.entries, args.defects)
    glossary = load_glossary(REPO / "glossary.csv")
    ours_times, serial_times, cli_times, theirs_times = [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        path = write(po, Path(tmp) / "fr.po")
        project = cli_project(path, Path(tmp) / "project")
        for round_ in range(args.repeat):
            runner.PARALLEL_FROM = PARALLEL_FROM
            ours_time, findings = _timed(
                lambda: check_catalog(load_po(path), "en", "fr", glossary))
            runner.PARALLEL_FROM = len(po) + 1  # the same in one process
            serial_time, serial = _timed(
                lambda: check_catalog(load_po(path), "en", "fr", glossary))
            assert serial == findings
            cli_time, _ = cli_check(project)
            theirs_time, theirs = pofilter_hits(path, Path(tmp) / "out.po")
            print(f"round {round_ + 1}: l10n check {ours_time:.1f} s ({serial_time:.1f} s in "
                  f"one process; the command {cli_time:.1f} s); pofilter {theirs_time:.1f} s",
                  flush=True)
            ours_times.append(ours_time)
            serial_times.append(serial_time)
            cli_times.append(cli_time)
            theirs_times.append(theirs_time)
        ours = {f.msgid for f in findings}
        arabic = write(arabic_catalogue(args.defects), Path(tmp) / "ar.po")
        ours_ar = {f.msgid for f in check_catalog(load_po(arabic), "en", "ar", glossary)
                   if f.check == "numbers"}
        _, theirs_ar = pofilter_hits(arabic, Path(tmp) / "out-ar.po")
    total = len(po)
    ours_time, serial_time, theirs_time = min(ours_times), min(serial_times), min(theirs_times)
    cli_time = min(cli_times)
    print(f"entries: {total:,}; best of {args.repeat}: l10n check {ours_time:.1f} s "
          f"({serial_time:.1f} s in one process, the command {cli_time:.1f} s); pofilter "
          f"{theirs_time:.1f} s; ratio {theirs_time / ours_time:.1f}x "
          f"({theirs_time / serial_time:.1f}x in one process, {theirs_time / cli_time:.1f}x "
          f"the command)")
    print("| seeded defect | seeded | caught by l10n check | caught by pofilter |")
    print("| --- | ---: | ---: | ---: |")
    for kind in DEFECTS:
        ids = {m for m, k in seeded.items() if k == kind}
        print(f"| {kind} | {len(ids)} | {len(ids & ours)} | {len(ids & theirs)} |")
    print(f"| correct translations with Arabic-Indic digits (false positives) | {args.defects} "
          f"| {len(ours_ar)} (numbers check) | {len(theirs_ar)} |")
    missed = set(seeded) & (theirs - ours)
    print(f"seeded defects pofilter caught and we missed: {len(missed)}")


if __name__ == "__main__":
    main()
