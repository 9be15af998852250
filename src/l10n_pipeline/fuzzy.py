"""The most similar text among many, without comparing against all of them.

An inverted index of words selects candidates: the texts sharing the rarest words
of the query are scored first (rapidfuzz's ``ratio``), and only when none of them is
similar enough does the search widen to the texts sharing any of its few rarest
words.  Used by ``l10n update`` (msgmerge's fuzzy matching) and by the translation
memory; both then scale with the number of texts, not with its square.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from rapidfuzz import fuzz, process

_WORD = re.compile(r"\w+")
_RARE_WORDS = 4         # how many of a text's rarest words select candidates
_MAX_CANDIDATES = 2000  # per word: a very common word selects no more texts than this


class SimilarTexts:
    """An index over ``texts`` answering "which is most like this one?"."""

    def __init__(self, texts: Sequence[str]):
        self.texts = texts
        self.postings: dict[str, list[int]] = defaultdict(list)
        for index, text in enumerate(texts):
            for word in set(_WORD.findall(text.lower())):
                self.postings[word].append(index)
        self.frequency = Counter({w: len(p) for w, p in self.postings.items()})

    def best(self, text: str, cutoff: float) -> tuple[int, float] | None:
        """Index and score (0-100) of the most similar text scoring at least ``cutoff``.

        A match among the texts sharing the query's rarest word ends the search, else
        the next rarest words widen it.
        """
        words = sorted({w for w in _WORD.findall(text.lower()) if w in self.postings},
                       key=self.frequency.__getitem__)
        tried: set[int] = set()
        for count in (1, _RARE_WORDS):
            candidates: set[int] = set()
            for word in words[:count]:
                candidates.update(self.postings[word][:_MAX_CANDIDATES])
            order = sorted(candidates - tried)
            tried |= candidates
            if not order:
                continue
            found = process.extractOne(text, [self.texts[i] for i in order],
                                       scorer=fuzz.ratio, score_cutoff=cutoff)
            if found:
                return order[found[2]], found[1]
        return None
