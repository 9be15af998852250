"""Patterns the checks share: what is not prose (URLs, e-mail addresses, code, link
targets, domains), numbers, words.

Every pattern runs in linear time: a pattern that can start inside a token says so by a
look-behind that lets it start only where the token starts, so a 1 MB token is scanned
once, not once per character (tests/test_checks.py times a 1 MB token).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from ..glossary import Glossary

URL = re.compile(r"https?://[^\s)\]>\"']+")
# Starts only where a run of address characters starts (not at each of its characters).
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
CODE = re.compile(r"`[^`]+`")
LINK = re.compile(r"\]\(([^)\s]*)")
EMPHASIS = re.compile(r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
TAG = re.compile(r"</?([a-zA-Z][\w-]*)[^<>]*>")
DIGIT = "0-9\u0660-\u0669\u06f0-\u06f9"
# A digit first, then the rest: a pattern that opens with a character class (not a
# repeat of one) lets the regex engine skip to the next digit without trying each
# position, which halves the time of finding a text's numbers.
NUMBER = re.compile(rf"[{DIGIT}][{DIGIT}]*"
                    rf"(?:[.,\u066b\u066c\u00a0\u202f' ](?=[{DIGIT}]{{3}}(?![{DIGIT}]))"
                    rf"[{DIGIT}]{{3}})*")
_NON_DIGIT = re.compile(r"\D")
TO_ASCII = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
DIGITS = frozenset("0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹")
_TLD = r"(?:org|com|net|int|eu|gov|edu|info)"
# Starts only where a run of domain characters starts.
DOMAIN = rf"(?<![\w.-])(?:[\w-]+\.)+{_TLD}\b"
_NOT_PROSE = re.compile(rf"{URL.pattern}|{EMAIL.pattern}|{CODE.pattern}|\]\([^)]*\)|{DOMAIN}")
# What every match of _NOT_PROSE holds: searched first, as most texts have none.
_NOT_PROSE_HINT = re.compile(rf"://|@|`|\]\(|\.{_TLD}\b")
WORD = re.compile(r"\w+")


def without_code(text: str) -> str:
    """The text without URLs, e-mail addresses, code and link targets."""
    return _NOT_PROSE.sub(" ", text) if _NOT_PROSE_HINT.search(text) else text


def prose(text: str, glossary: Glossary) -> str:
    """The text without URLs, e-mail addresses, code, link targets and dnt terms."""
    text = without_code(text)
    for term in glossary.dnt_terms():
        if term in text:
            text = text.replace(term, " ")
    return text


_CODE_OR_TAG = re.compile(rf"{_NOT_PROSE.pattern}|{TAG.pattern}")


def outside_code(text: str, change: Callable[[str], str]) -> str:
    """``text`` with ``change`` applied to each stretch of prose between URLs, e-mail
    addresses, code, link targets, domains and HTML tags (which stay as they are)."""
    parts, last = [], 0
    for match in _CODE_OR_TAG.finditer(text):
        parts += [change(text[last:match.start()]), match.group()]
        last = match.end()
    return "".join(parts) + change(text[last:])


def without_urls(text: str) -> str:
    """The text without URLs (searched for only when it has one's ``://``)."""
    return URL.sub("", text) if "://" in text else text


def numbers(text: str) -> Counter:
    """Numbers with digits normalised to ASCII and group separators dropped."""
    return Counter(_NON_DIGIT.sub("", n.translate(TO_ASCII)).lstrip("0") or "0"
                   for n in NUMBER.findall(text))
