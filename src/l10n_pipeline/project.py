"""A project on disk: its configuration, its source documents and their catalogues."""

from __future__ import annotations

import fnmatch
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import polib

from .cache import StageCache, matches
from .config import Config, find_project, load_config
from .errors import InputError
from .files import file_stat, load_po, read_text
from .formats.sources import SUFFIXES, read_source
from .lang import validate_code
from .model import Document

_DOCUMENT_KEYS = ("lang", "languages", "translate")  # front matter that shapes a Document


def _META_SHAPE(meta: object) -> bool:
    """What the documents cache records: the valid document keys of a front matter."""
    return isinstance(meta, dict) and all(
        key in _DOCUMENT_KEYS and matches(value, (str, bool, [str]))
        for key, value in meta.items())


def find_sources(source_dir: Path, root: Path) -> list[Path]:
    """The files under ``source_dir`` that a source format reads (``*.md``), sorted;
    symbolic links to folders are followed while they stay in the project.

    What could not be read back as a document is an InputError naming it: a folder we
    may not read, a link loop, a dangling link, a link leaving the project, a folder
    named ``x.md``, a FIFO or device named ``x.md``, a name that is not UTF-8 or holds
    a control character (a template must be able to name its source).
    """
    real_root = os.path.realpath(root)
    found: list[Path] = []
    seen: set[tuple[int, int]] = set()

    def fail(exc: OSError) -> None:
        raise InputError(f"cannot read this folder: {exc.strerror}", exc.filename)

    for directory, folders, files in os.walk(source_dir, onerror=fail, followlinks=True):
        info = os.stat(directory)
        if (info.st_dev, info.st_ino) in seen:
            raise InputError("symbolic link loop", directory)
        seen.add((info.st_dev, info.st_ino))
        real = os.path.realpath(directory)
        if real != real_root and not real.startswith(real_root.rstrip(os.sep) + os.sep):
            raise InputError("symbolic link points outside the project", directory)
        for name in folders:
            if name.endswith(SUFFIXES):
                raise InputError("a folder named like a document", Path(directory, name))
        for name in files:
            path = Path(directory, name)
            if not name.endswith(SUFFIXES):
                continue
            _check_source_file(path, real_root)
            found.append(path)
    return sorted(found)


_UNNAMEABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\udc80-\udcff]")


def _check_source_file(path: Path, real_root: str) -> None:
    if _UNNAMEABLE.search(str(path)):
        raise InputError("file name is not valid UTF-8 or holds a control character", path)
    try:
        found = file_stat(path)  # shared with the stage caches: one stat per file
    except OSError as exc:  # ELOOP: a link to itself
        raise InputError(f"cannot read this file: {exc.strerror}", path) from None
    if found is None:
        raise InputError("dangling symbolic link", path)
    if path.is_symlink() and not os.path.realpath(path).startswith(
            real_root.rstrip(os.sep) + os.sep):
        raise InputError("symbolic link points outside the project", path)
    if not stat.S_ISREG(found.st_mode):
        raise InputError("not a regular file", path)


@dataclass(frozen=True)
class CatalogueRef:
    """One document in one target language: the unit of work of most stages.

    ``path`` is its catalogue (which may not exist yet), ``name`` that path relative to
    the project root: what findings, reports and stage caches call it.
    """

    document: Document
    language: str
    path: Path
    name: str

    def exists(self) -> bool:
        return file_stat(self.path) is not None

    def load(self) -> polib.POFile:
        return load_po(self.path)


