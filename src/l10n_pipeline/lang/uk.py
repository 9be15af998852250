"""Ukrainian: written in Cyrillic letters."""

from __future__ import annotations

from .rules import Rules

RULES = Rules(script="Cyrillic")
