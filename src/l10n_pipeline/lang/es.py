"""Spanish: written in Latin letters; glossary words by their Snowball stem (the default)."""

from __future__ import annotations

from dataclasses import replace

from .rules import default_rules

RULES = replace(default_rules("es"), script="Latin")
