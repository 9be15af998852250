"""Markdown with YAML front matter: the first source format (see :mod:`.document`).

``parse`` splits the front matter from the body, refusing unsafe YAML with file and
line.  ``segments`` parses the body with markdown-it-py and returns every translatable
:class:`Segment` with the exact source span it came from; inline markup (links,
emphasis, inline code) stays in the msgid as Markdown, as po4a and mdpo do.
``rebuild`` puts translations back where the text was, like po4a, so the document keeps
its structure; unlike po4a, the front matter keeps its key order: only the values of
translated keys (and the ``extra`` ones) are rewritten.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import frontmatter
import yaml
from frontmatter.default_handlers import YAMLHandler

from ..config import Config
from ..errors import InputError
from ..segment import split_sentences
from .document import Lookup, Segment, SourceText

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

SUFFIX = ".md"


class _SafeLoader(yaml.SafeLoader):
    """SafeLoader that also refuses aliases (billion-laughs) and unknown tags."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]  # untyped in the stubs
            raise yaml.constructor.ConstructorError(
                None, None, "YAML aliases are not allowed in front matter", event.start_mark)
        return super().compose_node(parent, index)

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        """A key given twice is an error: build would translate only one of them."""
        if isinstance(node, yaml.MappingNode):
            seen: set[object] = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                try:
                    duplicate = key in seen
                    seen.add(key)
                except TypeError:
                    continue  # an unhashable key: SafeLoader's own error follows
                if duplicate:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"duplicate key {key!r}", key_node.start_mark)
        return super().construct_mapping(node, deep)


class _SafeYAMLHandler(YAMLHandler):
    """python-frontmatter's YAML handler, loading with :class:`_SafeLoader`."""

    def load(self, fm: str, **kwargs: object) -> Any:
        data = yaml.load(fm, Loader=_SafeLoader)  # noqa: S506 - the loader is safe
        if data is not None and not isinstance(data, dict):
            first_line = yaml.Mark("front matter", 0, 1, 0, None, 0)
            raise yaml.constructor.ConstructorError(
                None, None, "front matter must be a mapping of keys to values", first_line)
        return data


_HANDLER = _SafeYAMLHandler()


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")  # not tab, line ends, VT or FF
_LINE_END = re.compile(r"\r\n?")


def parse(path: Path, text: str) -> SourceText:
    """Split Markdown from its YAML front matter, refusing unsafe YAML with file and line.

    Control characters are refused too: no prose holds them, and one (U+0004) would
    make a template that GNU gettext cannot read.  Line ends (CRLF, a lone CR) become LF,
    as Markdown and the front-matter parser read them, so that every offset into the
    text points where they found it; built documents have LF line ends.
    """
    text = _LINE_END.sub("\n", text)
    control = _CONTROL.search(text)
    if control:
        raise InputError(f"control character U+{ord(control.group()):04X} in the text", path,
                         text.count("\n", 0, control.start()) + 1)
    try:
        post = frontmatter.loads(text, handler=_HANDLER)
    except yaml.YAMLError as exc:
        # The front matter starts on the opening '---' line, so a 0-based YAML line
        # number plus one is the file's line; where a construct began beats where it broke.
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(f"invalid front matter: {problem}", path, line) from None
    except (ValueError, TypeError) as exc:
        raise InputError(f"invalid front matter: {exc}", path, 1) from None
    except RecursionError:
        raise InputError("invalid front matter: nested too deeply", path, 2) from None
    body = post.content
    offset = text.rfind(body) if body else len(text)  # stripped: where the tail starts
    body_line = text[: max(offset, 0)].count("\n") + 1
    return SourceText(path, text, dict(post.metadata), body, body_line)



# -- segments ----------------------------------------------------------------------

_CONTEXT_COMMENT = re.compile(r"^\s*<!--\s*msgctxt:\s*(.*?)\s*-->\s*$")
_LETTER = re.compile(r"[^\W\d_]")
# Linear however hostile the text (see segment.py): matches start only at run starts.
_NOT_PROSE = re.compile(r"<[^<>\s]+>|https?://\S+|`[^`]*`|(?<!\S)[^\s@]+@[^\s@]+\.\w+")
_UNSPLIT_FIELDS = frozenset({"title"})
_SENTENCE_END = re.compile(r"[.!?…:;؟؛。][\"'”’»)\]*_`]*$")
_LIST_OPEN = frozenset({"bullet_list_open", "ordered_list_open"})
_BLOCK_KINDS = {"heading_open": "heading", "blockquote_open": "blockquote",
                "list_item_open": "list item", "th_open": "table header",
                "td_open": "table cell"}


@cache
def _parser() -> MarkdownIt:
    """CommonMark with tables; loaded on first use (a run with nothing to extract skips it)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")




def normalise(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    """Collapse white-space runs to one space and trim, keeping each char's offset."""
    chars: list[str] = []
    kept: list[int] = []
    for char, offset in zip(text, offsets):
        if char.isspace():
            if chars and chars[-1] != " ":
                chars.append(" ")
                kept.append(offset)
            continue
        chars.append(char)
        kept.append(offset)
    if chars and chars[-1] == " ":
        chars.pop()
        kept.pop()
    return "".join(chars), kept


