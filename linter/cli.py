"""The ``contentlint`` command.

    contentlint [OPTION ...] [--] [PATH ...]   lint files and folders (default: .)
    contentlint rules | explain RULE | config [PATH] | init | test-rules [FILE ...] | schema rule|config

(``SUBCOMMAND_HELP`` describes each; ``contentlint --help`` lists them.)

Exit codes: 0 nothing at error level, 1 findings at error level, 2 usage, config
or internal errors, a file that could not be linted, or no file to lint.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .errors import ConfigError, UserError
from .reporters import FORMATS


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """argparse's formatter with the width read from ``os``: the stock one imports
    shutil (and with it bz2 and lzma) on every run, help printed or not."""

    def __init__(self, prog: str):
        try:
            width = int(os.environ.get("COLUMNS", "")) or os.get_terminal_size(sys.stdout.fileno()).columns
        except (ValueError, OSError, AttributeError):
            width = 80
        super().__init__(prog, width=max(width - 2, 40))


def _parser(**kwargs) -> argparse.ArgumentParser:
    kwargs.setdefault("formatter_class", _Formatter)
    return argparse.ArgumentParser(**kwargs)

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
# Every subcommand, as `contentlint --help` lists it (each has its own --help).
SUBCOMMAND_HELP = {
    "rules": ("rules", "the rules in effect: id, kind, severity, scope, source file"),
    "explain": ("explain RULE", "what a rule checks, why, how to fix, its examples"),
    "config": ("config [PATH]", "the resolved config for a file, and where each value came from"),
    "init": ("init", "write a commented starter .contentlint.yaml"),
    "test-rules": ("test-rules [FILE ...]", "run rules' examples and annotated fixture files (rule authors)"),
    "schema": ("schema rule|config", "JSON Schema of rule files or config files, for editors"),
}
SUBCOMMANDS = tuple(SUBCOMMAND_HELP)


def _version() -> str:
    from . import __version__

    return __version__


def _lint_parser() -> argparse.ArgumentParser:
    p = _parser(
        prog="contentlint",
        allow_abbrev=False,
        description="Lint Markdown articles against YAML rules (default: the built-in health pack).",
        epilog="commands:\n"
        + "".join(f"  contentlint {usage:<22} {text}\n" for usage, text in SUBCOMMAND_HELP.values())
        + "\nFile names go after -- (contentlint [OPTION ...] -- FILE ...); a folder named like a command: ./rules.\n"
        "Exit codes: 0 nothing at error level, 1 findings at error level, 2 a usage, config or internal error,\n"
        "a file that could not be linted, or nothing to lint.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (recursive *.md, *.markdown); - for stdin")
    p.add_argument("--format", choices=tuple(FORMATS), default="text", help="output format (default: text)")
    p.add_argument("--output", metavar="FILE", help="write the report to FILE instead of standard output")
    p.add_argument("--statistics", action="store_true", help="count findings per rule instead of listing them (overrides --format)")
    p.add_argument("--config", metavar="FILE", help="config file (default: .contentlint.yaml here or above)")
    p.add_argument("--stdin-filename", metavar="NAME", help="path to report for text read from stdin")
    p.add_argument("--encoding", default="utf-8", help="text encoding of the articles (default: utf-8)")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour in text output")
    p.add_argument("--no-excerpt", action="store_true", help="no source line and caret, even on a terminal")
    p.add_argument("--jobs", type=int, default=0, metavar="N", help="worker processes (default: all cores; 1: none)")
    p.add_argument("--no-cache", action="store_true", help="neither read nor write .contentlint_cache/")
    p.add_argument(
        "--timeout",
        type=float,
        default=10.0,
        metavar="SECONDS",
        help="stop a rule that runs longer than this on one file (default 10; 0: no limit)",
    )
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


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in SUBCOMMANDS:
            return _SUBCOMMAND_FUNCS[argv[0]](argv[1:])
        return cmd_lint(argv)
    except UserError as exc:
        if exc.path:
            exc.path = _relative(exc.path)
        _error_line(f"contentlint: {exc}" if not exc.path else str(exc))
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError as exc:
        if not _stdout_closed():
            return _internal_error(exc)
        # the reader went away (``contentlint . | head``): stop quietly, and point
        # stdout at /dev/null so the interpreter's last flush does not fail again
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return EXIT_ERROR
    except Exception as exc:  # noqa: BLE001 - a bug: one line and exit 2, not a traceback and not exit 1
        return _internal_error(exc)


def _error_line(text: str) -> None:
    """One line on standard error. Lines start with a file name or ``contentlint:``;
    names and messages can hold anything a file name can (line breaks, ``::``),
    so they are escaped as the text format escapes its lines."""
    from .reporters.text import line_start

    print(line_start(text), file=sys.stderr)


def _internal_error(exc: BaseException) -> int:
    _error_line(f"contentlint: internal error: {type(exc).__name__}: {exc} (please report it)")
    if os.environ.get("CONTENTLINT_DEBUG"):
        raise exc
    return EXIT_ERROR


def _stdout_closed() -> bool:
    """Whether the broken pipe is our output's (its reader went away), not some
    other pipe's (a bug to report). A pipe whose reader is gone polls as an
    error; where that cannot be asked (no poll, stdout not a file), assume it is."""
    try:
        import select

        poller = select.poll()
        poller.register(sys.stdout.fileno(), select.POLLOUT)
        return any(events & (select.POLLERR | select.POLLHUP) for _, events in poller.poll(0))
    except (AttributeError, OSError, ValueError):
        return True


def _resolver(config_arg: str | None):
    from .runner import Resolver

    if config_arg:
        path = Path(config_arg)
        if not path.is_file():
            raise ConfigError("config file not found", config_arg)
        return Resolver(explicit=path)
    return Resolver()


def _load(config_arg: str | None, start: Path):
    """Config and rules for the working directory (for rules, explain, test-rules)."""
    setup = _resolver(config_arg).for_dir(start)
    return setup.config, setup.rules


# Young-generation collections every 200,000 allocations instead of 700 (as mypy
# does): a lint run allocates millions of short-lived objects (markdown-it tokens,
# matches) but makes almost no reference cycles (~500 per 300 articles), so the
# default collector walked live objects for nothing: ~25% of the 20 MB article's
# run (a large live heap, walked by every full collection), peak memory unchanged.
GC_THRESHOLDS = (200_000, 30, 30)


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


def cmd_lint(argv: list[str]) -> int:
    import gc

    gc.set_threshold(*GC_THRESHOLDS)  # the command's own process only, not library use
    parser = _lint_parser()
    if "--" not in argv:
        _refuse_files_named_like_options(parser, argv)
    args, extra = parser.parse_known_args(argv)
    # A caller that passes file names without "--" may pass "-draft.md": anything
    # unrecognised that exists on disk is a path, not an unknown option.
    unknown = [a for a in extra if not os.path.lexists(a)]
    if unknown:
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    args.paths += [a for a in extra if os.path.lexists(a)]
    from .cache import Cache
    from .reporters import reporter
    from .runner import default_jobs, lint_paths

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
    from .safeio import refuse_symlink

    for option, target in (("--output", args.output), ("--write-baseline", args.write_baseline)):
        if target:
            refuse_symlink(target, option)  # before the run, not after it
    resolver = _resolver(args.config)
    resolver.for_dir(Path.cwd()).config  # a broken config fails before any file is read
    changed = None
    if args.diff_base:
        from .gitdiff import ChangedLines

        changed = ChangedLines(args.diff_base)
    known = None
    if args.baseline:
        from . import baseline

        known = baseline.load(args.baseline)
    report = lint_paths(
        paths,
        resolver,
        args.encoding,
        args.stdin_filename,
        fix=args.fix,
        unsafe_fixes=args.unsafe_fixes,
        diff=args.diff,
        time_limit_s=args.timeout or None,
        jobs=args.jobs if args.jobs > 0 else default_jobs(),
        cache=None if args.no_cache else Cache(Path.cwd()),
    )
    empty = not report.files and not report.problems and not report.excluded_named and paths != ["-"]
    if empty and not args.allow_empty:
        # nothing was linted and nothing said why: a wrong path, or an exclude that
        # takes everything; files named on the command line and excluded by the
        # config (what pre-commit passes) are a decision, not an empty run
        where = ", ".join(f"'{p}'" for p in paths)
        why = f" ({_plural(report.excluded, 'file')} excluded by the config)" if report.excluded else ""
        report.problems.append(f"contentlint: no Markdown files to lint in {where}{why}; --allow-empty accepts that")
        report.unlinted = 0
    for problem in report.problems:
        if args.format == "github" and not args.statistics:
            from .reporters.github import problem_command

            print(problem_command(problem), file=sys.stderr)
        else:
            _error_line(problem)
    if args.write_baseline:
        from . import baseline

        if empty and not args.allow_empty:
            return EXIT_ERROR  # an empty baseline over the user's own, from a wrong path: not written
        n = baseline.write(args.write_baseline, report.findings)
        print(f"Wrote {n} finding{'s' if n != 1 else ''} to the baseline {args.write_baseline}.")
        return EXIT_ERROR if report.failed else EXIT_OK
    if changed is not None:
        kept = [f for f in report.findings if changed.keeps(f)]
        report.outside_diff = len(report.findings) - len(kept)
        report.findings = kept
    if known is not None:
        from . import baseline

        report.findings, report.baselined = baseline.filter_new(report.findings, args.baseline, known)
    if args.diff:
        from .fixer import unified_diff

        for result in report.fixes:
            sys.stdout.write(unified_diff(result))
        n = len(report.fixes)
        print(f"{n} file{'s' if n != 1 else ''} would be changed by --fix.", file=sys.stderr)
        return EXIT_ERROR if report.failed else (EXIT_FINDINGS if report.fixes else EXIT_OK)

    if args.output:
        from .safeio import open_for_writing

        out = open_for_writing(args.output, "--output")
    else:
        out = sys.stdout
        if hasattr(out, "reconfigure"):  # as --output writes: see safeio.open_for_writing
            out.reconfigure(errors="backslashreplace")
    try:
        from .reporters.text import use_color

        tty = not args.output and hasattr(out, "isatty") and out.isatty()
        reporter("statistics" if args.statistics else args.format).render(
            report,
            out,
            color=use_color(out, args.color) if not args.output else args.color == "always",
            excerpts=tty and not args.no_excerpt,
            show_suppressed=args.show_suppressed,
        )
        out.flush()
    finally:
        if args.output:
            out.close()
    if report.failed:
        return EXIT_ERROR
    return EXIT_FINDINGS if report.has_errors else EXIT_OK


def cmd_rules(argv: list[str]) -> int:
    p = _parser(prog="contentlint rules", description="List the rules in effect.")
    p.add_argument("--config", metavar="FILE")
    p.add_argument("--format", choices=("text", "json"), default="text")
    args = p.parse_args(argv)
    _, rules = _load(args.config, Path.cwd())
    rows = [
        {
            "id": r.id,
            "kind": r.kind,
            "severity": r.severity,
            "enabled": r.enabled,
            "scope": sorted(r.scope.names),
            "source": _display_path(r.path),
        }
        for r in rules
    ]
    if args.format == "json":
        import json

        json.dump(rows, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    headers = ("id", "kind", "severity", "scope", "source")
    table = [
        (r["id"] + ("" if r["enabled"] else " (disabled)"), r["kind"], r["severity"], ",".join(r["scope"]), r["source"])
        for r in rows
    ]
    widths = [max(len(h), *(len(row[i]) for row in table)) if table else len(h) for i, h in enumerate(headers)]
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip())
    for row in table:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())
    return EXIT_OK


def cmd_explain(argv: list[str]) -> int:
    p = _parser(prog="contentlint explain", description="Explain a rule.")
    p.add_argument("rule")
    p.add_argument("--config", metavar="FILE")
    args = p.parse_args(argv)
    _, rules = _load(args.config, Path.cwd())
    for r in rules:
        if r.id == args.rule:
            print(f"{r.id} ({r.kind}, {r.severity})  from {_display_path(r.path)}")
            print()
            print(" ".join(r.description.split()) or "(no description)")
            for key, title in (("fail", "Gives a finding"), ("pass", "Fine")):
                if r.examples.get(key):
                    print(f"\n{title}:")
                    for ex in r.examples[key]:
                        print("  " + ex["text"].replace("\n", "\n  "))
            return EXIT_OK
    import difflib

    hint = difflib.get_close_matches(args.rule, [r.id for r in rules], n=1)
    raise UserError(f"no rule '{args.rule}'" + (f"; did you mean '{hint[0]}'?" if hint else ""))


def cmd_test_rules(argv: list[str]) -> int:
    p = _parser(
        prog="contentlint test-rules",
        description="Run rules' examples, and fixture files annotated with <!-- expect: RULE --> / <!-- ok: RULE -->.",
    )
    p.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="rule files or folders (YAML) and fixture files (Markdown); default: the rules in effect",
    )
    p.add_argument("--config", metavar="FILE")
    args = p.parse_args(argv)
    from .config.rules import load_rule_paths
    from .examples import run_examples, run_fixture

    rule_paths = [f for f in args.files if not f.lower().endswith((".md", ".markdown"))]
    fixtures = [f for f in args.files if f.lower().endswith((".md", ".markdown"))]
    for d in [f for f in rule_paths if Path(f).is_dir()]:
        fixtures += sorted(str(x) for x in Path(d).glob("*.md"))
    rules = load_rule_paths(rule_paths) if rule_paths else _load(args.config, Path.cwd())[1]
    passed = failed = 0
    for rule in rules:
        for r in run_examples(rule):
            if r.ok:
                passed += 1
            else:
                failed += 1
                print(r.describe())
    for fixture in fixtures:
        result = run_fixture(fixture, rules)
        wrong = len(result.missing) + len(result.unexpected)
        failed += wrong
        passed += result.checked - len(result.missing) - sum(1 for u in result.unexpected if u[4])
        if wrong:
            print(result.describe())
    print(f"{passed} passed, {failed} failed")
    return EXIT_FINDINGS if failed else EXIT_OK


def _relative(path: str) -> str:
    """A path under the working directory as relative (shorter, and what editors
    resolve); anything else as it is."""
    try:
        rel = Path(path).resolve().relative_to(Path.cwd().resolve())
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symbolic link loop
        return str(path)
    return rel.as_posix()


def _display_path(path: str) -> str:
    from .config.packs import builtin_rules_dir

    try:
        return "builtin:" + Path(path).resolve().relative_to(builtin_rules_dir().resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symbolic link loop
        try:
            return os.path.relpath(path)
        except ValueError:
            return path


def cmd_config(argv: list[str]) -> int:
    p = _parser(prog="contentlint config", description="Show the resolved config for a file, and where each value came from.")
    p.add_argument("path", nargs="?", default=".", help="a file or folder (default: .)")
    p.add_argument("--config", metavar="FILE")
    p.add_argument("--format", choices=("text", "json"), default="text")
    args = p.parse_args(argv)
    resolver = _resolver(args.config)
    target = Path(args.path)
    setup = resolver.for_dir(target if target.is_dir() else target.parent)
    config, rules = setup.config, setup.rules
    probe = args.path if not target.is_dir() else str(target / "_.md")

    def where(origin: str) -> str:
        if origin == "default":
            return "default"
        path, _, line = origin.rpartition(":")
        return f"{_relative(path)}:{line}" if line.isdigit() else _relative(origin)

    data = {
        "config": [_relative(c) for c in config.chain] or None,
        "packs": [{"value": v.value, "from": where(v.origin)} for v in config.packs],
        "rule_files": [{"value": _relative(str(v.value)), "from": where(v.origin)} for v in config.rule_files],
        "select": None if config.select is None else {"value": config.select.value, "from": where(config.select.origin)},
        "ignore": [{"value": v.value, "from": where(v.origin)} for v in config.ignore],
        "exclude": [{"value": v.value[1], "from": where(v.origin)} for v in config.exclude],
        "per_file_ignores": [{"value": {v.value[1]: v.value[2]}, "from": where(v.origin)} for v in config.per_file_ignores],
        "min_severity": {"value": config.min_severity.value, "from": where(config.min_severity.origin)},
        "require_suppression_reason": {
            "value": config.require_suppression_reason.value,
            "from": where(config.require_suppression_reason.origin),
        },
        "excluded": config.excluded(probe) if not target.is_dir() else None,
        "rules": [
            {
                "id": r.id,
                "kind": r.kind,
                "severity": r.severity,
                "active": r.enabled and config.rule_active(r.id, probe),
                "defined_in": f"{_display_path(r.path)}:{r.line}",
                "changed_by": {k: where(v) for k, v in r.origins.items()},
            }
            for r in rules
        ],
    }
    if args.format == "json":
        import json

        json.dump(data, sys.stdout, indent=2, default=str)
        sys.stdout.write("\n")
        return EXIT_OK
    print(f"config files: {', '.join(data['config']) if data['config'] else '(none: built-in defaults)'}")
    for key in ("packs", "rule_files", "ignore", "exclude", "per_file_ignores"):
        for item in data[key]:
            print(f"{key}: {item['value']}  ({item['from']})")
    for key in ("select", "min_severity", "require_suppression_reason"):
        if data[key] is not None:
            print(f"{key}: {data[key]['value']}  ({data[key]['from']})")
    if data["excluded"]:
        print(f"{args.path} is excluded by this config")
    print("rules:")
    for r in data["rules"]:
        changed = "; ".join(f"{k} from {v}" for k, v in r["changed_by"].items())
        state = "on" if r["active"] else "off"
        print(f"  {r['id']:<28} {state:<3} {r['severity']:<7} {r['kind']:<15} {r['defined_in']}" + (f"  [{changed}]" if changed else ""))
    return EXIT_OK


STARTER_CONFIG = """\
# contentlint configuration. Docs: the README; editors can validate this file with
# the JSON Schema shipped in the package (contentlint schema config).
extends: [health]          # the built-in pack: claims, dose numbers, disclaimers

