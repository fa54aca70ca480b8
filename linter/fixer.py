"""Applying fixes: only what a fix means to change, atomically, idempotently.

- A fix is (start, end, replacement) in source offsets. Safe fixes apply with
  --fix; fixes that may change meaning (capitalization of a heading that might hold
  a proper noun) only with --unsafe-fixes as well. Claims are never rewritten:
  no claim rule offers a fix.
- Overlapping fixes are never applied together: the first (in file order) wins
  and the rest wait for the next pass, which re-lints the fixed text. Passes
  repeat until nothing changes (at most MAX_PASSES), so a second --fix run has
  nothing left to do.
- The file is written to a temporary file in the same folder and renamed over the
  original (os.replace is atomic on POSIX and Windows): a crash leaves either the
  old file or the new one. Its encoding, BOM, line endings and permissions stay;
  a replacement that contains line breaks gets the file's own line ending.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass

from .source import BOM, Source

MAX_PASSES = 10


@dataclass
class FixResult:
    path: str
    original: str  # text as read (BOM removed)
    fixed: str
    applied: int
    skipped_overlaps: int

    @property
    def changed(self) -> bool:
        return self.fixed != self.original


def _eol(text: str) -> str:
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    cr = text.count("\r") - crlf
    if crlf >= lf and crlf >= cr and crlf:
        return "\r\n"
    return "\r" if cr > lf else "\n"


def select_fixes(findings, unsafe: bool) -> list[tuple[int, int, str]]:
    return [f.fix for f in findings if f.fix is not None and (f.fix_safe or unsafe)]


def apply_fixes(text: str, fixes) -> tuple[str, int, int]:
    """Apply non-overlapping fixes; returns (new text, applied, skipped)."""
    eol = _eol(text)
    chosen, skipped, last_end = [], 0, -1
    for start, end, replacement in sorted(fixes, key=lambda f: (f[0], f[1])):
        if start < last_end or (start == last_end and chosen and chosen[-1][0] == chosen[-1][1] == start):
            skipped += 1  # overlaps (or inserts at the same point as) one already chosen
            continue
        chosen.append((start, end, replacement.replace("\r\n", "\n").replace("\n", eol)))
        last_end = max(last_end, end)
    out, pos = [], 0
    for start, end, replacement in chosen:
        out.append(text[pos:start])
        out.append(replacement)
        pos = end
    out.append(text[pos:])
    return "".join(out), len(chosen), skipped


def fix_source(source: Source, lint, unsafe: bool) -> FixResult:
    """Fix, re-lint and fix again until stable. ``lint(source)`` returns findings."""
    original = text = source.text
    applied = skipped = 0
    current = source
    for _ in range(MAX_PASSES):
        fixes = select_fixes(lint(current), unsafe)
        if not fixes:
            break
        new_text, n, s = apply_fixes(text, fixes)
        applied += n
        skipped = s
        if new_text == text:
            break
        text = new_text
        current = Source.from_text(source.path, text)
        current.had_bom = source.had_bom
    return FixResult(source.path, original, text, applied, skipped)


def write_atomically(path: str, text: str, encoding: str, bom: bool) -> None:
    """Write next to the file, flush to disk, then rename over it."""
    data = ((BOM if bom else "") + text).encode(encoding)
    directory = os.path.dirname(os.path.abspath(path))
    try:
        mode = os.stat(path).st_mode & 0o7777
    except OSError:
        mode = None
    fd, tmp = tempfile.mkstemp(prefix=".contentlint-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def unified_diff(result: FixResult) -> str:
    import difflib

    a = result.original.splitlines(keepends=True)
    b = result.fixed.splitlines(keepends=True)
    return "".join(difflib.unified_diff(a, b, f"a/{result.path}", f"b/{result.path}"))
