"""Quality checks: one small class per check, registered in one place.

Each check has an id, a severity, a one-line description and the languages it applies
to; ``run`` yields messages for one entry.  A check that can only fire when some
character is present (a URL check without ``:``, a bidi check without a bidi control)
names those characters as its ``triggers``: most entries skip most checks.  Checks run
on translated and fuzzy entries, comparing msgstr with msgid.  ``#, ignore-<id>`` on an entry silences a check there;
``[tool.l10n.checks] disable`` silences it for the project.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache, partial
from pathlib import Path
from typing import TypeVar

import polib
from babel import Locale, UnknownLocaleError

from .cache import StageCache
from .files import file_stat, load_po
from .glossary import Glossary, base_language, fold, load_glossary
from .model import FINDING_SHAPE, Document, Finding, Status, entry_status, live_entries
from .project import Project


T = TypeVar("T")
R = TypeVar("R")


@dataclass
class Pair:
    """What a check sees: one source text and its translation (shared work cached)."""

    source: str
    target: str
    source_lang: str
    target_lang: str
    glossary: Glossary

    @cached_property
    def violations(self) -> list:
        return self.glossary.violations(self.source, self.source_lang, self.target,
                                        self.target_lang)

    @cached_property
    def target_prose(self) -> str:
        return prose(self.target, self.glossary)

    @cached_property
    def characters(self) -> frozenset[str]:
        """The characters of the source and the translation that trigger some check."""
        found = _trigger_characters()
        return frozenset(found.findall(self.source)).union(found.findall(self.target))

    @cached_property
    def target_scripts(self) -> set[str]:
        """The scripts (Latin, Cyrillic, Arabic) whose letters the translation has."""
        return {name for name, letters in _SCRIPTS.items() if letters.search(self.target)}


class Check:
    id: str = ""
    severity: str = "warning"
    description: str = ""
    rtl_only: bool = False
    triggers: frozenset[str] | None = None  # characters without which it cannot fire

    def relevant(self, pair: Pair) -> bool:
        """Can the check fire on this pair at all?  (Cheap; ``run`` stays complete.)"""
        return self.triggers is None or not self.triggers.isdisjoint(pair.characters)

    def run(self, pair: Pair) -> Iterator[str]:
        raise NotImplementedError


REGISTRY: dict[str, Check] = {}


def register(cls: type[Check]) -> type[Check]:
    REGISTRY[cls.id] = cls()
    return cls


@cache
def _trigger_characters() -> re.Pattern[str]:
    """Any character some registered check names as a trigger."""
    triggers = frozenset().union(*(c.triggers for c in REGISTRY.values() if c.triggers))
    return re.compile(f"[{re.escape(''.join(sorted(triggers)))}]")


@lru_cache(maxsize=64)
def is_rtl(lang: str) -> bool:
    try:
        return Locale.parse(lang.replace("-", "_")).character_order == "right-to-left"
    except (UnknownLocaleError, ValueError):
        return False


# -- shared patterns ---------------------------------------------------------------

_URL = re.compile(r"https?://[^\s)\]>\"']+")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_CODE = re.compile(r"`[^`]+`")
_LINK = re.compile(r"\]\(([^)\s]*)")
_EMPHASIS = re.compile(r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
_TAG = re.compile(r"</?([a-zA-Z][\w-]*)[^<>]*>")
_DIGIT = "0-9\u0660-\u0669\u06f0-\u06f9"
_NUMBER = re.compile(rf"[{_DIGIT}]+(?:[.,\u066b\u066c\u00a0\u202f' ](?=[{_DIGIT}]{{3}}(?![{_DIGIT}]))"
                     rf"[{_DIGIT}]{{3}})*")
_NON_DIGIT = re.compile(r"\D")
_TO_ASCII = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_DIGITS = frozenset("0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹")
_DOMAIN = r"\b(?:[\w-]+\.)+(?:org|com|net|int|eu|gov|edu|info)\b"
_NOT_PROSE = re.compile(rf"{_URL.pattern}|{_EMAIL.pattern}|{_CODE.pattern}|\]\([^)]*\)|{_DOMAIN}")
# What every match of _NOT_PROSE holds: searched first, as most texts have none.
_NOT_PROSE_HINT = re.compile(r"://|@|`|\]\(|\.(?:org|com|net|int|eu|gov|edu|info)\b")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
_SCRIPTS = {"Latin": _LATIN, "Cyrillic": _CYRILLIC, "Arabic": _ARABIC}
_LANG_SCRIPT = {"en": "Latin", "fr": "Latin", "tr": "Latin", "de": "Latin", "es": "Latin",
                "ru": "Cyrillic", "uk": "Cyrillic", "ar": "Arabic", "fa": "Arabic"}
_WORD = re.compile(r"\w+")


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


def numbers(text: str) -> Counter:
    """Numbers with digits normalised to ASCII and group separators dropped."""
    return Counter(_NON_DIGIT.sub("", n.translate(_TO_ASCII)).lstrip("0") or "0"
                   for n in _NUMBER.findall(text))


def without_urls(text: str) -> str:
    """The text without URLs (searched for only when it has one's ``://``)."""
    return _URL.sub("", text) if "://" in text else text


# -- glossary ------------------------------------------------------------------------

class _GlossaryCheck(Check):
    kind = ""

    def run(self, pair: Pair) -> Iterator[str]:
        for violation in pair.violations:
            if violation.kind == self.kind:
                yield violation.message


@register
class MissingTerm(_GlossaryCheck):
    id, severity, kind = "glossary-term", "warning", "missing-term"
    description = "a glossary term of the source is not translated as the glossary says"


@register
class ForbiddenTerm(_GlossaryCheck):
    id, severity, kind = "glossary-forbidden", "error", "forbidden-term"
    description = "the translation uses a usage the glossary forbids (e.g. 'illegal migrant')"


@register
class DntAltered(_GlossaryCheck):
    id, severity, kind = "glossary-dnt", "error", "dnt-altered"
    description = "a do-not-translate name is missing or altered in the translation"


# -- placeholders and markup ---------------------------------------------------------

class _SameItems(Check):
    pattern: re.Pattern = _URL
    what = ""

    def items(self, text: str) -> Counter:
        return Counter(self.pattern.findall(text))

    def run(self, pair: Pair) -> Iterator[str]:
        source, target = self.items(pair.source), self.items(pair.target)
        if source != target:
            missing = list((source - target).elements())
            extra = list((target - source).elements())
            parts = ([f"missing {', '.join(map(repr, missing))}"] if missing else []) + \
                    ([f"unexpected {', '.join(map(repr, extra))}"] if extra else [])
            yield f"{self.what} differ from the source: {'; '.join(parts)}"


@register
class Urls(_SameItems):
    id, severity, pattern, what = "urls", "error", _URL, "URLs"
    triggers = frozenset(":")
    description = "URLs in the translation are exactly those of the source"


@register
class Emails(_SameItems):
    id, severity, pattern, what = "emails", "error", _EMAIL, "e-mail addresses"
    triggers = frozenset("@")
    description = "e-mail addresses are exactly those of the source"


@register
class InlineCode(_SameItems):
    id, severity, pattern, what = "inline-code", "error", _CODE, "inline code spans"
    triggers = frozenset("`")
    description = "inline code (`...`) is copied unchanged"


@register
class Links(_SameItems):
    id, severity, pattern, what = "markdown-links", "error", _LINK, "Markdown link targets"
    triggers = frozenset("]")
    description = "Markdown links: same number and same targets"


@register
class HtmlTags(_SameItems):
    id, severity, pattern, what = "html-tags", "error", _TAG, "HTML tags"
    triggers = frozenset("<")
    description = "HTML tags are the same as in the source"


@register
class Emphasis(Check):
    id, severity, triggers = "emphasis", "warning", frozenset("*_")
    description = "emphasis markers (*, **, __) are balanced as in the source"

    def run(self, pair: Pair) -> Iterator[str]:
        strip = lambda t: _CODE.sub("", without_urls(t))  # noqa: E731
        source = Counter(_EMPHASIS.findall(strip(pair.source)))
        target = Counter(_EMPHASIS.findall(strip(pair.target)))
        if source != target:
            yield (f"emphasis markers differ: source {dict(source) or 'none'}, "
                   f"translation {dict(target) or 'none'}")


# -- numbers -------------------------------------------------------------------------

@register
class Numbers(Check):
    id, severity, triggers = "numbers", "warning", _DIGITS
    description = ("every number of the source is in the translation (Arabic-Indic digits "
                   "and 1,000 / 1 000 / 1.000 / ١٬٠٠٠ count as the same number)")

    def run(self, pair: Pair) -> Iterator[str]:
        missing = numbers(without_urls(pair.source)) - numbers(without_urls(pair.target))
        if missing:
            yield f"number(s) missing from the translation: {', '.join(sorted(missing))}"


# -- text shape ----------------------------------------------------------------------

@register
class Unchanged(Check):
    id, severity = "unchanged", "warning"
    description = "the translation is a copy of the source"

    def run(self, pair: Pair) -> Iterator[str]:
        if pair.source == pair.target and re.search(r"[^\W\d_]{2}",
                                                    prose(pair.source, pair.glossary)):
            yield "the translation is identical to the source"


@register
class OuterWhitespace(Check):
    id, severity = "whitespace", "warning"
    description = "leading and trailing white space as in the source"

    def run(self, pair: Pair) -> Iterator[str]:
        for side, get in (("leading", lambda t: t[:len(t) - len(t.lstrip())]),
                          ("trailing", lambda t: t[len(t.rstrip()):])):
            if get(pair.source) != get(pair.target):
                yield f"{side} white space differs from the source"


@register
class DoubleSpace(Check):
    id, severity = "double-space", "warning"
    description = "no double spaces the source does not have"

    def run(self, pair: Pair) -> Iterator[str]:
        if "  " in pair.target.strip() and "  " not in pair.source.strip():
            yield "double space in the translation"


@register
class Newlines(Check):
    id, severity, triggers = "newlines", "error", frozenset("\n")
    description = "the same number of line breaks as the source"

    def run(self, pair: Pair) -> Iterator[str]:
        if pair.source.count("\n") != pair.target.count("\n"):
            yield (f"{pair.target.count(chr(10))} line break(s), the source has "
                   f"{pair.source.count(chr(10))}")


_END = {".": ".", "۔": ".", "。": ".", "?": "?", "؟": "?", "!": "!", ":": ":", ";": ";",
        "؛": ";", ",": ",", "،": ",", "…": "…"}


def _end_mark(text: str) -> str:
    stripped = text.rstrip(" \u00a0\u202f\"'”’»)]*_\u200f\u200e\u061c")
    return _END.get(stripped[-1:], "") if stripped else ""


@register
class EndPunctuation(Check):
    id, severity = "end-punctuation", "warning"
    description = "the translation ends like the source (Arabic ؟ ، ؛ count as ? , ;)"

    def run(self, pair: Pair) -> Iterator[str]:
        source, target = _end_mark(pair.source), _end_mark(pair.target)
        if source != target:
            yield (f"ends with {target or 'no punctuation'!r}, the source with "
                   f"{source or 'no punctuation'!r}")


@register
class RepeatedWord(Check):
    id, severity = "repeated-word", "warning"
    description = "no word repeated twice in a row (case-insensitive, Turkish-aware)"

    def run(self, pair: Pair) -> Iterator[str]:
        words = _WORD.findall(fold(pair.target_prose, pair.target_lang))
        if len(set(words)) < len(words):  # else no word occurs twice, let alone in a row
            for first, second in zip(words, words[1:]):
                if first == second and not first.isdigit():
                    yield f"word repeated: {first!r}"
                    return


_RATIO = {"fr": 1.2, "ru": 1.1, "ar": 0.95, "tr": 1.0, "en": 1.0}


@register
class LengthRatio(Check):
    id, severity = "length-ratio", "warning"
    description = "translation length within the norm for the language pair (truncated output)"

    def run(self, pair: Pair) -> Iterator[str]:
        if len(pair.source) < 30:
            return
        expected = _RATIO.get(base_language(pair.target_lang), 1.0) / \
            _RATIO.get(base_language(pair.source_lang), 1.0)
        ratio = len(pair.target) / len(pair.source) / expected
        if ratio < 0.4 or ratio > 2.5:
            yield f"{len(pair.target)} characters for {len(pair.source)}: truncated or padded?"


# -- scripts ---------------------------------------------------------------------------

@register
class Script(Check):
    id, severity = "script", "error"
    description = "the translation is mostly in its language's script (Latin, Cyrillic, Arabic)"

    def relevant(self, pair: Pair) -> bool:
        expected = _LANG_SCRIPT.get(base_language(pair.target_lang))
        return expected is not None and bool(pair.target_scripts - {expected})

    def run(self, pair: Pair) -> Iterator[str]:
        expected = _LANG_SCRIPT.get(base_language(pair.target_lang))
        if not expected:
            return
        names = {w for w in _WORD.findall(pair.source) if w[:1].isupper()}
        text = " ".join(w for w in _WORD.findall(pair.target_prose) if w not in names)
        counts = {name: len(rx.findall(text)) for name, rx in _SCRIPTS.items()}
        total = sum(counts.values())
        if total >= 8 and counts[expected] < total / 2:
            main_script = max(counts, key=counts.__getitem__)
            yield f"mostly {main_script} letters, expected {expected} for {pair.target_lang}"


@register
class MixedScriptWord(Check):
    id, severity = "mixed-script", "error"
    description = "no word mixes scripts (a Latin 'a' or 'o' inside a Cyrillic word)"

    def relevant(self, pair: Pair) -> bool:
        return len(pair.target_scripts) > 1

    def run(self, pair: Pair) -> Iterator[str]:
        for word in _WORD.findall(pair.target_prose):
            present = [name for name, rx in _SCRIPTS.items() if rx.search(word)]
            if len(present) > 1:
                yield f"{word!r} mixes {' and '.join(present)} letters (a look-alike letter?)"


# -- bidirectional text -----------------------------------------------------------------

_OVERRIDES = {"\u202d": "LEFT-TO-RIGHT OVERRIDE", "\u202e": "RIGHT-TO-LEFT OVERRIDE"}
_OPENERS = {"\u202a": "embedding", "\u202b": "embedding", "\u202d": "embedding",
            "\u202e": "embedding", "\u2066": "isolate", "\u2067": "isolate", "\u2068": "isolate"}
_CLOSERS = {"\u202c": "embedding", "\u2069": "isolate"}
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_EMBEDDINGS_AND_ISOLATES = frozenset(_OPENERS) | frozenset(_CLOSERS)
_MARKS = "\u200e\u200f\u061c"  # LRM, RLM, ALM


def _control_name(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char)}"


