"""deep-translator's providers behind the :class:`~.base.Provider` protocol.

deep-translator has no transport hook: its provider modules call ``requests.get`` and
``requests.post`` themselves, with no timeout, follow redirects with the key, and put
the key into their exceptions.  So the first use of a provider module binds its
``requests`` name, once and for good, to :data:`_REQUESTS`: the real module, except
that ``get`` and ``post`` go through the :class:`~.transport.Transport` of the calling
thread (and fail outside one, so nothing is ever sent unguarded).  This coupling is
tested against the locked deep-translator version (tests/test_mt.py).
"""

from __future__ import annotations

import importlib
import re
import threading
from types import ModuleType
from typing import Any

import requests

from .base import ProviderUnreachable, TranslationFailed, redact
from .providers import PROVIDERS, endpoint
from .transport import Transport

_RETRY_STATUS = {429, 500, 502, 503, 504}
_active = threading.local()  # the Transport of the call in progress, per thread


class _Requests:
    """What deep-translator's provider modules see as ``requests``."""

    def __getattr__(self, name: str) -> Any:
        return getattr(requests, name)

    @staticmethod
    def _transport() -> Transport:
        transport = getattr(_active, "transport", None)
        if transport is None:
            raise RuntimeError("deep-translator made a request outside a provider call")
        return transport

    def get(self, url: str, **kwargs: Any) -> requests.Response:
        return self._transport().request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> requests.Response:
        return self._transport().request("POST", url, **kwargs)


_REQUESTS = _Requests()


def _provider_module(name: str) -> ModuleType:
    module = importlib.import_module(f"deep_translator.{name}")
    if vars(module).get("requests") is not _REQUESTS:
        setattr(module, "requests", _REQUESTS)  # the provider's module global
    return module


def _describe(exc: Exception) -> str:
    """A connection error in a few words: what failed, and where."""
    text = str(exc)
    host = re.search(r"host='([^']+)'(?:, port=(\d+))?", text)
    reason = ("cannot resolve the host name" if "NameResolution" in text or "resolve" in text
              else "connection refused" if "refused" in text.lower() else "connection failed")
    if not host:
        return reason
    return f"{reason}: {host.group(1)}" + (f":{host.group(2)}" if host.group(2) else "")


class DeepTranslatorProvider:
    """One deep-translator provider, every request through our transport."""

    def __init__(self, name: str, timeout: float, url: str | None, api_key: str | None):
        info = PROVIDERS[name]
        self.name = name
        self._cls = getattr(_provider_module(info.module), info.cls)
        self._url = endpoint(url) if url else None
        self._key = api_key
        self._transport = Transport(timeout, keyed=bool(api_key))

    def _client(self, source: str, target: str) -> Any:
        kwargs: dict[str, object] = {"source": source, "target": target}
        if self._key:
            kwargs["api_key"] = self._key
        if self.name == "libre":
            kwargs.setdefault("api_key", "-")  # deep-translator insists on a key
            kwargs["use_free_api"] = True
            if self._url:
                kwargs["custom_url"] = self._url
        return self._cls(**kwargs)

    def translate(self, text: str, source: str, target: str) -> str:
        _active.transport = self._transport
        try:
            with self._transport.call(text):
                result = self._client(source, target).translate(text)
        except TranslationFailed as exc:
            raise TranslationFailed(self._clean(str(exc)), exc.retryable) from None
        except requests.Timeout:
            raise TranslationFailed(f"no answer within {self._transport.timeout:g} s",
                                    retryable=True) from None
        except requests.ConnectionError as exc:
            raise ProviderUnreachable(self._clean(_describe(exc))) from None
        except Exception as exc:  # deep-translator's own exceptions, a bad answer
            response = self._transport.last
            status = response.status_code if response is not None else None
            message = self._clean(f"{type(exc).__name__}: {exc}")[:200]
            raise TranslationFailed(message + (f" (HTTP {status})" if status else ""),
                                    retryable=status in _RETRY_STATUS,
                                    retry_after=response.headers.get("Retry-After")
                                    if response is not None else None) from None
        finally:
            _active.transport = None
        if not isinstance(result, str) or not result.strip():
            raise TranslationFailed("empty answer")
        return result

    def _clean(self, message: str) -> str:
        return redact(message, [self._key] if self._key else [])

    def close(self) -> None:
        self._transport.close()