def _is_prose(text: str) -> bool:
    """Worth translating: has a letter outside URLs, autolinks and code."""
    return bool(_LETTER.search(_NOT_PROSE.sub("", text)))


def _segments_of(text: str, offsets: list[int], split: bool, lang: str
                 ) -> list[tuple[str, int, int]]:
    """(msgid, start, end) for each segment of a normalised text."""
    normal, kept = normalise(text, offsets)
    if not normal:
        return []
    spans = split_sentences(normal, lang) if split else [(0, len(normal))]
    return [(normal[a:b], kept[a], kept[b - 1] + 1) for a, b in spans if _is_prose(normal[a:b])]


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", text))
    return starts


def _content_offsets(content: str, text: str, line_starts: list[int], first_line: int,
                     cursor: int) -> list[int]:
    """Offset in ``text`` of every character of an inline token's ``content``.

    markdown-it strips container prefixes and indentation from each line; each content
    line is found again in its source line, from ``cursor`` on.
    """
    offsets: list[int] = []
    for index, piece in enumerate(content.split("\n")):
        line_no = min(first_line + index, len(line_starts) - 1)
        line_start = max(line_starts[line_no], cursor if index == 0 else 0)
        line_end = line_starts[line_no + 1] if line_no + 1 < len(line_starts) else len(text)
        found = text.find(piece, line_start, line_end) if piece else line_start
        if found < 0:
            found = line_start
        offsets.extend(range(found, found + len(piece)))
        offsets.append(found + len(piece))  # the newline between content lines
    return offsets[:len(content)]


def body_segments(source: SourceText, lang: str, split: bool) -> list[Segment]:
    """Segments of the Markdown body, with spans into the whole file text."""
    text = source.text
    line_starts = _line_starts(text)
    first_body_line = source.body_line - 1
    tokens = _parser().parse(source.body)
    segments: list[Segment] = []
    kinds: list[str] = []
    lists: list[_List] = []  # the lists the current token is in, innermost last
    context: str | None = None
    row_cursor = 0
    for token in tokens:
        if token.type in _LIST_OPEN:
            last = segments[-1] if segments else None
            lead_in = last.msgid if last and last.comment == "paragraph" else ""
            lists.append(_List(lead_in))
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            segments = _with_list_context(segments, lists.pop())
        elif token.type == "list_item_open" and lists:
            lists[-1].items.append([])
        if token.type in _BLOCK_KINDS:
            kinds.append(_BLOCK_KINDS[token.type])
        elif token.type.replace("_close", "_open") in _BLOCK_KINDS and token.nesting == -1:
            kinds.pop()
        elif token.type == "tr_open":
            row_cursor = 0
        elif token.type == "html_block":
            match = _CONTEXT_COMMENT.match(token.content)
            context = match.group(1) if match else context
        elif token.type == "inline" and token.map:
            kind = kinds[-1] if kinds else "paragraph"
            line = first_body_line + token.map[0]
            cursor = max(row_cursor, line_starts[line])
            offsets = _content_offsets(token.content, text, line_starts, line, cursor)
            if offsets:
                row_cursor = offsets[-1] + 1
            found = _inline_segments(token, offsets, kind, line + 1, context, lang,
                                     split and kind not in ("heading", "table header",
                                                            "table cell"))
            if lists and lists[-1].items:
                lists[-1].items[-1].extend(range(len(segments), len(segments) + len(found)))
            segments.extend(found)
            context = None if kind != "table cell" and kind != "table header" else context
    return segments


@dataclass
class _List:
    """A Markdown list being read: the sentence before it, and which segments (by
    index) each of its items holds."""

    lead_in: str
    items: list[list[int]] = field(default_factory=list)


def _with_list_context(segments: list[Segment], found: _List) -> list[Segment]:
    """Give a list's items the text they depend on.

    When a lead-in introduces the list (it ends with a colon), each item's first
    sentence gets the lead-in.  Otherwise, when the list is one sentence running over
    its items (only the last item ends like a sentence), every item gets the whole
    sentence: the lead-in and all items.
    """
    items = [[segments[i] for i in item] for item in found.items if item]
    if not items:
        return segments
    ends = [bool(_SENTENCE_END.search(item[-1].msgid)) for item in items]
    runs_on = len(items) > 1 and ends[-1] and not any(ends[:-1]) \
        and not found.lead_in.endswith(":")
    if found.lead_in.endswith(":"):
        update = {item[0]: found.lead_in for item in found.items if item}
    elif runs_on:
        sentence = " … ".join([*([found.lead_in] if found.lead_in else []),
                               *(" ".join(s.msgid for s in item) for item in items)])
        update = {i: sentence for item in found.items for i in item}
    else:
        return segments
    return [replace(s, context=update[i]) if i in update and not s.context else s
            for i, s in enumerate(segments)]


