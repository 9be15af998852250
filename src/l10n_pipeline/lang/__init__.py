"""What the pipeline knows about a language, in one place.

A :class:`Language` is built once per code from a table shipped with the package
(``languages.json``), so every file we write is the same whatever versions of Babel
and CLDR a user's pip resolved:

- **Plural-Forms** are what GNU gettext's ``msginit`` writes for the language
  (gettext 0.21's table: French ``nplurals=2; plural=(n > 1);``); Arabic, which that
  table lacks, has the form of the gettext manual; every other language has what
  ``pybabel init`` wrote when the table was made (the row's ``source`` says which).
- the **English name** (the PO header's ``Language-Team``) and the **direction**.

Rules that differ by language (case, sentence-final abbreviations, how glossary terms
inflect) are in one module per language named by its subtag (``tr.py``, ``ar.py``);
a language without one gets the defaults of :mod:`.rules`.  Adding a language's rules
is adding one file.

Babel is asked one thing only: whether a code names a language CLDR knows, when a
configuration or a front matter is loaded (:func:`validate_code`).
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache, lru_cache
from importlib import resources

from . import ar, en
from .rules import Rules, default_rules

# A BCP 47 tag as we accept it: a language subtag, then script, region or variant
# subtags.  No private use, no extensions, no POSIX "@modifier": a code becomes a
# folder name, so nothing but letters, digits and hyphens may reach the file system.
_TAG = re.compile(r"[A-Za-z]{2,3}(?:-(?:[A-Za-z]{4}|[A-Za-z]{2}|\d{3}|[A-Za-z0-9]{5,8}))*")


@dataclass(frozen=True)
class Language:
    """Facts about one language, as written into the files we produce."""

    code: str
    name: str
    direction: str  # "ltr" or "rtl"
    plural_forms: str
    rules: Rules = field(default_factory=Rules, compare=False, repr=False)

    @property
    def base(self) -> str:
        """The language subtag: ``pt`` for ``pt-BR``."""
        return base_language(self.code)

    def lower(self, text: str) -> str:
        """NFC, lower-cased by the language's rules (Turkish and Azeri dotted and
        dotless i: "I" -> "ı", never ``str.lower()`` alone)."""
        text = unicodedata.normalize("NFC", text)
        if self.rules.dotted_i:
            text = text.replace("İ", "i").replace("I", "ı")
        return text.lower()

    def fold(self, text: str) -> str:
        """:meth:`lower`, with apostrophes as one and Arabic marks and alef forms
        unified: the form in which words are compared."""
        if _CURLY_APOSTROPHE.search(text):  # translate() walks every character: rarely needed
            text = text.translate(_APOSTROPHES)
        text = self.lower(text)
        if self.rules.arabic_script or ar.MARKS.search(text):
            text = ar.unify(text)
        return text

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"

    @property
    def nplurals(self) -> int:
        return plural_count(self.plural_forms)


@cache
def _table() -> dict[str, dict[str, str]]:
    text = resources.files(__package__).joinpath("languages.json").read_text(encoding="utf-8")
    table: dict[str, dict[str, str]] = json.loads(text)
    return table


@lru_cache(maxsize=256)  # asked for every pair a check sees
def base_language(code: str) -> str:
    """``fr`` for ``fr``, ``fr-CA`` and ``fr_CA``."""
    return re.split(r"[-_]", code, maxsplit=1)[0].lower()


_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'"})
_CURLY_APOSTROPHE = re.compile("[’ʼ‘]")


def _row(code: str) -> dict[str, str] | None:
    """The table's row for ``code``: its own, else its base language's."""
    table = _table()
    normal = code.replace("_", "-")
    return table.get(normal) or table.get(base_language(normal))


@cache
def language(code: str) -> Language:
    """The :class:`Language` for ``code`` (its own row, else its base language's)."""
    table = _table()
    normal = code.replace("_", "-")
    row = _row(normal)
    rules = _rules(base_language(normal))
    if row is None:  # a code CLDR knows that our table does not: say what we know
        return Language(code, code, _direction(normal, "ltr"), "nplurals=2; plural=(n != 1);",
                        rules)
    name = row["name"] if normal in table else f"{row['name']} ({normal})"
    return Language(code, name, _direction(normal, row["direction"]), row["plural_forms"], rules)


# Scripts written right to left (ISO 15924), for a code that names its script
_RTL_SCRIPTS = frozenset({"Arab", "Hebr", "Thaa", "Syrc", "Nkoo", "Adlm", "Rohg", "Mand",
                          "Samr", "Yezi"})


def _direction(code: str, usual: str) -> str:
    """A script subtag decides (``az-Arab`` is right to left, ``pa-Guru`` left to right);
    otherwise the language's usual direction."""
    script = next((part for part in code.split("-")[1:] if len(part) == 4 and part.isalpha()),
                  None)
    if script is None:
        return usual
    return "rtl" if script.title() in _RTL_SCRIPTS else "ltr"


@cache
def _rules(base: str) -> Rules:
    """The rules of the module named ``base`` in this package, else the defaults; a
    language without abbreviation tables of its own uses English's."""
    module = f"{__package__}.{base}"
    found = re.fullmatch(r"[a-z]{2,3}", base) and importlib.util.find_spec(module)
    rules = importlib.import_module(module).RULES if found else default_rules(base)
    return replace(rules, titles=en.TITLES if rules.titles is None else rules.titles,
                   ordinary=en.ORDINARY if rules.ordinary is None else rules.ordinary)


def format_date(code: str, when: date) -> str:
    """``when`` as the language writes a date in running text ("19 décembre 2022"), or
    ISO 8601 for a language whose month names we do not hold."""
    rules = language(code).rules
    if rules.months is None:
        return when.isoformat()
    day = rules.first_day if when.day == 1 else str(when.day)
    return rules.date_pattern.format(day=day, month=rules.months[when.month - 1],
                                     year=when.year)


def known_plural_forms(code: str) -> str | None:
    """The Plural-Forms our table holds for ``code``, or None when it holds none."""
    row = _row(code)
    return row["plural_forms"] if row else None


def plural_count(plural_forms: str) -> int:
    """``nplurals`` of a Plural-Forms value; 0 when it has none."""
    match = re.search(r"nplurals\s*=\s*(\d+)", plural_forms)
    return int(match.group(1)) if match else 0


def same_plural_forms(first: str, second: str) -> bool:
    """Whether two Plural-Forms values are the same rule, spacing and outer
    parentheses aside (``plural=(n > 1)`` is ``plural=n>1``)."""
    return _normal_forms(first) == _normal_forms(second)


def _normal_forms(value: str) -> str:
    compact = re.sub(r"\s+", "", value).rstrip(";")
    match = re.fullmatch(r"nplurals=(\d+);plural=(.*)", compact)
    if not match:
        return compact
    expression = match.group(2)
    while _wrapped(expression):
        expression = expression[1:-1]
    return f"{match.group(1)};{expression}"


def _wrapped(expression: str) -> bool:
    """Whether one pair of parentheses encloses the whole expression."""
    if not (expression.startswith("(") and expression.endswith(")")):
        return False
    depth = 0
    for index, char in enumerate(expression):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and index < len(expression) - 1:
            return False
    return True


def validate_code(code: object) -> str:
    """``code`` if it is a BCP 47 language tag that CLDR knows; else ValueError with
    the reason, for the caller to report with its file, key and line."""
    if not isinstance(code, str) or not code:
        raise ValueError(f"{code!r} is not a language code")
    if not _TAG.fullmatch(code.replace("_", "-")):
        raise ValueError(f"{code!r} is not a BCP 47 language code (like fr, pt-BR, sr-Latn)")
    from babel import Locale, UnknownLocaleError  # validation only: never in output

    try:
        Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        raise ValueError(f"{code!r} is not a language CLDR knows") from None
    return code


def plural_forms_problem(written: str | None, code: str) -> str | None:
    """Why a catalogue's Plural-Forms header is wrong for ``code`` (None when right or
    when our table has no form for the language)."""
    expected = known_plural_forms(code)
    if expected is None or (written is not None and same_plural_forms(written, expected)):
        return None
    found = f"Plural-Forms is {written!r}" if written else "no Plural-Forms header"
    return f"{found}; GNU gettext's form for {code} is {expected!r}"
