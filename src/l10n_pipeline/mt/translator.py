"""Machine translation over any :class:`~.base.Provider`: retries, backoff, the cache.

429 and 5xx answers, deadlines and connection errors are retried with exponential
backoff, honouring ``Retry-After``; an answer holding control characters is a failed
translation, never written into a catalogue.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..config import MTConfig
from ..errors import InputError
from .base import Provider, ProviderUnreachable, TranslationFailed, control_character
from .providers import settings_problem

_BACKOFF_BASE = 0.5
_BACKOFF_CAP = 30.0


def usable_key(config: MTConfig, provider: str, where: Path | None = None) -> str | None:
    """The key for ``provider`` (None without one), after checking that the settings
    can work with it and the key variable is set; InputError naming ``where`` if not.

    Cheap (no network, no HTTP stack): ``l10n run`` calls it before writing anything.
    """
    problem = settings_problem(provider, config.url, config.api_key_env)
    if problem and problem[0] == "provider" and provider != config.provider:
        raise InputError(f"--provider: {problem[1]}")  # not the configuration's fault
    if problem:
        raise InputError(f"tool.l10n.mt.{problem[0]}: {problem[1]}", where)
    if provider == "none" or not config.api_key_env:
        return None
    value = os.environ.get(config.api_key_env)
    if not value:
        raise InputError(f"tool.l10n.mt.api_key_env: the environment variable "
                         f"{config.api_key_env} is not set", where)
    return value


def make_provider(config: MTConfig, name: str, where: Path | None = None) -> Provider:
    """The provider ``name`` with this configuration; InputError when it cannot work."""
    key = usable_key(config, name, where)
    from .deep import DeepTranslatorProvider
    return DeepTranslatorProvider(name, config.timeout, config.url, key)


@dataclass
class MachineTranslator:
    """One provider with our retry and backoff policy."""

    config: MTConfig
    provider: str
    where: Path | None = None  # the configuration file, for error messages
    backend: Provider = field(init=False)

    def __post_init__(self) -> None:
        self.backend = make_provider(self.config, self.provider, self.where)

    @contextmanager
    def session(self) -> Iterator[None]:
        """Use the provider; its connections are released at the end."""
        try:
            yield
        finally:
            self.backend.close()

    def translate(self, text: str, source: str, target: str) -> str:
        """One text, retried on 429, 5xx, deadlines and connection errors."""
        for attempt in range(1, self.config.retries + 1):
            try:
                result = self.backend.translate(text, source, target)
            except ProviderUnreachable:
                if attempt == self.config.retries:
                    raise
                delay = self._delay(attempt, None)
            except TranslationFailed as exc:
                if not exc.retryable or attempt == self.config.retries:
                    raise
                delay = self._delay(attempt, exc.retry_after)
            else:
                bad = control_character(result)
                if bad:
                    raise TranslationFailed(f"the answer holds the control character {bad}")
                return result
            time.sleep(delay)
        raise TranslationFailed("no attempt left")

    @staticmethod
    def _delay(attempt: int, retry_after: str | None) -> float:
        if retry_after:
            try:
                return min(max(float(retry_after), 0.0), _BACKOFF_CAP)
            except ValueError:
                pass
        return min(_BACKOFF_BASE * 2 ** (attempt - 1), _BACKOFF_CAP)


class MTCache:
    """Append-only JSON lines of (provider, source, target, text) -> translation.

    Each result is appended and flushed as it arrives, so a killed run loses only the
    requests in flight; a torn last line is ignored on the next load.  The cache is a
    hint: a line of any other shape, or a translation holding a control character, is
    skipped.
    """

    def __init__(self, path: Path):
        self.path = path
        self.entries: dict[tuple[str, str, str, str], str] = {}
        self._lock = threading.Lock()
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except (FileNotFoundError, IsADirectoryError, PermissionError):
            text = ""
        for line in text.splitlines():
            item = _cache_line(line)
            if item is not None:
                self.entries[item[0]] = item[1]

    def get(self, provider: str, source: str, target: str, text: str) -> str | None:
        return self.entries.get((provider, source, target, text))

    def put(self, provider: str, source: str, target: str, text: str, result: str) -> None:
        line = json.dumps({"p": provider, "s": source, "t": target, "q": text, "r": result},
                          ensure_ascii=False)
        with self._lock:
            self.entries[(provider, source, target, text)] = result
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                with open(self.path, "a", encoding="utf-8") as handle:
                    handle.write(line + "\n")
                    handle.flush()
            except OSError:
                pass  # a cache we cannot write is only a slower next run


def _cache_line(line: str) -> tuple[tuple[str, str, str, str], str] | None:
    try:
        item = json.loads(line)
    except ValueError:
        return None
    if not isinstance(item, dict):
        return None
    fields = [f for f in (item.get(k) for k in ("p", "s", "t", "q", "r")) if isinstance(f, str)]
    if len(fields) != 5 or not fields[4].strip() or control_character(fields[4]):
        return None
    p, s, t, q, r = fields
    return (p, s, t, q), r
