"""``l10n run`` output: what each stage did, then the coverage by language."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text

from ..pipeline import RunResult
from .prefill import prefill_text


def run_messages(result: RunResult) -> Group:
    """The stages' messages (stderr)."""
    if result.templates is None:
        parts: list = [Text("run: nothing changed since the last run")]
    else:
        parts = [Text(f"run: {result.templates} template(s), {result.catalogues} "
                      f"catalogue(s) written")]
    if result.prefill is not None:
        parts.append(prefill_text(result.prefill))
    parts.append(Text(f"check: {result.errors} error(s), {result.warnings} warning(s) "
                      f"(details: l10n check)"))
    return Group(*parts)