@register
class BidiOverride(Check):
    id, severity, triggers = "bidi-override", "error", frozenset(_OVERRIDES)
    description = "no LRO/RLO overrides (U+202D/U+202E): Trojan Source, CVE-2021-42574"

    def run(self, pair: Pair) -> Iterator[str]:
        for char in sorted(set(pair.target) & set(_OVERRIDES)):
            yield f"{_control_name(char)} reorders what readers see (Trojan Source)"


@register
class BidiUnbalanced(Check):
    id, severity, triggers = "bidi-unbalanced", "error", _EMBEDDINGS_AND_ISOLATES
    description = "LRE/RLE closed by PDF and LRI/RLI/FSI by PDI within the string"

    def run(self, pair: Pair) -> Iterator[str]:
        stack: list[str] = []
        for char in _BIDI_CONTROLS.findall(pair.target):
            if char in _OPENERS:
                stack.append(_OPENERS[char])
            elif not stack or stack[-1] != _CLOSERS[char]:
                yield f"{_control_name(char)} closes nothing"
                return
            else:
                stack.pop()
        if stack:
            yield f"{len(stack)} bidi {stack[-1]}(s) not closed before the end of the string"


@register
class BidiUnneeded(Check):
    id, severity, triggers = "bidi-controls", "warning", _EMBEDDINGS_AND_ISOLATES | set(_MARKS)
    description = "bidi controls the source does not need are named"

    def run(self, pair: Pair) -> Iterator[str]:
        extra = set(_BIDI_CONTROLS.findall(pair.target)) - set(pair.source)
        if not is_rtl(pair.target_lang):
            extra |= {c for c in pair.target if c in _MARKS} - set(pair.source)
        else:
            extra -= {"\u2066", "\u2067", "\u2068", "\u2069"}  # isolates are the right fix
        if extra:
            yield "invisible bidi controls: " + ", ".join(_control_name(c) for c in sorted(extra))


