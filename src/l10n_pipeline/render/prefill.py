"""``l10n prefill`` output: what was filled per language, and for ``--dry-run`` every
segment that would be sent with its character count."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from ..prefill import PrefillSummary
from .escape import one_line


def prefill_text(summary: PrefillSummary) -> Group:
    table = Table(title=f"prefill ({summary.provider})", title_justify="left")
    for column in ("language", "from memory", "from MT", "failed", "glossary violations",
                   "characters sent"):
        table.add_column(column, justify="right" if column != "language" else "left")
    for language, s in summary.languages.items():
        table.add_row(language, str(s.from_memory), str(s.from_mt), str(s.failed),
                      str(s.glossary_violations), f"{s.characters_sent:,}")
    parts: list = [table]
    if summary.dry_run:
        parts += dry_run_lines(summary)
    if summary.unreachable:
        parts.append(Text(f"prefill: provider {summary.provider!r} unreachable "
                          f"({one_line(summary.unreachable)}); catalogues left as they were",
                          "yellow"))
    parts += [Text.assemble(("failed: ", "yellow"), one_line(failure))
              for failure in summary.failures[:10]]
    if len(summary.failures) > 10:
        parts.append(Text(f"... and {len(summary.failures) - 10} more failures "
                          "(l10n prefill --format json lists them all)"))
    return Group(*parts)


def dry_run_lines(summary: PrefillSummary) -> list[Text]:
    """Each segment that would be sent, with its characters, per language and in all."""
    lines = [Text(f"dry run: nothing was sent to {summary.provider!r}; it would send:")]
    for language, texts in summary.would_send.items():
        lines.append(Text(f"{language}: {len(texts)} segment(s), "
                          f"{sum(map(len, texts)):,} characters", "bold"))
        lines += [Text(f"  {len(text):>6,}  {one_line(text)}") for text in texts]
    segments = sum(map(len, summary.would_send.values()))
    characters = sum(len(t) for texts in summary.would_send.values() for t in texts)
    lines.append(Text(f"total: {segments} segment(s), {characters:,} characters", "bold"))
    return lines
