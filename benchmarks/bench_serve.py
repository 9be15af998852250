"""``l10n serve`` under load: many reviewers acting on one catalogue at once.

    python benchmarks/bench_serve.py [--reviewers 20] [--seconds 60] [--entries 40]

A French catalogue of ``--entries`` strings (translated, machine and fuzzy) is served by
a real ``l10n serve`` process on 127.0.0.1 (with a token, so that each reviewer signs in
under their own name).  Each reviewer loads the page, then approves, rejects, edits or
accepts entries chosen at random, sometimes from a page loaded several actions ago (so
with versions that may have changed), until the time is up.  Meanwhile an outside
writer edits entries under the project lock, as the CLI or an editor would.  Afterwards:

- every action was applied (200) or refused with a reason (409 conflict, 422 invalid);
- every PO file passes ``msgfmt --check``;
- no update was lost: for each entry, the versions written form one unbroken history
  (each version written was the base of the next write, or is the final one), which
  is impossible if two writes started from the same version of an entry;
- the overview, read afterwards, counts what the file holds (nothing stale).

Exit 1 when any of these fails.  The test suite runs a short version of this.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import socket
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from l10n_pipeline.files import load_po, project_lock, save_po
from l10n_pipeline.model import PREFILL_TAG, Status, entry_hash, entry_status, live_entries, \
    set_tagged_line
from l10n_pipeline.project import Project
from l10n_pipeline.review import approve
from l10n_pipeline.serve.catalogue import entry_id, entry_version

TOKEN = "load-test-token-0123456789"
PAGE = "/c/fr/guide"
_ADJECTIVES = ["annual", "regional", "national", "joint", "final", "new", "short", "full"]
_NOUNS = ["report", "plan", "study", "review", "survey", "guide", "note", "brief"]
_FR = {"annual": "annuel", "regional": "régional", "national": "national", "joint": "commun",
       "final": "final", "new": "nouveau", "short": "court", "full": "complet",
       "report": "rapport", "plan": "plan", "study": "étude", "review": "examen",
       "survey": "enquête", "guide": "guide", "note": "note", "brief": "dossier"}


def letters(number: int) -> str:
    """A number written with letters (no digits: the numbers check stays quiet)."""
    word = ""
    while True:
        number, digit = divmod(number, 26)
        word = chr(ord("a") + digit) + word
        if not number:
            return word


def make_project(root: Path, entries: int) -> Path:
    """One document of ``entries`` sentences, its French catalogue filled in."""
    from l10n_pipeline.cli import main

    sentences = [(a, n) for a in _ADJECTIVES for n in _NOUNS][:entries]
    (root / "source").mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text('[tool.l10n]\nlanguages = ["fr"]\n[tool.l10n.mt]\n'
                                         'provider = "none"\n', encoding="utf-8")
    (root / "source/guide.md").write_text(
        "".join(f"The {a} {n} is ready.\n\n" for a, n in sentences), encoding="utf-8")
    with open(os.devnull, "w") as quiet:
        stderr, sys.stderr = sys.stderr, quiet
        try:
            assert main(["-C", str(root), "extract"]) == 0
            assert main(["-C", str(root), "update"]) == 0
        finally:
            sys.stderr = stderr
    path = root / "translations/fr/guide.po"
    po = load_po(path)
    for index, entry in enumerate(live_entries(po)):
        adjective, noun = sentences[index]
        entry.msgstr = f"Le {_FR[noun]} {_FR[adjective]} est prêt."
        if index % 3 == 1:
            entry.flags.append("fuzzy")
            set_tagged_line(entry, PREFILL_TAG, f"mt:bench h={entry_hash(entry)}")
        elif index % 3 == 2:
            entry.flags.append("fuzzy")
    save_po(po, path)
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def server(root: Path) -> Iterator[str]:
    """``l10n serve`` in its own process, with a token; yields its base URL."""
    port = free_port()
    env = {**os.environ, "L10N_SERVE_TOKEN": TOKEN}
    process = subprocess.Popen([sys.executable, "-m", "l10n_pipeline.cli", "-C", str(root),
                                "serve", "--port", str(port)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                httpx.get(url + "/login", timeout=1)
                break
            except httpx.TransportError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("l10n serve did not start: "
                                       + process.stderr.read().decode()[-500:]) from None
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(10)


_ARTICLE = re.compile(r'data-id="(\w+)" data-version="(\w+)" data-status="(\w+)"')
_CSRF = re.compile(r'<meta name="csrf" content="([^"]+)">')
_REFUSAL = re.compile(r"<p>Not applied: (.+?)</p>", re.S)


@dataclass
class Outcome:
    """Everything the reviewers and the outside writer saw."""

    pages: int = 0
    status: Counter = field(default_factory=Counter)
    actions: Counter = field(default_factory=Counter)
    reasons: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    # entry id -> (base version, new version) of every applied write
    writes: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    latencies: list[float] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def reviewer(url: str, number: int, until: float, seed: int, outcome: Outcome) -> None:
    rng = random.Random(seed * 1000 + number)
    with httpx.Client(base_url=url, timeout=30, follow_redirects=False) as http:
        login = http.get("/login").text
        http.post("/login", data={"csrf": _CSRF.search(login).group(1), "token": TOKEN,
                                  "name": f"Reviewer {letters(number)}"})
        counter = 0
        while time.monotonic() < until:
            page = http.get(PAGE)
            with outcome.lock:
                outcome.pages += 1
            if page.status_code != 200:
                with outcome.lock:
                    outcome.problems.append(f"page: HTTP {page.status_code}")
                continue
            csrf = _CSRF.search(page.text).group(1)
            shown = _ARTICLE.findall(page.text)
            for _ in range(rng.randint(1, 4)):  # later actions use an older page
                if time.monotonic() >= until:
                    break
                entry, version, _status = rng.choice(shown)
                action = rng.choices(["approve", "save", "reject", "accept"], [4, 3, 2, 2])[0]
                counter += 1
                data = {"csrf": csrf, "entry": entry, "version": version, "action": action}
                if action == "save":
                    data["text"] = f"Texte revu par {letters(number)} {letters(counter)}."
                if action == "reject":
                    data["reason"] = f"terme {letters(counter)}"
                started = time.monotonic()
                response = http.post(PAGE + "/act", data=data,
                                     headers={"X-Requested-With": "fetch"})
                elapsed = time.monotonic() - started
                record(outcome, entry, version, action, response, elapsed)


def record(outcome: Outcome, entry: str, version: str, action: str,
           response: httpx.Response, elapsed: float) -> None:
    with outcome.lock:
        outcome.latencies.append(elapsed)
        outcome.status[response.status_code] += 1
        outcome.actions[action] += 1
        if response.status_code == 200:
            found = _ARTICLE.search(response.text)
            if not found or found.group(1) != entry:
                outcome.problems.append(f"{action} applied but no entry returned")
                return
            outcome.writes[entry].append((version, found.group(2)))
        elif response.status_code in (409, 422):
            reason = _REFUSAL.search(response.text)
            if not reason:
                outcome.problems.append(f"{action} refused without a reason")
                return
            outcome.reasons[re.sub(r"check errors: .*", "check errors", reason.group(1))
                            [:60]] += 1
        else:
            outcome.problems.append(f"{action}: HTTP {response.status_code}")


def outside_writer(path: Path, root: Path, until: float, seed: int, outcome: Outcome) -> None:
    """Edits under the project lock, as ``l10n`` commands or a cooperating editor do."""
    rng = random.Random(seed)
    count = 0
    while time.monotonic() < until:
        time.sleep(0.3)
        count += 1
        with project_lock(root, timeout=30):
            po = load_po(path)
            entry = rng.choice(live_entries(po))
            before = entry_version(entry)
            entry.msgstr = f"Texte de l'éditeur {letters(count)}."
            save_po(po, path)
            with outcome.lock:
                outcome.writes[entry_id(entry)].append((before, entry_version(entry)))
                outcome.actions["outside edit"] += 1


def overview_to_review(url: str) -> int:
    """What the overview says is still to review, as a new reviewer sees it."""
    with httpx.Client(base_url=url, timeout=30) as http:
        login = http.get("/login").text
        http.post("/login", data={"csrf": _CSRF.search(login).group(1), "token": TOKEN,
                                  "name": "Coordinator"})
        return int(re.search(r"(\d+) to review / \d+", http.get("/").text).group(1))


def lost_updates(initial: dict[str, str], final: dict[str, str],
                 writes: dict[str, list[tuple[str, str]]]) -> list[str]:
    """Entries whose writes do not form one history from the initial to the final version.

    In one history every version is written as often as it is the base of a write,
    except the initial one (one more base) and the final one (one more written).  Two
    writes from the same base -- a lost update -- break that balance.
    """
    problems = []
    for key, start in initial.items():
        balance: Counter = Counter()
        for base, new in writes.get(key, []):
            balance[base] -= 1
            balance[new] += 1
        balance[start] += 1
        balance[final.get(key, "")] -= 1
        if any(balance.values()):
            problems.append(f"entry {key}: writes do not form one history")
    return problems


def msgfmt_failures(root: Path) -> list[str]:
    failures = []
    for po in sorted((root / "translations").rglob("*.po")):
        done = subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(po)],
                              capture_output=True, text=True)
        if done.returncode:
            failures.append(f"{po}: {done.stderr.strip()[:200]}")
    return failures


def run(root: Path, reviewers: int, seconds: float, entries: int, seed: int = 1) -> dict:
    """The whole load test in ``root`` (an empty directory); returns its findings."""
    path = make_project(root, entries)
    initial = {entry_id(e): entry_version(e) for e in live_entries(load_po(path))}
    outcome = Outcome()
    with server(root) as url:
        until = time.monotonic() + seconds
        threads = [threading.Thread(target=reviewer, args=(url, n, until, seed, outcome))
                   for n in range(reviewers)]
        threads.append(threading.Thread(target=outside_writer,
                                        args=(path, root, until, seed, outcome)))
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.monotonic() - started
        final = {entry_id(e): entry_version(e) for e in live_entries(load_po(path))}
        time.sleep(2.1)  # past the caches' racy window: from now on timestamps are trusted
        overview_to_review(url)  # a coordinator looks, then someone approves everything
        with project_lock(root):
            project = Project.at(root)
            approve(project, "fr", "Finisher", project.documents)
        shown = overview_to_review(url)
    to_review = sum(entry_status(e) is not Status.REVIEWED for e in live_entries(load_po(path)))
    empty = [e.msgid for e in live_entries(load_po(path)) if not e.msgstr]
    latencies = sorted(outcome.latencies) or [0.0]
    return {
        "reviewers": reviewers, "seconds": round(wall, 1), "entries": entries,
        "pages": outcome.pages, "actions_sent": sum(outcome.status.values()),
        "requests_per_second": round((outcome.pages + sum(outcome.status.values())) / wall, 1),
        "status": dict(outcome.status), "actions": dict(outcome.actions),
        "reasons": dict(outcome.reasons.most_common()),
        "applied_writes": sum(len(w) for w in outcome.writes.values()),
        "latency_ms": {"p50": round(1000 * latencies[len(latencies) // 2]),
                       "p95": round(1000 * latencies[int(len(latencies) * 0.95)]),
                       "max": round(1000 * latencies[-1])},
        "problems": outcome.problems[:20],
        "lost_updates": lost_updates(initial, final, outcome.writes),
        "emptied": empty,
        "msgfmt_failures": msgfmt_failures(root),
        "overview_stale": shown != to_review,
    }


def main() -> int:
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reviewers", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--entries", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as directory:
        result = run(Path(directory), args.reviewers, args.seconds, args.entries, args.seed)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    failed = result["problems"] or result["lost_updates"] or result["emptied"] or \
        result["msgfmt_failures"] or result["overview_stale"]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
