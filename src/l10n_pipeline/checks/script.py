"""Scripts: a translation is written in its language's script, without look-alike
letters of another script inside a word."""

from __future__ import annotations

from collections.abc import Iterator

from ..lang import language
from .base import Pair, TargetCheck, register
from ..lang.scripts import SCRIPTS
from .text import WORD


@register
class Script(TargetCheck):
    id, severity = "script", "error"
    description = "the translation is mostly in its language's script (Latin, Cyrillic, Arabic)"

    def relevant(self, pair: Pair) -> bool:
        expected = language(pair.target_lang).rules.script
        return expected is not None and bool(pair.target_scripts - {expected})

    def run(self, pair: Pair) -> Iterator[str]:
        expected = language(pair.target_lang).rules.script
        if not expected:
            return
        names = {w for w in WORD.findall(pair.source) if w[:1].isupper()}
        text = " ".join(w for w in WORD.findall(pair.target_prose) if w not in names)
        counts = {name: len(rx.findall(text)) for name, rx in SCRIPTS.items()}
        total = sum(counts.values())
        if total >= 8 and counts[expected] < total / 2:
            main_script = max(counts, key=counts.__getitem__)
            yield f"mostly {main_script} letters, expected {expected} for {pair.target_lang}"


@register
class MixedScriptWord(TargetCheck):
    id, severity = "mixed-script", "error"
    description = "no word mixes scripts (a Latin 'a' or 'o' inside a Cyrillic word)"

    def relevant(self, pair: Pair) -> bool:
        return len(pair.target_scripts) > 1

    def run(self, pair: Pair) -> Iterator[str]:
        for word in WORD.findall(pair.target_prose):
            present = [name for name, rx in SCRIPTS.items() if rx.search(word)]
            if len(present) > 1:
                yield f"{word!r} mixes {' and '.join(present)} letters (a look-alike letter?)"
