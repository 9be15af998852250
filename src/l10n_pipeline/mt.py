"""Machine translation through deep-translator: masking, timeouts, retries, caching.

deep-translator calls ``requests.get``/``post`` with no timeout and turns HTTP errors
into exceptions that lose the status code and the ``Retry-After`` header.  While
translating, the provider module's ``requests`` is replaced by a shim that adds our
timeout and remembers (per thread) the last response, so that 429 and 5xx answers are
retried with backoff and ``Retry-After`` is honoured.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import requests

from .config import MTConfig
from .errors import InputError

PROVIDERS = {  # deep-translator provider name -> (module, class)
    "google": ("google", "GoogleTranslator"),
    "deepl": ("deepl", "DeeplTranslator"),
    "microsoft": ("microsoft", "MicrosoftTranslator"),
    "libre": ("libre", "LibreTranslator"),
    "mymemory": ("mymemory", "MyMemoryTranslator"),
    "yandex": ("yandex", "YandexTranslator"),
    "papago": ("papago", "PapagoTranslator"),
    "qcri": ("qcri", "QcriTranslator"),
    "baidu": ("baidu", "BaiduTranslator"),
}
_RETRY_STATUS = {429, 500, 502, 503, 504}
_BACKOFF_BASE = 0.5
_BACKOFF_CAP = 30.0

# -- masking ------------------------------------------------------------------------

_MASKABLE = re.compile(
    r"`[^`]+`"                                   # inline code
    r"|(?<=\]\()[^)\s]+"                         # Markdown link target
    r"|<?https?://[^\s)>\]]+>?"                  # URLs (and autolinks)
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")            # e-mail addresses
_PLACEHOLDER = re.compile(r"⟦(\d+)⟧")


def mask(text: str, dnt_terms: tuple[str, ...] = ()) -> tuple[str, list[str]]:
    """Replace what MT must not touch with numbered placeholders ``⟦n⟧``."""
    kept: list[str] = []

    def hide(match: re.Match) -> str:
        kept.append(match.group(0))
        return f"⟦{len(kept) - 1}⟧"

    masked = _MASKABLE.sub(hide, text)
    if dnt_terms:
        terms = re.compile("|".join(rf"(?<!\w){re.escape(t)}(?!\w)" for t in dnt_terms))
        masked = terms.sub(hide, masked)
    return masked, kept


def unmask(text: str, kept: list[str]) -> str | None:
    """Put masked pieces back; None when a placeholder was lost, repeated or invented."""
    found = [int(n) for n in _PLACEHOLDER.findall(text)]
    if sorted(found) != list(range(len(kept))):
        return None
    return _PLACEHOLDER.sub(lambda m: kept[int(m.group(1))], text)


# -- transport ------------------------------------------------------------------------

class ProviderUnreachable(Exception):
    """The provider could not be reached at all (offline, DNS, refused)."""


class TranslationFailed(Exception):
    """This one text could not be translated."""


_last = threading.local()


def _shim(timeout: float) -> SimpleNamespace:
    """A stand-in for the ``requests`` module with a timeout and response capture."""

    def call(method):
        def send(*args, **kwargs):
            kwargs.setdefault("timeout", timeout)
            response = method(*args, **kwargs)
            _last.response = response
            return response
        return send

    attributes = {name: getattr(requests, name) for name in dir(requests)
                  if not name.startswith("__")}
    attributes.update(get=call(requests.get), post=call(requests.post))
    return SimpleNamespace(**attributes)


@contextmanager
def _patched(module, timeout: float) -> Iterator[None]:
    original = module.requests
    module.requests = _shim(timeout)
    try:
        yield
    finally:
        module.requests = original


def _describe(exc: Exception) -> str:
    """A connection error in a few words: what failed, and where."""
    text = str(exc)
    host = re.search(r"host='([^']+)'(?:, port=(\d+))?", text)
    reason = ("cannot resolve the host name" if "NameResolution" in text or "resolve" in text
              else "connection refused" if "refused" in text.lower() else "connection failed")
    return f"{reason}: {host.group(1)}" + (f":{host.group(2)}" if host and host.group(2) else "") \
        if host else reason


@dataclass
class MachineTranslator:
    """One provider with our timeout, retry and backoff policy."""

    config: MTConfig
    provider: str

    def __post_init__(self) -> None:
        if self.provider not in PROVIDERS:
            raise InputError(f"unknown MT provider {self.provider!r} (known: "
                             f"{', '.join(sorted(PROVIDERS))}, none)")
        module_name, class_name = PROVIDERS[self.provider]
        self.module = importlib.import_module(f"deep_translator.{module_name}")
        self.cls = getattr(self.module, class_name)
        self.api_key = os.environ.get(self.config.api_key_env) if self.config.api_key_env else None
        if self.config.api_key_env and not self.api_key:
            raise InputError(f"the environment variable {self.config.api_key_env} (tool.l10n.mt."
                             f"api_key_env) is not set")

    def _client(self, source: str, target: str):
        kwargs: dict[str, object] = {"source": source, "target": target}
        if self.api_key:
            kwargs["api_key"] = self.api_key
        if self.config.url:
            kwargs["custom_url"] = self.config.url if self.provider == "libre" else None
            kwargs["base_url"] = self.config.url if self.provider != "libre" else None
            kwargs = {k: v for k, v in kwargs.items() if v is not None}
        if self.provider == "libre":
            kwargs.setdefault("api_key", "-")  # deep-translator insists on a key
            kwargs.setdefault("use_free_api", True)
        return self.cls(**kwargs)

    @contextmanager
    def session(self) -> Iterator[None]:
        """Route the provider's HTTP calls through our timeout and capture."""
        with _patched(self.module, self.config.timeout):
            yield

    def translate(self, text: str, source: str, target: str) -> str:
        """One text, retried on 429, 5xx, timeouts and connection errors."""
        for attempt in range(1, self.config.retries + 1):
            _last.response = None
            try:
                result = self._client(source, target).translate(text)
                if not isinstance(result, str) or not result.strip():
                    raise TranslationFailed("empty answer")
                return result
            except requests.ConnectionError as exc:
                if attempt == self.config.retries:
                    raise ProviderUnreachable(_describe(exc)) from None
                delay = self._delay(attempt, None)
            except requests.Timeout:
                if attempt == self.config.retries:
                    raise TranslationFailed(f"no answer within {self.config.timeout:g} s") from None
                delay = self._delay(attempt, None)
            except (TranslationFailed, ValueError) as exc:
                raise TranslationFailed(str(exc)[:200]) from None
            except Exception as exc:  # deep-translator's own exceptions
                response = getattr(_last, "response", None)
                status = response.status_code if response is not None else None
                if status not in _RETRY_STATUS or attempt == self.config.retries:
                    raise TranslationFailed(
                        f"{type(exc).__name__}: {exc}"[:200] + (f" (HTTP {status})" if status else "")
                    ) from None
                delay = self._delay(attempt, response.headers.get("Retry-After"))
            time.sleep(delay)
        raise TranslationFailed("no attempt left")

    @staticmethod
    def _delay(attempt: int, retry_after: str | None) -> float:
        if retry_after:
            try:
                return min(float(retry_after), _BACKOFF_CAP)
            except ValueError:
                pass
        return min(_BACKOFF_BASE * 2 ** (attempt - 1), _BACKOFF_CAP)


# -- cache --------------------------------------------------------------------------

class MTCache:
    """Append-only JSON lines of (provider, source, target, text) -> translation.

    Each result is appended and flushed as it arrives, so a killed run loses only the
    requests in flight; a torn last line is ignored on the next load.
    """

    def __init__(self, path: Path):
        self.path = path
        self.entries: dict[tuple[str, str, str, str], str] = {}
        self._lock = threading.Lock()
        if path.exists():
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
                try:
                    item = json.loads(line)
                    self.entries[(item["p"], item["s"], item["t"], item["q"])] = item["r"]
                except (ValueError, KeyError, TypeError):
                    continue

    def get(self, provider: str, source: str, target: str, text: str) -> str | None:
        return self.entries.get((provider, source, target, text))

    def put(self, provider: str, source: str, target: str, text: str, result: str) -> None:
        line = json.dumps({"p": provider, "s": source, "t": target, "q": text, "r": result},
                          ensure_ascii=False)
        with self._lock:
            self.entries[(provider, source, target, text)] = result
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.path, "a", encoding="utf-8") as handle:
                handle.write(line + "\n")
                handle.flush()