def _strong(char: str) -> str | None:
    kind = unicodedata.bidirectional(char)
    return "L" if kind == "L" else "R" if kind in ("R", "AL") else None


@register
class RtlLatinEdge(Check):
    id, severity, rtl_only = "rtl-latin-edge", "warning", True
    description = ("an RTL translation neither starts nor ends with a Latin run, nor ends "
                   "with a Latin word or number before its final punctuation")

    def run(self, pair: Pair) -> Iterator[str]:
        strong = [s for s in map(_strong, pair.target) if s]
        if not strong or "R" not in strong:
            return
        fix = "add RLM (U+200F) or ALM (U+061C) next to it, or wrap it in an isolate " \
              "(U+2067 … U+2069)"
        if strong[0] == "L":
            yield f"starts with a Latin run, so the paragraph may be laid out left to right: {fix}"
        if strong[-1] == "L":
            yield f"ends with a Latin run: {fix}"
        elif re.search(r"(?:[A-Za-z]+|[0-9\u0660-\u0669]+)[.,:;!?؟،؛]+\s*$", pair.target):
            yield f"a Latin word or number just before the final punctuation: {fix}"


@register
class RtlPunctuation(Check):
    id, severity, rtl_only, triggers = "rtl-punctuation", "warning", True, frozenset(",;?")
    description = "Arabic ، ؛ ؟ rather than Latin , ; ? after an Arabic letter"

    def run(self, pair: Pair) -> Iterator[str]:
        text = without_code(pair.target)
        for match in re.finditer(rf"{_ARABIC.pattern}([,;?])", text):
            arabic = {",": "،", ";": "؛", "?": "؟"}[match.group(1)]
            yield f"Latin {match.group(1)!r} after an Arabic letter: use {arabic!r}"
            return


