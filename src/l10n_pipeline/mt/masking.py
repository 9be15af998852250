"""What machine translation must not touch, hidden behind numbered placeholders."""

from __future__ import annotations

import re

_MASKABLE = re.compile(
    r"`[^`]+`"                                   # inline code
    r"|(?<=\]\()[^)\s]+"                         # Markdown link target
    r"|<?https?://[^\s)>\]]+>?"                  # URLs (and autolinks)
    r"|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")  # e-mail addresses (from a word start:
                                                   # linear on a 1 MB token)
_PLACEHOLDER = re.compile(r"⟦(\d+)⟧")


def mask(text: str, dnt_terms: tuple[str, ...] = ()) -> tuple[str, list[str]]:
    """Replace what MT must not touch with numbered placeholders ``⟦n⟧``."""
    kept: list[str] = []

    def hide(match: re.Match) -> str:
        kept.append(match.group(0))
        return f"⟦{len(kept) - 1}⟧"

    masked = _MASKABLE.sub(hide, text)
    if dnt_terms:
        terms = re.compile("|".join(rf"(?<!\w){re.escape(t)}(?!\w)" for t in dnt_terms))
        masked = terms.sub(hide, masked)
    return masked, kept


def unmask(text: str, kept: list[str]) -> str | None:
    """Put masked pieces back; None when a placeholder was lost, repeated or invented."""
    found = [int(n) for n in _PLACEHOLDER.findall(text)]
    if sorted(found) != list(range(len(kept))):
        return None
    return _PLACEHOLDER.sub(lambda m: kept[int(m.group(1))], text)
