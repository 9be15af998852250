"""TBX-Basic (ISO 30042): glossary concepts to bytes and back.

Our glossary types map to TBX as follows (README states the same):

- ``term``: each term a ``<tig>`` with administrative status ``preferredTerm-admn-sts``
  (the first of a cell's alternatives) or ``admittedTerm-admn-sts`` (the others);
- ``forbidden``: ``deprecatedTerm-admn-sts`` (read back: deprecated or superseded);
- ``dnt``: preferred terms and a concept note reading exactly ``Do not translate.``.

The ``note`` travels as the concept's ``<note>``; a ``source: ...`` part of it as
``<admin type="source">``.  Reading accepts TBX 2008 (``martif``: ``termEntry``,
``langSet``, ``tig``/``ntig``) and TBX 2019 (``conceptEntry``, ``langSec``,
``termSec``), as IATE and terminology tools export them: a concept holding both
admitted and deprecated terms becomes a ``term`` and a ``forbidden`` concept.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..errors import InputError
from .xml import XML_LANG, indent, local, parse_xml, serialise

DNT_NOTE = "Do not translate."
_STATUS = {"preferred": "preferredTerm-admn-sts", "admitted": "admittedTerm-admn-sts",
           "deprecated": "deprecatedTerm-admn-sts"}
_SOURCE = re.compile(r"(?:^|;\s*)source:\s*(.+)$")
_OUR_ID = re.compile(r"^c[0-9a-f]{12}$")


@dataclass(frozen=True)
class Concept:
    terms: dict[str, tuple[str, ...]]  # language -> terms
    type: str = "term"  # term | dnt | forbidden
    note: str = ""


def _concept_id(concept: Concept) -> str:
    key = "\x00".join(f"{lang}={'|'.join(terms)}" for lang, terms in sorted(concept.terms.items()))
    return "c" + hashlib.sha256(f"{concept.type}\x00{key}".encode("utf-8")).hexdigest()[:12]


def write(concepts: list[Concept], source_language: str) -> bytes:
    root = etree.Element("martif", {"type": "TBX-Basic", XML_LANG: source_language})
    header = etree.SubElement(root, "martifHeader")
    etree.SubElement(etree.SubElement(etree.SubElement(header, "fileDesc"), "sourceDesc"),
                     "p").text = "glossary of an l10n-pipeline project"
    etree.SubElement(etree.SubElement(header, "encodingDesc"), "p",
                     {"type": "XCSURI"}).text = "TBXBasicXCSV02.xcs"
    body = etree.SubElement(etree.SubElement(root, "text"), "body")
    for concept in concepts:
        entry = etree.SubElement(body, "termEntry", {"id": _concept_id(concept)})
        source = _SOURCE.search(concept.note)
        note = concept.note[:source.start()].strip() if source else concept.note
        if note:
            etree.SubElement(entry, "note").text = note
        if concept.type == "dnt":
            etree.SubElement(entry, "note").text = DNT_NOTE
        if source:
            etree.SubElement(entry, "admin", {"type": "source"}).text = source.group(1).strip()
        for language, terms in concept.terms.items():
            lang_set = etree.SubElement(entry, "langSet", {XML_LANG: language})
            for index, term in enumerate(terms):
                tig = etree.SubElement(lang_set, "tig")
                etree.SubElement(tig, "term").text = term
                status = "deprecated" if concept.type == "forbidden" else \
                    "preferred" if index == 0 else "admitted"
                etree.SubElement(tig, "termNote",
                                 {"type": "administrativeStatus"}).text = _STATUS[status]
    indent(root, {"term", "termNote", "note", "admin", "p"})
    return serialise(root)


def _children(element: etree._Element, *names: str) -> list[etree._Element]:
    return [child for child in element if local(child) in names]


def _text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def read(data: bytes, path: Path | str) -> list[Concept]:
    """The concepts of a TBX file, a concept with deprecated terms split in two."""
    root = parse_xml(data, path)
    if local(root) not in ("martif", "tbx"):
        raise InputError("not a TBX file (no <martif> or <tbx> root)", path, root.sourceline)
    concepts: list[Concept] = []
    for entry in root.iter():
        if local(entry) not in ("termEntry", "conceptEntry"):
            continue
        notes, source, dnt = [], "", False
        for element in entry.iter():
            name, kind = local(element), element.get("type")
            if name == "note" and _text(element):
                if _text(element).rstrip(".").lower() == DNT_NOTE.rstrip(".").lower():
                    dnt = True
                elif _text(element) not in notes:
                    notes.append(_text(element))
            elif name in ("admin", "descrip") and kind == "source" and not source:
                source = _text(element)
        ident = entry.get("id") or ""
        if not source and ident and not _OUR_ID.match(ident):  # provenance: file and concept
            source = f"{Path(str(path)).name}#{ident}"
        allowed: dict[str, list[str]] = {}
        deprecated: dict[str, list[str]] = {}
        for lang_set in entry.iter():
            if local(lang_set) not in ("langSet", "langSec"):
                continue
            language = lang_set.get(XML_LANG) or lang_set.get("lang")
            if not language:
                raise InputError("a language section without xml:lang", path,
                                 lang_set.sourceline)
            for term in lang_set.iter():
                if local(term) != "term" or not _text(term):
                    continue
                statuses = [_text(n) for n in _children(term.getparent(), "termNote")
                            if n.get("type") == "administrativeStatus"]
                bad = any(s.startswith(("deprecated", "superseded")) for s in statuses)
                (deprecated if bad else allowed).setdefault(language, []).append(_text(term))
        note = "; ".join(notes + ([f"source: {source}"] if source else []))
        if allowed:
            concepts.append(Concept({k: tuple(v) for k, v in allowed.items()},
                                    "dnt" if dnt else "term", note))
        if deprecated:
            instead = "; ".join(allowed[lang][0] for lang in deprecated if lang in allowed)
            concepts.append(Concept({k: tuple(v) for k, v in deprecated.items()}, "forbidden",
                                    "; ".join(filter(None, [f"use: {instead}" if instead else "",
                                                            note]))))
    return concepts
