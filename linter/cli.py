"""The ``contentlint`` command.

    contentlint [PATH ...]           lint files and folders (default: .)
    contentlint rules                list the rules in effect
    contentlint explain RULE         what a rule checks and how to fix a finding
    contentlint test-rules [FILE...] run rules' examples (rule authors)

Exit codes: 0 nothing at error level, 1 findings at error level, 2 usage, config
or internal errors, or a file that could not be linted.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .errors import ConfigError, UserError

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SUBCOMMANDS = ("rules", "explain", "test-rules")


def _version() -> str:
    from . import __version__

    return __version__


def _lint_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="contentlint",
        allow_abbrev=False,
        description="Lint Markdown articles against YAML rules (default: the built-in health pack).",
        epilog="Other commands: contentlint rules | explain RULE | test-rules [RULE_FILE ...]. "
        "To lint a folder named like a command, write ./rules.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (recursive *.md, *.markdown); - for stdin")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    p.add_argument("--config", metavar="FILE", help="config file (default: .contentlint.yaml here or above)")
    p.add_argument("--stdin-filename", metavar="NAME", help="path to report for text read from stdin")
    p.add_argument("--encoding", default="utf-8", help="text encoding of the articles (default: utf-8)")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="colour in text output")
    p.add_argument("--no-excerpt", action="store_true", help="no source line and caret, even on a terminal")
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
        print(f"contentlint: {exc}" if not exc.path else str(exc), file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the exit flush
        except OSError:
            pass
        return EXIT_ERROR


def _load(config_arg: str | None, start: Path):
    from .config.settings import find_config, load_config, resolve_rules

    if config_arg:
        path = Path(config_arg)
        if not path.is_file():
            raise ConfigError("config file not found", config_arg)
    else:
        path = find_config(start)
    config = load_config(path, start)
    return config, resolve_rules(config)


def cmd_lint(argv: list[str]) -> int:
    parser = _lint_parser()
    args, extra = parser.parse_known_args(argv)
    # pre-commit passes file names as they are, so "-draft.md" must be a path, not
    # an unknown option: anything unrecognised that exists on disk is a path.
    unknown = [a for a in extra if not os.path.lexists(a)]
    if unknown:
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    args.paths += [a for a in extra if os.path.lexists(a)]
    from .discovery import iter_files, make_excluder
    from .engine import RuleCrash, lint_source
    from .source import DecodeError, Source

    config, rules = _load(args.config, Path.cwd())
    paths = args.paths or ["."]
    failed = False
    sources: dict = {}
    findings = []
    if paths == ["-"]:
        name = args.stdin_filename or "<stdin>"
        targets = [(name, None)]
    else:
        if "-" in paths:
            raise UserError("'-' (stdin) cannot be mixed with paths")
        files, problems = iter_files(paths, make_excluder(config.exclude, config.root))
        for p in problems:
            print(f"contentlint: {p}", file=sys.stderr)
            failed = True
        targets = [(f, f) for f in files]

    for name, path in targets:
        try:
            data = sys.stdin.buffer.read() if path is None else Path(path).read_bytes()
            source = Source.from_bytes(name, data, args.encoding)
        except (OSError, DecodeError, LookupError) as exc:
            print(f"{name}: error: {_describe(exc)}", file=sys.stderr)
            failed = True
            continue
        try:
            found = lint_source(source, rules)
        except (RuleCrash, RecursionError) as exc:
            print(f"{name}: internal error: {exc}", file=sys.stderr)
            failed = True
            continue
        sources[name] = source
        findings.extend(found)

    out = sys.stdout
    if args.format == "json":
        from .reporters import json as reporter

        reporter.render(findings, out)
    else:
        from .reporters import text as reporter

        color = reporter.use_color(out, args.color)
        excerpts = not args.no_excerpt and hasattr(out, "isatty") and out.isatty()
        reporter.render(findings, out, sources=sources, excerpts=excerpts, color=color, files=len(sources))
    out.flush()
    if failed:
        return EXIT_ERROR
    return EXIT_FINDINGS if any(f.severity == "error" for f in findings) else EXIT_OK


def _describe(exc: BaseException) -> str:
    if isinstance(exc, FileNotFoundError):
        return "file vanished or does not exist"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, LookupError):
        return f"unknown encoding: {exc}"
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc)


def cmd_rules(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="contentlint rules", description="List the rules in effect.")
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
    p = argparse.ArgumentParser(prog="contentlint explain", description="Explain a rule.")
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
    p = argparse.ArgumentParser(prog="contentlint test-rules", description="Run the examples of rules.")
    p.add_argument("files", nargs="*", metavar="RULE_FILE", help="rule files or folders (default: the rules in effect)")
    p.add_argument("--config", metavar="FILE")
    args = p.parse_args(argv)
    from .config.rules import load_rule_paths
    from .examples import run_examples

    rules = load_rule_paths(args.files) if args.files else _load(args.config, Path.cwd())[1]
    failures, count = [], 0
    for rule in rules:
        results = run_examples(rule)
        count += len(results)
        failures.extend(r for r in results if not r.ok)
    for f in failures:
        print(f.describe())
    print(f"{count - len(failures)} passed, {len(failures)} failed")
    return EXIT_FINDINGS if failures else EXIT_OK


def _relative(path: str) -> str:
    """A path under the working directory as relative (shorter, and what editors
    resolve); anything else as it is."""
    try:
        rel = Path(path).resolve().relative_to(Path.cwd().resolve())
    except (ValueError, OSError):
        return str(path)
    return rel.as_posix()


def _display_path(path: str) -> str:
    from .config.packs import builtin_rules_dir

    try:
        return "builtin:" + Path(path).resolve().relative_to(builtin_rules_dir().resolve()).as_posix()
    except ValueError:
        try:
            return os.path.relpath(path)
        except ValueError:
            return path


_SUBCOMMAND_FUNCS = {"rules": cmd_rules, "explain": cmd_explain, "test-rules": cmd_test_rules}
