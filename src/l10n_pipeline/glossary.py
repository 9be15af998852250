"""The terminology glossary: loading, validating, and term matching that survives
inflection and casing in our languages.

A term matches a text when, token by token, each word of the term matches a word of
the text (consecutive, in order).  Words are compared by a per-language *key*, after
the language's case folding; how a language's words inflect is its module's business
in :mod:`l10n_pipeline.lang` (Turkish suffix chains in ``lang/tr.py``, Arabic clitics
in ``lang/ar.py``, Snowball stems for Russian and languages without a module).

Matching is exact on word boundaries: a term never matches inside an unrelated longer
word ("return" does not match "returnee").
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import chain, compress, count, repeat
from operator import eq, itemgetter
from pathlib import Path

from .errors import InputError
from .files import read_text
from .memo import keep, once
from .lang import base_language, language
from .model import Finding

TYPES = ("term", "dnt", "forbidden")


def fold(text: str, lang: str) -> str:
    """``text`` as its words are compared in ``lang`` (see :meth:`Language.fold`)."""
    return language(lang).fold(text)


def _word_matches(text_key: str, term_key: str, lang: str) -> bool:
    """Does an inflected text word (by key) match a term word (by key)?"""
    if text_key == term_key:
        return True
    matches = language(lang).rules.matches
    return matches is not None and matches(text_key, term_key)


@lru_cache(maxsize=64)
def _by_key_alone(lang: str) -> bool:
    """Do words of ``lang`` match exactly when their keys are equal (no suffix rules)?"""
    return language(lang).rules.matches is None


@dataclass(frozen=True)
class _Token:
    key: str
    start: int
    end: int


class _WordKeys(dict[str, str]):
    """Comparison keys of words as written in one language, computed once per word
    (stemming and folding dominate otherwise); bounded."""

    def __init__(self, lang: str):
        super().__init__()
        self.lang = lang

    def __missing__(self, word: str) -> str:
        if word.isdecimal():  # a number does not inflect: its own key (and, mostly seen
            return word       # once, not kept)
        facts = language(self.lang)
        return keep(self, word, facts.rules.key(facts.fold(word.rstrip("'’"))))


@lru_cache(maxsize=64)
def _keys_of(lang: str) -> _WordKeys:
    return _WordKeys(lang)


class _ChunkKeys(dict[str, tuple[str, ...]]):
    """The keys of the words of each run of text between white space, as written
    ("(ICMPD)," -> the key of "ICMPD"), computed once per run: a word never spans white
    space, so a text's words are its runs' words in order, and splitting at white space
    and looking runs up is a third of the time of finding every word with the pattern;
    bounded."""

    def __init__(self, lang: str):
        super().__init__()
        self.word = language(lang).rules.word
        self.words = _keys_of(lang)

    def __missing__(self, chunk: str) -> tuple[str, ...]:
        words = self.word.findall(unicodedata.normalize("NFC", chunk))
        keys = tuple(map(self.words.__getitem__, words))
        # a long one (a URL, a hostile token) is not kept
        return keep(self, chunk, keys) if len(chunk) <= 64 else keys


@lru_cache(maxsize=64)
def _chunks_of(lang: str) -> _ChunkKeys:
    return _ChunkKeys(lang)


@lru_cache(maxsize=1024)  # a translation is split by the glossary and the shape checks
def runs(text: str) -> tuple[str, ...]:
    """The runs of ``text`` between white space, in order."""
    return tuple(text.split())


@lru_cache(maxsize=1024)  # a text is matched against several terms and forms in a row
def word_keys(text: str, lang: str) -> tuple[str, ...]:
    """The comparison key of every word of ``text``, in order."""
    # (normalising each run when first met is normalising the text: white space
    # neither composes nor decomposes)
    return tuple(chain.from_iterable(map(_chunks_of(lang).__getitem__, runs(text))))


def tokens(text: str, lang: str) -> list[_Token]:
    """Words of ``text`` with their comparison keys and spans in ``text``."""
    keys = _keys_of(lang)
    return [_Token(keys[match.group()], match.start(), match.end())
            for match in language(lang).rules.word.finditer(unicodedata.normalize("NFC", text))]


def _occurs(keys: tuple[str, ...], term_keys: tuple[str, ...], lang: str) -> bool:
    """Do the words of ``term_keys`` occur in ``keys``, in order?  (A term without a
    word occurs nowhere.)"""
    if not term_keys:
        return False
    if _by_key_alone(lang):  # keys equal or no match: let C find each first word
        first, size = term_keys[0], len(term_keys)
        if size == 1:
            return first in keys
        position = -1
        try:
            while True:
                position = keys.index(first, position + 1)
                if keys[position:position + size] == term_keys:
                    return True
        except ValueError:  # no further occurrence of the first word
            return False
    return any(_match_at(keys, i, term_keys, lang) for i in range(len(keys)))


@lru_cache(maxsize=4096)
def _term_keys(term: str, lang: str) -> tuple[str, ...]:
    return word_keys(term, lang)


def _match_at(keys: tuple[str, ...], index: int, term_keys: tuple[str, ...], lang: str) -> bool:
    end = index + len(term_keys)
    if end > len(keys):
        return False
    if _by_key_alone(lang):
        return keys[index:end] == term_keys
    return all(_word_matches(keys[index + k], key, lang) for k, key in enumerate(term_keys))


def _close_together(keys: tuple[str, ...], term_keys: tuple[str, ...], lang: str) -> bool:
    """Does every word of the term occur, in any order, within a window of the term's
    length plus five words?"""
    if _by_key_alone(lang):  # equal keys: let C compare (most lack a word)
        if not all(map(keys.__contains__, term_keys)):
            return False
        places = [list(compress(count(), map(eq, keys, repeat(word)))) for word in term_keys]
    else:
        places = [[i for i, key in enumerate(keys) if _word_matches(key, word, lang)]
                  for word in term_keys]
    if not all(places):
        return False
    window = len(term_keys) + 5
    # A window holding them all can start where one of them is.
    return any(all(any(start <= i < start + window for i in word_places)
                   for word_places in places)
               for start in sorted({i for word_places in places for i in word_places}))


def find_term(term: str, text: str, lang: str) -> list[tuple[int, int]]:
    """Spans of ``text`` where ``term`` occurs in any inflected form."""
    term_keys = _term_keys(term, lang)
    if not term_keys:
        return []
    text_tokens = tokens(text, lang)
    keys = tuple(t.key for t in text_tokens)
    return [(text_tokens[i].start, text_tokens[i + len(term_keys) - 1].end)
            for i in range(len(keys)) if _match_at(keys, i, term_keys, lang)]


def contains_term(term: str, text: str, lang: str) -> bool:
    """Does ``term`` occur in ``text`` in any inflected form?  (``find_term`` without
    the spans: the text's words are keyed once for every term looked for.)"""
    term_keys = _term_keys(term, lang)
    return bool(term_keys) and _occurs(word_keys(text, lang), term_keys, lang)


@lru_cache(maxsize=1024)
def _verbatim(term: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(term)}(?!\w)")


def _contains_verbatim(term: str, text: str) -> bool:
    """A do-not-translate term, exactly as written, on word boundaries."""
    # The pattern opens with a look-behind, so ``search`` would try every position: it
    # starts at the first occurrence (the look-behind still sees the text before it).
    first = text.find(term)
    return first >= 0 and _verbatim(term).search(text, first) is not None


@dataclass(frozen=True)
class Concept:
    terms: dict[str, tuple[str, ...]]
    type: str = "term"
    note: str = ""
    row: int = 0

    def label(self) -> str:
        return next((alts[0] for alts in self.terms.values() if alts), "?")


@dataclass(frozen=True)
class Violation:
    kind: str  # "missing-term" | "forbidden-term" | "dnt-altered"
    concept: Concept
    found: str
    expected: tuple[str, ...]
    message: str


_Indexed = tuple[int, Concept, str, tuple[str, ...]]  # (order, concept, term, term keys)


class _Starts(dict[str, tuple[_Indexed, ...]]):
    """The terms and forbidden usages of a language with suffix rules that a text word
    (by key) can begin, computed once per key; bounded."""

    def __init__(self, index: dict[str, tuple[_Indexed, ...]], lang: str):
        super().__init__()
        self.index, self.lang = index, lang

    def __missing__(self, key: str) -> tuple[_Indexed, ...]:
        # under each beginning of the key, those whose first word it matches, each once
        found = {entry[0]: entry for beginning in language(self.lang).rules.beginnings(key)
                 for entry in self.index.get(beginning, ())
                 if _word_matches(key, entry[3][0], self.lang)}
        return keep(self, key, tuple(found.values()))


# (start, -end, order) -> (concept, term): sorted, by where they start, longest first
_Hits = dict[tuple[int, int, int], tuple[Concept, str]]


class _Terms:
    """The terms and forbidden usages of one language, indexed under each stem their
    first word can take, and where they occur in a text's words."""

    def __init__(self, concepts: tuple[Concept, ...], lang: str):
        self.lang = lang
        index: dict[str, list[_Indexed]] = {}
        for order, (concept, term) in enumerate(
                (c, t) for c in concepts if c.type in ("term", "forbidden")
                for t in c.terms.get(base_language(lang), ())):
            keys = _term_keys(term, lang)
            for stem in language(lang).rules.stems(keys[0]) if keys else ():
                index.setdefault(stem, []).append((order, concept, term, keys))
        self.index = {stem: tuple(entries) for stem, entries in index.items()}
        self.first_keys = frozenset(self.index)
        self.by_key = _by_key_alone(lang)
        self.starts = _Starts(self.index, lang)
        # By equal keys: under a first key, the terms of one word, and the longer ones
        # under their second key (a frequent first word begins many terms).
        self.by_first: dict[str, tuple[list[_Indexed], dict[str, list[_Indexed]]]] = {}
        for first, entries in self.index.items() if self.by_key else ():
            one, longer = self.by_first.setdefault(first, ([], {}))
            for entry in entries:
                if len(entry[3]) == 1:
                    one.append(entry)
                else:
                    longer.setdefault(entry[3][1], []).append(entry)

    def hits(self, keys: tuple[str, ...]) -> _Hits:
        """Every term or usage that occurs in the words ``keys``, by where it starts."""
        hits: _Hits = {}
        if self.by_key:  # a term starts where its first key is
            last = len(keys) - 1
            for position in compress(count(), map(self.first_keys.__contains__, keys)):
                one, longer = self.by_first[keys[position]]
                for order, concept, term, _ in one:
                    hits[position, -position - 1, order] = (concept, term)
                if longer and position < last:
                    for order, concept, term, term_keys in longer.get(keys[position + 1], ()):
                        end = position + len(term_keys)
                        if keys[position:end] == term_keys:
                            hits[position, -end, order] = (concept, term)
            return hits
        # the terms each word can begin (most begin none), those that go on to match
        begun = list(map(self.starts.__getitem__, keys))
        for position in compress(count(), begun):
            for order, concept, term, term_keys in begun[position]:
                end = position + len(term_keys)
                # (the first word matches; equal keys match in every language)
                if end == position + 1 or keys[position:end] == term_keys \
                        or _match_at(keys, position, term_keys, self.lang):
                    hits[position, -end, order] = (concept, term)
        return hits


class _Matches:
    """The glossary's terms and forbidden usages in one text of one language."""

    def __init__(self, present: frozenset[str], longest: tuple[tuple[Concept, str], ...]):
        self.present = present  # every term or usage that occurs, wherever it occurs
        self.longest = longest  # those not inside a longer match, in order

    def of(self, kind: str) -> list[tuple[Concept, str]]:
        return [(c, t) for c, t in self.longest if c.type == kind]

    @once
    def term_rows(self) -> frozenset[int]:
        """The rows of the concepts whose term the text says (the longest match)."""
        return frozenset(c.row for c, _ in self.longest if c.type == "term")


_NO_MATCHES = _Matches(frozenset(), ())


def _longest(hits: _Hits) -> _Matches:
    """The matches of ``hits``: a hit inside a longer one is not among the longest."""
    if not hits:
        return _NO_MATCHES
    if len(hits) == 1:
        ((concept, term),) = hits.values()
        return _Matches(frozenset((term,)), ((concept, term),))
    # In order of start, a hit is inside a longer one when an earlier one reaches as far
    # (the same span twice is two terms for one place: both stay).
    longest: dict[tuple[int, str], tuple[Concept, str]] = {}
    reach, kept = -1, (-1, -1)
    for span in sorted(hits):
        start, end = span[0], -span[1]
        if end > reach or (start, end) == kept:
            reach, kept = end, (start, end)
            concept, term = found = hits[span]
            longest.setdefault((concept.row, term), found)
    return _Matches(frozenset(map(itemgetter(1), hits.values())), tuple(longest.values()))


@dataclass
class Glossary:
    concepts: tuple[Concept, ...] = ()
    _terms_in: dict[str, _Terms] = field(default_factory=dict, repr=False)
    _nested_in: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)
    # A source text is checked once per target language: its terms are found once.
    _found_in: dict[tuple[str, str], _Matches] = field(default_factory=dict, repr=False)

    def dnt_terms(self) -> tuple[str, ...]:
        """Every do-not-translate term, longest first (for masking before MT)."""
        return self._dnt_longest_first

    @cached_property
    def _dnt_longest_first(self) -> tuple[str, ...]:
        return tuple(sorted(self._dnt_concept, key=lambda t: (-len(t), t)))

    @cached_property
    def _dnt_concept(self) -> dict[str, Concept]:
        return {t: c for c in self.concepts if c.type == "dnt" for alts in c.terms.values()
                for t in alts}

    def _terms(self, lang: str) -> _Terms:
        terms = self._terms_in.get(lang)
        if terms is None:
            terms = self._terms_in[lang] = _Terms(self.concepts, lang)
        return terms

    def _found(self, text: str, lang: str, kind: str) -> list[tuple[Concept, str]]:
        """(concept, term) of ``kind`` whose ``lang`` term occurs in ``text``."""
        return self._matches(text, lang).of(kind)

    def _matches(self, text: str, lang: str) -> _Matches:
        """The terms and forbidden usages of ``lang`` in ``text``: all that occur, and
        those where the longest match wins.

        A term found inside a longer one ("asylum" in "asylum seekers", Turkish "kabul"
        in "geri kabul") is left out of the longest: the longer term is what the text
        says.  So is a forbidden word inside an allowed longer term (French "clandestin"
        in "travail clandestin").
        """
        memo_key = (text, lang)
        found = self._found_in.get(memo_key)
        if found is None:
            terms = self._terms(lang)
            found = _longest(terms.hits(word_keys(text, lang))) if terms.index else _NO_MATCHES
            keep(self._found_in, memo_key, found, size=10_000)
        return found

    def terms_in(self, text: str, lang: str, target_lang: str
                 ) -> list[tuple[Concept, str, tuple[str, ...]]]:
        """(concept, term found in ``text``, its ``target_lang`` alternatives)."""
        return [(c, t, c.terms.get(base_language(target_lang), ()))
                for c, t in self._found(text, lang, "term")]

    def violations(self, source: str, source_lang: str, target: str,
                   target_lang: str) -> list[Violation]:
        """Missing required terms, forbidden usages and altered do-not-translate terms."""
        found: list[Violation] = []
        target_base = base_language(target_lang)
        in_target: _Matches | None = None  # found once, when the source has a term
        for concept, term in self._found(source, source_lang, "term"):
            expected = concept.terms.get(target_base, ())
            if not expected:
                continue
            if in_target is None:
                in_target = self._matches(target, target_lang)
            there = in_target.present.intersection(expected)
            if there and not self._nested(target_lang).isdisjoint(there):
                # Found, but perhaps only inside a longer, different term: the longest wins.
                found_it = concept.row in in_target.term_rows
            else:
                found_it = bool(there)
            if not found_it and not self._apart(expected, target, target_lang):
                found.append(Violation(
                    "missing-term", concept, term, expected,
                    f"glossary: \"{term}\" should be translated as "
                    f"{' or '.join(repr(e) for e in expected)}"))
        if in_target is None:
            in_target = self._matches(target, target_lang)
        for concept, usage in in_target.of("forbidden"):
            found.append(Violation("forbidden-term", concept, usage, (),
                                   f"glossary: \"{usage}\" must not be used; {concept.note}"))
        for term in self.dnt_terms():
            if term in source and _contains_verbatim(term, source) \
                    and not _contains_verbatim(term, target):  # (most are not in the source)
                found.append(Violation("dnt-altered", self._dnt_concept[term], term, (term,),
                                       f"glossary: \"{term}\" must stay as written"))
        return found

    def _nested(self, lang: str) -> frozenset[str]:
        """Terms of ``lang`` that occur inside a longer term of another concept
        (Turkish "kabul" in "geri kabul")."""
        if lang not in self._nested_in:
            terms = [(c.row, t, _term_keys(t, lang)) for c in self.concepts if c.type == "term"
                     for t in c.terms.get(base_language(lang), ())]
            self._nested_in[lang] = frozenset(
                term for row, term, keys in terms if keys and any(
                    other_row != row and len(other) > len(keys)
                    and _occurs(other, keys, lang) for other_row, _, other in terms))
        return self._nested_in[lang]

    def _apart(self, expected: tuple[str, ...], target: str, target_lang: str) -> bool:
        """Does the target have every word of a term of several words close together, in
        any order ("migration and border management" -> "управления миграцией и
        границами")?  A term of one word never counts as found apart."""
        keys = word_keys(target, target_lang)
        for term in expected:
            term_keys = _term_keys(term, target_lang)
            if len(term_keys) > 1 and _close_together(keys, term_keys, target_lang):
                return True
        return False

    def source_violations(self, source: str, source_lang: str) -> list[Violation]:
        """Forbidden usages in a source text itself."""
        return [Violation("forbidden-term", c, usage, (),
                          f"glossary: \"{usage}\" must not be used; {c.note}")
                for c, usage in self._found(source, source_lang, "forbidden")]


