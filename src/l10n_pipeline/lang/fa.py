"""Persian: written in Arabic letters."""

from __future__ import annotations

from .rules import Rules

RULES = Rules(script="Arabic")
