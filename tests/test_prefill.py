"""Pre-fill: memory, then MT through deep-translator's LibreTranslator against a real
HTTP server on 127.0.0.1."""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path

import polib
import pytest

from l10n_pipeline.cli import main
from l10n_pipeline.files import load_po
from l10n_pipeline.model import PREFILL_TAG, Status, entry_status, tagged_lines
from l10n_pipeline.mt import mask, unmask

sys.path.insert(0, str(Path(__file__).parent))
from libretranslate_server import LibreServer  # noqa: E402

DOC = """\
---
title: Asylum seekers in Vienna
---

# Asylum seekers in Vienna

Asylum seekers arrived. See [the report](https://example.org/r.pdf) or write to info@icmpd.org.

ICMPD runs the SCOP project. Asylum seekers arrived.

Use `l10n prefill` to fill this.
"""


def config(url: str, timeout: float = 5, retries: int = 3, extra: str = "") -> str:
    return f"""
[tool.l10n]
languages = ["fr", "tr"]
[tool.l10n.mt]
provider = "libre"
url = "{url}"
timeout = {timeout}
retries = {retries}
concurrency = 4
{extra}
"""


@pytest.fixture
def server():
    with LibreServer() as srv:
        yield srv


def prepared(make_project, url: str, **kw):
    project = make_project({"source/a.md": DOC}, config=config(url, **kw))
    assert main(["-C", str(project.root), "extract"]) == 0
    assert main(["-C", str(project.root), "update"]) == 0
    return project


def catalog(project, lang="fr") -> polib.POFile:
    return load_po(project.root / f"translations/{lang}/a.po")


@pytest.mark.parametrize("text", [
    "See [the report](https://example.org/r.pdf?a=1&b=2) now.",
    "Write to info@icmpd.org or visit <https://icmpd.org/>.",
    "Run `l10n prefill --lang fr` and ICMPD stays ICMPD in SUPPORT PMM.",
    "No special parts at all.",
])
def test_masking_round_trip(text):
    masked, kept = mask(text, ("SUPPORT PMM", "ICMPD"))
    assert "https://" not in masked and "@" not in masked and "`" not in masked
    assert "ICMPD" not in masked
    assert unmask(masked, kept) == text


@pytest.mark.parametrize("broken", ["⟦0⟧ only", "⟦0⟧ ⟦0⟧ ⟦1⟧", "⟦0⟧ ⟦1⟧ ⟦2⟧"])
def test_unmask_refuses_lost_or_duplicated_placeholders(broken):
    assert unmask(broken, ["a", "b"]) is None


