"""The release verdict (``l10n gate``, and the head of every ``l10n report``) as text,
GitHub annotations and Markdown. Blockers are strings; their check errors are listed
under them."""

from __future__ import annotations

from collections import Counter

from ..gate import Blocker, Verdict
from .escape import github_annotation, markdown, markdown_code, one_line


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def scope(verdict: Verdict) -> str:
    """What was gated: ``require translated; languages fr, ar; 3 release documents``."""
    return (f"require {verdict.require}; languages {', '.join(verdict.languages) or 'none'}; "
            f"{plural(len(verdict.documents), 'release document')}")


def headline(verdict: Verdict) -> str:
    if verdict.ready:
        return f"Release: READY, nothing blocks it ({scope(verdict)})"
    languages = sorted({b.language for b in verdict.blockers})
    return (f"Release: BLOCKED by {plural(len(verdict.blockers), 'string')} in "
            f"{', '.join(languages)} ({scope(verdict)})")


def group_summary(blockers: list[Blocker]) -> str:
    """``3 strings: 2 untranslated, 1 machine; 1 with check errors``."""
    statuses = Counter(b.status for b in blockers if b.status)
    erring = sum(1 for b in blockers if b.findings)
    parts = [f"{n} {status}" for status, n in statuses.items()]
    if erring:
        parts.append(f"{erring} with check errors")
    return f"{plural(len(blockers), 'string')}: " + ", ".join(parts)


def gate_command(verdict: Verdict, language: str) -> str:
    """The command that lists the blockers of one language."""
    return f"l10n gate --lang {language} --require {verdict.require}"


def _reasons(blocker: Blocker) -> str:
    return ", ".join(dict.fromkeys(blocker.reasons))


# -- text -------------------------------------------------------------------------------

def verdict_lines(verdict: Verdict) -> list[str]:
    """The report's head: the verdict and one line per blocked document with the
    command that lists its strings."""
    lines = [headline(verdict)]
    for (language, document), items in verdict.groups().items():
        lines.append(f"  {language} {one_line(document)}: {group_summary(items)}"
                     f"  (see: {gate_command(verdict, language)})")
    return lines


def gate_text(verdict: Verdict) -> str:
    """``l10n gate``: the verdict, then every blocking string with ``file:line`` and the
    check errors under it."""
    if verdict.ready:
        return f"gate: OK, nothing blocks the release ({scope(verdict)})"
    lines = [f"gate: BLOCKED by {plural(len(verdict.blockers), 'string')} ({scope(verdict)})"]
    for (language, document), items in verdict.groups().items():
        lines.append(f"  {language} {one_line(document)}: {group_summary(items)}")
        for blocker in items:
            lines.append(f"    {one_line(blocker.where)}: {_reasons(blocker)}: "
                         f"{one_line(blocker.msgid)}")
            lines += [f"      {f.severity} {f.check}: {one_line(f.message)}"
                      for f in blocker.findings]
    return "\n".join(lines)


# -- GitHub -------------------------------------------------------------------------------

def gate_github(verdict: Verdict) -> str:
    """One ``::error`` annotation per blocking string, its check errors in the message."""
    if verdict.ready:
        return f"gate: OK, nothing blocks the release ({scope(verdict)})"
    return "\n".join(
        github_annotation("error", "\n".join([f"{b.language}: {_reasons(b)}: {b.msgid}"] + [
            f"{f.severity} {f.check}: {f.message}" for f in b.findings]),
            b.file, b.line, f"release gate ({b.language})")
        for items in verdict.groups().values() for b in items)


# -- Markdown -----------------------------------------------------------------------------

def verdict_markdown(verdict: Verdict) -> list[str]:
    """The verdict and one bullet per blocked document with the command that lists
    its strings."""
    state = "ready" if verdict.ready else \
        f"blocked by {plural(len(verdict.blockers), 'string')}"
    lines = [f"**Release: {state}** ({markdown(scope(verdict))})", ""]
    for (language, document), items in verdict.groups().items():
        lines.append(f"- {language} {markdown_code(document)}: {group_summary(items)}"
                     f" — {markdown_code(gate_command(verdict, language))}")
    return lines + ([""] if verdict.groups() else [])


def gate_markdown(verdict: Verdict) -> str:
    """Every blocker, for ``$GITHUB_STEP_SUMMARY``: GitHub shows only the first few
    annotations of a step."""
    lines = ["## Release gate", "", *verdict_markdown(verdict)]
    for (language, document), items in verdict.groups().items():
        lines += [f"### {language} · {markdown_code(document)}: "
                  f"{group_summary(items)}", "",
                  "| where | why | source |", "| --- | --- | --- |"]
        for b in items:
            why = "<br>".join([markdown(_reasons(b))] + [
                f"**{f.severity}** {markdown_code(f.check)}: {markdown(f.message)}"
                for f in b.findings])
            lines.append(f"| {markdown_code(b.where)} | {why} | {markdown(b.msgid)} |")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
