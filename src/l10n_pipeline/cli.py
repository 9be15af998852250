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
from .ui import console, plain_text, stdout

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
    from .render.findings import findings_github, findings_json, findings_table
    if fmt == "json":
        write_out(findings_json(findings) + "\n")
    elif fmt == "github":
        write_out(findings_github(findings) + "\n")
    else:
        stdout.print(findings_table(findings))


def write_out(text: str) -> None:
    """Machine-readable text (JSON, annotations, Markdown, HTML) to stdout, verbatim:
    its own escaping is done, and it must reach a pipe unchanged."""
    sys.stdout.write(text)
    sys.stdout.flush()


def _documents_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("documents", nargs="*", metavar="DOC",
                        help="document keys, paths or globs (default: all)")


def _lang_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", "-l", action="append", metavar="L",
                        help="only this target language (repeatable; default: all)")


# -- extract / update -----------------------------------------------------------

def _configure_extract(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 when a template is not up to date with its "
                             "source (for pre-commit hooks and CI)")
    _documents_option(parser)


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
    _documents_option(parser)


@command("update", "templates -> catalogues (msgmerge --previous semantics)",
         "Create or update translations/<lang>/<doc>.po from each template: translations "
         "are kept, changed strings go fuzzy with their previous msgid, removed strings "
         "become obsolete, returning strings are revived.")(_configure_update)
