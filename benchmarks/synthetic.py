"""Synthetic catalogues and projects in our format, at any scale, reproducibly.

Sentences of 8-40 words are drawn from a Zipf-distributed vocabulary: the corpus's
register first, then rarer words; a share of segments repeat; translations are
pseudo-translations in the target's script.
"""

from __future__ import annotations

import itertools
import random
import re
import shutil
from pathlib import Path

import polib

from l10n_pipeline.formats.po_write import format_catalog

WORDS = tuple("migration governance asylum refugees return reintegration border management "
         "capacity building partnership member states project training workshop experts "
         "stakeholders policy development labour mobility diaspora protection reception "
         "integration trafficking smuggling cooperation region ministry agency report data "
         "analysis strategy implementation dialogue conference declaration action plan "
         "the of and in to for with on by a an its their between under through within "
         "international national regional european african eastern southern sustainable "
         "comprehensive innovative vienna ankara tbilisi chisinau accra rabat baku".split())


_SYLLABLES = "ka lo mi ne ru sa ti vo de ga ber lin tor pa se ri mon dal fen sto".split()
# Real prose has a large vocabulary with a Zipf distribution: the domain's frequent words
# first, then 5,000 rarer made-up ones.  (A vocabulary of a hundred words would make
# every word common, which no corpus is, and word-indexed fuzzy matching look bad.)
VOCABULARY = WORDS + tuple(
    "".join(random.Random(n).choices(_SYLLABLES, k=random.Random(-n).randint(2, 4)))
    for n in range(5000))
_CUMULATIVE = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(VOCABULARY))))


def sentence(rng: random.Random, index: int) -> str:
    words: list[str] = []
    length = rng.randint(8, 40)
    while len(words) < length:
        word = rng.choices(VOCABULARY, cum_weights=_CUMULATIVE)[0]
        if not words or word != words[-1]:  # no "the the": real text has none either
            words.append(word)
    words.insert(rng.randrange(len(words)), f"no{index}")  # keeps msgids unique
    return " ".join(words).capitalize() + "."


# Pseudo-translations in the target's script, so that they pass the checks as real
# translations would (a Latin "translation" into Russian is rightly an error).
_SCRIPTS = {
    "ru": str.maketrans("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
                        "абцдефгхийклмнопярстуввхызАБЦДЕФГХИЙКЛМНОПЯРСТУВВХЫЗ"),
    "ar": str.maketrans("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
                        "ابتثجحخدذرزسشصضطظعغفقكلمنهابتثجحخدذرزسشصضطظعغفقكلمنه"),
}


REPO = Path(__file__).resolve().parents[1]


class PseudoTranslator:
    """Stand-in translations that a careful translator could have written: every
    glossary term in the target's term, do-not-translate terms kept, the rest of the
    source in the target's script (so checks find in them what they would find in
    real translations: nothing)."""

    def __init__(self, glossary: Path = REPO / "glossary.csv"):
        from l10n_pipeline.glossary import load_glossary

        self.concepts = load_glossary(glossary).concepts
        self._patterns: dict[str, tuple[re.Pattern[str], dict[str, str]]] = {}

    def _pattern(self, language: str) -> tuple[re.Pattern[str], dict[str, str]]:
        if language not in self._patterns:
            table: dict[str, str] = {}
            for concept in self.concepts:
                sources = concept.terms.get("en", ())
                if concept.type == "dnt":
                    table.update({term.lower(): "\0" + term + "\0" for term in sources})
                elif concept.type == "term" and concept.terms.get(language):
                    target = concept.terms[language][0]
                    table.update({term.lower(): "\0" + target + "\0" for term in sources})
            alternation = "|".join(map(re.escape, sorted(table, key=len, reverse=True)))
            self._patterns[language] = (
                re.compile(rf"\b(?P<term>{alternation})(?:e?s)?\b", re.I), table)  # plurals
        return self._patterns[language]

    def __call__(self, text: str, language: str) -> str:
        pattern, table = self._pattern(language)
        marked = pattern.sub(lambda m: table[m.group("term").lower()], text)
        parts = marked.split("\0")  # odd parts are terms, kept as they are
        if language in _SCRIPTS:
            parts[::2] = [part.translate(_SCRIPTS[language]) for part in parts[::2]]
        else:
            parts[0] = f"[{language}] {parts[0]}"
        return "".join(parts)


