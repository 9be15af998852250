"""The one HTTP client of machine translation.

Per call (one text): a total deadline, however slowly the answer drips or however long
a chunked body goes on; a size limit on the (decoded) answer; redirects followed by
hand, never to another origin while a key is in use.  Each thread has its own
``requests`` session (sessions are not thread-safe).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
import urllib3

from .base import TranslationFailed

MAX_REDIRECTS = 5
BASE_LIMIT = 512 * 1024  # bytes every answer may have (an HTML page for google)
PER_SOURCE_BYTE = 64  # and this much more per byte of the source text
_CHUNK = 64 * 1024


def answer_limit(text: str) -> int:
    """The largest answer accepted for ``text``, in bytes."""
    return BASE_LIMIT + PER_SOURCE_BYTE * len(text.encode("utf-8"))


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()


class Transport:
    """``request(method, url, ...)`` under the policy of the call in progress."""

    def __init__(self, timeout: float, keyed: bool):
        self.timeout = timeout
        self.keyed = keyed  # a key travels with the requests: no redirect elsewhere
        self._local = threading.local()

    @contextmanager
    def call(self, text: str) -> Iterator[None]:
        """One text's requests: a deadline ``timeout`` seconds from now, a size limit."""
        local = self._local
        local.deadline = time.monotonic() + self.timeout
        local.limit = answer_limit(text)
        local.last = None
        try:
            yield
        finally:
            local.deadline = None

    @property
    def last(self) -> requests.Response | None:
        """The calling thread's last response (for status and Retry-After)."""
        return getattr(self._local, "last", None)

    def _session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = requests.Session()
        return session

    def close(self) -> None:
        session = getattr(self._local, "session", None)
        if session is not None:
            session.close()
            self._local.session = None

    def _remaining(self) -> float:
        deadline = getattr(self._local, "deadline", None)
        if deadline is None:
            raise RuntimeError("machine-translation request outside Transport.call()")
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise requests.Timeout(f"no answer within {self.timeout:g} s")
        return remaining

    def request(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        """Send, follow same-origin redirects by hand, read the body within the limits."""
        kwargs.pop("timeout", None)
        kwargs.pop("allow_redirects", None)
        kwargs.pop("stream", None)
        origin = _origin(url)
        for _ in range(MAX_REDIRECTS + 1):
            response = self._send(method, url, **kwargs)
            self._local.last = response
            if not response.is_redirect:
                self._read(response)
                return response
            target = urljoin(url, response.headers["location"])
            response.close()
            if self.keyed and _origin(target) != origin:
                raise TranslationFailed(f"refused a redirect to another origin "
                                        f"({'://'.join(_origin(target))}) with the key")
            if response.status_code not in (307, 308):  # 301-303: the browser's GET
                method = "GET"
                kwargs.pop("data", None)
                kwargs.pop("json", None)
            kwargs.pop("params", None)  # already part of the redirect's address
            url = target
        raise TranslationFailed(f"more than {MAX_REDIRECTS} redirects")

    def _send(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        """The status line and headers before the deadline, however slowly they drip.

        requests' timeout bounds each read of the socket, not their sum, so the request
        runs in a thread of its own, abandoned with its session when the deadline
        passes (a daemon thread: it never holds up the end of the program).
        """
        session, remaining = self._session(), self._remaining()
        outcome: dict[str, Any] = {}

        def send() -> None:
            try:
                outcome["response"] = session.request(method, url, timeout=remaining,
                                                      allow_redirects=False, stream=True,
                                                      **kwargs)
            except BaseException as exc:  # handed to the caller below
                outcome["error"] = exc

        worker = threading.Thread(target=send, name="l10n-mt-request", daemon=True)
        worker.start()
        worker.join(remaining)
        if worker.is_alive():
            self._local.session = None  # the abandoned request keeps the old session
            raise requests.Timeout(f"no answer within {self.timeout:g} s")
        if "error" in outcome:
            raise outcome["error"]
        response: requests.Response = outcome["response"]
        return response

    def _read(self, response: requests.Response) -> None:
        """Read the whole body before the deadline and within the size limit."""
        limit = self._local.limit
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            response.close()
            raise TranslationFailed(f"answer of {int(declared):,} bytes refused "
                                    f"(limit {limit:,})")
        chunks, size = [], 0
        try:
            while True:
                self._remaining()
                chunk = response.raw.read1(_CHUNK, decode_content=True)
                if not chunk:
                    break
                size += len(chunk)
                if size > limit:
                    raise TranslationFailed(f"answer larger than {limit:,} bytes refused")
                chunks.append(chunk)
        except requests.Timeout:
            response.close()
            raise
        except urllib3.exceptions.ReadTimeoutError:
            response.close()
            raise requests.Timeout(f"no answer within {self.timeout:g} s") from None
        except (urllib3.exceptions.HTTPError, OSError) as exc:
            response.close()
            raise TranslationFailed(f"broken answer ({type(exc).__name__})") from None
        except BaseException:
            response.close()
            raise
        response._content = b"".join(chunks)  # what .text and .json() read
        response._content_consumed = True
        response.close()