@register
class RtlBrackets(Check):
    id, severity, rtl_only, triggers = "rtl-brackets", "error", True, frozenset(")]}")
    description = "brackets open before they close in logical order (not typed visually)"

    def run(self, pair: Pair) -> Iterator[str]:
        depth = 0
        for char in without_code(pair.target):
            depth += {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}.get(char, 0)
            if depth < 0:
                yield (f"{char!r} closes before anything opened: brackets typed in visual "
                       f"order? In logical order an RTL text still writes '(' first")
                return


_PRESENTATION = re.compile("[\ufb50-\ufdfb\ufdfd-\ufdff\ufe70-\ufefe]")


@register
class ArabicPresentationForms(Check):
    id, severity, rtl_only = "arabic-presentation-forms", "error", True
    description = "no Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFE, except ﷼)"

    def run(self, pair: Pair) -> Iterator[str]:
        found = _PRESENTATION.findall(pair.target)
        if found:
            fixed = unicodedata.normalize("NFKC", "".join(dict.fromkeys(found)))
            yield (f"{len(found)} presentation-form character(s) such as "
                   f"{_control_name(found[0])}: replace by their NFKC form {fixed!r}")


@register
class Tatweel(Check):
    id, severity, rtl_only, triggers = "tatweel", "warning", True, frozenset("\u0640")
    description = "no tatweel (U+0640) stretching between letters"

    def run(self, pair: Pair) -> Iterator[str]:
        if re.search(r"\w\u0640+\w", pair.target):
            yield "tatweel (U+0640) between letters: justification belongs to the layout"


