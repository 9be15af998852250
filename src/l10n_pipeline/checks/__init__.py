"""Quality checks.

- ``base``: the kinds of check (target, source, catalogue, project), what each sees, the
  registry;
- one module per family: ``glossary``, ``markup``, ``numbers``, ``shape``, ``script``,
  ``bidi`` (bidirectional text and Arabic script), ``typography``, ``consistency``
  (project-wide), ``source`` (the source text itself), ``header`` (the catalogue's header);
- ``number_words``: the number words num2words lacks (every other language fact, the
  direction included, is in :mod:`l10n_pipeline.lang`);
- ``runner``: running them over catalogues, templates and the project, in parallel and
  from the cache.

``#, ignore-<id>`` on an entry silences a check there; ``[tool.l10n.checks] disable``
silences it for the project.
"""

# Registration order is the order of `l10n check --list` and of findings on one entry.
from . import glossary, markup, numbers, shape, script, bidi, typography, consistency, source, header  # noqa: I001
from .base import (REGISTRY, CatalogueCheck, Check, Pair, Placed, ProjectCheck, Source,
                   SourceCheck, TargetCheck, checks_of)
from .runner import check_catalog, check_project, check_template, run_checks

__all__ = ["REGISTRY", "CatalogueCheck", "Check", "Pair", "Placed", "ProjectCheck", "Source",
           "SourceCheck", "TargetCheck", "check_catalog", "check_project", "check_template",
           "checks_of", "run_checks",
           "bidi", "consistency", "glossary", "header", "markup", "numbers", "script", "shape",
           "source", "typography"]
