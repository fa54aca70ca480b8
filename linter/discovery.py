"""Which files to lint: explicit files as given, directories walked for Markdown."""

from __future__ import annotations

import os

from .problems import MISSING, Problem

MARKDOWN_SUFFIXES = (".md", ".markdown")
SKIP_DIRS = frozenset({"node_modules", "__pycache__", "venv"})


def iter_files(paths, excluded) -> tuple[list[str], list[Problem]]:
    """Return (files, problems). A directory is walked recursively (hidden folders,
    node_modules and virtualenvs skipped); symlinks met in a walk, to folders or to
    files, are not followed, so there are no loops and a link committed into a
    content repository (``notes.md -> ~/.ssh/id_rsa``) cannot make contentlint read,
    and quote in its findings, a file outside the tree. A path given explicitly is
    read as given, link or not. A path that does not exist is a problem, reported
    and skipped."""
    files: list[str] = []
    problems: list[Problem] = []
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, names in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS)
                for name in sorted(names):
                    if name.lower().endswith(MARKDOWN_SUFFIXES):
                        full = os.path.normpath(os.path.join(root, name))  # "./a.md" -> "a.md"
                        if os.path.islink(os.path.join(root, name)):
                            continue
                        if not excluded(full):
                            files.append(full)
        elif os.path.exists(p) or os.path.islink(p):
            if not excluded(p):
                files.append(p)
        else:
            problems.append(Problem(p, MISSING, "no such file or directory"))
    return files, problems