# -- loading and validation -----------------------------------------------------------

_FORMULA_START = tuple("=+-@\t\r")
_LANG_COLUMN = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


def _rows(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    text = read_text(path)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, [])
        rows = []
        for cells in reader:
            if any(c.strip() for c in cells):
                rows.append((reader.line_num, cells))
    except csv.Error as exc:
        raise InputError(f"invalid CSV: {exc}", path, reader.line_num) from None
    return [h.strip() for h in header], rows


def _concept(header: list[str], line: int, cells: list[str]) -> Concept:
    values = dict(zip(header, (c.strip() for c in cells)))
    terms = {col: tuple(a.strip() for a in value.split("|") if a.strip())
             for col, value in values.items() if col not in ("type", "note") and value}
    return Concept(terms, values.get("type") or "term", values.get("note", ""), line)


def _check_header(path: Path, header: list[str]) -> None:
    """A file whose header names no language (an empty file, say) is no glossary."""
    if not header or not any(_LANG_COLUMN.match(h) for h in header):
        raise InputError("the header needs at least one language column", path, 1)


def load_glossary(path: Path) -> Glossary:
    """The glossary at ``path`` (empty when there is none); malformed rows are errors."""
    if not path.exists():
        return Glossary()
    header, rows = _rows(path)
    _check_header(path, header)
    concepts = []
    for line, cells in rows:
        if len(cells) != len(header):
            raise InputError(f"{len(cells)} cells, the header has {len(header)}", path, line)
        concept = _concept(header, line, cells)
        if concept.type not in TYPES:
            raise InputError(f"unknown type {concept.type!r} (use {', '.join(TYPES)})", path, line)
        concepts.append(concept)
    return Glossary(tuple(concepts))