@register
class MixedDigits(Check):
    id, severity, triggers = "mixed-digits", "warning", _DIGITS - frozenset("0123456789")
    description = "one digit system per string (0-9, ٠-٩ or ۰-۹)"

    def run(self, pair: Pair) -> Iterator[str]:
        systems = [name for name, rx in (("ASCII", "[0-9]"), ("Arabic-Indic", "[\u0660-\u0669]"),
                                         ("Extended Arabic-Indic", "[\u06f0-\u06f9]"))
                   if re.search(rx, without_code(pair.target))]
        if len(systems) > 1:
            yield f"mixes {' and '.join(systems)} digits"


@register
class SourceForbidden(Check):
    """Runs on the source text (templates), not on translations."""

    id, severity = "glossary-forbidden-source", "warning"
    description = "the source text uses a usage the glossary forbids"

    def run(self, pair: Pair) -> Iterator[str]:
        for violation in pair.glossary.source_violations(pair.source, pair.source_lang):
            yield violation.message


# -- running ------------------------------------------------------------------------------

def active_checks(target_lang: str, disabled: tuple[str, ...] | frozenset[str]) -> list[Check]:
    rtl = is_rtl(target_lang)
    return [c for c in REGISTRY.values() if c.id not in disabled and c.id != SourceForbidden.id
            and (rtl or not c.rtl_only)]


