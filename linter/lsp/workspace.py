"""The workspace side: which files are config files (a change reloads every
config), a config error as a diagnostic on the file it names, and the Markdown
files of the workspace folders as ``contentlint FOLDER`` would lint them."""

from __future__ import annotations

import os
from pathlib import Path

from lsprotocol import types

from ..config.settings import CONFIG_NAMES
from ..discovery import iter_files
from ..errors import UserError
from .documents import SOURCE_NAME
from .positions import LineIndex

# Files whose change can change a config or its rules: config files, and the
# YAML rule files and packs a config names.
WATCHED_GLOBS = ["**/.contentlint.yaml", "**/.contentlint.yml", "**/pyproject.toml", "**/*.yaml", "**/*.yml"]


def affects_config(path: str | None) -> bool:
    if not path:
        return False
    name = os.path.basename(path)
    return name in CONFIG_NAMES or name == "pyproject.toml" or name.lower().endswith((".yaml", ".yml"))


def config_error_diagnostic(exc: UserError, encoding: str) -> tuple[str, types.Diagnostic]:
    """(absolute path, diagnostic) of a config error: at its line and column when
    it has them, to the end of that line; else on the file's first line."""
    path = os.path.abspath(exc.path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        text = ""
    index = LineIndex(text, encoding)
    line0 = (exc.line - 1) if exc.line else 0
    line0 = min(max(line0, 0), index.line_count - 1)
    start = index.starts[line0] + ((exc.col - 1) if exc.line and exc.col else 0)
    start = min(start, index.line_end(line0))
    end = index.line_end(line0)
    if end == start and index.line_end(line0) > index.starts[line0]:
        start = index.starts[line0]
    (l0, c0), (l1, c1) = index.position(start), index.position(end)
    diag = types.Diagnostic(
        range=types.Range(start=types.Position(line=l0, character=c0), end=types.Position(line=l1, character=c1)),
        message=f"contentlint cannot use this config: {exc.message}",
        severity=types.DiagnosticSeverity.Error,
        source=SOURCE_NAME,
        code="config-error",
    )
    return path, diag


def markdown_files(folders: list[str], excluded) -> list[str]:
    """The Markdown files under ``folders`` that the command would lint, as
    absolute paths (``excluded(path)``: the config excludes it)."""
    files, _ = iter_files([os.path.abspath(f) for f in folders if os.path.isdir(f)], excluded)
    seen, out = set(), []
    for f in files:
        if f not in seen:
            seen.add(f)
            out.append(f)
    return out
