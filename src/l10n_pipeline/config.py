"""The ``[tool.l10n]`` configuration: finding the project, reading and validating it.

Validation is table-driven: every key has a type, a default and optionally a set of
allowed values or a range.  Unknown keys and wrong types are errors that name the key,
the file and its line.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from .errors import InputError
from .lang import validate_code
from .mt.providers import settings_problem

PYPROJECT = "pyproject.toml"


@dataclass(frozen=True)
class MTConfig:
    provider: str = "google"
    url: str | None = None
    api_key_env: str | None = None
    timeout: float = 20.0
    concurrency: int = 8
    retries: int = 3


@dataclass(frozen=True)
class MemoryConfig:
    min_score: float = 75.0


@dataclass(frozen=True)
class ReleaseConfig:
    languages: tuple[str, ...] | None = None  # None: all of Config.languages
    require: str = "translated"
    documents: tuple[str, ...] = ("**",)


@dataclass(frozen=True)
class BuildConfig:
    threshold: float = 80.0


@dataclass(frozen=True)
class ChecksConfig:
    """``[tool.l10n.checks]``: checks switched off, and the typographic style each
    language's typography check expects (defaults: the language's main style guides)."""

    disable: tuple[str, ...] = ()
    french_space: str = "any"        # before : ; ! ? » and after «: U+00A0 or U+202F
    french_quotes: str = "«»"
    russian_quotes: str = "«»"       # « » outside, „ “ inside
    russian_dash: str = "—"
    turkish_apostrophe: str = "’"
    english_dates: str = "source"    # the date format the source uses


# Match bands of ``l10n analyse``, best first, and the share of a new word's price each
# costs by default (a usual agency grid).
BANDS = ("context", "exact", "repetition", "95-99", "85-94", "75-84", "50-74", "no-match")
DEFAULT_WEIGHTS = {"context": 0.1, "exact": 0.25, "repetition": 0.25, "95-99": 0.5,
                   "85-94": 0.6, "75-84": 0.7, "50-74": 1.0, "no-match": 1.0}


@dataclass(frozen=True)
class AnalysisConfig:
    weights: tuple[tuple[str, float], ...] = tuple(DEFAULT_WEIGHTS.items())


@dataclass(frozen=True)
class ReviewConfig:
    # language (or "*") -> the git identities (e-mail addresses) who may sign it off;
    # None: sign-offs are not verified against git (see signoffs.py)
    reviewers: tuple[tuple[str, tuple[str, ...]], ...] | None = None
    signed: bool = False  # the commit adding a sign-off must carry a good signature

    def reviewers_for(self, language: str) -> frozenset[str]:
        """The (lower-case) e-mail addresses who may sign ``language`` off."""
        return frozenset(address for lang, addresses in self.reviewers or ()
                         if lang in (language, "*") for address in addresses)


@dataclass(frozen=True)
class Config:
    root: Path
    languages: tuple[str, ...]
    source_language: str = "en"
    source_dir: str = "source"
    translations_dir: str = "translations"
    build_dir: str = "build"
    glossary: str = "glossary.csv"
    segmentation: str = "sentence"
    front_matter_keys: tuple[str, ...] = ("title", "summary", "description")
    mt: MTConfig = field(default_factory=MTConfig)
    memory: MemoryConfig = field(default_factory=MemoryConfig)
    release: ReleaseConfig = field(default_factory=ReleaseConfig)
    build: BuildConfig = field(default_factory=BuildConfig)
    checks: ChecksConfig = field(default_factory=ChecksConfig)
    analysis: AnalysisConfig = field(default_factory=AnalysisConfig)
    review: ReviewConfig = field(default_factory=ReviewConfig)

    @cached_property
    def source_path(self) -> Path:
        return self.root / self.source_dir

    @cached_property
    def translations_path(self) -> Path:
        return self.root / self.translations_dir

    @cached_property
    def build_path(self) -> Path:
        return self.root / self.build_dir

    @cached_property
    def glossary_path(self) -> Path:
        return self.root / self.glossary

    @property
    def release_languages(self) -> tuple[str, ...]:
        return self.release.languages if self.release.languages is not None else self.languages


# key -> (kind, allowed values or (min, max) range or None)
_Spec = dict[str, tuple[str, Any]]
_TOP: _Spec = {
    "source_language": ("lang", None),
    "languages": ("langs", None),
    "source_dir": ("path", None),
    "translations_dir": ("path", None),
    "build_dir": ("path", None),
    "glossary": ("path", None),
    "segmentation": ("str", {"sentence", "paragraph"}),
    "front_matter_keys": ("strs", None),
}
_TABLES: dict[str, tuple[type, _Spec]] = {
    "mt": (MTConfig, {
        "provider": ("str", None),
        "url": ("str", None),
        "api_key_env": ("str", None),
        "timeout": ("number", (0.001, 3600)),
        "concurrency": ("int", (1, 256)),
        "retries": ("int", (1, 100)),
    }),
    "memory": (MemoryConfig, {"min_score": ("number", (0, 100))}),
    "release": (ReleaseConfig, {
        "languages": ("langs", None),
        "require": ("str", {"translated", "reviewed"}),
        "documents": ("strs", None),
    }),
    "build": (BuildConfig, {"threshold": ("number", (0, 100))}),
    "checks": (ChecksConfig, {
        "disable": ("strs", None),
        "french_space": ("str", {"any", "nbsp", "narrow"}),
        "french_quotes": ("str", {"«»", "“”"}),
        "russian_quotes": ("str", {"«»", "„“"}),
        "russian_dash": ("str", {"—", "–"}),
        "turkish_apostrophe": ("str", {"’", "'"}),
        "english_dates": ("str", {"source", "dmy", "mdy", "iso"}),
    }),
    "analysis": (AnalysisConfig, {"weights": ("weights", (0, 10))}),
    "review": (ReviewConfig, {"reviewers": ("reviewers", None), "signed": ("bool", None)}),
}


def find_project(start: Path) -> Path:
    """Walk up from ``start`` to the directory whose pyproject.toml has ``[tool.l10n]``."""
    start = start.resolve()
    for directory in (start, *start.parents):
        candidate = directory / PYPROJECT
        if candidate.is_file() and "l10n" in _read_toml(candidate).get("tool", {}):
            return directory
    raise InputError(f"no {PYPROJECT} with a [tool.l10n] table here or in any parent directory",
                     start)


def load_config(root: Path) -> Config:
    """Read and validate ``[tool.l10n]`` of the project at ``root``."""
    path = root / PYPROJECT
    text = path.read_text(encoding="utf-8")
    table = _read_toml(path).get("tool", {}).get("l10n")
    if not isinstance(table, dict):
        raise InputError("no [tool.l10n] table", path)

    def fail(key: str, message: str) -> InputError:
        return InputError(f"tool.l10n.{key}: {message}", path, _line_of(text, key.split(".")[-1]))

    values: dict[str, Any] = {}
    for key, value in table.items():
        if key in _TABLES:
            cls, spec = _TABLES[key]
            if not isinstance(value, dict):
                raise fail(key, "must be a table")
            sub = {k: _validate(f"{key}.{k}", v, spec, fail) for k, v in value.items()}
            values[key] = cls(**sub)
        else:
            values[key] = _validate(key, value, _TOP, fail)
    if "languages" not in values:
        raise fail("languages", "is required (a list of BCP 47 language codes)")
    config = Config(root=root, **values)
    if config.source_language in config.languages:
        raise fail("languages", f"lists the source language {config.source_language!r}")
    mt_problem = settings_problem(config.mt.provider, config.mt.url, config.mt.api_key_env)
    if mt_problem:
        raise fail(f"mt.{mt_problem[0]}", mt_problem[1])
    for key in ("source_dir", "translations_dir", "build_dir", "glossary"):
        target = (root / getattr(config, key)).resolve()
        if not target.is_relative_to(root.resolve()):
            raise fail(key, f"points outside the project: {getattr(config, key)!r}")
    return config


def _validate(key: str, value: Any, spec: _Spec, fail) -> Any:
    name = key.split(".")[-1]
    if name not in spec:
        raise fail(key, f"unknown key (known: {', '.join(sorted(spec))})")
    kind, allowed = spec[name]
    if kind in ("str", "path", "lang"):
        if not isinstance(value, str) or not value:
            raise fail(key, f"must be a non-empty string, not {value!r}")
        if kind == "lang":
            _validate_codes(key, [value], fail)
    elif kind in ("strs", "langs"):
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise fail(key, f"must be a list of strings, not {value!r}")
        if kind == "langs":
            _validate_codes(key, value, fail)
            if len(set(value)) != len(value):
                raise fail(key, "lists a language twice")
        value = tuple(value)
    elif kind == "reviewers":
        if not isinstance(value, dict) or not all(
                isinstance(v, list) and v and all(isinstance(x, str) and "@" in x for x in v)
                for v in value.values()):
            raise fail(key, "must be a table of language = [e-mail addresses of its reviewers]")
        _validate_codes(key, [lang for lang in value if lang != "*"], fail)
        value = tuple((lang, tuple(x.strip().lower() for x in v)) for lang, v in value.items())
    elif kind == "bool":
        if not isinstance(value, bool):
            raise fail(key, f"must be true or false, not {value!r}")
    elif kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise fail(key, f"must be an integer, not {value!r}")
    elif kind == "weights":  # band -> number; bands not given keep their default
        if not isinstance(value, dict):
            raise fail(key, f"must be a table of match band = weight, not {value!r}")
        for band, weight in value.items():
            if band not in BANDS:
                raise fail(key, f"unknown match band {band!r} (known: {', '.join(BANDS)})")
            if isinstance(weight, bool) or not isinstance(weight, (int, float)) \
                    or not allowed[0] <= weight <= allowed[1]:
                raise fail(key, f"{band}: must be a number between {allowed[0]:g} and "
                                f"{allowed[1]:g}, not {weight!r}")
        return tuple({**DEFAULT_WEIGHTS, **{b: float(w) for b, w in value.items()}}.items())
    elif kind == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise fail(key, f"must be a number, not {value!r}")
        value = float(value)
    if isinstance(allowed, set) and value not in allowed:
        raise fail(key, f"must be one of {', '.join(sorted(allowed))}, not {value!r}")
    if isinstance(allowed, tuple) and not allowed[0] <= value <= allowed[1]:
        raise fail(key, f"must be between {allowed[0]:g} and {allowed[1]:g}, not {value!r}")
    return value


def _validate_codes(key: str, codes: list[str], fail) -> None:
    for code in codes:
        try:
            validate_code(code)
        except ValueError as exc:
            raise fail(key, str(exc)) from None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid UTF-8 ({exc.reason})", path) from None
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        line = int(match.group(1)) if match else path.read_text(encoding="utf-8").count("\n") or 1
        raise InputError(f"invalid TOML: {exc}", path, line) from None


def _line_of(text: str, key: str) -> int | None:
    """Best-effort line number of ``key`` in the TOML text, for error messages."""
    for number, line in enumerate(text.splitlines(), 1):
        if re.match(rf"\s*\[?\s*(tool\.l10n\.)?{re.escape(key)}\b", line):
            return number
    return None
