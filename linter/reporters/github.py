"""``--format github``: GitHub Actions workflow commands, one per finding, which
the runner turns into annotations on the pull request's changed lines:

    ::error file=a.md,line=3,col=6,endLine=3,endColumn=12,title=no-dose-numbers::Specific dose ...

error -> ``::error``, warning -> ``::warning``, info -> ``::notice``. Values are
escaped as the runner expects (actions/toolkit, ``command.ts``): in the message
``%`` ``\\r`` ``\\n``; in properties also ``:`` and ``,``.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _path(path: str) -> str:
    """Annotations name files relative to the workspace, with forward slashes and
    no leading ``./``."""
    if os.path.isabs(path):
        try:
            path = os.path.relpath(path) if Path(path).resolve().is_relative_to(Path.cwd().resolve()) else path
        except (OSError, ValueError):
            return path
    if os.sep != "/":
        path = path.replace(os.sep, "/")
    return posixpath.normpath(path) if not os.path.isabs(path) else path


def render(report, stream, **_) -> None:
    for f in report.findings:
        props = (
            ("file", _path(f.path)),
            ("line", f.line),
            ("col", f.column),
            ("endLine", f.end_line),
            ("endColumn", f.end_column),
            ("title", f.rule),
        )
        joined = ",".join(f"{k}={escape_property(str(v))}" for k, v in props)
        stream.write(f"::{COMMANDS.get(f.severity, 'warning')} {joined}::{escape_data(f.message)}\n")


def problem_command(problem: str) -> str:
    """A file that could not be linted, as an error annotation (written to
    standard error): escaped like any message, so a file name in it cannot end
    the command or start another."""
    return f"::error title=contentlint::{escape_data(problem)}"
