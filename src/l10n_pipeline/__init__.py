"""l10n-pipeline: a gettext translation workflow for Markdown documents."""

__version__ = "0.1.0"
