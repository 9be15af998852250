"""The most similar text among many, without comparing against all of them.

An inverted index of words selects candidates: the texts sharing the rarest words
of the query are scored first (rapidfuzz's ``ratio``), and only when none of them is
similar enough does the search widen to the texts sharing any of its few rarest
words.  A word held by many texts says little about which is most like the query:
as the rarest word it selects only the first hundred, and it never widens the search,
which bounds the work per query.  Used by ``l10n update`` (msgmerge's fuzzy matching)
and by the translation memory; both then scale with the number of texts, not with
its square.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from operator import itemgetter

from rapidfuzz import fuzz, process

_WORD = re.compile(r"\w+")
_RARE_WORDS = 4         # how many of a text's rarest words select candidates
_MAX_CANDIDATES = 100   # per word: a common word selects no more texts than this


class SimilarTexts:
    """An index over ``texts`` answering "which is most like this one?"."""

    def __init__(self, texts: Sequence[str], queries: Iterable[str] | None = None):
        """Index ``texts``; given the ``queries`` to come, only the words they hold."""
        self.texts = texts
        self.postings: dict[str, list[int]] = defaultdict(list)
        wanted = None if queries is None else set().union(*map(_words, queries))
        for index, text in enumerate(texts):
            words = _words(text)
            for word in words if wanted is None else wanted.intersection(words):
                self.postings[word].append(index)

    def best(self, text: str, cutoff: float) -> tuple[int, float] | None:
        """Index and score (0-100) of the most similar text scoring at least ``cutoff``.

        A match among the texts sharing the query's rarest word ends the search, else
        the next rarest words widen it, if few texts hold them.  Each word's texts are
        scored as one batch, in index order, so that ties go to the earliest text.
        """
        words = sorted(self.postings.keys() & _words(text),  # rarest first, then by spelling
                       key=lambda word: (len(self.postings[word]), word))
        widening = [w for w in words[1:_RARE_WORDS] if len(self.postings[w]) <= _MAX_CANDIDATES]
        for selected in (words[:1], widening):
            found = [self._best_sharing(word, text, cutoff) for word in selected]
            if any(found):
                return max(filter(None, found), key=lambda hit: (hit[1], -hit[0]))
        return None

    def _best_sharing(self, word: str, text: str, cutoff: float) -> tuple[int, float] | None:
        """The best match for ``text`` among the texts containing ``word``."""
        indexes = self.postings[word][:_MAX_CANDIDATES]
        choices = [self.texts[indexes[0]]] if len(indexes) == 1 else \
            itemgetter(*indexes)(self.texts)  # a tuple, built in C
        found = process.extractOne(text, choices, scorer=fuzz.ratio, score_cutoff=cutoff)
        return (indexes[found[2]], found[1]) if found else None


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))
