"""A short run of the review server's load test (benchmarks/bench_serve.py runs it for
a minute): 20 reviewers on one catalogue at once, every action applied or refused with
a reason, every PO valid, no update lost."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
from bench_serve import lost_updates, run  # noqa: E402


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is not installed")
def test_twenty_reviewers_for_five_seconds(tmp_path):
    result = run(tmp_path, reviewers=20, seconds=5, entries=40)
    assert result["problems"] == []
    assert set(result["status"]) <= {200, 409, 422}
    assert result["status"].get(200, 0) >= 10       # work was done
    assert result["status"].get(409, 0) >= 1        # stale pages were refused, not applied
    assert result["actions"]["outside edit"] >= 5   # while the files changed outside
    assert result["lost_updates"] == [] and result["emptied"] == []
    assert result["msgfmt_failures"] == []
    assert result["overview_stale"] is False


def test_the_history_check_finds_a_lost_update():
    assert lost_updates({"e": "v0"}, {"e": "v2"}, {"e": [("v0", "v1"), ("v1", "v2")]}) == []
    # two writes from the same version: one of them overwrote the other unseen
    assert lost_updates({"e": "v0"}, {"e": "v2"}, {"e": [("v0", "v1"), ("v0", "v2")]}) == [
        "entry e: writes do not form one history"]
