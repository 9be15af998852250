"""Sentence segmentation that knows abbreviations in en, fr, ru, ar and tr.

An SRX-style rule engine: a *break rule* (sentence-final punctuation, optional closing
quotes or brackets, white space, then the start of a new sentence) and *no-break
exceptions* per language, kept as plain tables in each language's module of
:mod:`l10n_pipeline.lang` (``lang/fr.py``; English's for a language without one).
No library handles all five languages (see README): pysbd has no Turkish and splits Arabic at the comma ``،``, ICU
splits after "Mr.", LanguageTool's SRX rules have no Turkish.

Exceptions, checked on the word before the full stop:

- a *title* abbreviation ("Mr.", "H.E.", "проф.", "Doç.", "د.") never ends a sentence;
- an *ordinary* abbreviation ("etc.", "Nov.", "г.", "Oca.") ends one only when the
  next word starts with a capital letter;
- a capital letter ("И.", "H.") is an initial, never an end; so is a small letter that
  follows another one ("т. н.", "т. е.");
- in Turkish a number with a full stop is an ordinal ("17. Üyesi");
- nothing inside inline code, a link target or an autolink is a boundary.

Abbreviations are compared after language-aware case folding (Turkish dotted and
dotless i), so "PROF." and "Prof." are the same word.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .lang import language

Span = tuple[int, int]

_TERMINAL = ".!?…؟۔"
_CLOSERS = "\"'”’»)]›"
# Every pattern here is linear in the length of the text, however hostile: a match
# starts only where a run starts (look-behind), runs are taken possessively, and no
# repeated part can run past the character the next part needs (tests/test_linear.py).
_BOUNDARY = re.compile(rf"(?<![{re.escape(_TERMINAL)}])[{re.escape(_TERMINAL)}]++"
                       rf"[{re.escape(_CLOSERS)}]*+(?=\s+\S)")
# Regions whose full stops are never sentence ends: inline code, link targets, autolinks,
# URLs and e-mail addresses.
_PROTECTED = re.compile(r"`+[^`]*`+|\]\([^)\]]*\)|<[a-zA-Z][^<>\s]*>|https?://\S+"
                        r"|(?<!\S)[^\s@]+@[^\s@]+\.\w+")
_WORD_BEFORE = re.compile(r"([^\s(\[\"'“«„]+)$")
_INITIAL_BEFORE = re.compile(r"(?:^|\s)\w\.\s*$")  # "J. " before the current word
_SPACE = re.compile(r"\s*")
_WINDOW = 64  # characters before a boundary that decide it (no abbreviation is longer)


def _no_break(word: str, after_initial: bool, next_char: str, lang: str) -> bool:
    """True when the full stop after ``word`` ends no sentence; ``after_initial`` says
    the word follows a one-letter abbreviation, ``next_char`` starts the next word."""
    facts = language(lang)
    titles, ordinary = facts.rules.titles or frozenset(), facts.rules.ordinary or frozenset()
    folded = facts.lower(word).strip(".")
    if not folded:
        return False
    if folded in titles:
        return True
    if len(folded) == 1 and folded.isalpha():
        if word[0].isupper() or after_initial:
            return True  # an initial, or a run of one-letter abbreviations
    if re.fullmatch(r"(?:\w\.)+\w", folded):  # "U.S", "т.е", "H.E": dotted initials
        return True
    if folded in ordinary:
        return not next_char.isupper()
    if facts.rules.ordinal_stop and folded.isdigit():
        return True  # an ordinal: Turkish "17. Üyesi"
    # A lower-case continuation never starts a sentence in a cased script.
    return next_char.islower()


def split_sentences(text: str, lang: str) -> list[Span]:
    """Spans of the sentences of ``text`` (white space between them excluded).

    Linear in the length of the text: each boundary looks only at a bounded window
    around itself.
    """
    protected = [m.span() for m in _PROTECTED.finditer(text)]
    protected_starts = [a for a, _ in protected]
    spans: list[Span] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        region = bisect_right(protected_starts, match.start()) - 1
        if region >= 0 and match.start() < protected[region][1]:
            continue
        space = _SPACE.match(text, end)  # always matches (maybe nothing)
        next_start = space.end() if space else end
        if text[match.start()] == ".":
            word = _WORD_BEFORE.search(text, max(0, match.start() - _WINDOW), match.start() + 1)
            if word:
                after_initial = bool(_INITIAL_BEFORE.search(
                    text, max(0, word.start(1) - _WINDOW), word.start(1)))
                if _no_break(word.group(1), after_initial, text[next_start:next_start + 1],
                             lang):
                    continue
        spans.append((start, end))
        start = next_start
    if start < len(text.rstrip()):
        spans.append((start, len(text.rstrip())))
    return [(a, b) for a, b in spans if text[a:b].strip()]