# Below this many entries (about 400 bytes each in a PO file) checking runs in one
# process: starting others would cost more than it saves.
PARALLEL_FROM = 20_000
_BYTES_PER_ENTRY = 400

_Unit = tuple[str, str, frozenset[str], int]  # msgid, msgstr, checks ignored, line
_IN_WORKER = False  # set in the processes _in_parallel starts: they start none


def _become_worker() -> None:
    global _IN_WORKER
    _IN_WORKER = True


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1


def _in_parallel(function: Callable[[T], R], items: list[T], parallel: bool) -> Iterator[R]:
    """``function`` over ``items``, results in order: in one process per core when
    ``parallel`` (unless this is already one of those processes)."""
    cores = _cores()
    if not parallel or cores < 2 or len(items) < 2 or _IN_WORKER:
        yield from map(function, items)
        return
    from concurrent.futures import ProcessPoolExecutor  # 15 ms to import: only when used

    with ProcessPoolExecutor(min(cores, len(items)), initializer=_become_worker) as pool:
        yield from pool.map(function, items, chunksize=max(1, len(items) // (4 * cores)))


def check_catalog(catalog: polib.POFile, source_lang: str, target_lang: str, glossary: Glossary,
                  disabled: frozenset[str] = frozenset(), file: str = "") -> list[Finding]:
    """Findings for every translated or fuzzy entry of one catalogue; a large one is
    checked in one process per core, in contiguous slices, so the order stays."""
    units = [(e.msgid, e.msgstr, frozenset(f.removeprefix("ignore-") for f in e.flags
                                           if f.startswith("ignore-")), e.linenum)
             for e in live_entries(catalog)
             if entry_status(e) is not Status.UNTRANSLATED and not e.msgid_plural]
    parallel = len(units) >= PARALLEL_FROM
    # Other processes get the glossary without its caches, which can be large.
    check = partial(_check_units, source_lang=source_lang, target_lang=target_lang,
                    glossary=Glossary(glossary.concepts) if parallel else glossary,
                    disabled=disabled, file=file)
    size = max(1, -(-len(units) // _cores()) if parallel else len(units))
    slices = [units[i:i + size] for i in range(0, len(units), size)]
    return [finding for found in _in_parallel(check, slices, parallel) for finding in found]


def _check_units(units: list[_Unit], source_lang: str, target_lang: str, glossary: Glossary,
                 disabled: frozenset[str], file: str) -> list[Finding]:
    checks = active_checks(target_lang, disabled)
    findings = []
    for msgid, msgstr, ignored, line in units:
        pair = Pair(msgid, msgstr, source_lang, target_lang, glossary)
        for check in checks:
            if check.id in ignored or not check.relevant(pair):
                continue
            for message in check.run(pair):
                findings.append(Finding(file, line, target_lang, msgid,
                                        check.id, check.severity, message))
    return findings


def check_template(template: polib.POFile, source_lang: str, glossary: Glossary,
                   disabled: frozenset[str], file: str) -> list[Finding]:
    """Source-side findings (forbidden usages in the source text)."""
    check = REGISTRY[SourceForbidden.id]
    if check.id in disabled:
        return []
    return [Finding(file, entry.linenum, source_lang, entry.msgid, check.id, check.severity, m)
            for entry in live_entries(template)
            for m in check.run(Pair(entry.msgid, "", source_lang, "", glossary))
            if f"ignore-{check.id}" not in entry.flags]


_File = tuple[str, Path, str, str | None]  # unit, path, source language, target language


def run_checks(project: Project, languages: tuple[str, ...],
               documents: tuple[Document, ...] | None = None,
               templates: bool = True) -> list[Finding]:
    """Every finding of the project's catalogues in ``languages`` (and templates).

    A file whose content (and the glossary's) is unchanged since it was last checked
    is not read: its findings come from the stage cache.  The others are checked a
    document at a time, in one process per core when they hold 20,000 entries or so.
    """
    disabled = frozenset(project.config.checks.disable)
    glossary_path = project.config.glossary_path
    done = StageCache(project.root, "check", salt=repr(project.config), shared=[glossary_path])
    by_document: list[list[_File]] = []
    for document in documents or project.documents:
        if not document.translate:
            continue
        files: list[_File] = []
        pot = project.pot_file(document)
        if templates and file_stat(pot) is not None:
            files.append((project.relative(pot), pot, document.source_language, None))
        for language in document.languages:
            path = project.po_file(document, language)
            if language in languages and file_stat(path) is not None:
                files.append((project.relative(path), path, document.source_language, language))
        by_document.append(files)
    found: dict[str, list[Finding]] = {}
    to_check: list[list[_File]] = []
    for files in by_document:
        for unit, path, _, _ in files:
            known = done.lookup(unit, [path], shape=[FINDING_SHAPE])
            if known is not None:
                found[unit] = [Finding(**f) for f in known]
        if any(unit not in found for unit, *_ in files):
            to_check.append([file for file in files if file[0] not in found])
    try:
        if to_check:
            size = sum(file_stat(path).st_size for files in to_check for _, path, _, _ in files)
            check = partial(_check_files, glossary=load_glossary(glossary_path),
                            disabled=disabled)
            for files, results in zip(to_check, _in_parallel(
                    check, to_check, size >= PARALLEL_FROM * _BYTES_PER_ENTRY)):
                for (unit, path, _, _), findings in zip(files, results):
                    found[unit] = findings
                    done.record(unit, [path], [f.as_dict() for f in findings])
    finally:  # what was checked stays checked, even when a later file is broken
        done.save()
    return [finding for files in by_document for unit, *_ in files for finding in found[unit]]


def _check_files(files: list[_File], glossary: Glossary,
                 disabled: frozenset[str]) -> list[list[Finding]]:
    """The findings of each file (a template's, without a target language)."""
    results = []
    for unit, path, source_lang, target_lang in files:
        po = load_po(path)
        results.append(check_template(po, source_lang, glossary, disabled, unit)
                       if target_lang is None else
                       check_catalog(po, source_lang, target_lang, glossary, disabled, unit))
    return results
