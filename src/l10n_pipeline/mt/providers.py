"""What each machine-translation provider is: plain data, checked at configuration load.

A key is read from an environment variable named in the project's configuration.  A
project file comes with a pull request, so it could name any variable (CI's
``GITHUB_TOKEN``) and send it to any server: the variable must be one the provider's
library documents for that provider, or carry the explicit ``L10N_`` prefix.  And a key
goes only to its provider's own endpoint: ``url`` is accepted only by providers whose
endpoint is the user's to choose (a self-hosted LibreTranslate).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class ProviderInfo:
    module: str  # deep_translator.<module>
    cls: str
    key_variables: tuple[str, ...] = ()  # the variables deep-translator documents
    takes_url: bool = False  # a custom endpoint (``[tool.l10n.mt] url``) is supported


PROVIDERS: dict[str, ProviderInfo] = {
    "google": ProviderInfo("google", "GoogleTranslator"),
    "deepl": ProviderInfo("deepl", "DeeplTranslator", ("DEEPL_API_KEY",)),
    "microsoft": ProviderInfo("microsoft", "MicrosoftTranslator", ("MICROSOFT_API_KEY",)),
    "libre": ProviderInfo("libre", "LibreTranslator", ("LIBRE_API_KEY",), takes_url=True),
    "mymemory": ProviderInfo("mymemory", "MyMemoryTranslator"),
    "yandex": ProviderInfo("yandex", "YandexTranslator", ("YANDEX_API_KEY",)),
    "papago": ProviderInfo("papago", "PapagoTranslator"),
    "qcri": ProviderInfo("qcri", "QcriTranslator", ("QCRI_API_KEY",)),
    "baidu": ProviderInfo("baidu", "BaiduTranslator", ("BAIDU_APPKEY",)),
}
KEY_PREFIX = "L10N_"
_URL = re.compile(r"https?://[^\s/?#@]+(?:/[^\s?#]*)?", re.IGNORECASE)


def settings_problem(provider: str, url: str | None,
                     api_key_env: str | None) -> tuple[str, str] | None:
    """The setting (``provider``, ``url``, ``api_key_env``) that cannot be used with
    ``provider``, and why; None when all can."""
    if provider == "none":
        return None
    info = PROVIDERS.get(provider)
    if info is None:
        return "provider", f"unknown MT provider {provider!r} (known: {', '.join(sorted(PROVIDERS))}, none)"
    if url is not None:
        if not info.takes_url:
            takers = ", ".join(n for n, i in PROVIDERS.items() if i.takes_url)
            return "url", (f"provider {provider!r} has no custom endpoint; 'url' is for {takers} "
                    f"(remove 'url' or change the provider)")
        if not _URL.fullmatch(url):
            return "url", f"url {url!r} is not an http(s) address without user, query or fragment"
    if api_key_env is not None and api_key_env not in info.key_variables \
            and not (api_key_env.startswith(KEY_PREFIX) and len(api_key_env) > len(KEY_PREFIX)):
        documented = " or ".join(info.key_variables) or "none"
        return "api_key_env", (f"api_key_env {api_key_env!r} is neither a variable {provider!r} documents "
                f"({documented}) nor an explicit {KEY_PREFIX}... name: a project file may not "
                f"send another variable's value to a server")
    return None


def endpoint(url: str) -> str:
    """A custom endpoint with the trailing slash deep-translator appends paths to."""
    return url if url.endswith("/") else url + "/"
