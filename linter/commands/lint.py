"""``contentlint [OPTION ...] [--] [PATH ...]``: lint files and folders (default: .)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..errors import UserError
from ..problems import NOTHING_TO_LINT, Problem
from ..reporters import FORMATS
from . import COMMANDS
from .common import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, error_line, parser, resolver

# Young-generation collections every 200,000 allocations instead of 700 (as mypy
# does): a lint run allocates millions of short-lived objects (markdown-it tokens,
# matches) but makes almost no reference cycles, so the default collector walks
# live objects for nothing, most of all on a large article (a large live heap,
# walked by every full collection); peak memory is the same either way
# (bench/README.md, One core).
GC_THRESHOLDS = (200_000, 30, 30)


MAX_JOBS = 1024  # more processes than any machine here has cores: a typo


def _seconds(text: str) -> float:
    """A --timeout value: a number of seconds, 0 or more (and finite)."""
    import math

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 (no limit) or more seconds, not {text!r}")
    return value


def _version() -> str:
    from .. import __version__

    return __version__


def lint_parser() -> argparse.ArgumentParser:
    p = parser(
        prog="contentlint",
        allow_abbrev=False,
        description="Lint Markdown articles against YAML rules (default: the built-in health pack).",
        epilog="commands:\n"
        + "".join(f"  contentlint {c.usage:<22} {c.help}\n" for c in COMMANDS.values())
        + "\nFile names go after -- (contentlint [OPTION ...] -- FILE ...); a folder named like a command: ./rules.\n"
        "Exit codes: 0 nothing at error level, 1 findings at error level, 2 a usage, config or internal error,\n"
        "a file that could not be linted, or nothing to lint.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (recursive *.md, *.markdown); - for stdin")
    p.add_argument("--format", choices=tuple(FORMATS), default="text", help="output format (default: text)")
    p.add_argument("--output", metavar="FILE", help="write the report to FILE instead of standard output")
    p.add_argument("--statistics", action="store_true", help="count findings per rule instead of listing them (a text table)")
    p.add_argument("--config", metavar="FILE", help="config file (default: .contentlint.yaml here or above)")
    p.add_argument("--stdin-filename", metavar="NAME", help="path to report for text read from stdin")
    p.add_argument("--encoding", default="utf-8", help="text encoding of the articles (default: utf-8)")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour in text output")
    p.add_argument("--no-excerpt", action="store_true", help="no source line and caret, even on a terminal")
    p.add_argument("--jobs", type=int, default=0, metavar="N", help="worker processes (default, or 0: all cores; 1: none)")
    p.add_argument("--no-cache", action="store_true", help="neither read nor write .contentlint_cache/")
    p.add_argument(
        "--timeout",
        type=_seconds,
        default=10.0,
        metavar="SECONDS",
        help="stop a rule that uses more CPU time than this on one file (default 10; 0: no limit)",
    )
    shown = p.add_mutually_exclusive_group()
    shown.add_argument("--progress", dest="progress", action="store_true", default=None,
                       help="show a progress line on standard error (default: on a terminal, for more than 200 files, outside CI)")
    shown.add_argument("--no-progress", dest="progress", action="store_false", help="never show the progress line")
    p.add_argument("--show-suppressed", action="store_true", help="also list findings that suppression comments hid, with their reasons")
    p.add_argument(
        "--allow-empty",
        action="store_true",
        help="exit 0 when the folders given hold no Markdown file to lint (default: exit 2, it is usually a wrong path)",
    )
    fixes = p.add_argument_group("fixing")
    fixes.add_argument("--fix", action="store_true", help="apply safe fixes (substitutions, the disclaimer text) in place")
    fixes.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff, also apply fixes that may change meaning")
    fixes.add_argument("--diff", action="store_true", help="print the fixes as a unified diff, change no file")
    legacy = p.add_argument_group("legacy content and pull requests")
    legacy.add_argument("--write-baseline", metavar="FILE", help="record today's findings in FILE (then exit 0)")
    legacy.add_argument("--baseline", metavar="FILE", help="report only findings that FILE does not record")
    legacy.add_argument("--diff-base", metavar="REF", help="report only findings on lines changed since git REF")
    p.add_argument("--version", action="version", version=f"contentlint {_version()}")
    return p


def _refuse_files_named_like_options(parser: argparse.ArgumentParser, argv: list[str]) -> None:
    """File names come after "--" (the pre-commit hooks pass them so). Without
    it, a file named like one of the options (``--output=victim.md``, committed
    to make a hook overwrite an article) would be read as that option: when an
    argument that would be taken as an option is also an existing file, nothing
    is run."""
    options = {s for action in parser._actions for s in action.option_strings}
    for arg in argv:
        if len(arg) < 2 or arg[0] != "-" or not os.path.lexists(arg):
            continue
        name = arg.split("=", 1)[0] if arg.startswith("--") else arg[:2]
        if name in options:
            raise UserError(
                f"'{arg}' is both an option and an existing file; put file names after '--' "
                "(contentlint [OPTION ...] -- FILE ...)"
            )


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def run(argv: list[str]) -> int:
    import gc

    gc.set_threshold(*GC_THRESHOLDS)  # the command's own process only, not library use
    parser = lint_parser()
    if "--" not in argv:
        _refuse_files_named_like_options(parser, argv)
    args, extra = parser.parse_known_args(argv)
    # A caller that passes file names without "--" may pass "-draft.md": anything
    # unrecognised that exists on disk is a path, not an unknown option.
    unknown = [a for a in extra if not os.path.lexists(a)]
    if unknown:
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    args.paths += [a for a in extra if os.path.lexists(a)]
    from ..cache import Cache
    from ..reporters import SHOWS_SUPPRESSED, reporter
    from ..runner import default_jobs, lint_paths

    import codecs

    try:
        codecs.lookup(args.encoding)
    except LookupError:
        raise UserError(f"unknown encoding '{args.encoding}' (--encoding)") from None
    paths = args.paths or ["."]
    if "-" in paths and paths != ["-"]:
        raise UserError("'-' (stdin) cannot be mixed with paths")
    if (args.fix or args.diff) and paths == ["-"]:
        raise UserError("--fix and --diff work on files, not on standard input")
    # options that would do nothing here: said, not silently dropped
    if not 0 <= args.jobs <= MAX_JOBS:
        raise UserError(f"--jobs {args.jobs}: give a number of worker processes up to {MAX_JOBS}, or 0 for one per core")
    if args.stdin_filename == "":
        raise UserError("--stdin-filename needs a name (the path to report for the text on standard input)")
    if args.statistics and args.format != "text":
        raise UserError(f"--statistics prints a table of counts, not --format {args.format}: leave out one of them")
    if args.show_suppressed and args.statistics:
        raise UserError("--statistics counts the findings reported; --show-suppressed lists the hidden ones: leave out one of them")
    if args.show_suppressed and args.format not in SHOWS_SUPPRESSED:
        raise UserError(f"--format {args.format} has no place for suppressed findings: --show-suppressed works with "
                        f"{', '.join(SHOWS_SUPPRESSED)}")
    if args.unsafe_fixes and not (args.fix or args.diff):
        raise UserError("--unsafe-fixes works with --fix or --diff")
    if args.stdin_filename is not None and paths != ["-"]:
        raise UserError("--stdin-filename names the text read from standard input: give '-' as the path")
    from ..safeio import refuse_symlink

    for option, target in (("--output", args.output), ("--write-baseline", args.write_baseline)):
        if target:
            refuse_symlink(target, option)  # before the run, not after it
            if _is_input(target, paths):
                raise UserError(f"{option} {target} is an article this run would lint: write it elsewhere")
    cache = None if args.no_cache else Cache(Path.cwd())
    config_resolver = resolver(args.config, cache)
    here = config_resolver.for_dir(Path.cwd()).config  # a broken config fails before any file is read
    changed = None
    if args.diff_base:
        from ..gitdiff import ChangedLines

        changed = ChangedLines(args.diff_base)
    baseline_file = None
    if args.baseline:
        from .. import baseline

        baseline_file = (args.baseline, baseline.load(args.baseline))
    if args.write_baseline:
        changed = baseline_file = None  # the baseline records every finding of today
    report = lint_paths(
        paths,
        config_resolver,
        args.encoding,
        args.stdin_filename,
        fix=args.fix,
        unsafe_fixes=args.unsafe_fixes,
        diff=args.diff,
        time_limit_s=args.timeout or None,
        jobs=args.jobs if args.jobs > 0 else default_jobs(),
        cache=cache,
        progress=_progress(args.progress),
        changed=changed,
        baseline_file=baseline_file,
    )
    for option, target in (("--output", args.output), ("--write-baseline", args.write_baseline)):
        if target and _is_linted(target, report):  # another name of an article found in a folder (a hard link)
            raise UserError(f"{option} {target} is one of the files this run linted: write it elsewhere (it was not written)")
    from ..config.settings import shown_path

    for setup in {id(s): s for s in (config_resolver.for_file(name) for name in report.sources)}.values():
        if _every_rule_off(setup):
            where = shown_path(setup.config.path) if setup.config.path else "the built-in defaults"
            print(f"contentlint: warning: {where} turns every rule off: the files it governs were checked for nothing",
                  file=sys.stderr)
    empty = not report.files and not report.problems and not report.excluded_named and paths != ["-"]
    if empty and not args.allow_empty:
        # nothing was linted and nothing said why: a wrong path, or an exclude that
        # takes everything; files named on the command line and excluded by the
        # config (what pre-commit passes) are a decision, not an empty run
        where = ", ".join(f"'{p}'" for p in paths)
        why = f" ({_plural(report.excluded, 'file')} excluded by the config)" if report.excluded else ""
        report.problems.append(Problem(None, NOTHING_TO_LINT, f"no Markdown files to lint in {where}{why}; --allow-empty accepts that"))
        report.unlinted = 0
    for problem in report.problems:
        if args.format == "github" and not args.statistics:
            from ..reporters.github import problem_command

            print(problem_command(str(problem)), file=sys.stderr)
        else:
            error_line(str(problem))
    if args.write_baseline:
        from .. import baseline

        if empty and not args.allow_empty:
            return EXIT_ERROR  # an empty baseline over the user's own, from a wrong path: not written
        n = baseline.write(args.write_baseline, report.findings)
        print(f"Wrote {n} finding{'s' if n != 1 else ''} to the baseline {args.write_baseline}.")
        return EXIT_ERROR if report.failed else EXIT_OK
    if args.diff:
        from ..fixer import unified_diff

        for result in report.fixes:
            sys.stdout.write(unified_diff(result))
        n = len(report.fixes)
        print(f"{n} file{'s' if n != 1 else ''} would be changed by --fix.", file=sys.stderr)
        return EXIT_ERROR if report.failed else (EXIT_FINDINGS if report.fixes else EXIT_OK)

    if args.output:
        from ..safeio import open_for_writing

        out = open_for_writing(args.output, "--output")
    else:
        out = sys.stdout
        if hasattr(out, "reconfigure"):  # as --output writes: see safeio.open_for_writing
            out.reconfigure(errors="backslashreplace")
    try:
        from ..reporters.text import use_color

        tty = not args.output and hasattr(out, "isatty") and out.isatty()
        reporter("statistics" if args.statistics else args.format).render(
            report,
            out,
            color=use_color(out, args.color) if not args.output else args.color == "always",
            excerpts=tty and not args.no_excerpt,
            show_suppressed=args.show_suppressed,
            docs_url=here.docs_url.value,
        )
        out.flush()
    finally:
        if args.output:
            out.close()
    if report.failed:
        return EXIT_ERROR
    return EXIT_FINDINGS if report.has_errors else EXIT_OK


def _every_rule_off(setup) -> bool:
    """Whether a config lints with no rule on (``extends: []`` and no rule files,
    or a ``select`` / ``ignore`` that leaves none), which a nested config can do
    to its folder unseen. Known without building its rules when it keeps a pack's."""
    from ..findings import BUILTIN_IDS

    config = setup.config
    if config.packs and config.select is None and not config.ignore:
        return False
    if config.select is not None and any(config.rule_active(b) for b in BUILTIN_IDS):
        return False  # "select: [unused-suppression]" still checks the comments
    return not any(r.enabled and config.rule_active(r.id) for r in setup.rules)


