"""One escaper per output target: text from files is data, never markup or commands.

- terminal: control characters (ESC, OSC, CR, ...) and bidi overrides shown as visible
  escapes, so a msgstr cannot move the cursor, set the title or reverse a line;
- HTML: ``html.escape`` (quotes included, the text may sit in an attribute);
- Markdown: no inline syntax, tag, table cell break or line break survives;
- GitHub workflow commands: data and properties as the runner's rules escape them.
"""

from __future__ import annotations

import html as _html
import re

# C0 and C1 controls (tab and line feed are layout, not commands) and the bidi
# embeddings, overrides and isolates, which reorder the text around them.
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# ``:`` stops emoji codes and autolinks (``https:``), ``.`` autolinked ``www.`` names,
# ``@`` mentions; the rest is CommonMark and GFM inline syntax.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]#!|~@:.$])")


def visible(text: str) -> str:
    """Control characters as ``\\x1b`` and bidi controls as ``<U+202E>``."""
    return _INVISIBLE.sub(lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0xA0
                          else f"<U+{ord(m[0]):04X}>", text)


def terminal(text: str) -> str:
    """Text for a terminal (printed as plain text, never as Rich markup)."""
    return visible(text)


def one_line(text: str) -> str:
    """Terminal text kept on one line (a list item, a table cell)."""
    return visible(text.replace("\n", " ").replace("\t", " "))


def html(text: str) -> str:
    return _html.escape(visible(text), quote=True)


def markdown(text: str) -> str:
    """Inline Markdown text: no emphasis, link, code, tag, mention or table break."""
    text = visible(" ".join(text.split("\n")))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def markdown_code(text: str) -> str:
    """A Markdown code span that holds ``text`` verbatim, also inside a table."""
    text = visible(" ".join(text.split("\n"))).replace("|", "\\|")
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def github_data(text: str) -> str:
    """The message of a workflow command (after ``::``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """A property value (``file=``, ``title=``): also ``:`` and ``,``."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(level: str, message: str, file: str | None = None,
                      line: int | None = None, title: str | None = None) -> str:
    """``::error file=F,line=L,title=T::message`` with every part escaped."""
    props = [f"file={github_property(file)}"] if file else []
    if line:
        props.append(f"line={line}")
    if title:
        props.append(f"title={github_property(title)}")
    return f"::{level} {','.join(props)}::{github_data(message)}" if props \
        else f"::{level}::{github_data(message)}"
