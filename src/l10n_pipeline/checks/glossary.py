"""Glossary checks: required terms, forbidden usages, do-not-translate names (the
matching itself, inflection- and longest-match-aware, is in ``l10n_pipeline.glossary``)."""

from __future__ import annotations

from collections.abc import Iterator

from ..glossary import contains_term
from ..lang import language
from .base import Pair, Source, SourceCheck, TargetCheck, register


class _GlossaryCheck(TargetCheck):
    violation = ""  # the kind of glossary violation it reports

    def relevant(self, pair: Pair) -> bool:
        return bool(pair.violations)  # (most translations have none)

    def run(self, pair: Pair) -> Iterator[str]:
        for violation in pair.violations:
            if violation.kind == self.violation:
                yield violation.message


@register
class MissingTerm(_GlossaryCheck):
    id, severity, violation = "glossary-term", "warning", "missing-term"
    description = ("a glossary term of the source is not translated as the glossary says "
                   "(a term kept as written inside a quoted title or name in another script "
                   "is not missing)")

    def run(self, pair: Pair) -> Iterator[str]:
        kept = language(pair.source_lang).rules.script != \
            language(pair.target_lang).rules.script
        for violation in pair.violations:
            if violation.kind == self.violation and not (
                    kept and contains_term(violation.found, pair.target, pair.source_lang)):
                yield violation.message


@register
class ForbiddenTerm(_GlossaryCheck):
    id, severity, violation = "glossary-forbidden", "error", "forbidden-term"
    description = "the translation uses a usage the glossary forbids (e.g. 'illegal migrant')"


@register
class DntAltered(_GlossaryCheck):
    id, severity, violation = "glossary-dnt", "error", "dnt-altered"
    description = "a do-not-translate name is missing or altered in the translation"


@register
class SourceForbidden(SourceCheck):
    id, severity = "glossary-forbidden-source", "warning"
    description = "the source text uses a usage the glossary forbids"

    def run(self, source: Source) -> Iterator[str]:
        for violation in source.glossary.source_violations(source.text, source.lang):
            yield violation.message
