"""The letters of the scripts the checks tell apart; a language names its own script in
its module (``Rules.script``)."""

from __future__ import annotations

import re
from functools import cache

LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
SCRIPTS = {"Latin": LATIN, "Cyrillic": CYRILLIC, "Arabic": ARABIC}


@cache
def other_letters(script: str) -> re.Pattern[str]:
    """A letter of any script in :data:`SCRIPTS` but ``script``."""
    return re.compile("|".join(rx.pattern for name, rx in SCRIPTS.items() if name != script))