def cmd_update(project: Project, args: argparse.Namespace) -> int:
    from .update import update_project
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
                        help="list every segment that would be sent, per language, with its "
                             "character count and the totals; send and write nothing")
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

    from .prefill import prefill_project
    from .render.prefill import prefill_text
    summary = prefill_project(project, project.languages_for(args.lang), args.provider,
                              args.dry_run)
    if args.format == "json":
        write_out(json.dumps(summary.as_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        console.print(prefill_text(summary))
    failed = summary.unreachable is not None or summary.total("failed") > 0
    return EXIT_BLOCKED if args.strict and failed else EXIT_OK


# -- check ------------------------------------------------------------------------

def _configure_check(parser: argparse.ArgumentParser) -> None:
    _lang_option(parser)
    parser.add_argument("--list", action="store_true",
                        help="list every check with its severity and description")
    _format_option(parser, ("text", "json", "github"))
    _documents_option(parser)


@command("check", "quality checks on translations (glossary, markup, numbers, RTL, ...)",
         "Run every check on translated and fuzzy entries. Silence one check on one entry "
         "with the flag '#, ignore-<check-id>', or for the project with "
         "[tool.l10n.checks] disable = [...]. Exit 1 when an error is found. "
         "Example: l10n check --lang ar --format github", writes=False)(_configure_check)
def cmd_check(project: Project, args: argparse.Namespace) -> int:
    from .checks import REGISTRY, run_checks
    if args.list:
        rows = [{"check": c.id, "severity": c.severity, "description": c.description,
                 "kind": c.kind, "languages": sorted(c.languages) if c.languages else None,
                 "rtl_only": c.rtl_only} for c in REGISTRY.values()]
        if args.format == "json":
            import json
            write_out(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
        else:
            for c in REGISTRY.values():
                where = " (RTL languages)" if c.rtl_only else \
                    f" ({', '.join(sorted(c.languages))})" if c.languages else ""
                stdout.print(f"{c.id:<28} {c.severity:<8} {c.kind:<8} {c.description}{where}")
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
                             "or PO paths, globs; default: all), before or after the options")
    parser.add_argument("--lang", "-l", required=True, metavar="L", help="the language")
    parser.add_argument("--by", metavar="NAME",
                        help="who signs (default: git config user.name); not empty")
    parser.add_argument("--entry", metavar="MSGID", help="only the entry with this msgid")
    parser.add_argument("--comment", default="", help="reason, for reject (one line)")
    parser.add_argument("--force", action="store_true",
                        help="approve: sign entries with a check error too")


@command("review", "sign off translations as reviewed (approve, reject, interactive)",
         "Review sign-offs live in the PO file beside the entry (a translator comment with "
         "reviewer, date and a hash of the text): editing the source or the translation "
         "invalidates them. 'approve' never signs an entry with a check error unless "
         "--force; it says how many it skipped and why. Examples: "
         "l10n review approve --lang fr --by 'Ana' about/; "
         "l10n review reject --lang ar --entry 'Mission Statement' --comment 'wrong term'; "
         "l10n review --lang ru (interactive, one key per decision: a=approve e=edit "
         "f=fuzzy s=skip q=quit)")(_configure_review)
def cmd_review(project: Project, args: argparse.Namespace) -> int:
    from . import review
    from .render.review import approval_text
    (language,) = project.languages_for([args.lang])
    action = args.paths.pop(0) if args.paths[:1] in (["approve"], ["reject"], ["verify"]) \
        else None
    if action == "verify":
        return _review_verify(project, language, project.select(args.paths))
    reviewer = review.reviewer_name(args.by, project.root)
    documents = project.select(args.paths)
    if action == "approve":
        approval = review.approve(project, language, reviewer, documents, args.entry,
                                  force=args.force)
        console.print(approval_text(approval, reviewer))
    elif action == "reject":
        count = review.reject(project, language, reviewer, documents, args.entry, args.comment)
        console.print(f"review: {count} entr{'y' if count == 1 else 'ies'} sent back as fuzzy")
    else:
        from .render.review import review_card, review_counts, review_prompt
        from .ui import read_key
        counts = review.interactive(
            project, language, reviewer, documents,
            lambda card: stdout.print(review_card(card), soft_wrap=False),
            lambda: read_key(review_prompt(), "".join(review.KEYS)),
            lambda prompt: stdout.input(prompt))
        console.print(review_counts(counts))
    return EXIT_OK


def _review_verify(project: Project, language: str, documents: tuple) -> int:
    from .signoffs import verify_catalogues
    paths = [c.path for c in project.catalogues((language,), documents) if c.path.exists()]
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
    _format_option(parser, ("text", "json", "markdown", "html", "badge"))
    parser.add_argument("--details", action="store_true",
                        help="text and Markdown: list the entries behind every count "
                             "(file:line); HTML always has them")
    parser.add_argument("--output", "-o", metavar="FILE", type=Path,
                        help="write the report to FILE (atomically) instead of stdout; for "
                             "--format badge, the folder that gets <lang>.svg and overall.svg")


@command("report", "release verdict and coverage (text, json, markdown, html, badge)",
         "First whether the release is ready (the verdict of 'l10n gate', with --lang: "
         "of 'l10n gate --lang'), then strings and words in each status (untranslated, "
         "machine, fuzzy, translated, reviewed) per language and per document, with check "
         "errors, warnings, stale reviews and glossary violations; HTML and Markdown add a "
         "documents x languages matrix with the release cells marked. Counts agree with "
         "msgfmt --statistics. Not on a terminal, text is never wrapped and each status "
         "has its own bar character. Examples: l10n report --lang fr --details; "
         "l10n report --format html -o coverage.html; "
         "l10n report --format badge -o badges/", writes=False)(_configure_report)
def cmd_report(project: Project, args: argparse.Namespace) -> int:
    from .files import write_output
    from .render.badge import badges
    from .render.report import report_html, report_json, report_markdown, report_text
    from .report import build_report
    if args.format == "badge" and not args.output:
        raise InputError("--format badge writes files: give the folder with --output DIR")
    languages = project.languages_for(args.lang)
    report = build_report(project, languages, requested=bool(args.lang),
                          details=args.details or args.format == "html")
    if args.format == "badge":
        folder = _absolute(args.output)
        if folder.exists() and not folder.is_dir():
            raise InputError("--output: not a folder", args.output)
        folder.mkdir(parents=True, exist_ok=True)
        for name, svg in badges(report.languages).items():
            write_output(folder / name, svg)
        console.print(f"report: {len(report.languages) + 1} badge(s) written to {args.output}")
        return EXIT_OK
    if args.format == "text" and not args.output and stdout.is_terminal:
        stdout.print(report_text(report, colour=True))
        return EXIT_OK
    text = {"json": report_json, "markdown": report_markdown, "html": report_html,
            "text": lambda r: plain_text(report_text(r, colour=False))}[args.format](report)
    if args.output:
        write_output(_absolute(args.output), text)
    else:
        write_out(text)
    return EXIT_OK


def _absolute(path: Path) -> Path:
    return path if path.is_absolute() else Path.cwd() / path


# -- gate -------------------------------------------------------------------------------

def _configure_gate(parser: argparse.ArgumentParser) -> None:
    _lang_option(parser)
    parser.add_argument("--require", choices=["translated", "reviewed"],
                        help="what a release needs (default: [tool.l10n.release] require)")
    _format_option(parser, ("text", "github", "markdown"))


@command("gate", "release gate: exit 1 while a release language has open strings",
         "For the release documents of [tool.l10n.release] in its release languages, or "
         "in each --lang given (gated even when it is not a release language): exit 1 when "
         "a string is untranslated, machine or fuzzy (or, with --require reviewed, not "
         "reviewed) or has a check error. Counts strings, each with file:line and its "
         "check errors under it. --format github annotates a pull request; --format "
         "markdown lists every blocker for a job summary. Examples (CI): "
         "l10n gate --format github; l10n gate --format markdown >> \"$GITHUB_STEP_SUMMARY\"",
         writes=False)(_configure_gate)
def cmd_gate(project: Project, args: argparse.Namespace) -> int:
    from .cache import distrusted
    from .gate import evaluate
    from .render.verdict import gate_github, gate_markdown, gate_text
    with distrusted():  # a verdict never rests on a file that was not read
        verdict = evaluate(project, project.languages_for(args.lang) if args.lang else None,
                           args.require)
    write_out({"github": gate_github, "markdown": gate_markdown,
               "text": gate_text}[args.format](verdict).rstrip("\n") + "\n")
    return EXIT_OK if verdict.ready else EXIT_BLOCKED


# -- build ------------------------------------------------------------------------

def _configure_build(parser: argparse.ArgumentParser) -> None:
    _lang_option(parser)
    parser.add_argument("--strict", action="store_true",
                        help="exit 1 when any segment falls back to the source text")
    parser.add_argument("--html", action="store_true",
                        help="also write a standalone HTML page per document (lang and dir set)")
    _format_option(parser, ("text", "json"))
    _documents_option(parser)


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
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    check = actions.add_parser("check", help="validate glossary.csv (duplicates, empty cells, "
                                             "unknown columns, formula cells, broken rows)")
    _format_option(check, ("text", "json"))
    _configure_glossary_exchange(actions)


def _configure_glossary_exchange(actions) -> None:
    export = actions.add_parser(
        "export", help="the glossary as TBX-Basic",
        description="Write the glossary as TBX-Basic (ISO 30042): term rows as preferred and "
                    "admitted terms, forbidden rows as deprecated terms, dnt rows with the note "
                    "'Do not translate.'. Example: l10n glossary export --format tbx -o g.tbx")
    _format_option(export, ("tbx",))
    export.add_argument("--output", "-o", metavar="FILE", type=Path,
                        help="write the TBX file here (default: standard output)")
    imported = actions.add_parser(
        "import", help="add a TBX file's concepts (IATE's, say) that are not already ours",
        description="Append the concepts of a TBX file to glossary.csv, skipping those that "
                    "share a term with one of ours in the same language; deprecated terms "
                    "become forbidden rows. Example: l10n glossary import IATE_export.tbx")
    imported.add_argument("file", type=Path, metavar="FILE", help="the TBX file")
    _format_option(imported, ("text", "json"))


@command("glossary", "the terminology glossary: check, export as TBX, import TBX",
         "check: validate glossary.csv: duplicate concepts, empty cells where a term needs one, "
         "unknown language columns, cells a spreadsheet would run as formulas, rows with "
         "the wrong number of cells. Each problem names its row. Exit 1 on errors.",
         writes=False)(_configure_glossary)
def cmd_glossary(project: Project, args: argparse.Namespace) -> int:
    if args.action != "check":
        return _glossary_exchange(project, args)
    from .glossary import check_glossary
    findings = check_glossary(project.config.glossary_path,
                              (project.config.source_language, *project.config.languages))
    render_findings(findings, args.format)
    return EXIT_BLOCKED if any(f.severity == "error" for f in findings) else EXIT_OK


# -- interchange with CAT tools and agencies: XLIFF, TMX, TBX, analysis ----------------

def _output_option(parser: argparse.ArgumentParser, required: bool = False) -> None:
    parser.add_argument("--output", "-o", metavar="FILE", required=required,
                        help="write to FILE ({lang} in the name: one file per language)"
                        + ("" if required else "; default: standard output, one language"))


def _write_outputs(outputs: dict[str, bytes], output: str | None) -> list[str]:
    """Write one output per language: to ``output`` (``{lang}`` replaced), else stdout."""
    from .files import write_output
    if len(outputs) > 1 and (output is None or "{lang}" not in output):
        raise InputError(f"{len(outputs)} languages: choose one with --lang, or put {{lang}} "
                         "in --output")
    if output is None:
        for data in outputs.values():
            sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return []
    written = []
    for language, data in outputs.items():
        path = Path(output.replace("{lang}", language))
        write_output(path if path.is_absolute() else Path.cwd() / path, data.decode("utf-8"))
        written.append(str(path))
    return written


def _configure_export(parser: argparse.ArgumentParser) -> None:
    formats = parser.add_subparsers(dest="what", metavar="FORMAT", required=True)
    xlf = formats.add_parser(
        "xliff", help="catalogues -> XLIFF for a CAT tool",
        description="One XLIFF file per language, a <file> per document, a unit per entry "
                    "(id stable across exports), statuses as states, inline Markdown as "
                    "protected codes, notes with the extracted comment, glossary terms and "
                    "check findings. Example: l10n export xliff --lang fr -o fr.xlf about/")
    _lang_option(xlf)
    xlf.add_argument("--version", choices=xliff_versions(), default="1.2",
                     help="XLIFF version (default: %(default)s, what every CAT tool reads)")
    xlf.add_argument("--status", metavar="S,...",
                     help="only entries with these statuses (untranslated, machine, fuzzy, "
                          "translated, reviewed); default: all")
    _output_option(xlf)
    _documents_option(xlf)
    tmx = formats.add_parser(
        "tmx", help="the translation memory -> TMX 1.4b",
        description="Every translated and reviewed entry (our translation memory) as TMX "
                    "1.4b, one translation unit per source text with a variant per language. "
                    "Example: l10n export tmx -o memory.tmx")
    _lang_option(tmx)
    _output_option(tmx, required=True)


def xliff_versions() -> tuple[str, ...]:
    from .formats.xliff import VERSIONS
    return VERSIONS


@command("export", "catalogues -> XLIFF, translation memory -> TMX",
         "Export work for CAT tools and agencies: 'l10n export xliff' (catalogues) or "
         "'l10n export tmx' (the translation memory). See 'l10n export xliff --help'.",
         writes=False)(_configure_export)
def cmd_export(project: Project, args: argparse.Namespace) -> int:
    languages = project.languages_for(args.lang)
    if args.what == "tmx":
        from .exchange import export_tmx
        written = _write_outputs(export_tmx(project, languages), args.output)
    else:
        written = _export_xliff(project, args, languages)
    for path in written:
        console.print(f"export: {path} written", markup=False, highlight=False)
    return EXIT_OK


def _export_xliff(project: Project, args: argparse.Namespace,
                  languages: tuple[str, ...]) -> list[str]:
    from .exchange import export_units
    from .formats import xliff
    from .model import Status
    statuses = tuple(Status)
    if args.status:
        names = [s.strip() for s in args.status.split(",") if s.strip()]
        unknown = [s for s in names if s not in {x.value for x in Status}]
        if unknown or not names:
            raise InputError(f"--status: unknown status {(unknown or [''])[0]!r} (use "
                             f"{', '.join(s.value for s in Status)})")
        statuses = tuple(Status(s) for s in names)
    documents = project.select(args.documents)
    outputs = {lang: xliff.write(export_units(project, lang, documents, statuses), args.version)
               for lang in languages}
    return _write_outputs(outputs, args.output)


def _configure_import(parser: argparse.ArgumentParser) -> None:
    formats = parser.add_subparsers(dest="what", metavar="FORMAT", required=True)
    xlf = formats.add_parser(
        "xliff", help="a CAT tool's XLIFF -> catalogues",
        description="Apply translated XLIFF (1.2 or 2.x) to the catalogues. A target is a "
                    "person's work; units whose source changed since the export are refused "
                    "and listed; sign-offs stay only where their hash still matches; every "
                    "imported entry is checked. Bad XML, a wrong language or an unknown unit "
                    "id: one line, exit 2, nothing written. Exit 1 when units were refused or "
                    "an imported entry has a check error. Example: l10n import xliff fr.xlf")
    xlf.add_argument("files", nargs="+", metavar="FILE", type=Path, help="XLIFF files")
    xlf.add_argument("--reviewed-by", metavar="NAME",
                     help="sign the units the file marks reviewed (signed-off, final) as "
                          "reviewed by NAME; without it they are imported as translated")
    _format_option(xlf, ("text", "json"))
    tmx = formats.add_parser(
        "tmx", help="an outside TMX memory joins ours for pre-fill",
        description="Keep the pairs of a TMX file whose languages are the project's in "
                    "translations/memory/<name>.tmx; 'l10n prefill' uses them after our own "
                    "units (ours win a tie and are never overwritten), with 'memory:<name>' "
                    "as the pre-fill's provenance. Example: l10n import tmx agency.tmx")
    tmx.add_argument("files", nargs=1, metavar="FILE", type=Path, help="a TMX file")
    _format_option(tmx, ("text", "json"))


@command("import", "XLIFF -> catalogues, an outside TMX memory -> pre-fill",
         "Bring work back from CAT tools and agencies: 'l10n import xliff FILE...' or "
         "'l10n import tmx FILE'. See 'l10n import xliff --help'.")(_configure_import)
def cmd_import(project: Project, args: argparse.Namespace) -> int:
    import json
    if args.what == "tmx":
        from .exchange import import_tmx
        summary = import_tmx(project, args.files[0])
        if args.format == "json":
            stdout.print(json.dumps(summary, ensure_ascii=False, indent=2), markup=False)
        else:
            pairs = ", ".join(f"{k}: {v}" for k, v in summary["units"].items()) or "none"
            stdout.print(f"import: {summary['file']}: units kept by language pair: {pairs}; "
                         f"{summary['skipped']} unit(s) skipped (no pair in the project's "
                         f"languages)", markup=False, highlight=False)
        return EXIT_OK
    from .exchange import import_xliff
    result = import_xliff(project, [p if p.is_absolute() else Path.cwd() / p for p in args.files],
                          args.reviewed_by)
    if args.format == "json":
        data = {"changes": [{"file": c.file, "line": c.line, "msgid": c.msgid,
                             "before": c.before.value, "after": c.after.value}
                            for c in result.changes],
                "unchanged": result.unchanged,
                "refused": [vars(r) for r in result.refused],
                "findings": [f.as_dict() for f in result.findings],
                "written": result.written}
        stdout.print(json.dumps(data, ensure_ascii=False, indent=2), markup=False)
    else:
        _print_import(result)
    blocked = result.refused or any(f.severity == "error" for f in result.findings)
    return EXIT_BLOCKED if blocked else EXIT_OK


def _print_import(result) -> None:
    from collections import Counter
    after = Counter(c.after.value for c in result.changes)
    stdout.print(f"import: {len(result.changes)} entr{'y' if len(result.changes) == 1 else 'ies'}"
                 f" applied ({', '.join(f'{n} {s}' for s, n in sorted(after.items())) or 'none'})"
                 f", {result.unchanged} unchanged, {len(result.refused)} refused; "
                 f"{len(result.written)} catalogue(s) written", markup=False, highlight=False)
    for change in result.changes:
        stdout.print(f"  {change.file}:{change.line}: {change.before.value} -> "
                     f"{change.after.value}: {change.msgid[:60]}", markup=False, highlight=False)
    for refusal in result.refused:
        where = f"{refusal.file}:{refusal.line}" if refusal.line else refusal.file
        stdout.print(f"  refused: {where}: unit {refusal.unit}: {refusal.reason}",
                     markup=False, highlight=False)
    if result.findings:
        render_findings(result.findings, "text")


def _configure_analyse(parser: argparse.ArgumentParser) -> None:
    _lang_option(parser)
    _format_option(parser, ("text", "json", "csv", "markdown", "html"))
    parser.add_argument("--output", "-o", metavar="FILE",
                        help="write the analysis to FILE instead of standard output")
    _documents_option(parser)


@command("analyse", "word-count analysis by match band: what a job will cost",
         "Words of the untranslated, machine and fuzzy entries by match band against our "
         "translation memory, as CAT tools report them: context, exact (100 %), "
         "repetition, 95-99, 85-94, 75-84, 50-74, no-match; and weighted words "
         "([tool.l10n.analysis] weights). Example: l10n analyse --lang fr --format csv",
         writes=False)(_configure_analyse)
def cmd_analyse(project: Project, args: argparse.Namespace) -> int:
    from .analysis import analyse
    from .render.analysis import RENDERERS
    results = analyse(project, project.languages_for(args.lang), project.select(args.documents))
    text = RENDERERS[args.format](results, dict(project.config.analysis.weights))
    _write_outputs({"analysis": text.encode("utf-8")}, args.output)
    return EXIT_OK


def _glossary_exchange(project: Project, args: argparse.Namespace) -> int:
    """``l10n glossary export --format tbx`` and ``l10n glossary import FILE.tbx``."""
    import json

    from .exchange import export_tbx, import_tbx
    if args.action == "export":
        written = _write_outputs({"tbx": export_tbx(project)},
                                 str(args.output) if args.output else None)
        for path in written:
            console.print(f"glossary: {path} written", markup=False, highlight=False)
        return EXIT_OK
    with project_lock(project.root, timeout=float(os.environ.get("L10N_LOCK_TIMEOUT", 30))):
        summary = import_tbx(project,
                             args.file if args.file.is_absolute() else Path.cwd() / args.file)
    if args.format == "json":
        stdout.print(json.dumps(summary, ensure_ascii=False, indent=2), markup=False)
    else:
        stdout.print(f"glossary: {summary['added']} concept(s) added to {summary['file']}, "
                     f"{summary['duplicates']} already ours, {summary['skipped']} skipped "
                     f"(no term in the source language, or a cell a spreadsheet would run)",
                     markup=False, highlight=False)
    return EXIT_OK


# -- serve ----------------------------------------------------------------------

def _configure_serve(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default: %(default)s); any other than a "
                             "loopback address needs L10N_SERVE_TOKEN in the environment")
    parser.add_argument("--port", type=int, default=8765, help="port (default: %(default)s)")
    parser.add_argument("--by", metavar="NAME",
                        help="reviewer name on a loopback address without a token (default: "
                             "git config user.name); with a token each reviewer signs in")


@command("serve", "review in the browser: a local web application over the PO files",
         "Serve the overview (documents x languages, the release verdict) and a review page "
         "per catalogue: approve, reject with a reason, edit, accept a pre-fill, with "
         "keyboard shortcuts. Writes go to the PO files under the project lock, with the "
         "same sign-offs as 'l10n review'; an entry changed on disk since its page was "
         "loaded is never overwritten. With L10N_SERVE_TOKEN set, reviewers sign in with "
         "the token and their name. Example: l10n serve, then open http://127.0.0.1:8765/",
         writes=False)(_configure_serve)
def cmd_serve(project: Project, args: argparse.Namespace) -> int:
    from .files import stat_snapshot
    from .review import reviewer_name
    from .serve import access, serve
    if not 0 < args.port < 65536:
        raise InputError(f"--port {args.port}: not a port number")
    token_set = bool(os.environ.get("L10N_SERVE_TOKEN"))
    rules = access(args.host, os.environ,
                   None if token_set else reviewer_name(args.by, project.root))
    who = "sign in with the token" if rules.token else f"reviewing as {rules.local_reviewer}"
    console.print(f"serve: http://{args.host}:{args.port}/ ({who}; Ctrl+C stops)", markup=False)
    with stat_snapshot(enabled=False):  # a server must see every change on disk
        serve(project.root, rules, args.port)
    return EXIT_OK


# -- the main job ---------------------------------------------------------------

@command("run", "extract, update, prefill, check, report: the main job",
         "Run every stage on the project: extract templates, update catalogues, pre-fill "
         "untranslated strings, run the quality checks and print the coverage report.")(
    lambda p: None)
def cmd_run(project: Project, args: argparse.Namespace) -> int:
    from .pipeline import run
    from .render.report import language_table
    from .render.run import run_messages
    result = run(project)
    console.print(run_messages(result))
    stdout.print(language_table(result.languages, colour=stdout.is_terminal))
    return EXIT_OK


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


def _parse(parser: argparse.ArgumentParser, argv: list[str] | None) -> argparse.Namespace:
    """Parse, letting paths sit anywhere among the options (``review approve --lang fr
    --by Ana about/``): argparse takes positionals only before the first option, so the
    words left over join the command's paths."""
    args, rest = parser.parse_known_args(argv)
    listed = next((name for name in ("paths", "documents") if name in vars(args)), None)
    if rest and listed and not any(word.startswith("-") for word in rest):
        getattr(args, listed).extend(rest)
    elif rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    return args


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = _parse(parser, argv)
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
