"""Safe XML in and readable XML out, for every interchange format.

Files from agencies and CAT tools are untrusted: entities are never expanded, no
DTD or schema is loaded and nothing is fetched from the network, so a "billion
laughs" or an external entity cannot reach the pipeline.  Output is indented between
structural elements only: the text of a segment is never touched.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from lxml import etree

from ..errors import InputError

XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_LANG = f"{{{XML_NS}}}lang"
XML_SPACE = f"{{{XML_NS}}}space"


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=False, remove_comments=True,
                           remove_pis=True)


def parse_xml(data: bytes, path: Path | str) -> etree._Element:
    """The root element of ``data``; bad XML or an entity declaration names the line."""
    try:
        tree = etree.fromstring(data, _parser()).getroottree()
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno else None
        raise InputError(f"not well-formed XML: {exc.msg}", path, line) from None
    dtd = tree.docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise InputError("entity declarations are not allowed", path, 1)
    return tree.getroot()


def read_xml(path: Path) -> etree._Element:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path) from None
    return parse_xml(data, path)


def local(element: etree._Element) -> str:
    """The element's name without its namespace ('' for comments and the like)."""
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def indent(root: etree._Element, content: Collection[str], step: str = "  ") -> None:
    """Indent children of structural elements; elements named in ``content`` (local
    names, whose text is data) keep their inside exactly as it is."""

    def walk(element: etree._Element, depth: int) -> None:
        children = list(element)
        if not children or local(element) in content:
            return
        element.text = "\n" + step * (depth + 1)
        for child in children:
            walk(child, depth + 1)
            child.tail = "\n" + step * (depth + 1)
        children[-1].tail = "\n" + step * depth

    walk(root, 0)


def serialise(root: etree._Element, doctype: str | None = None) -> bytes:
    """UTF-8 bytes with an XML declaration and a final line end."""
    serialised: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                       doctype=doctype)
    return serialised + b"\n"
