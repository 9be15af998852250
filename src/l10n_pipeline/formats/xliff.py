"""XLIFF 1.2 and 2.1: units to bytes and bytes to units.

Statuses (README "Working with agencies and CAT tools" states the same table):

=============  =========================================  ==================================
status         XLIFF 1.2 ``<target>``                     XLIFF 2.1 ``<segment>``
=============  =========================================  ==================================
untranslated   ``state="new"``, empty                     ``state="initial"``, no target
machine        ``state="needs-translation"``,             ``state="initial"``,
               ``state-qualifier="leveraged-mt"``         ``subState="l10n:machine-mt"``
               (``leveraged-tm`` for a memory pre-fill)   (``l10n:machine-memory``)
fuzzy          ``state="needs-review-translation"``       ``state="initial"``,
                                                          ``subState="l10n:fuzzy"``
translated     ``state="translated"``                     ``state="translated"``
reviewed       ``state="signed-off"``, ``approved="yes"``  ``state="reviewed"``
=============  =========================================  ==================================

Read back, ``signed-off`` and ``final`` (1.2), ``reviewed`` and ``final`` (2.1) are
reviewed; a target marked machine is machine; any other non-empty target that is not
translated or reviewed is fuzzy.  Inline Markdown travels as codes (:mod:`.inline`):
``<ph>`` and ``<bpt>``/``<ept>`` holding the Markdown in 1.2, ``<ph>`` and ``<pc>``
pointing into ``<originalData>`` in 2.1, each with the Markdown as equivalent text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..errors import InputError
from ..model import Status
from . import inline
from .xml import XML_SPACE, indent, local, parse_xml, serialise

NS_12 = "urn:oasis:names:tc:xliff:document:1.2"
NS_20 = "urn:oasis:names:tc:xliff:document:2.0"
VERSIONS = ("1.2", "2.1")
DATATYPE = "x-markdown"
_CONTENT = {"source", "target", "note", "seg-source", "data"}


@dataclass(frozen=True)
class Unit:
    """One entry as it travels: its Markdown source and target, status and notes."""

    id: str
    source: str
    target: str
    status: Status
    origin: str = ""  # a machine unit's pre-fill: "mt" or "memory"
    notes: tuple[tuple[str, str], ...] = ()  # (category, text)


@dataclass(frozen=True)
class Document:
    """The units of one source document in one target language."""

    original: str  # the document key, e.g. about/factsheet
    source_language: str
    target_language: str
    units: tuple[Unit, ...]


@dataclass(frozen=True)
class ReadUnit:
    """A unit as read from a file: ``target`` is None where there is none."""

    id: str
    source: str
    target: str | None
    status: Status
    line: int | None


@dataclass(frozen=True)
class ReadDocument:
    original: str
    source_language: str
    target_language: str
    units: tuple[ReadUnit, ...]
    line: int | None


def unit_id(msgctxt: str | None, msgid: str) -> str:
    """A unit's id: stable while the entry's context and source text stay the same."""
    key = f"{msgctxt}\x04{msgid}" if msgctxt is not None else msgid
    return "u" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _file_id(original: str) -> str:
    return "f" + hashlib.sha256(original.encode("utf-8")).hexdigest()[:12]


# -- writing ------------------------------------------------------------------------------

def write(documents: list[Document], version: str = "1.2") -> bytes:
    """The XLIFF file of ``documents`` (one ``<file>`` each)."""
    if version == "1.2":
        root = _write_12(documents)
    else:
        root = _write_21(documents)
    indent(root, _CONTENT)
    return serialise(root)


_STATE_12 = {Status.UNTRANSLATED: "new", Status.MACHINE: "needs-translation",
             Status.FUZZY: "needs-review-translation", Status.TRANSLATED: "translated",
             Status.REVIEWED: "signed-off"}
_KIND_12 = {"strong": "bold", "emphasis": "italic", "link": "link", "html": "x-html",
            "code": "x-code", "autolink": "x-autolink", "image": "image",
            "link-end": "x-link-end"}


def _write_12(documents: list[Document]) -> etree._Element:
    E = lambda tag, **attrs: etree.Element(f"{{{NS_12}}}{tag}", attrs)  # noqa: E731
    root = etree.Element(f"{{{NS_12}}}xliff", {"version": "1.2"}, nsmap={None: NS_12})
    for document in documents:
        file = etree.SubElement(root, f"{{{NS_12}}}file", {
            "original": document.original, "source-language": document.source_language,
            "target-language": document.target_language, "datatype": DATATYPE})
        body = etree.SubElement(file, f"{{{NS_12}}}body")
        for unit in document.units:
            attrs = {"id": unit.id, XML_SPACE: "preserve"}
            if unit.status is Status.REVIEWED:
                attrs["approved"] = "yes"
            element = etree.SubElement(body, f"{{{NS_12}}}trans-unit", attrs)
            source = etree.SubElement(element, f"{{{NS_12}}}source")
            _fill_12(source, inline.parse(unit.source), E)
            target = etree.SubElement(element, f"{{{NS_12}}}target",
                                      {"state": _STATE_12[unit.status]})
            if unit.status is Status.MACHINE:
                target.set("state-qualifier",
                           "leveraged-tm" if unit.origin == "memory" else "leveraged-mt")
            _fill_12(target, inline.parse_like(unit.target, unit.source), E)
            for category, text in unit.notes:
                note = etree.SubElement(element, f"{{{NS_12}}}note", {"from": category})
                note.text = text
    return root


def _append_text(element: etree._Element, text: str) -> None:
    if len(element):
        element[-1].tail = (element[-1].tail or "") + text
    else:
        element.text = (element.text or "") + text


def _fill_12(element: etree._Element, pieces: Sequence[inline.Piece],
             E: Callable[..., etree._Element]) -> None:
    for piece in pieces:
        if isinstance(piece, str):
            _append_text(element, piece)
        elif isinstance(piece, inline.Code):
            ph = E("ph", id=piece.id, ctype=_KIND_12[piece.kind])
            ph.set("equiv-text", piece.text)
            ph.text = piece.text
            element.append(ph)
        else:
            bpt = E("bpt", id=piece.id, rid=piece.id, ctype=_KIND_12[piece.kind])
            bpt.set("equiv-text", piece.open)
            bpt.text = piece.open
            element.append(bpt)
            _fill_12(element, piece.children, E)
            ept = E("ept", id=piece.id, rid=piece.id)
            ept.set("equiv-text", piece.close)
            ept.text = piece.close
            element.append(ept)


_STATE_21 = {Status.UNTRANSLATED: ("initial", None), Status.FUZZY: ("initial", "l10n:fuzzy"),
             Status.TRANSLATED: ("translated", None), Status.REVIEWED: ("reviewed", None)}
_TYPE_21 = {"strong": "fmt", "emphasis": "fmt", "link": "link", "image": "image"}


def _write_21(documents: list[Document]) -> etree._Element:
    languages = {(d.source_language, d.target_language) for d in documents}
    if len(languages) > 1:
        raise InputError("XLIFF 2 holds one source and one target language: export the "
                         "documents of each source language apart (DOC...)")
    source_language, target_language = languages.pop() if languages else ("en", "en")
    root = etree.Element(f"{{{NS_20}}}xliff", {"version": "2.1", "srcLang": source_language,
                                               "trgLang": target_language},
                         nsmap={None: NS_20})
    for document in documents:
        file = etree.SubElement(root, f"{{{NS_20}}}file", {
            "id": _file_id(document.original), "original": document.original,
            XML_SPACE: "preserve"})
        for unit in document.units:
            element = etree.SubElement(file, f"{{{NS_20}}}unit", {"id": unit.id})
            if unit.notes:
                notes = etree.SubElement(element, f"{{{NS_20}}}notes")
                for category, text in unit.notes:
                    note = etree.SubElement(notes, f"{{{NS_20}}}note", {"category": category})
                    note.text = text
            source_pieces = inline.parse(unit.source)
            target_pieces = inline.parse_like(unit.target, unit.source) if unit.target else []
            data = _original_data(source_pieces) | _original_data(target_pieces)
            if data:
                original = etree.SubElement(element, f"{{{NS_20}}}originalData")
                for ident, text in data.items():
                    etree.SubElement(original, f"{{{NS_20}}}data", {"id": ident}).text = text
            state, sub_state = _STATE_21.get(unit.status, ("initial", None))
            if unit.status is Status.MACHINE:
                sub_state = f"l10n:machine-{unit.origin or 'mt'}"
            segment = etree.SubElement(element, f"{{{NS_20}}}segment", {"state": state})
            if sub_state:
                segment.set("subState", sub_state)
            _fill_21(etree.SubElement(segment, f"{{{NS_20}}}source"), source_pieces)
            if unit.target:
                _fill_21(etree.SubElement(segment, f"{{{NS_20}}}target"), target_pieces)
    return root


def _original_data(pieces: Sequence[inline.Piece]) -> dict[str, str]:
    data: dict[str, str] = {}
    for piece in pieces:
        if isinstance(piece, inline.Code):
            data[f"d{piece.id}"] = piece.text
        elif isinstance(piece, inline.Pair):
            data[f"d{piece.id}s"] = piece.open
            data[f"d{piece.id}e"] = piece.close
            data.update(_original_data(piece.children))
    return data


def _fill_21(element: etree._Element, pieces: Sequence[inline.Piece]) -> None:
    for piece in pieces:
        if isinstance(piece, str):
            _append_text(element, piece)
        elif isinstance(piece, inline.Code):
            ph = etree.SubElement(element, f"{{{NS_20}}}ph", {
                "id": piece.id, "dataRef": f"d{piece.id}", "equiv": piece.text,
                "disp": piece.text})
            if piece.kind in _TYPE_21:
                ph.set("type", _TYPE_21[piece.kind])
        else:
            pc = etree.SubElement(element, f"{{{NS_20}}}pc", {
                "id": piece.id, "dataRefStart": f"d{piece.id}s", "dataRefEnd": f"d{piece.id}e",
                "equivStart": piece.open, "equivEnd": piece.close,
                "dispStart": piece.open, "dispEnd": piece.close})
            pc.set("type", _TYPE_21.get(piece.kind, "fmt"))
            _fill_21(pc, piece.children)


# -- reading ------------------------------------------------------------------------------

def read(data: bytes, path: Path | str) -> tuple[str, list[ReadDocument]]:
    """The version and documents of an XLIFF 1.2 or 2.x file."""
    root = parse_xml(data, path)
    namespace = etree.QName(root).namespace
    if local(root) != "xliff" or namespace not in (NS_12, NS_20):
        raise InputError("not an XLIFF 1.2 or 2.x file", path, root.sourceline)
    if namespace == NS_12:
        return "1.2", list(_read_12(root, path))
    return root.get("version", "2.0"), list(_read_2(root, path))


def _required(element: etree._Element, name: str, path: Path | str) -> str:
    value: str | None = element.get(name)
    if not value:
        raise InputError(f"<{local(element)}> has no {name}", path, element.sourceline)
    return value


def _read_12(root: etree._Element, path: Path | str) -> Iterator[ReadDocument]:
    ns = {"x": NS_12}
    for file in root.iterfind("x:file", ns):
        units = []
        for element in file.iterfind(".//x:trans-unit", ns):
            ident = _required(element, "id", path)
            source = element.find("x:source", ns)
            if source is None:
                raise InputError(f"unit {ident} has no <source>", path, element.sourceline)
            text, table = _markdown_12(source, {}, path, ident, is_source=True)
            target = element.find("x:target", ns)
            translation = None if target is None else \
                _markdown_12(target, table, path, ident, is_source=False)[0]
            status = _status_12(target, translation, element.get("approved"))
            units.append(ReadUnit(ident, text, translation, status, element.sourceline))
        yield ReadDocument(_required(file, "original", path),
                           _required(file, "source-language", path),
                           _required(file, "target-language", path), tuple(units),
                           file.sourceline)


def _status_12(target: etree._Element | None, text: str | None, approved: str | None) -> Status:
    if target is None or not text:
        return Status.UNTRANSLATED
    state, qualifier = target.get("state"), target.get("state-qualifier")
    if state in ("signed-off", "final"):
        return Status.REVIEWED
    if state == "translated" or (state is None and approved != "no"):
        return Status.TRANSLATED
    if qualifier in ("leveraged-mt", "leveraged-tm", "mt-suggestion"):
        return Status.MACHINE
    return Status.FUZZY


_Table = dict[tuple[str, str], str]  # (element name, id) -> the Markdown it stands for


def _markdown_12(element: etree._Element, table: _Table, path: Path | str, unit: str,
                 is_source: bool) -> tuple[str, _Table]:
    """The Markdown of a 1.2 ``<source>`` (learning its codes into the table) or
    ``<target>`` (whose codes must be the source's)."""
    out = [element.text or ""]
    for child in element:
        name = local(child)
        if name == "mrk":  # a CAT tool's segment or term marker: its content counts
            out.append(_markdown_12(child, table, path, unit, is_source)[0])
        elif name in ("ph", "bpt", "ept"):
            key = (name, _required(child, "id", path))
            own = "".join(child.itertext())  # the Markdown the code holds
            if is_source:
                table[key] = own
            elif key not in table and not own:
                raise InputError(f"unit {unit}: <{name} id=\"{key[1]}\"> is not a code of its "
                                 f"source", path, child.sourceline)
            out.append(table.get(key, own))
        elif name:
            raise InputError(f"unit {unit}: unexpected <{name}> in <{local(element)}>", path,
                             child.sourceline)
        out.append(child.tail or "")
    return "".join(out), table


def _read_2(root: etree._Element, path: Path | str) -> Iterator[ReadDocument]:
    ns = {"x": NS_20}
    source_language = _required(root, "srcLang", path)
    target_language = _required(root, "trgLang", path)
    for file in root.iterfind("x:file", ns):
        units = []
        for element in file.iterfind(".//x:unit", ns):
            ident = _required(element, "id", path)
            data = {d.get("id"): "".join(d.itertext())
                    for d in element.iterfind("x:originalData/x:data", ns)}
            segments = element.findall("x:segment", ns)
            if len(segments) != 1:
                raise InputError(f"unit {ident} has {len(segments)} segments; one is expected",
                                 path, element.sourceline)
            segment = segments[0]
            source = segment.find("x:source", ns)
            if source is None:
                raise InputError(f"unit {ident} has no <source>", path, element.sourceline)
            text, table = _markdown_2(source, data, {}, path, ident, True)
            target = segment.find("x:target", ns)
            translation = None if target is None else \
                _markdown_2(target, data, table, path, ident, False)[0]
            units.append(ReadUnit(ident, text, translation,
                                  _status_2(segment, translation), element.sourceline))
        yield ReadDocument(file.get("original") or _required(file, "id", path),
                           source_language, target_language, tuple(units), file.sourceline)


def _status_2(segment: etree._Element, text: str | None) -> Status:
    if not text:
        return Status.UNTRANSLATED
    state, sub_state = segment.get("state", "initial"), segment.get("subState") or ""
    if state in ("reviewed", "final"):
        return Status.REVIEWED
    if state == "translated":
        return Status.TRANSLATED
    return Status.MACHINE if sub_state.startswith("l10n:machine") else Status.FUZZY


def _markdown_2(element: etree._Element, data: dict[str | None, str], table: _Table,
                path: Path | str, unit: str, is_source: bool) -> tuple[str, _Table]:
    """The Markdown of a 2.x ``<source>`` or ``<target>``; ``sc``/``ec`` (a tool's
    split of a ``pc``) read as the ``pc`` they stand for."""

    def code(child: etree._Element, key: tuple[str, str], ref: str | None, equiv: str) -> str:
        own = data.get(ref, child.get(equiv) or "")  # the Markdown the code points to
        if is_source:
            table[key] = own
        elif key not in table and not own:
            raise InputError(f"unit {unit}: <{local(child)} id=\"{key[1]}\"> is not a code of "
                             f"its source", path, child.sourceline)
        return table.get(key, own)

    out = [element.text or ""]
    for child in element:
        name = local(child)
        ident = child.get("id") or child.get("startRef") or ""
        if name == "ph":
            out.append(code(child, ("ph", ident), child.get("dataRef"), "equiv"))
        elif name == "pc":
            out.append(code(child, ("start", ident), child.get("dataRefStart"), "equivStart"))
            out.append(_markdown_2(child, data, table, path, unit, is_source)[0])
            out.append(code(child, ("end", ident), child.get("dataRefEnd"), "equivEnd"))
        elif name == "sc":
            out.append(code(child, ("start", ident), child.get("dataRef"), "equiv"))
        elif name == "ec":
            out.append(code(child, ("end", ident), child.get("dataRef"), "equiv"))
        elif name in ("mrk", "sm", "em"):
            out.append(_markdown_2(child, data, table, path, unit, is_source)[0]
                       if name == "mrk" else "")
        elif name:
            raise InputError(f"unit {unit}: unexpected <{name}> in <{local(element)}>", path,
                             child.sourceline)
        out.append(child.tail or "")
    return "".join(out), table
