"""Problem: a file (or a path named on the command line) that could not be
linted, or was linted only in part; and the run with nothing to lint. Each is
one line on standard error (``str(problem)``); what happened is its ``kind``,
not words to search for in that line (which holds a file name)."""

from __future__ import annotations

from .record import Frozen

# What happened. A file with a problem of a kind in NOT_LINTED does not count as
# linted (one it could not read or find never does); with any other kind, as
# linted in part.
MISSING = "missing"  # a path given that does not exist
UNREADABLE = "unreadable"  # cannot be read or decoded
NOT_FIXED = "not-fixed"  # --fix could not write its fix (the encoding cannot hold it)
CHANGED_MEANWHILE = "changed-meanwhile"  # edited while --fix ran: left as it is
COULD_NOT_WRITE = "could-not-write"  # the fixed file could not be written
OUT_OF_MEMORY = "out-of-memory"
INTERNAL = "internal"  # a bug: a rule crashed
TIMEOUT = "timeout"  # a rule was stopped by --timeout; the other rules' findings stand
NOTHING_TO_LINT = "nothing-to-lint"  # no Markdown file in the paths given (no file of its own)

NOT_LINTED = frozenset({MISSING, UNREADABLE, COULD_NOT_WRITE, OUT_OF_MEMORY, INTERNAL})


class Problem(Frozen):
    __slots__ = FIELDS = ("path", "kind", "text")
    path: str | None  # None: about the run, not a file
    kind: str
    text: str  # what to say after the file name

    def __init__(self, path: str | None, kind: str, text: str):
        self._set(path, kind, text)

    def __str__(self) -> str:
        return f"{self.path if self.path is not None else 'contentlint'}: {self.text}"

    @property
    def not_linted(self) -> bool:
        """Whether the file's findings are missing altogether."""
        return self.kind in NOT_LINTED