# More rules of your own (YAML files or folders), relative to this file:
# rule_files: [contentlint-rules/]

# Only some rules, or none of some (ids or globs):
# select: [claim-needs-citation, no-dose-numbers]
# ignore: [medical-disclaimer]

# Per-rule settings: severity, enabled, scope, message and the kind's options.
rules:
  no-dose-numbers:
    severity: error
  # claim-needs-citation:
  #   threshold: 0.6              # claim probability from 0 to 1: higher, fewer findings
  #   exempt_terms: [in our trial]
  #   # a list option replaces the pack's list: repeat the domains you keep
  #   # (contentlint config shows the pack's list)
  #   citation_domains: [pubmed.ncbi.nlm.nih.gov, doi.org, nih.gov, cdc.gov, who.int, your-journal.org]

# Files not to lint, and rules not to run on some files (gitignore-style patterns):
exclude: ["node_modules/", "drafts/**"]
# per_file_ignores:
#   "legal/**": [claim-needs-citation]

# Report only findings at or above this severity (info, warning, error):
# min_severity: warning

# Suppression comments (<!-- contentlint-disable-next-line RULE -- reason -->) must give a reason:
require_suppression_reason: true
"""


def cmd_init(argv: list[str]) -> int:
    p = _parser(prog="contentlint init", description="Write a commented starter .contentlint.yaml.")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    args = p.parse_args(argv)
    target = Path(".contentlint.yaml")
    if target.exists() and not args.force:
        raise UserError(f"{target} already exists (use --force to overwrite)")
    target.write_text(STARTER_CONFIG, encoding="utf-8")
    print(f"wrote {target}")
    return EXIT_OK


def cmd_schema(argv: list[str]) -> int:
    p = _parser(prog="contentlint schema", description="Print the JSON Schema of rule files or config files.")
    p.add_argument("which", choices=("rule", "config"))
    args = p.parse_args(argv)
    from .config.jsonschema import SCHEMA_DIR

    sys.stdout.write((SCHEMA_DIR / f"{args.which}.schema.json").read_text(encoding="utf-8"))
    return EXIT_OK


_SUBCOMMAND_FUNCS = {
    "rules": cmd_rules,
    "explain": cmd_explain,
    "test-rules": cmd_test_rules,
    "config": cmd_config,
    "init": cmd_init,
    "schema": cmd_schema,
}
