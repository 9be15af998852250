"""Markup and placeholders: URLs, e-mail addresses, inline code, Markdown links, HTML
tags and emphasis are carried over exactly."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from .base import Pair, TargetCheck, register
from .text import CODE, EMAIL, EMPHASIS, LINK, TAG, URL, without_urls


class _SameItems(TargetCheck):
    pattern: re.Pattern = URL
    what = ""

    def run(self, pair: Pair) -> Iterator[str]:
        in_source, in_target = self.pattern.findall(pair.source), \
            self.pattern.findall(pair.target)
        if sorted(in_source) != sorted(in_target):  # (most have the same: no counting)
            source, target = Counter(in_source), Counter(in_target)
            missing = list((source - target).elements())
            extra = list((target - source).elements())
            parts = ([f"missing {', '.join(map(repr, missing))}"] if missing else []) + \
                    ([f"unexpected {', '.join(map(repr, extra))}"] if extra else [])
            yield f"{self.what} differ from the source: {'; '.join(parts)}"


@register
class Urls(_SameItems):
    id, severity, pattern, what = "urls", "error", URL, "URLs"
    triggers = frozenset(":")
    description = "URLs in the translation are exactly those of the source"


@register
class Emails(_SameItems):
    id, severity, pattern, what = "emails", "error", EMAIL, "e-mail addresses"
    triggers = frozenset("@")
    description = "e-mail addresses are exactly those of the source"


@register
class InlineCode(_SameItems):
    id, severity, pattern, what = "inline-code", "error", CODE, "inline code spans"
    triggers = frozenset("`")
    description = "inline code (`...`) is copied unchanged"


@register
class Links(_SameItems):
    id, severity, pattern, what = "markdown-links", "error", LINK, "Markdown link targets"
    triggers = frozenset("]")
    description = "Markdown links: same number and same targets"


@register
class HtmlTags(_SameItems):
    id, severity, pattern, what = "html-tags", "error", TAG, "HTML tags"
    triggers = frozenset("<")
    description = "HTML tags are the same as in the source"


def _emphasis(text: str) -> Counter:
    return Counter(EMPHASIS.findall(CODE.sub("", without_urls(text))))


@register
class Emphasis(TargetCheck):
    id, severity, triggers = "emphasis", "warning", frozenset("*_")
    description = "emphasis markers (*, **, __) are balanced as in the source"

    def run(self, pair: Pair) -> Iterator[str]:
        source, target = _emphasis(pair.source), _emphasis(pair.target)
        if source != target:
            yield (f"emphasis markers differ: source {dict(source) or 'none'}, "
                   f"translation {dict(target) or 'none'}")
