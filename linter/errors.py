"""Errors a user can fix. They print as one line, never as a traceback."""

from __future__ import annotations


class UserError(Exception):
    """A mistake in a rule file, config file or the command line.

    Printed as ``path:line:col: message`` (compiler style, so editors can jump to
    it); line and column are 1-based and optional.
    """

    def __init__(self, message: str, path: str | None = None, line: int | None = None, col: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.col = col

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = str(self.path)
            if self.line is not None:
                where += f":{self.line}"
                if self.col is not None:
                    where += f":{self.col}"
            where += ": "
        return where + self.message


class ConfigError(UserError):
    """A rule or config file is invalid (exit code 2)."""


class FileError(UserError):
    """An article could not be read or decoded; the run goes on with the others."""


def nearest(word: str, choices) -> str | None:
    """The choice closest to a misspelt ``word`` ("did you mean ...?"), compared
    without case; None when none is close."""
    import difflib

    by_folded = {str(c).lower(): str(c) for c in choices}
    close = difflib.get_close_matches(word.lower(), list(by_folded), n=1)
    return by_folded[close[0]] if close else None
