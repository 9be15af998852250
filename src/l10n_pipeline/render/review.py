"""The interactive review's screen: the whole source and translation, wrapped at any
width (never cut), the entry's check findings and glossary terms, and the keys."""

from __future__ import annotations

from collections import Counter

from rich.console import Group
from rich.text import Text

from ..review import KEYS, Approval, Card
from .escape import terminal

_SEVERITY = {"error": "bold red", "warning": "yellow"}


def _field(label: str, text: str, style: str = "") -> Text:
    """``label`` then the text on its own lines, wrapped by words at the console width."""
    return Text.assemble((f"{label}\n", "dim"), (terminal(text), style))


def review_card(card: Card) -> Group:
    title = (f"{card.language} review · {card.document} · {card.position}/{card.total} · "
             f"{card.status}")
    parts: list = [Text(""), Text(f"── {terminal(title)} ──", "bold"),
                   Text(terminal(card.where), "dim"),
                   *(_field("context:", context, "dim") for context in card.context),
                   _field("source:", card.source),
                   _field("translation" + (" (right-to-left):" if card.rtl else ":"),
                          card.translation, "bold")]
    if card.terms:
        parts.append(Text("glossary:", "dim"))
        parts += [Text(f"  {terminal(term)} → {terminal(target)}") for term, target in card.terms]
    for finding in card.findings:
        parts.append(Text.assemble((finding.severity, _SEVERITY[finding.severity]),
                                   f" {finding.check}: {terminal(finding.message)}"))
    return Group(*parts)


def review_prompt() -> str:
    return "  ".join(f"[{key}]{name[1:]}" for key, name in KEYS.items()) + " > "


def review_counts(counts: dict[str, int]) -> str:
    return "review: " + ", ".join(f"{n} {k}" for k, n in counts.items())


def approval_text(approval: Approval, reviewer: str) -> str:
    """How many were signed, and how many were not for a check error (and which)."""
    n = approval.approved
    text = f"review: {n} entr{'y' if n == 1 else 'ies'} approved by {reviewer}"
    if approval.skipped:
        checks = Counter(f.check for f in approval.skipped)
        text += (f"; {approval.skipped_entries} skipped for check errors ("
                 + ", ".join(f"{check}: {count}" for check, count in checks.items())
                 + "): fix them (l10n check), or sign anyway with --force")
    return text
