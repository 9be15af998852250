"""The provider interface, its errors, and key redaction.

A provider translates one text; it raises :class:`TranslationFailed` (this text, maybe
worth retrying) or :class:`ProviderUnreachable` (nothing will get through).  Every
message a provider raises has passed through :func:`redact`: a key is never printed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Protocol
from urllib.parse import quote, quote_plus


class ProviderUnreachable(Exception):
    """The provider could not be reached at all (offline, DNS, refused)."""


class TranslationFailed(Exception):
    """This one text could not be translated.

    ``retryable`` failures (429, 5xx, a deadline) may succeed on another attempt,
    after ``retry_after`` seconds when the server said so.
    """

    def __init__(self, message: str, retryable: bool = False, retry_after: str | None = None):
        super().__init__(message)
        self.retryable = retryable
        self.retry_after = retry_after


class Provider(Protocol):
    """A machine-translation service, one text at a time."""

    name: str

    def translate(self, text: str, source: str, target: str) -> str:
        """``text`` in ``target``; raises TranslationFailed or ProviderUnreachable."""
        ...

    def close(self) -> None:
        """Release connections (the provider may be used again)."""
        ...


REDACTED = "***"


def redact(text: str, secrets: Iterable[str]) -> str:
    """``text`` with every secret (as is, and URL-encoded) replaced by ``***``."""
    for secret in secrets:
        if not secret:
            continue
        for form in {secret, quote(secret, safe=""), quote_plus(secret)}:
            text = text.replace(form, REDACTED)
    return text


# C0 and C1 controls and DEL, except tab and line feed: no translation holds them, and a
# catalogue holding one is rejected by every later command.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def control_character(text: str) -> str | None:
    """``U+XXXX`` of the first control character in ``text``, or None."""
    found = CONTROL.search(text)
    return f"U+{ord(found.group()):04X}" if found else None
