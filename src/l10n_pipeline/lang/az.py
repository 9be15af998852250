"""Azerbaijani: dotted and dotless i, as in Turkish."""

from __future__ import annotations

from .rules import Rules

RULES = Rules(dotted_i=True)
