"""The release verdict (``l10n gate``, and the head of every ``l10n report``) as text,
GitHub annotations and Markdown. Blockers are strings; their check errors are listed
under them."""

from __future__ import annotations

from ..gate import MISSING, Blocker, Group, Verdict
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
    languages = sorted({g.language for g in verdict.groups})
    return (f"Release: BLOCKED by {plural(verdict.strings, 'string')} in "
            f"{', '.join(languages)} ({scope(verdict)})")


_REASON_ORDER = ("untranslated", "machine", "fuzzy", "not reviewed", MISSING)


def group_summary(group: Group) -> str:
    """``3 strings: 2 untranslated, 1 machine; 1 with check errors``."""
    if MISSING in group.reasons:
        return "no catalogue: run l10n update"
    parts = [f"{group.reasons[r]} {r}" for r in _REASON_ORDER if group.reasons.get(r)]
    if group.with_errors:
        parts.append(f"{group.with_errors} with check errors")
    return f"{plural(group.strings, 'string')}: " + ", ".join(parts)


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
    for group in verdict.groups:
        lines.append(f"  {group.language} {one_line(group.document)}: {group_summary(group)}"
                     f"  (see: {gate_command(verdict, group.language)})")
    return lines


def gate_text(verdict: Verdict) -> str:
    """``l10n gate``: the verdict, then every blocking string with ``file:line`` and the
    check errors under it."""
    if verdict.ready:
        return f"gate: OK, nothing blocks the release ({scope(verdict)})"
    lines = [f"gate: BLOCKED by {plural(verdict.strings, 'string')} ({scope(verdict)})"]
    for group in verdict.groups:
        lines.append(f"  {group.language} {one_line(group.document)}: {group_summary(group)}")
        for blocker in group.blockers:
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
        for b in verdict.blockers)


# -- Markdown -----------------------------------------------------------------------------

def verdict_markdown(verdict: Verdict) -> list[str]:
    """The verdict and one bullet per blocked document with the command that lists
    its strings."""
    state = "ready" if verdict.ready else \
        f"blocked by {plural(verdict.strings, 'string')}"
    lines = [f"**Release: {state}** ({markdown(scope(verdict))})", ""]
    for group in verdict.groups:
        lines.append(f"- {group.language} {markdown_code(group.document)}: "
                     f"{group_summary(group)} — "
                     f"{markdown_code(gate_command(verdict, group.language))}")
    return lines + ([""] if verdict.groups else [])


def gate_markdown(verdict: Verdict) -> str:
    """Every blocker, for ``$GITHUB_STEP_SUMMARY``: GitHub shows only the first few
    annotations of a step."""
    lines = ["## Release gate", "", *verdict_markdown(verdict)]
    for group in verdict.groups:
        lines += [f"### {group.language} · {markdown_code(group.document)}: "
                  f"{group_summary(group)}", "",
                  "| where | why | source |", "| --- | --- | --- |"]
        for b in group.blockers:
            why = "<br>".join([markdown(_reasons(b))] + [
                f"**{f.severity}** {markdown_code(f.check)}: {markdown(f.message)}"
                for f in b.findings])
            lines.append(f"| {markdown_code(b.where)} | {why} | {markdown(b.msgid)} |")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