def _inline_segments(token: Token, offsets: list[int], kind: str, line: int,
                     context: str | None, lang: str, split: bool) -> list[Segment]:
    children = [c for c in token.children or [] if c.type not in ("softbreak", "hardbreak")]
    images = [c for c in children if c.type == "image"]
    if images and all(c.type == "image" or not c.content.strip() for c in children):
        # A paragraph of images only: the alt texts are what a translator translates.
        found = []
        for image in images:
            alt = image.content
            at = token.content.find(f"[{alt}]") + 1 if alt else -1
            if alt and at > 0:
                found.extend(_segments_of(alt, offsets[at:at + len(alt)], False, lang))
        return [Segment(m, context, "image alt text", line, a, b) for m, a, b in found]
    found = _segments_of(token.content, offsets, split, lang)
    # a sentence after the first of its block gets the sentence before it: enough to
    # resolve "It" or "them", and an edit elsewhere in the block changes no other comment
    return [Segment(m, context, kind, line, a, b,
                    context=found[index - 1][0] if index else "")
            for index, (m, a, b) in enumerate(found)]


def front_matter_segments(source: SourceText, config: Config, lang: str,
                          split: bool) -> list[Segment]:
    """Segments of the translatable front-matter keys (offsets into each value)."""
    segments = []
    for key in config.front_matter_keys:
        value = source.metadata.get(key)
        if not isinstance(value, str):
            continue
        line = _front_matter_line(source.text, key)
        for msgid, start, end in _segments_of(value, list(range(len(value))),
                                              split and key not in _UNSPLIT_FIELDS, lang):
            segments.append(Segment(msgid, None, f"front matter: {key}", line, start, end, key))
    return segments


def _front_matter_line(text: str, key: str) -> int:
    match = re.search(rf"^{re.escape(key)}\s*:", text, re.MULTILINE)
    return text[:match.start()].count("\n") + 1 if match else 1



def segments(source: SourceText, config: Config, lang: str) -> list[Segment]:
    """Every translatable segment of a document, front matter first, in source order."""
    split = config.segmentation == "sentence"
    return front_matter_segments(source, config, lang, split) + body_segments(source, lang, split)


# -- rebuilding ----------------------------------------------------------------------

_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)
_LIST_MARKER = re.compile(r"[-*+]|\d+[.)]")


def _continuation_prefix(text: str, start: int) -> str:
    """What a continuation line needs to stay in the same block (list, quote)."""
    line_start = text.rfind("\n", 0, start) + 1
    prefix = text[line_start:start]
    return _LIST_MARKER.sub(lambda m: " " * len(m.group()), prefix)


def _replace_body(text: str, segments: list[Segment], lookup: Lookup) -> str:
    for segment in sorted((s for s in segments if s.field is None),
                          key=lambda s: s.start, reverse=True):
        translation = lookup(segment)
        if translation is None or translation == segment.msgid:
            continue  # keeps the source bytes, line breaks included
        if "\n" in translation:
            prefix = _continuation_prefix(text, segment.start)
            translation = translation.replace("\n", "\n" + prefix)
        text = text[:segment.start] + translation + text[segment.end:]
    return text


def _translated_value(value: str, segments: list[Segment], lookup: Lookup) -> str:
    for segment in sorted(segments, key=lambda s: s.start, reverse=True):
        translation = lookup(segment)
        if translation is not None and translation != segment.msgid:
            value = value[:segment.start] + translation + value[segment.end:]
    return value


def _set_key(front: str, key: str, value: str) -> str:
    """Set ``key`` in front-matter text in place (or append it), other lines untouched."""
    scalar = json.dumps(value, ensure_ascii=False)  # a valid YAML double-quoted scalar
    lines = front.splitlines(keepends=True)
    for index, line in enumerate(lines):
        if re.match(rf"{re.escape(key)}\s*:", line):
            end = index + 1
            while end < len(lines) and (lines[end].startswith((" ", "\t")) or not lines[end].strip()):
                end += 1
            lines[index:end] = [f"{key}: {scalar}\n"]
            return "".join(lines)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    return "".join(lines) + f"{key}: {scalar}\n"


def rebuild(source: SourceText, segments: list[Segment], lookup: Lookup,
            extra: dict[str, str] | None = None) -> str:
    """The document with every segment that has a translation replaced.

    With a lookup that returns the msgid (or nothing) and no ``extra`` keys, the result
    is the source text byte for byte.
    """
    text = _replace_body(source.text, segments, lookup)
    match = _FRONT.match(text)
    changes: dict[str, str] = {}
    for key in dict.fromkeys(s.field for s in segments if s.field):
        value = source.metadata[key]
        translated = _translated_value(value, [s for s in segments if s.field == key], lookup)
        if translated != value:
            changes[key] = translated
    changes.update(extra or {})
    if not changes:
        return text
    if match is None:
        front, body = "", text if text.startswith("\n") else "\n" + text
    else:
        front, body = match.group(1) or "", text[match.end():]
    for key, value in changes.items():
        front = _set_key(front, key, value)
    return f"---\n{front}---\n{body}"
