"""Changed lines since a git revision (--diff-base), for pull-request checks.

Asks git for a zero-context diff of the working tree against REF and keeps, per
file, the line numbers on the new side. Files git does not know at REF (new,
untracked) count as wholly changed.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from .errors import UserError

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


def _git(args, cwd) -> str:
    try:
        proc = subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", errors="replace")
    except FileNotFoundError:
        raise UserError("--diff-base needs git, which is not installed") from None
    if proc.returncode != 0:
        raise UserError(f"git {' '.join(args)}: {proc.stderr.strip() or 'failed'}")
    return proc.stdout


class ChangedLines:
    def __init__(self, ref: str, cwd: Path | None = None):
        cwd = cwd or Path.cwd()
        self.top = Path(_git(["rev-parse", "--show-toplevel"], cwd).strip())
        _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"], cwd)
        self.lines: dict[str, set[int] | None] = {}  # None: the whole file is new
        path = None
        for line in _git(["diff", "--no-renames", "--no-color", "-U0", "--end-of-options", ref, "--", "."], self.top).splitlines():
            if line.startswith("+++ "):
                path = None if line[4:] == "/dev/null" else line[6:] if line.startswith("+++ b/") else line[4:]
                if path is not None:
                    self.lines.setdefault(path, set())
            elif line.startswith("@@") and path is not None:
                m = _HUNK.match(line)
                if m:
                    start, count = int(m.group(1)), int(m.group(2) or 1)
                    self.lines[path].update(range(start, start + count))
        for path in _git(["ls-files", "--others", "--exclude-standard"], self.top).splitlines():
            self.lines[path] = None

    def _key(self, path: str) -> str | None:
        try:
            return Path(os.path.abspath(path)).relative_to(self.top).as_posix()
        except ValueError:
            return None

    def keeps(self, f) -> bool:
        key = self._key(f.path)
        if key is None or key not in self.lines:
            return False
        changed = self.lines[key]
        if changed is None or f.document_level:
            return True  # a new file, or a finding about the whole (changed) file
        return any(line in changed for line in range(f.line, f.end_line + 1))
