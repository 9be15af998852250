"""Review sign-offs verified against git.

A sign-off (``# l10n-reviewed: h=<hash> <date> <name>``) lives in the PO file beside its
entry.  Its hash only says that the text has not changed since it was written; anyone
who can edit the file can write one.  With ``[tool.l10n.review] reviewers`` set, a
sign-off counts only when ``git blame`` says the commit that added its line was
authored by an address listed for the catalogue's language (``"*"``: every language),
and, with ``signed = true``, when that commit carries a good signature (``%G? = G``)
whose signer names a listed address.

What this proves: without ``signed``, that the history you verify claims a listed
reviewer wrote the line (git author fields are free text: trust rests on who may push
to the branch); with ``signed``, that the holder of a key your git trusts (GnuPG
keyring, or ``gpg.ssh.allowedSignersFile``) for that address committed it.  A line
rewritten later (reformatted, moved) belongs to the commit that rewrote it.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import polib

from .config import Config
from .errors import InputError
from .model import REVIEW_TAG, entry_hash, tagged_lines

_NOT_COMMITTED = "0" * 40
_HEADER = re.compile(r"([0-9a-f]{40}) \d+ (\d+)(?: \d+)?")


@dataclass(frozen=True)
class SignoffLine:
    """One sign-off line of a file as git blames it."""

    line: int
    text: str  # the line after ``# ``, e.g. ``l10n-reviewed: h=... 2026-01-01 Ana``
    commit: str
    author_mail: str


@dataclass(frozen=True)
class Verdict:
    line: int
    text: str
    verified: bool
    reason: str  # why not (empty when verified)


def _git(root: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True,
                              text=True, encoding="utf-8", errors="replace", check=False)
    except FileNotFoundError:
        raise InputError("verifying sign-offs ([tool.l10n.review] reviewers) needs git, "
                         "which is not installed") from None
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["git failed"])[-1][:200]
        raise InputError(f"verifying sign-offs needs the project's git history: {reason}")
    return done.stdout


def blame_signoffs(root: Path, path: Path) -> list[SignoffLine]:
    """Every sign-off line of ``path`` with the commit and author that added it."""
    out = _git(root, "blame", "--porcelain", "--", str(path.relative_to(root)))
    mails: dict[str, str] = {}
    found: list[SignoffLine] = []
    commit, line = "", 0
    for raw in out.split("\n"):
        header = _HEADER.fullmatch(raw)
        if header:
            commit, line = header.group(1), int(header.group(2))
        elif raw.startswith("author-mail "):
            mails[commit] = raw[len("author-mail "):].strip().strip("<>").lower()
        elif raw.startswith("\t"):
            text = raw[1:].lstrip("#").strip()
            if text.startswith(REVIEW_TAG):
                found.append(SignoffLine(line, text, commit, mails.get(commit, "")))
    return found


def _signatures(root: Path, commits: set[str]) -> dict[str, tuple[str, str]]:
    """``commit -> (%G?, signer)`` for each commit."""
    if not commits:
        return {}
    out = _git(root, "log", "--no-walk=unsorted", "--format=%H%x00%G?%x00%GS",
               *sorted(commits))
    result = {}
    for row in out.splitlines():
        parts = row.split("\x00")
        if len(parts) == 3:
            result[parts[0]] = (parts[1], parts[2].lower())
    return result


def verify_file(root: Path, path: Path, allowed: frozenset[str],
                signed: bool) -> list[Verdict]:
    """Each sign-off line of ``path``, verified against ``allowed`` addresses."""
    lines = blame_signoffs(root, path)
    signatures = _signatures(root, {s.commit for s in lines
                                    if s.commit != _NOT_COMMITTED}) if signed else {}
    verdicts = []
    for item in lines:
        if item.commit == _NOT_COMMITTED:
            reason = "not committed"
        elif item.author_mail not in allowed:
            reason = f"added by {item.author_mail or 'nobody'}, not a listed reviewer"
        elif signed and signatures.get(item.commit, ("N", ""))[0] != "G":
            reason = f"commit {item.commit[:12]} has no good signature"
        elif signed and not any(a in signatures[item.commit][1] for a in allowed):
            reason = f"commit {item.commit[:12]} is signed by someone else"
        else:
            reason = ""
        verdicts.append(Verdict(item.line, item.text, not reason, reason))
    return verdicts


def verified_signoffs(root: Path, path: Path, allowed: frozenset[str],
                      signed: bool) -> frozenset[str]:
    """The texts of the sign-off lines of ``path`` that git verifies."""
    return frozenset(v.text[len(REVIEW_TAG):].strip()
                     for v in verify_file(root, path, allowed, signed) if v.verified)


def has_verified_signoff(entry: polib.POEntry, verified: frozenset[str]) -> bool:
    """A sign-off matching the entry as it is now, on a line git verified."""
    current = entry_hash(entry)
    return any(value in verified and f"h={current}" in value.split()
               for value in tagged_lines(entry, REVIEW_TAG))


def verified_for(config: Config, path: Path, language: str) -> frozenset[str] | None:
    """The verified sign-offs of a catalogue; None when the project does not verify
    sign-offs (no ``[tool.l10n.review] reviewers``): every valid one counts."""
    if config.review.reviewers is None:
        return None
    return verified_signoffs(config.root, path, config.review.reviewers_for(language),
                             config.review.signed)


def verify_catalogues(config: Config, paths: list[Path], language: str
                      ) -> list[tuple[Path, Verdict]]:
    """``l10n review verify``: every sign-off line of ``paths`` with git's verdict."""
    if config.review.reviewers is None:
        raise InputError("no reviewers to verify against: set [tool.l10n.review] reviewers",
                         config.root / "pyproject.toml")
    allowed = config.review.reviewers_for(language)
    return [(path, verdict) for path in paths
            for verdict in verify_file(config.root, path, allowed, config.review.signed)]
