"""gitignore-style path patterns (``exclude``, ``per_file_ignores``), matched
relative to the folder of the config that declares them, with pathspec: the
well-kept implementation of git's wildmatch rules, rather than our own glob."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=512)
def _spec(pattern: str):
    import pathspec

    return pathspec.PathSpec.from_lines("gitignore", [pattern])


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
