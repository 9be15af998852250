"""Pre-fill throughput against a local LibreTranslate-compatible server.

    python benchmarks/bench_prefill.py [--segments 2000] [--latency 0.1]

Writes a synthetic project with ``--segments`` unique segments and 4 target languages,
serves translations from 127.0.0.1 with ``--latency`` seconds per request, and reports
throughput as a share of the bound ``concurrency / latency``, and the requests a rerun
sends (goal: 0).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parents[1] / "tests"))

from libretranslate_server import LibreServer  # noqa: E402
from synthetic import sentence  # noqa: E402

from l10n_pipeline.cli import main as l10n  # noqa: E402


def project(root: Path, segments: int, url: str, concurrency: int) -> None:
    (root / "pyproject.toml").write_text(
        f'[tool.l10n]\nlanguages = ["fr", "ru", "ar", "tr"]\n[tool.l10n.mt]\n'
        f'provider = "libre"\nurl = "{url}"\nconcurrency = {concurrency}\n', encoding="utf-8")
    rng = random.Random(7)
    per_doc = 50
    for doc in range(segments // per_doc):
        text = "\n\n".join(sentence(rng, doc * per_doc + i) for i in range(per_doc))
        path = root / "source" / f"doc{doc:04d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--segments", type=int, default=2000)
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, LibreServer(latency=args.latency) as server:
        root = Path(tmp)
        project(root, args.segments, server.url, args.concurrency)
        l10n(["-C", str(root), "extract"])
        l10n(["-C", str(root), "update"])
        start = time.perf_counter()
        l10n(["-C", str(root), "prefill"])
        elapsed = time.perf_counter() - start
        sent = len(server.requests)
        bound = args.concurrency / args.latency
        rate = sent / elapsed
        l10n(["-C", str(root), "prefill"])
        rerun = len(server.requests) - sent
        print(f"| {args.segments:,} × 4 | {sent:,} | {elapsed:.1f} s | {rate:.1f}/s | "
              f"{bound:.0f}/s | {100 * rate / bound:.0f} % | {rerun} |")


if __name__ == "__main__":
    main()
