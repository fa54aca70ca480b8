"""Changed lines since a git revision (--diff-base), for pull-request checks.

Asks git for a zero-context diff of the working tree against REF and keeps, per
file, the line numbers on the new side. Files git does not know at REF (new,
untracked) count as wholly changed, and so does a file outside the repository.

File names are untrusted (a pull request chooses them) and may hold any byte but
NUL: spaces, quotes, tabs, backslashes, newlines. The lists of changed and
untracked files are read NUL-separated (``-z``), byte for byte. Patch text has no
such mode, so each ``+++`` header is decoded the way git wrote it (C-style quoting
when the name needs it, a trailing tab when it holds a space) and must name a file
of the ``-z`` list; content lines are skipped by the counts in their hunk header,
so an added line that reads ``++ b/x`` is never taken for a header.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from .errors import UserError

_HUNK = re.compile(rb"^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
# git's C-style quoting (quote.c, quote_c_style): these escapes and \ooo octal bytes
_ESCAPES = {b"a": 7, b"b": 8, b"t": 9, b"n": 10, b"v": 11, b"f": 12, b"r": 13, b'"': 34, b"\\": 92}
_ESCAPE = re.compile(rb"\\([0-3][0-7]{2}|.)", re.S)

# Options that make the patch's shape independent of the user's git config
# (diff.noprefix, diff.mnemonicPrefix, color.diff, diff.external, textconv
# drivers, diff.relative): what is parsed below is what git writes by default.
# --text: a pull request's .gitattributes can mark Markdown "-diff" (binary), and
# git would then give no lines for it, hiding every finding on its changed lines.
_PATCH_OPTIONS = (
    "--text", "--no-color", "--no-ext-diff", "--no-textconv", "--no-renames", "--no-relative",
    "--src-prefix=a/", "--dst-prefix=b/", "-U0",
)


def _git(args, cwd) -> bytes:
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True)
    except FileNotFoundError:
        raise UserError("--diff-base needs git, which is not installed") from None
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", errors="replace").strip() or "failed"
        raise UserError(f"git {' '.join(args)}: {message}")
    return proc.stdout


def _names(output: bytes) -> list[str]:
    """A ``-z`` list of paths as str (bytes that are not UTF-8 kept as os.fsdecode
    keeps them, so they compare equal to the names a folder walk finds)."""
    return [os.fsdecode(n) for n in output.split(b"\0") if n]


def unquote(name: bytes) -> bytes:
    """A path as git prints it in a patch header, back to its bytes: C-style quoted
    (``"b/tab\\there.md"``) when it holds a control character, a quote, a
    backslash or (by default) a byte over 0x7f, else as it is; with the tab git
    adds after a name that holds a space (quoted or not) removed."""
    if name.endswith(b"\t"):  # a tab inside a name is always quoted as \t
        name = name[:-1]
    if len(name) >= 2 and name[:1] == b'"' and name[-1:] == b'"':
        def byte(m: re.Match) -> bytes:
            code = m.group(1)
            return bytes([int(code, 8)]) if len(code) == 3 else bytes([_ESCAPES.get(code, code[0])])

        return _ESCAPE.sub(byte, name[1:-1])
    return name


def changed_lines(patch: bytes) -> dict[bytes, set[int]]:
    """New-side line numbers per ``+++`` path (undecoded) of a ``-U0`` patch."""
    out: dict[bytes, set[int]] = {}
    path = None
    pending = 0  # content lines of the current hunk still to skip
    for line in patch.split(b"\n"):
        if pending:
            if not line.startswith(b"\\"):  # "\ No newline at end of file" belongs to neither side
                pending -= 1
            continue
        if line.startswith(b"diff "):
            path = None
        elif line.startswith(b"+++ "):
            name = unquote(line[4:])
            path = name[2:] if name.startswith(b"b/") else None  # None: /dev/null, a deletion
            if path is not None:
                out.setdefault(path, set())
        elif line.startswith(b"@@ "):
            m = _HUNK.match(line)
            if m is None:
                continue
            old = int(m.group(1) or 1)
            start, new = int(m.group(2)), int(m.group(3) or 1)
            pending = old + new
            if path is not None:
                out[path].update(range(start, start + new))
    return out


class ChangedLines:
    def __init__(self, ref: str, cwd: Path | None = None):
        cwd = cwd or Path.cwd()
        self.top = Path(os.path.realpath(os.fsdecode(_git(["rev-parse", "--show-toplevel"], cwd).rstrip(b"\n"))))
        try:
            _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"], cwd)
        except UserError:  # --quiet: git says nothing, so the message is ours
            raise UserError(f"--diff-base: '{ref}' is not a commit of this git repository") from None
        self.lines: dict[str, set[int] | None] = {}  # None: the whole file is new
        for name in _names(_git(["diff", "-z", "--name-only", "--no-renames", "--no-relative", "--end-of-options", ref, "--", "."], self.top)):
            self.lines[name] = set()  # changed; lines from the patch (none for a mode or binary change)
        patch = _git(["diff", *_PATCH_OPTIONS, "--end-of-options", ref, "--", "."], self.top)
        for raw, numbers in changed_lines(patch).items():
            name = os.fsdecode(raw)
            if name not in self.lines:
                raise UserError(f"--diff-base: could not read git's diff: '{name}' is not among the changed files")
            self.lines[name] |= numbers
        for name in _names(_git(["ls-files", "-z", "--others", "--exclude-standard"], self.top)):
            self.lines[name] = None

    def _key(self, path: str) -> str | None:
        full = os.path.abspath(path)
        # the folder resolved (git reports its top level with symlinks resolved),
        # the file itself not (a link is reported under its own name)
        full = os.path.join(os.path.realpath(os.path.dirname(full)), os.path.basename(full))
        try:
            return Path(full).relative_to(self.top).as_posix()
        except ValueError:
            return None

    def keeps(self, f, to_file_line=None) -> bool:
        """Whether finding ``f`` is on a changed line. ``to_file_line`` maps a line
        of the text ``f`` was found in to the file's line (None: a line the file
        does not have), for a text that --fix has changed; None: the file's text."""
        key = self._key(f.path)
        if key is None:
            return True  # outside the repository: git has no lines of it to call unchanged
        if key not in self.lines:
            return False
        changed = self.lines[key]
        if changed is None or f.document_level:
            return True  # a new file, or a finding about the whole (changed) file
        lines = range(f.line, f.end_line + 1)
        if to_file_line is not None:
            lines = (to_file_line(line) for line in lines)
        return any(line in changed for line in lines)
