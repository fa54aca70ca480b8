"""The progress line of a long run: files done of the total, findings so far and
the time taken, on standard error.

Shown on its own when standard error is a terminal, the run has more than
``THRESHOLD`` files to lint and no ``CI`` variable is set (a CI log is not a
terminal, but some CI runners give jobs a pseudo-terminal); ``--progress`` asks for
it anywhere, ``--no-progress`` never. On a terminal the line is rewritten in
place and cleared at the end, so the report that follows starts on a clean
line; elsewhere (asked for with ``--progress``) it is a plain line every few
seconds and a last one at the end, which a log keeps readably.
"""

from __future__ import annotations

import os
import time

THRESHOLD = 200  # files: a shorter run ends before a progress line would help
TERMINAL_EVERY_S = 0.1  # redraws on a terminal, at most
LOG_EVERY_S = 5.0  # lines in a log, at most
CLEAR = "\r\x1b[K"


def in_ci(environ=None) -> bool:
    value = (os.environ if environ is None else environ).get("CI", "")
    return value.strip().lower() not in ("", "0", "false", "no")


def wanted(asked: bool | None, total: int, stream, environ=None) -> bool:
    """Whether to show progress: ``asked`` is --progress (True), --no-progress
    (False) or neither (None)."""
    if asked is not None:
        return asked
    return total > THRESHOLD and _isatty(stream) and not in_ci(environ)


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # ValueError: closed
        return False


class Progress:
    """Counts files as their results arrive (``watch`` gives the dict to put
    them in) and draws the line."""

    def __init__(self, stream, total: int, clock=time.monotonic):
        self.stream = stream
        self.total = total
        self.done = 0
        self.findings = 0
        self.clock = clock
        self.started = clock()
        self.terminal = _isatty(stream)
        self.every = TERMINAL_EVERY_S if self.terminal else LOG_EVERY_S
        self.last_drawn = None  # time of the last draw
        self.shown = False

    def watch(self) -> dict:
        return _Results(self)

    def file_done(self, findings: int) -> None:
        self.done += 1
        self.findings += findings
        now = self.clock()
        if self.done >= self.total or self.last_drawn is None or now - self.last_drawn >= self.every:
            self._draw(now)

    def line(self, now: float | None = None) -> str:
        elapsed = int((self.clock() if now is None else now) - self.started)
        findings = f"{self.findings} finding" + ("" if self.findings == 1 else "s")
        return f"contentlint: {self.done}/{self.total} files, {findings}, {elapsed // 60}:{elapsed % 60:02d}"

    def _draw(self, now: float) -> None:
        self.last_drawn = now
        self.shown = True
        try:
            if self.terminal:
                self.stream.write(CLEAR + self.line(now))
            else:
                self.stream.write(self.line(now) + "\n")
            self.stream.flush()
        except (OSError, ValueError):  # standard error closed: the run goes on
            pass

    def close(self) -> None:
        """Clear the line (on a terminal), leaving the cursor at its start."""
        if self.terminal and self.shown:
            try:
                self.stream.write(CLEAR)
                self.stream.flush()
            except (OSError, ValueError):
                pass


class _Results(dict):
    """The runner's results (name -> FileResult): each new entry is a file done."""

    def __init__(self, progress: Progress):
        super().__init__()
        self._progress = progress

    def __setitem__(self, name, result) -> None:
        new = name not in self
        super().__setitem__(name, result)
        if new:
            self._progress.file_done(len(result.findings))
