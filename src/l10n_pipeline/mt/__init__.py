"""Machine translation: a provider interface, with deep-translator's providers behind it.

- :mod:`.providers`: what each provider is (plain data, checked when the configuration
  loads: which key variables it documents, whether it takes a custom endpoint);
- :mod:`.base`: the :class:`~.base.Provider` protocol, its errors and key redaction;
- :mod:`.transport`: the only HTTP client, with a total deadline, a size limit and no
  redirect that takes a key to another origin;
- :mod:`.deep`: deep-translator's providers behind the protocol;
- :mod:`.translator`: retries and backoff over any provider, masking, the answer cache.

The HTTP stack (requests, deep-translator) loads only when a translator is built.
"""

from typing import TYPE_CHECKING

from .base import ProviderUnreachable, TranslationFailed, redact
from .masking import mask, unmask

if TYPE_CHECKING:  # what __getattr__ loads on first use
    from .translator import MachineTranslator, MTCache

__all__ = ["MTCache", "MachineTranslator", "ProviderUnreachable", "TranslationFailed",
           "mask", "redact", "unmask"]


def __getattr__(name: str) -> object:
    if name in ("MachineTranslator", "MTCache"):
        from . import translator
        return getattr(translator, name)
    raise AttributeError(name)
