"""Who may use the review server, and the guards every request passes.

- On a loopback address without a token, the one local user reviews under the name
  given at start (``--by`` or ``git config user.name``).
- With ``L10N_SERVE_TOKEN`` in the environment (required on any other address) each
  reviewer signs in with the token and their name; the name lives in the signed session
  cookie, never in a form field of an action.
- Every write needs the session's CSRF token; cross-origin writes are refused; request
  bodies are bounded; responses forbid inline scripts, framing and sniffing.
"""

from __future__ import annotations

import hmac
import ipaddress
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import InputError

TOKEN_ENV = "L10N_SERVE_TOKEN"
MIN_TOKEN = 16
MAX_BODY = 256 * 1024
_NAME = re.compile(r"[^\x00-\x1f\x7f]{1,80}")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class Access:
    """How reviewers are admitted: by token (and their own names), or as one local user."""

    host: str
    token: str | None
    local_reviewer: str | None

    @property
    def allowed_hosts(self) -> list[str]:
        """Host headers accepted: on loopback only loopback names (no DNS rebinding)."""
        if not is_loopback(self.host):
            return ["*"]
        return sorted({"127.0.0.1", "localhost", "::1", "[::1]", self.host})


def access(host: str, environ: Mapping[str, str], local_reviewer: str | None) -> Access:
    """The access rules for serving on ``host``; an unsafe setup is an InputError."""
    token = environ.get(TOKEN_ENV) or None
    if token is None and not is_loopback(host):
        raise InputError(f"serving on {host} needs a token: set {TOKEN_ENV} in the "
                         f"environment (at least {MIN_TOKEN} characters)")
    if token is not None and len(token) < MIN_TOKEN:
        raise InputError(f"{TOKEN_ENV} is too short: use at least {MIN_TOKEN} characters")
    return Access(host, token, None if token else local_reviewer)


def token_matches(given: str, token: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8"))


def valid_name(name: str) -> str | None:
    """A reviewer's name fit for a sign-off comment (one line, 1-80 characters)."""
    name = " ".join(name.split())
    return name if _NAME.fullmatch(name) else None


def csrf_token(session: dict) -> str:
    """The session's CSRF token, made on first use."""
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def csrf_ok(session: dict, given: str | None) -> bool:
    expected = session.get("csrf")
    return (isinstance(expected, str) and bool(expected) and bool(given)
            and hmac.compare_digest(expected, given or ""))


def same_origin(headers: Mapping[str, str]) -> bool:
    """No ``Origin`` (same-origin navigation in some browsers), or the server's own."""
    origin = headers.get("origin")
    if origin is None or origin == "null":
        return origin is None
    return origin.split("://", 1)[-1] == headers.get("host", "")


HEADERS = [
    (b"content-security-policy", b"default-src 'none'; script-src 'self'; style-src 'self'; "
                                 b"img-src 'self'; connect-src 'self'; form-action 'self'; "
                                 b"frame-ancestors 'none'; base-uri 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
]


class Guard:
    """ASGI middleware: bounded request bodies (413) and security headers on every response."""

    def __init__(self, app: ASGIApp, max_body: int = MAX_BODY):
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body):
            await _too_large(send)
            return
        seen = 0

        async def bounded() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_body:
                raise _TooLarge
            return message

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *HEADERS]
            await send(message)

        try:
            await self.app(scope, bounded, with_headers)
        except _TooLarge:
            await _too_large(send)


class _TooLarge(Exception):
    pass


async def _too_large(send: Send) -> None:
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"), *HEADERS]})
    await send({"type": "http.response.body", "body": b"request too large\n"})