def catalogue(entries: int, seed: int = 1, translated: float = 0.6,
              language: str = "fr") -> polib.POFile:
    """A PO file of ``entries`` entries, ``translated`` of them translated."""
    rng = random.Random(seed)
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": language,
                   "Plural-Forms": "nplurals=2; plural=(n > 1);"}
    for index in range(entries):
        msgid = sentence(rng, index)
        msgstr = f"[{language}] {msgid}" if rng.random() < translated else ""
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr,
                                occurrences=[(f"source/doc{index // 50}.md", str(index % 50))]))
    return po


def changed_template(po: polib.POFile, share: float, seed: int = 2) -> polib.POFile:
    """The template of ``po`` with ``share`` of its msgids edited by one or two words."""
    rng = random.Random(seed)
    pot = polib.POFile()
    pot.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for entry in po:
        msgid = entry.msgid
        if rng.random() < share:
            words = msgid.split()
            words[rng.randrange(len(words))] = rng.choice(WORDS)
            msgid = " ".join(words)
        pot.append(polib.POEntry(msgid=msgid, msgstr="", occurrences=entry.occurrences))
    return pot


def write(po: polib.POFile, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(format_catalog(po), encoding="utf-8")
    return path


PROJECT_CONFIG = """\
[tool.l10n]
languages = {languages}

[tool.l10n.mt]
provider = "none"
"""


def document_text(rng: random.Random, number: int, paragraphs: int,
                  boilerplate: list[str], repeated: float) -> str:
    """A news item: front matter and ``paragraphs`` paragraphs of one to three sentences,
    a ``repeated`` share of them boilerplate shared across documents."""
    lines = ["---", f"title: {sentence(rng, number * 1000).rstrip('.')}", "---", ""]
    for p in range(paragraphs):
        if rng.random() < repeated:
            lines.append(rng.choice(boilerplate))
        else:
            lines.append(" ".join(sentence(rng, number * 1000 + p * 10 + s)
                                  for s in range(rng.randint(1, 3))))
        lines.append("")
    return "\n".join(lines)


def project(root: Path, documents: int, paragraphs: int,
            languages: tuple[str, ...] = ("fr", "ru", "ar", "tr"),
            translated: float = 0.6, repeated: float = 0.1, seed: int = 1) -> Path:
    """A project in our format: sources, templates and catalogues with ``translated``
    of their strings translated (the same share for every language)."""
    from l10n_pipeline.extract import extract_project
    from l10n_pipeline.files import load_po, save_po
    from l10n_pipeline.update import update_project
    from l10n_pipeline.project import Project

    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "glossary.csv", root / "glossary.csv")
    (root / "pyproject.toml").write_text(
        PROJECT_CONFIG.format(languages="[" + ", ".join(f'"{x}"' for x in languages) + "]"),
        encoding="utf-8")
    boilerplate = [sentence(rng, 10**9 + i) for i in range(20)]
    for number in range(documents):
        path = root / "source" / "news" / f"item-{number:05d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(document_text(rng, number, paragraphs, boilerplate, repeated),
                        encoding="utf-8")
    target = Project.at(root)
    extract_project(target, target.documents)
    translate = PseudoTranslator()
    for path in update_project(target, languages, target.documents):
        catalog = load_po(path)
        language = path.relative_to(target.config.translations_path).parts[0]
        for entry in catalog:
            if random.Random(entry.msgid).random() < translated:  # same choice everywhere
                entry.msgstr = translate(entry.msgid, language)
        save_po(catalog, path)
    return root