def test_prefill_through_libretranslate(make_project, server, capsys):
    project = prepared(make_project, server.url)
    assert main(["-C", str(project.root), "prefill", "--format", "json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    unique = {e.msgid for e in polib.pofile(str(project.root / "translations/templates/a.pot"))
              if e.msgid}
    # each unique text is sent once per language, though it occurs twice in the document
    assert len(server.requests) == 2 * len(unique)
    assert summary["languages"]["fr"]["from_mt"] == len(unique)
    po = catalog(project)
    entry = po.find("Asylum seekers arrived.")
    assert entry.msgstr == "[fr] Asylum seekers arrived." and entry.fuzzy
    assert tagged_lines(entry, PREFILL_TAG)[0].startswith("mt:libre h=")
    assert entry_status(entry) is Status.MACHINE
    link = po.find("See [the report](https://example.org/r.pdf) or write to info@icmpd.org.")
    assert link.msgstr == "[fr] See [the report](https://example.org/r.pdf) or write to " \
                          "info@icmpd.org."
    sent = {r["q"] for r in server.requests}
    assert not any("https://" in q or "@" in q or "`" in q for q in sent)
    assert all(r["source"] == "en" for r in server.requests)


def test_glossary_violations_are_noted_and_dnt_terms_never_sent(make_project, server):
    project = prepared(make_project, server.url)
    shutil.copy(Path(__file__).parents[1] / "glossary.csv", project.root / "glossary.csv")
    main(["-C", str(project.root), "prefill", "--lang", "fr"])
    assert not any("ICMPD" in r["q"] or "SCOP" in r["q"] for r in server.requests)
    assert catalog(project).find("ICMPD runs the SCOP project.").msgstr == \
        "[fr] ICMPD runs the SCOP project."
    entry = catalog(project).find("Asylum seekers arrived.")
    notes = tagged_lines(entry, "l10n-glossary:")
    assert notes and "demandeur d’asile" in notes[0]


def test_rerun_sends_nothing(make_project, server):
    project = prepared(make_project, server.url)
    main(["-C", str(project.root), "prefill"])
    sent = len(server.requests)
    for path in (project.root / "translations").rglob("*.po"):  # even with entries emptied
        po = load_po(path)
        for entry in po:
            entry.msgstr = ""
            entry.flags = []
        po.save(str(path))
    assert main(["-C", str(project.root), "prefill"]) == 0
    assert len(server.requests) == sent
    assert catalog(project).find("Asylum seekers arrived.").msgstr.startswith("[fr]")


def test_memory_comes_first_exact_and_fuzzy(make_project, server):
    project = prepared(make_project, server.url)
    tr = catalog(project, "fr")
    tr.find("Asylum seekers arrived.").msgstr = "Des demandeurs d'asile sont arrivés."
    tr.save(str(project.root / "translations/fr/a.po"))
    other = project.root / "source/b.md"
    other.write_text("Asylum seekers arrived.\n\nAsylum seekers arrived today.\n")
    main(["-C", str(project.root), "extract"])
    main(["-C", str(project.root), "update"])
    main(["-C", str(project.root), "prefill", "--lang", "fr", "--provider", "none"])
    po = load_po(project.root / "translations/fr/b.po")
    exact = po.find("Asylum seekers arrived.")
    assert exact.msgstr == "Des demandeurs d'asile sont arrivés." and exact.fuzzy
    assert tagged_lines(exact, PREFILL_TAG)[0].startswith("memory h=")
    fuzzy = po.find("Asylum seekers arrived today.")
    assert fuzzy.msgstr == "Des demandeurs d'asile sont arrivés."
    assert tagged_lines(fuzzy, PREFILL_TAG)[0].startswith("memory:8")  # score noted
    assert server.requests == []


def test_retries_on_429_with_retry_after_and_on_503(make_project, server):
    project = prepared(make_project, server.url, extra="")
    server.fail_429, server.retry_after = 1, "1"
    server.fail_503 = 1
    start = time.monotonic()
    assert main(["-C", str(project.root), "prefill", "--lang", "fr", "--strict"]) == 0
    assert time.monotonic() - start >= 1.0  # Retry-After honoured
    assert all(e.msgstr for e in catalog(project) if e.msgid)


def test_hanging_request_ends_at_the_timeout(make_project, server, capsys):
    project = prepared(make_project, server.url, timeout=0.5, retries=1)
    server.hang = 3
    start = time.monotonic()
    assert main(["-C", str(project.root), "prefill", "--lang", "fr", "--strict"]) == 1
    assert time.monotonic() - start < 2.5
    assert "no answer within 0.5 s" in capsys.readouterr().err


def test_malformed_answer_and_lost_placeholders_leave_entries_untranslated(make_project, server):
    project = prepared(make_project, server.url, retries=1)
    server.drop_placeholders = True
    main(["-C", str(project.root), "prefill", "--lang", "fr"])
    po = catalog(project)
    assert po.find("See [the report](https://example.org/r.pdf) or write to "
                   "info@icmpd.org.").msgstr == ""
    assert po.find("Asylum seekers arrived.").msgstr  # no placeholder, translated
    server.drop_placeholders, server.malformed = False, True
    main(["-C", str(project.root), "prefill", "--lang", "tr"])
    assert all(e.msgstr == "" for e in catalog(project, "tr") if e.msgid)


def test_unreachable_provider_touches_nothing(make_project, capsys):
    project = prepared(make_project, "http://127.0.0.1:9/", retries=1)
    before = {p: p.read_bytes() for p in (project.root / "translations").rglob("*.po")}
    capsys.readouterr()
    assert main(["-C", str(project.root), "prefill"]) == 0
    assert "unreachable" in capsys.readouterr().err
    assert main(["-C", str(project.root), "prefill", "--strict"]) == 1
    assert before == {p: p.read_bytes() for p in (project.root / "translations").rglob("*.po")}


def test_dry_run_lists_and_writes_nothing(make_project, server, capsys):
    project = prepared(make_project, server.url)
    before = {p: p.read_bytes() for p in (project.root / "translations").rglob("*.po")}
    capsys.readouterr()
    assert main(["-C", str(project.root), "prefill", "--dry-run", "--format", "json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    fr = summary["would_send"]["fr"]
    assert fr["segments"] == len(fr["texts"]) > 0
    assert fr["characters"] == sum(t["characters"] for t in fr["texts"]) > 100
    assert {"text": "Asylum seekers arrived.", "characters": 23} in fr["texts"]
    total = summary["would_send_total"]
    assert total["segments"] == sum(v["segments"] for v in summary["would_send"].values())
    assert main(["-C", str(project.root), "prefill", "--dry-run"]) == 0
    err = capsys.readouterr().err
    assert f"fr: {fr['segments']} segment(s), {fr['characters']:,} characters" in err
    assert "      23  Asylum seekers arrived." in err
    assert f"total: {total['segments']} segment(s), {total['characters']:,} characters" in err
    assert server.requests == []
    assert before == {p: p.read_bytes() for p in (project.root / "translations").rglob("*.po")}


def test_missing_catalogue_and_unknown_provider_are_exit_2(make_project, capsys):
    project = make_project({"source/a.md": DOC}, config=config("http://127.0.0.1:9/"))
    main(["-C", str(project.root), "extract"])
    assert main(["-C", str(project.root), "prefill"]) == 2
    assert "run 'l10n update' first" in capsys.readouterr().err
    main(["-C", str(project.root), "update"])
    assert main(["-C", str(project.root), "prefill", "--provider", "babelfish"]) == 2
