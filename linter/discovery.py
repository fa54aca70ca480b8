"""Which files to lint: explicit files as given, directories walked for Markdown."""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

MARKDOWN_SUFFIXES = (".md", ".markdown")
SKIP_DIRS = frozenset({"node_modules", "__pycache__", "venv"})


def iter_files(paths, excluded) -> tuple[list[str], list[str]]:
    """Return (files, problems). A directory is walked recursively (hidden folders,
    node_modules and virtualenvs skipped, symlinked folders not followed, so no
    loops); a path that does not exist is a problem, reported and skipped."""
    files: list[str] = []
    problems: list[str] = []
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, names in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS)
                for name in sorted(names):
                    if name.lower().endswith(MARKDOWN_SUFFIXES):
                        full = os.path.join(root, name)
                        if not excluded(full):
                            files.append(full)
        elif os.path.exists(p) or os.path.islink(p):
            if not excluded(p):
                files.append(p)
        else:
            problems.append(f"{p}: no such file or directory")
    return files, problems


@lru_cache(maxsize=256)
def glob_regex(pattern: str) -> re.Pattern:
    """gitignore-flavoured glob: ``**`` spans folders, ``*`` stays within one, and
    a pattern with no ``/`` matches a file or folder name at any depth."""
    pat = pattern.strip().lstrip("./") if pattern.startswith("./") else pattern.strip()
    anchored = "/" in pat.rstrip("/")
    pat = pat.strip("/")
    out = []
    i = 0
    while i < len(pat):
        c = pat[i]
        if pat.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pat.startswith("**", i):
            out.append(".*")
            i += 2
        elif c == "*":
            out.append("[^/]*")
            i += 1
        elif c == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(c))
            i += 1
    body = "".join(out)
    prefix = "" if anchored else "(?:.*/)?"
    return re.compile(f"^{prefix}{body}(?:/.*)?$")


def make_excluder(patterns, root: Path):
    if not patterns:
        return lambda path: False
    regexes = [glob_regex(p) for p in patterns]
    root = root.resolve()

    def excluded(path: str) -> bool:
        full = Path(path).resolve() if not os.path.islink(path) else Path(os.path.abspath(path))
        try:
            rel = full.relative_to(root).as_posix()
        except ValueError:
            rel = Path(path).as_posix().lstrip("./")
        return any(r.match(rel) for r in regexes)

    return excluded
