"""The catalogue's header: what every gettext tool reads before any entry."""

from __future__ import annotations

from collections.abc import Iterator

import polib

from ..lang import plural_forms_problem
from .base import CatalogueCheck, register


@register
class PluralForms(CatalogueCheck):
    id, severity = "plural-forms", "warning"
    description = "the header's Plural-Forms are GNU gettext's (msginit's) for the language"

    def run(self, catalog: polib.POFile, source_lang: str,
            target_lang: str) -> Iterator[tuple[polib.POEntry | None, str]]:
        written = catalog.metadata.get("Plural-Forms")
        if written is None and not any(entry.msgid_plural for entry in catalog):
            return  # gettext needs the header only for plural entries
        problem = plural_forms_problem(written, target_lang)
        if problem:
            yield None, problem
