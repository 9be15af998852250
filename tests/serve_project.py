"""A small review project for the ``l10n serve`` tests: one release document in French
and Arabic, a glossary, and one entry in each status."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from l10n_pipeline.cli import main
from l10n_pipeline.files import load_po, save_po
from l10n_pipeline.model import PREFILL_TAG, entry_hash, set_tagged_line
from l10n_pipeline.review import sign

SOURCE = """---
title: Facts about <script>alert(1)</script>
---

# Migration policy

The centre was founded in 1993.

Read https://example.org/report for more.

It works on migration policy and return.

Asylum seekers are welcome.

The office is in Vienna.
"""

GLOSSARY = """en,fr,ar,type,note
migration policy,politique migratoire,سياسة الهجرة,term,
return,retour,العودة,term,
ICMPD,ICMPD,ICMPD,dnt,
"""

CONFIG = """[tool.l10n]
languages = ["fr", "ar"]
[tool.l10n.mt]
provider = "none"
[tool.l10n.release]
languages = ["fr", "ar"]
documents = ["about/**"]
"""

# msgid -> (msgstr, how): how is "reviewed", "translated", "machine" or "fuzzy"
ARABIC = {
    "Facts about <script>alert(1)</script>": ("حقائق عن <script>alert(1)</script>", "reviewed"),
    "Migration policy": ("سياسة الهجرة", "translated"),
    "The centre was founded in 1993.": ("أُسس المركز في عام 1993.", "machine"),
    "Read https://example.org/report for more.": ("اقرأ التقرير لمزيد من المعلومات.", "translated"),
    "It works on migration policy and return.": ("يعمل على سياسة الهجرة والعودة.", "translated"),
    "Asylum seekers are welcome.": ("طالبو اللجوء مرحب بهم.", "fuzzy"),
}


def build(make_project) -> Path:
    """The project, extracted and updated, with the Arabic catalogue filled in."""
    project = make_project({"source/about/facts.md": SOURCE, "glossary.csv": GLOSSARY},
                           config=CONFIG)
    assert main(["-C", str(project.root), "extract"]) == 0
    assert main(["-C", str(project.root), "update"]) == 0
    path = project.root / "translations/ar/about/facts.po"
    po = load_po(path)
    for msgid, (msgstr, how) in ARABIC.items():
        entry = po.find(msgid)
        entry.msgstr = msgstr
        if how in ("machine", "fuzzy"):
            entry.flags.append("fuzzy")
        if how == "machine":
            set_tagged_line(entry, PREFILL_TAG, f"mt:test h={entry_hash(entry)}")
        if how == "reviewed":
            sign(entry, "Ana", date(2026, 1, 1))
    save_po(po, path)
    return project.root