def _is_input(target: str, paths: list[str]) -> bool:
    """Whether ``target`` (of --output or --write-baseline) is an article the run
    would lint: a file it names (also one the config excludes, or one it cannot
    read), or a Markdown file in a folder it names. Writing there would replace
    the user's text with a report."""
    if not os.path.lexists(target):
        return False
    where = os.path.realpath(target)
    markdown = target.lower().endswith((".md", ".markdown"))
    for p in paths:
        if p == "-":
            continue
        if os.path.isdir(p):
            if markdown and where.startswith(os.path.join(os.path.realpath(p), "")):
                return True
        else:
            try:
                if os.path.samefile(p, target):
                    return True
            except OSError:
                continue
    return False


def _is_linted(target: str, report) -> bool:
    """Whether ``target`` is an article the run read under another name (a hard
    link to a file found in a folder), which ``_is_input`` cannot see."""
    try:
        here = os.stat(target)
    except OSError:
        return False  # not there yet: no article of the run
    for name in report.sources:
        try:
            there = os.stat(name)
        except OSError:
            continue
        if (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino):
            return True
    return False


def _progress(asked: bool | None):
    """The runner's progress factory: a Progress for a run of ``total`` files
    when one is wanted (see linter/progress.py), else None."""

    def make(total: int):
        from ..progress import Progress, wanted

        return Progress(sys.stderr, total) if wanted(asked, total, sys.stderr) else None

    return make
