"""One module per ``contentlint`` command, as pre-commit's ``commands/``.

Each module has ``run(argv) -> int`` (the arguments after the command's name;
the exit code). ``COMMANDS`` lists them for dispatch and for ``contentlint
--help``; a module is imported only when its command runs, so a plain lint run
loads none of the others. Adding a command: a module here with ``run``, and one
entry below.
"""

from __future__ import annotations


class Command:
    """A command: its module under linter.commands, its usage as `contentlint
    --help` shows it (after "contentlint "), and one line of help. A plain class:
    defining a NamedTuple class is slow, and this module is imported on every run."""

    __slots__ = ("module", "usage", "help")

    def __init__(self, module: str, usage: str, help: str):
        self.module = module
        self.usage = usage
        self.help = help


# The subcommands (the first argument); anything else is `contentlint [OPTION ...] [PATH ...]` (lint).
COMMANDS: dict[str, Command] = {
    "rules": Command("rules", "rules", "the rules in effect: id, kind, severity, scope, source file"),
    "explain": Command("explain", "explain RULE", "what a rule checks, why, how to fix, its examples"),
    "config": Command("config", "config [PATH]", "the resolved config for a file, and where each value came from"),
    "init": Command("init", "init [--pack NAME]", "write a commented starter .contentlint.yaml, or a rule pack's skeleton"),
    "test-rules": Command("test_rules", "test-rules [FILE ...]", "run rules' examples and annotated fixture files (rule authors)"),
    "schema": Command("schema", "schema rule|config", "JSON Schema of rule files or config files, for editors"),
    "packs": Command("packs", "packs", "the rule packs extends can name: built in and installed, with versions"),
    "docs": Command("docs", "docs OUTPUT", "a static site with one page per rule of the built-in and installed packs"),
    "server": Command("server", "server", "the language server for editors (LSP over stdio; needs contentlint[server])"),
}
