"""TMX 1.4b: translation units to bytes and back.

A unit is a mapping of language to text, one of them the source.  Inline Markdown is
written as TMX codes holding it (``<ph>``, ``<bpt>``/``<ept>``), so that a CAT tool
matches text, not syntax; read back, a segment is its text with every code's content,
which for our own files is exactly the Markdown written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .. import __version__
from ..errors import InputError
from . import inline
from .xml import XML_LANG, indent, local, parse_xml, serialise

DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'


@dataclass(frozen=True)
class TranslationUnit:
    source_language: str
    variants: dict[str, str]  # language -> text, the source language's among them


def write(units: list[TranslationUnit], source_language: str, segtype: str = "sentence") -> bytes:
    """A TMX 1.4b document; ``source_language`` is the header's (``*all*`` for several)."""
    root = etree.Element("tmx", {"version": "1.4"})
    etree.SubElement(root, "header", {
        "creationtool": "l10n-pipeline", "creationtoolversion": __version__,
        "segtype": segtype, "o-tmf": "gettext PO", "adminlang": "en",
        "srclang": source_language, "datatype": "plaintext"})
    body = etree.SubElement(root, "body")
    for unit in units:
        tu = etree.SubElement(body, "tu")
        if unit.source_language != source_language:
            tu.set("srclang", unit.source_language)
        source = unit.variants[unit.source_language]
        for language, text in unit.variants.items():
            tuv = etree.SubElement(tu, "tuv", {XML_LANG: language})
            seg = etree.SubElement(tuv, "seg")
            _fill(seg, inline.parse(text) if language == unit.source_language
                  else inline.parse_like(text, source))
    indent(root, {"seg", "note", "prop"})
    return serialise(root, DOCTYPE)


def _fill(element: etree._Element, pieces: Sequence[inline.Piece]) -> None:
    def add_text(text: str) -> None:
        if len(element):
            element[-1].tail = (element[-1].tail or "") + text
        else:
            element.text = (element.text or "") + text

    for piece in pieces:
        if isinstance(piece, str):
            add_text(piece)
        elif isinstance(piece, inline.Code):
            etree.SubElement(element, "ph", {"x": piece.id}).text = piece.text
        else:
            etree.SubElement(element, "bpt", {"i": piece.id, "x": piece.id}).text = piece.open
            _fill(element, piece.children)
            etree.SubElement(element, "ept", {"i": piece.id}).text = piece.close


def read(data: bytes, path: Path | str) -> list[TranslationUnit]:
    """The units of a TMX file (1.1 to 1.4b); a unit's source language is its own
    ``srclang``, else the header's, else its first variant's."""
    root = parse_xml(data, path)
    if local(root) != "tmx" or etree.QName(root).namespace:
        raise InputError("not a TMX file", path, root.sourceline)
    header = root.find("header")
    default = header.get("srclang", "") if header is not None else ""
    units = []
    for tu in root.iterfind("body/tu"):
        variants: dict[str, str] = {}
        for tuv in tu.iterfind("tuv"):
            language = tuv.get(XML_LANG) or tuv.get("lang")
            seg = tuv.find("seg")
            if not language or seg is None:
                raise InputError("<tuv> without a language or a <seg>", path, tuv.sourceline)
            variants.setdefault(language, "".join(seg.itertext()))
        if not variants:
            continue
        source = tu.get("srclang") or default
        if source not in variants:
            source = next((lang for lang in variants if lang.lower() == source.lower()),
                          next(iter(variants)))
        units.append(TranslationUnit(source, variants))
    return units
