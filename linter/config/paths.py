"""gitignore-style path patterns (``exclude``, ``per_file_ignores``), matched
relative to the folder of the config that declares them, with pathspec: the
well-kept implementation of git's wildmatch rules, rather than our own glob.

pathspec turns a pattern into one regular expression. With Python's backtracking
engine, a pattern from an untrusted config with several ``**`` or ``*`` takes time
polynomial in the path's length with the wildcards' count as the power
(``**/a/**/a/**/zz`` on a path 2,000 folders deep: 30 s a file; ``*a*a*a*a*b`` on
a 250-character name: 15 s). pathspec's RE2 backend (google-re2) matches in time
linear in the path, whatever the pattern."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=512)
def _spec(pattern: str):
    import pathspec

    return pathspec.PathSpec.from_lines("gitignore", [pattern], backend=_backend())


@lru_cache(maxsize=1)
def _backend() -> str:
    """RE2 (google-re2, a dependency); pathspec's own backend only where that
    is not installed (an environment made before it was a dependency), which
    matches the same paths, in backtracking time."""
    try:
        import re2  # noqa: F401
    except ImportError:
        return "simple"
    return "re2"


def relative_to(path: str, root: Path) -> str | None:
    full = Path(os.path.abspath(path))
    try:
        return full.relative_to(root).as_posix()
    except ValueError:
        return None


def matches(path: str, rooted_patterns) -> bool:
    for root, pattern in rooted_patterns:
        rel = relative_to(path, Path(root))
        if rel is not None and _spec(pattern).match_file(rel):
            return True
    return False
