"""The ``l10n`` command: a thin layer over the library API.

Each sub-command parses its options, calls one library function and renders the
result.  Exit codes (INTERFACE.md): 0 success; 1 the command worked and found blocking
problems; 2 bad input, usage or configuration (one line on stderr, no traceback).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from . import __version__
from .errors import InputError
from .files import confined, describe_os_error, lock_timeout, project_lock, stat_snapshot
from .project import Project
from .ui import console, stdout

EXIT_OK, EXIT_BLOCKED, EXIT_BAD_INPUT = 0, 1, 2

Handler = Callable[[Project, argparse.Namespace], int]
_COMMANDS: dict[str, tuple[Handler, Callable[[argparse.ArgumentParser], None], str, str]] = {}


def command(name: str, help: str, description: str = "", writes: bool = True):
    """Register ``cmd_<name>``; ``configure`` adds its options to the sub-parser.

    Commands that write (``writes=True``) run under the project lock.
    """

    def register(configure: Callable[[argparse.ArgumentParser], None]):
        def wrap(handler: Handler) -> Handler:
            handler.writes = writes  # type: ignore[attr-defined]
            _COMMANDS[name] = (handler, configure, help, description or help)
            return handler
        return wrap
    return register


def _format_option(parser: argparse.ArgumentParser, formats: tuple[str, ...]) -> None:
    parser.add_argument("--format", choices=formats, default=formats[0],
                        help="output format (default: %(default)s)")


def render_findings(findings: list, fmt: str) -> None:
    """Findings as a table grouped by file, a JSON array, or GitHub annotations."""
    from .render import findings_github, findings_json, findings_table
    if fmt == "json":
        stdout.print(findings_json(findings), markup=False, highlight=False)
    elif fmt == "github":
        stdout.print(findings_github(findings), markup=False, highlight=False)
    else:
        stdout.print(findings_table(findings))


def _lang_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", "-l", action="append", metavar="L",
                        help="only this target language (repeatable; default: all)")


# -- extract / update -----------------------------------------------------------

def _configure_extract(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 when a template is not up to date with its "
                             "source (for pre-commit hooks and CI)")
    parser.add_argument("documents", nargs="*", metavar="DOC",
                        help="document keys, paths or globs (default: all)")


@command("extract", "source documents -> POT templates",
         "Read every Markdown document under the source directory and write one POT "
         "template per document to translations/templates/. A second run changes no byte. "
         "With --check, write nothing and exit 1 when a template would change.")(
    _configure_extract)
def cmd_extract(project: Project, args: argparse.Namespace) -> int:
    from .extract import extract_project, stale_templates
    documents = project.select(args.documents)
    if args.check:
        stale = stale_templates(project, documents)
        for path in stale:
            console.print(f"{project.relative(path)}: out of date; run l10n extract",
                          markup=False, highlight=False)
        console.print(f"extract --check: {len(stale)} template(s) out of date",
                      markup=False, highlight=False)
        return EXIT_BLOCKED if stale else EXIT_OK
    changed = extract_project(project, documents)
    console.print(f"extract: {len(changed)} template(s) written")
    return EXIT_OK


def _configure_update(parser: argparse.ArgumentParser) -> None:
    _lang_option(parser)
    parser.add_argument("documents", nargs="*", metavar="DOC",
                        help="document keys, paths or globs (default: all)")


@command("update", "templates -> catalogues (msgmerge --previous semantics)",
         "Create or update translations/<lang>/<doc>.po from each template: translations "
         "are kept, changed strings go fuzzy with their previous msgid, removed strings "
         "become obsolete, returning strings are revived.")(_configure_update)
def cmd_update(project: Project, args: argparse.Namespace) -> int:
    from .merge import update_project
    changed = update_project(project, project.languages_for(args.lang),
                             project.select(args.documents))
    console.print(f"update: {len(changed)} catalogue(s) written")
    return EXIT_OK


# -- prefill --------------------------------------------------------------------

def _configure_prefill(parser: argparse.ArgumentParser) -> None:
    _lang_option(parser)
    parser.add_argument("--provider", metavar="P",
                        help="deep-translator provider (google, deepl, microsoft, libre, "
                             "mymemory, ...) or 'none' for memory only; default from config")
    parser.add_argument("--dry-run", action="store_true",
                        help="list what would be sent and the character count; write nothing")
    parser.add_argument("--strict", action="store_true",
                        help="exit 1 when a segment failed or the provider was unreachable")
    _format_option(parser, ("text", "json"))


@command("prefill", "fill untranslated strings from memory, then machine translation",
         "For every untranslated entry: an exact or fuzzy match from the project's own "
         "translated entries, else machine translation (deep-translator). Everything "
         "pre-filled is fuzzy with its provenance in a translator comment, and checked "
         "against the glossary. Example: l10n prefill --lang fr --provider libre")(
    _configure_prefill)
def cmd_prefill(project: Project, args: argparse.Namespace) -> int:
    import json

    from .prefill import prefill_project, print_summary
    summary = prefill_project(project, project.languages_for(args.lang), args.provider,
                              args.dry_run)
    if args.format == "json":
        stdout.print(json.dumps(summary.as_dict(), ensure_ascii=False, indent=2),
                     markup=False, highlight=False)
    else:
        print_summary(summary)
    failed = summary.unreachable is not None or summary.total("failed") > 0
    return EXIT_BLOCKED if args.strict and failed else EXIT_OK


# -- check ------------------------------------------------------------------------

def _configure_check(parser: argparse.ArgumentParser) -> None:
    _lang_option(parser)
    parser.add_argument("--list", action="store_true",
                        help="list every check with its severity and description")
    _format_option(parser, ("text", "json", "github"))
    parser.add_argument("documents", nargs="*", metavar="DOC",
                        help="document keys, paths or globs (default: all)")


@command("check", "quality checks on translations (glossary, markup, numbers, RTL, ...)",
         "Run every check on translated and fuzzy entries. Silence one check on one entry "
         "with the flag '#, ignore-<check-id>', or for the project with "
         "[tool.l10n.checks] disable = [...]. Exit 1 when an error is found. "
         "Example: l10n check --lang ar --format github", writes=False)(_configure_check)
def cmd_check(project: Project, args: argparse.Namespace) -> int:
    from .checks import REGISTRY, run_checks
    if args.list:
        rows = [{"check": c.id, "severity": c.severity, "description": c.description,
                 "rtl_only": c.rtl_only} for c in REGISTRY.values()]
        if args.format == "json":
            import json
            stdout.print(json.dumps(rows, indent=2, ensure_ascii=False), markup=False)
        else:
            for row in rows:
                stdout.print(f"{row['check']:<28} {row['severity']:<8} {row['description']}"
                             + (" (RTL languages)" if row["rtl_only"] else ""), markup=False)
        return EXIT_OK
    findings = run_checks(project, project.languages_for(args.lang),
                          project.select(args.documents), templates=not args.lang)
    render_findings(findings, args.format)
    return EXIT_BLOCKED if any(f.severity == "error" for f in findings) else EXIT_OK


# -- review -----------------------------------------------------------------------

def _configure_review(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="[approve|reject|verify] PATH",
                        help="approve: sign every translated entry; reject: mark entries "
                             "fuzzy with a comment; verify: check each sign-off against git "
                             "([tool.l10n.review] reviewers; exit 1 if one is unverified); "
                             "none: review interactively. Then the documents (keys, source "
                             "or PO paths, globs; default: all)")
    parser.add_argument("--lang", "-l", required=True, metavar="L", help="the language")
    parser.add_argument("--by", metavar="NAME",
                        help="reviewer name (default: git config user.name)")
    parser.add_argument("--entry", metavar="MSGID", help="only the entry with this msgid")
    parser.add_argument("--comment", default="", help="reason, for reject")


@command("review", "sign off translations as reviewed (approve, reject, interactive)",
         "Review sign-offs live in the PO file beside the entry (a translator comment with "
         "reviewer, date and a hash of the text): editing the source or the translation "
         "invalidates them. Examples: l10n review approve --lang fr --by 'Ana' about/; "
         "l10n review reject --lang ar --entry 'Mission Statement' --comment 'wrong term'; "
         "l10n review --lang ru (interactive: a=approve e=edit f=fuzzy s=skip q=quit)")(
    _configure_review)
def cmd_review(project: Project, args: argparse.Namespace) -> int:
    from . import review
    (language,) = project.languages_for([args.lang])
    action = args.paths.pop(0) if args.paths[:1] in (["approve"], ["reject"], ["verify"]) \
        else None
    if action == "verify":
        return _review_verify(project, language, project.select(args.paths))
    reviewer = review.reviewer_name(args.by, project.root)
    documents = project.select(args.paths)
    if action == "approve":
        count = review.approve(project, language, reviewer, documents, args.entry)
        console.print(f"review: {count} entr{'y' if count == 1 else 'ies'} approved by {reviewer}")
    elif action == "reject":
        count = review.reject(project, language, reviewer, documents, args.entry, args.comment)
        console.print(f"review: {count} entr{'y' if count == 1 else 'ies'} sent back as fuzzy")
    else:
        counts = review.interactive(project, language, reviewer, documents, stdout,
                                    lambda prompt: stdout.input(prompt, markup=False))
        console.print("review: " + ", ".join(f"{n} {k}" for k, n in counts.items()))
    return EXIT_OK


def _review_verify(project: Project, language: str, documents: tuple) -> int:
    from .signoffs import verify_catalogues
    paths = [project.po_file(d, language) for d in documents
             if d.translate and language in d.languages
             and project.po_file(d, language).exists()]
    verdicts = verify_catalogues(project.config, paths, language)
    for path, verdict in verdicts:
        state = "verified" if verdict.verified else f"UNVERIFIED: {verdict.reason}"
        stdout.print(f"{project.relative(path)}:{verdict.line}: {state}", markup=False,
                     highlight=False)
    bad = sum(1 for _, v in verdicts if not v.verified)
    console.print(f"review verify: {len(verdicts) - bad} verified, {bad} unverified",
                  markup=False)
    return EXIT_BLOCKED if bad else EXIT_OK


# -- report ---------------------------------------------------------------------------

def _configure_report(parser: argparse.ArgumentParser) -> None:
    _lang_option(parser)
    _format_option(parser, ("text", "json", "markdown", "html"))
    parser.add_argument("--output", "-o", metavar="FILE", type=Path,
                        help="write the report to FILE (atomically) instead of stdout")


@command("report", "coverage per language and document (text, json, markdown, html)",
         "Strings and words in each status (untranslated, machine, fuzzy, translated, "
         "reviewed) per language and per document, with check errors, warnings, stale "
         "reviews and glossary violations. Counts agree with msgfmt --statistics. "
         "Example: l10n report --format html -o coverage.html", writes=False)(
    _configure_report)
def cmd_report(project: Project, args: argparse.Namespace) -> int:
    import json

    from .files import write_output
    from .render import report_html, report_markdown, report_table
    from .report import as_json_data, coverage
    reports = coverage(project, project.languages_for(args.lang),
                       drill_down=args.format == "html")
    if args.format == "text" and not args.output:
        stdout.print(report_table(reports))
        return EXIT_OK
    text = {"json": lambda: json.dumps(as_json_data(reports), ensure_ascii=False, indent=2) + "\n",
            "markdown": lambda: report_markdown(reports),
            "html": lambda: report_html(reports),
            "text": lambda: report_markdown(reports)}[args.format]()
    if args.output:
        write_output(args.output if args.output.is_absolute() else Path.cwd() / args.output, text)
    else:
        stdout.print(text, markup=False, highlight=False, end="")
    return EXIT_OK


# -- gate -------------------------------------------------------------------------------

def _configure_gate(parser: argparse.ArgumentParser) -> None:
    _lang_option(parser)
    parser.add_argument("--require", choices=["translated", "reviewed"],
                        help="what a release needs (default: [tool.l10n.release] require)")
    _format_option(parser, ("text", "github"))


@command("gate", "release gate: exit 1 while a release language has open strings",
         "For the release languages and documents of [tool.l10n.release]: exit 1 when a "
         "string is untranslated, machine or fuzzy (or, with --require reviewed, not "
         "reviewed) or a check error exists; list what blocks with file:line. "
         "Example (CI): l10n gate --format github", writes=False)(_configure_gate)
def cmd_gate(project: Project, args: argparse.Namespace) -> int:
    from .cache import distrusted
    from .gate import evaluate, render_github, render_text
    with distrusted():  # a verdict never rests on a file that was not read
        blockers = evaluate(project, project.languages_for(args.lang) if args.lang else None,
                            args.require)
    stdout.print(render_github(blockers) if args.format == "github" else render_text(blockers),
                 markup=False, highlight=False)
    return EXIT_BLOCKED if blockers else EXIT_OK


# -- build ------------------------------------------------------------------------

def _configure_build(parser: argparse.ArgumentParser) -> None:
    _lang_option(parser)
    parser.add_argument("--strict", action="store_true",
                        help="exit 1 when any segment falls back to the source text")
    parser.add_argument("--html", action="store_true",
                        help="also write a standalone HTML page per document (lang and dir set)")
    _format_option(parser, ("text", "json"))
    parser.add_argument("documents", nargs="*", metavar="DOC",
                        help="document keys, paths or globs (default: all)")


@command("build", "translated documents: build/<lang>/<doc>.md",
         "Write each document in each of its languages: the source's Markdown with every "
         "translated or reviewed segment replaced, front matter in its own order with lang "
         "and dir. Untranslated, machine and fuzzy strings fall back to the source; a "
         "document below [tool.l10n.build] threshold (% of strings) is not written. "
         "Example: l10n build --lang ar --html")(_configure_build)
def cmd_build(project: Project, args: argparse.Namespace) -> int:
    import json

    from .build import build_project
    summary = build_project(project, project.languages_for(args.lang),
                            project.select(args.documents), args.html)
    if args.format == "json":
        stdout.print(json.dumps(summary.as_dict(), ensure_ascii=False, indent=2), markup=False)
    else:
        for item in summary.builds:
            state = "written" if item.written else \
                f"not written: {item.translated_pct:.1f} % < {project.config.build.threshold:g} %"
            console.print(f"build: {item.path}: {state}"
                          + (f" ({item.fallbacks} fallback(s))" if item.written and item.fallbacks
                             else ""), markup=False)
    return EXIT_BLOCKED if args.strict and summary.fallbacks else EXIT_OK


# -- glossary -------------------------------------------------------------------

def _configure_glossary(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=["check"],
                        help="check: validate glossary.csv (duplicates, empty cells, unknown "
                             "columns, formula cells, broken rows)")
    _format_option(parser, ("text", "json"))


@command("glossary", "validate the terminology glossary",
         "Validate glossary.csv: duplicate concepts, empty cells where a term needs one, "
         "unknown language columns, cells a spreadsheet would run as formulas, rows with "
         "the wrong number of cells. Each problem names its row. Exit 1 on errors.",
         writes=False)(_configure_glossary)
def cmd_glossary(project: Project, args: argparse.Namespace) -> int:
    from .glossary import check_glossary
    findings = check_glossary(project.config.glossary_path,
                              (project.config.source_language, *project.config.languages))
    render_findings(findings, args.format)
    return EXIT_BLOCKED if any(f.severity == "error" for f in findings) else EXIT_OK


# -- the main job ---------------------------------------------------------------

@command("run", "extract, update, prefill, check, report: the main job",
         "Run every stage on the project: extract templates, update catalogues, pre-fill "
         "untranslated strings, run the quality checks and print the coverage report.")(
    lambda p: None)
def cmd_run(project: Project, args: argparse.Namespace) -> int:
    from .pipeline import run
    return run(project)


# -- entry point ------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="l10n",
        description="Translation workflow for Markdown documents with gettext PO files.",
        epilog="Typical cycle: l10n extract && l10n update && l10n prefill && l10n check "
               "&& l10n report. 'l10n run' does all of these. Exit codes: 0 ok, 1 blocking "
               "problems found, 2 bad input or configuration.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-C", dest="directory", metavar="DIR", type=Path,
                        help="run as if started in DIR")
    parser.add_argument("--version", action="version", version=f"l10n {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, (handler, configure, help_text, description) in _COMMANDS.items():
        sub_parser = sub.add_parser(name, help=help_text, description=description)
        configure(sub_parser)
        sub_parser.set_defaults(handler=handler)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: 2 on bad usage, 0 on --help
        return int(exc.code or 0)
    try:
        start = args.directory.resolve() if args.directory else Path.cwd()
        if args.directory and not start.is_dir():
            raise InputError("-C: not a directory", args.directory)
        if args.directory:
            os.chdir(start)
        project = Project.discover(start)
        with stat_snapshot(), confined(project.root):
            if getattr(args.handler, "writes", True):
                written = (project.config.translations_path, project.config.build_path)
                with project_lock(project.root, timeout=lock_timeout(), written=written):
                    return args.handler(project, args)
            return args.handler(project, args)
    except InputError as exc:
        console.print(f"l10n: error: {exc}", markup=False, highlight=False, soft_wrap=True)
        return EXIT_BAD_INPUT
    except OSError as exc:  # permission denied, disk full, a file deleted meanwhile
        console.print(f"l10n: error: {describe_os_error(exc)}", markup=False, highlight=False,
                      soft_wrap=True)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        console.print("l10n: interrupted", markup=False)
        return 130


if __name__ == "__main__":
    sys.exit(main())