class Project:
    """The project rooted at a directory with ``[tool.l10n]`` in its pyproject.toml."""

    def __init__(self, config: Config):
        self.config = config
        self.root = config.root
        self._root_prefix = str(config.root).rstrip(os.sep) + os.sep
        self._paths: dict[tuple[Path, str], Path] = {}

    @classmethod
    def discover(cls, start: Path | None = None) -> Project:
        root = find_project(start or Path.cwd())
        return cls(load_config(root))

    @classmethod
    def at(cls, root: Path) -> Project:
        return cls(load_config(root.resolve()))

    # -- documents ---------------------------------------------------------

    @cached_property
    def documents(self) -> tuple[Document, ...]:
        """Every source document, sorted by key, with its own source and target languages."""
        source_dir = self.config.source_path
        if not source_dir.is_dir():
            raise InputError("source directory does not exist", source_dir)
        docs = []
        with StageCache(self.root, "documents") as known:
            for path in self.source_paths:
                name = path.relative_to(source_dir).as_posix()
                meta = known.lookup(name, [path], shape=_META_SHAPE)
                fresh = meta is not None
                if not fresh:
                    meta = {k: v for k, v in read_source(path).metadata.items()
                            if k in _DOCUMENT_KEYS}
                docs.append(self._document(path, meta))
                if not fresh:  # only metadata that made a valid document is remembered
                    known.record(name, [path], meta)
        return tuple(docs)

    @cached_property
    def source_paths(self) -> tuple[Path, ...]:
        """Every source file (``*.md``) under the source directory, sorted (see :func:`find_sources`)."""
        return tuple(find_sources(self.config.source_path, self.root))

    def _document(self, path: Path, meta: dict[str, Any]) -> Document:
        key = path.relative_to(self.config.source_path).with_suffix("").as_posix()
        source_language = meta.get("lang", self.config.source_language)
        if "lang" in meta:
            _validate_front_matter_code(path, "lang", source_language)
        languages = meta.get("languages", list(self.config.languages))
        if isinstance(languages, str):
            languages = languages.split()
        if not isinstance(languages, list):
            raise InputError("front matter 'languages' must be a list of language codes", path,
                             _front_matter_line(path, "languages"))
        if "languages" in meta:
            for code in languages:
                _validate_front_matter_code(path, "languages", code)
        if source_language != self.config.source_language and "languages" not in meta:
            # a document in another source language is translated into the source
            # language and every other project language
            languages = [self.config.source_language, *self.config.languages]
        translate = meta.get("translate", True)
        if not isinstance(translate, bool):
            raise InputError("front matter 'translate' must be true or false", path)
        targets = tuple(dict.fromkeys(x for x in languages if x != source_language))
        return Document(key, source_language, targets, translate, path.suffix)

    def select(self, keys_or_paths: list[str] | None = None) -> tuple[Document, ...]:
        """Documents matching keys, paths or globs (all when none are given)."""
        if not keys_or_paths:
            return self.documents
        wanted = [self._normalise(p) for p in keys_or_paths]
        found = tuple(d for d in self.documents
                      if any(fnmatch.fnmatchcase(d.key, w) or d.key.startswith(w.rstrip("/") + "/")
                             for w in wanted))
        if not found:
            raise InputError(f"no document matches {' '.join(keys_or_paths)}")
        return found

    def _normalise(self, value: str) -> str:
        path = Path(value)
        for base in (self.config.source_path, self.config.translations_path):
            try:
                rel = (Path.cwd() / path).resolve().relative_to(base.resolve())
            except ValueError:
                continue
            parts = rel.with_suffix("").parts
            if base == self.config.translations_path and parts and parts[0] in (
                    "templates", *self.config.languages, self.config.source_language):
                parts = parts[1:]
            return "/".join(parts)
        for suffix in (*SUFFIXES, ".po", ".pot"):
            value = value.removesuffix(suffix)
        return value

    def languages_for(self, requested: list[str] | None) -> tuple[str, ...]:
        """Validate ``--lang`` values against the project's languages."""
        every = tuple(dict.fromkeys(lang for d in self.documents for lang in d.languages)) \
            or self.config.languages
        if not requested:
            return tuple(sorted(every, key=lambda x: (x not in self.config.languages, x)))
        unknown = [lang for lang in requested if lang not in every]
        if unknown:
            raise InputError(f"unknown language {unknown[0]!r} (project languages: "
                             f"{', '.join(every)})", self.root / "pyproject.toml")
        return tuple(dict.fromkeys(requested))

    def catalogues(self, languages: Iterable[str] | None = None,
                   documents: Iterable[Document] | None = None,
                   untranslated: bool = False) -> Iterator[CatalogueRef]:
        """Every (document, language) catalogue of the translatable ``documents`` (default:
        all) in those of their languages that are among ``languages`` (default: all),
        document by document, each document's languages in its own order.

        With ``untranslated``, documents marked ``translate: false`` too: catalogues
        left from when they were translated still hold translations (the memory's)."""
        wanted = None if languages is None else frozenset(languages)
        for document in self.documents if documents is None else documents:
            if not (document.translate or untranslated):
                continue
            for language in document.languages:
                if wanted is None or language in wanted:
                    path = self.po_file(document, language)
                    yield CatalogueRef(document, language, path, self.relative(path))

    def is_release_document(self, document: Document) -> bool:
        return any(fnmatch.fnmatchcase(document.source_name, glob) or
                   fnmatch.fnmatchcase(document.key, glob)
                   for glob in self.config.release.documents)

    # -- paths ---------------------------------------------------------------

    def source_file(self, document: Document) -> Path:
        return self._under(self.config.source_path, document.source_name)

    def pot_file(self, document: Document) -> Path:
        return self._under(self.config.translations_path, document.pot_name)

    def po_file(self, document: Document, language: str) -> Path:
        return self._under(self.config.translations_path, document.po_name(language))

    def build_file(self, document: Document, language: str) -> Path:
        return self.config.build_path / language / document.source_name

    def _under(self, base: Path, name: str) -> Path:
        """``base / name``, built once: every stage asks for the same few thousand paths."""
        path = self._paths.get((base, name))
        if path is None:
            path = self._paths[(base, name)] = base / name
        return path

    def relative(self, path: Path) -> str:
        """Path relative to the project root, for references and messages."""
        text = str(path)
        if text.startswith(self._root_prefix):  # the usual case, without a syscall
            return text[len(self._root_prefix):]
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)


def _validate_front_matter_code(path: Path, key: str, code: object) -> None:
    """A language code of a front matter must be one CLDR knows (it becomes a folder)."""
    try:
        validate_code(code)
    except ValueError as exc:
        raise InputError(f"front matter '{key}': {exc}", path, _front_matter_line(path, key)) \
            from None


def _front_matter_line(path: Path, key: str) -> int | None:
    """The line of ``key:`` in the front matter of ``path``, for error messages."""
    for number, line in enumerate(read_text(path).split("\n")[1:], 2):
        if line.rstrip() == "---":
            return None
        if re.match(rf"{re.escape(key)}\s*:", line):
            return number
    return None