def check_glossary(path: Path, languages: Iterable[str]) -> list[Finding]:
    """Every problem of the glossary file, each naming its row."""
    name = str(path.name)
    if not path.exists():
        return [Finding(name, None, None, None, "glossary-missing", "warning",
                        "no glossary file")]
    header, rows = _rows(path)
    _check_header(path, header)
    findings: list[Finding] = []

    def add(line: int | None, check: str, severity: str, message: str) -> None:
        findings.append(Finding(name, line, None, None, check, severity, message))

    wanted = {base_language(lang) for lang in languages}
    for column in header:
        if column in ("type", "note"):
            continue
        if not _LANG_COLUMN.match(column):
            add(1, "glossary-column", "error", f"unknown column {column!r}")
        elif base_language(column) not in wanted:
            add(1, "glossary-column", "warning", f"language column {column!r} is not a "
                f"project language")
    if len(set(header)) != len(header):
        add(1, "glossary-column", "error", "a column appears twice")
    seen: dict[tuple[str, str], int] = {}
    for line, cells in rows:
        if len(cells) != len(header):
            add(line, "glossary-row", "error",
                f"{len(cells)} cells, the header has {len(header)} (a comma in a cell "
                f"needs quotes)")
            continue
        for column, cell in zip(header, cells):
            if cell.startswith(_FORMULA_START):
                add(line, "glossary-formula", "error", f"cell {column!r} starts with "
                    f"{cell[:1]!r}: a spreadsheet would run it as a formula")
        concept = _concept(header, line, cells)
        if concept.type not in TYPES:
            add(line, "glossary-type", "error", f"unknown type {concept.type!r}")
            continue
        if not concept.terms:
            add(line, "glossary-empty", "error", "no term in any language")
            continue
        if concept.type == "term":
            missing = sorted(c for c in header if c not in ("type", "note")
                             and base_language(c) in wanted and c not in concept.terms)
            if missing:
                add(line, "glossary-empty", "error",
                    f"{concept.label()!r} has no term for {', '.join(missing)}")
        if concept.type == "forbidden" and not concept.note:
            add(line, "glossary-note", "warning", "a forbidden row should say what to use")
        for column, alternatives in concept.terms.items():
            for term in alternatives:
                key = (column, fold(term, column))
                if key in seen and concept.type != "forbidden":
                    add(line, "glossary-duplicate", "error",
                        f"{term!r} ({column}) is already defined on line {seen[key]}")
                seen.setdefault(key, line)
    return findings
