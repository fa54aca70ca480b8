"""Applying fixes: only what a fix means to change, atomically, idempotently.

- A fix (``findings.Fix``) is edits in source offsets, made together or not at
  all, and an applicability. Safe fixes apply with
  --fix; fixes that may change meaning (capitalization of a heading that might hold
  a proper noun) only with --unsafe-fixes as well. Claims are never rewritten:
  no claim rule offers a fix.
- Overlapping fixes are never applied together: the first (in file order) wins
  and the rest wait for the next pass, which re-lints the fixed text. Passes
  repeat until nothing changes (at most MAX_PASSES), so a second --fix run has
  nothing left to do.
- A fix that does not work is dropped: when a rule offers the same replacement
  again where its own fix just went (a disclaimer appended inside an unclosed code
  fence, where no reader sees it; a swap whose replacement contains the wrong
  term, ``e.g`` -> ``e.g.``), fixing starts over without that rule's replacement,
  instead of repeating it every pass. The finding stays for a person to fix.
- The file is written to a temporary file in the same folder and renamed over the
  original (os.replace is atomic on POSIX and Windows): a crash leaves either the
  old file or the new one. Its encoding, BOM, line endings and permissions stay;
  a replacement that contains line breaks gets the file's own line ending.
"""

from __future__ import annotations

import os
from bisect import bisect_left, insort
from dataclasses import dataclass

from .findings import Edit, Fix
from .source import BOM, Source

MAX_PASSES = 10
MAX_RESTARTS = 3  # fixing starts over at most this often without ineffective fixes


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


def select_fixes(findings, unsafe: bool) -> list[Fix]:
    return [f.fix for f in findings if f.fix is not None and (f.fix.is_safe or unsafe)]


def apply_fixes(text: str, fixes) -> tuple[str, int, int]:
    """Apply fixes that do not overlap; returns (new text, fixes applied, fixes skipped)."""
    new_text, placed, skipped = _apply(text, fixes)
    return new_text, len({id(fix) for fix, _, _, _ in placed}), skipped


def _clash(a: Edit, b: Edit) -> bool:
    """Whether two edits, ``a`` not after ``b`` in source order, cannot both be
    made: they overlap, or ``a`` inserts where ``b`` starts (which goes first?)."""
    return a.end > b.start or a.start == a.end == b.start


def _apply(text: str, fixes):
    """Apply fixes, each with all its edits or not at all; a fix with an edit that
    clashes with one already chosen (in source order of the fixes' first edits)
    is skipped. Returns (new text, placed, skipped) where ``placed`` lists, per
    applied edit, (fix, edit, start, end) of its replacement in the new text."""
    eol = _eol(text)
    taken: list = []  # chosen edits' (start, end), sorted
    chosen: list = []  # (edit, fix)
    skipped = 0
    for fix in sorted(fixes, key=lambda f: (f.edits[0].start, f.edits[0].end)):
        spots = [bisect_left(taken, (e.start, e.end)) for e in fix.edits]
        if any(
            (i > 0 and _clash(Edit(*taken[i - 1], ""), e)) or (i < len(taken) and _clash(e, Edit(*taken[i], "")))
            for i, e in zip(spots, fix.edits)
        ):
            skipped += 1  # overlaps (or inserts at the same point as) one already chosen
            continue
        for e in fix.edits:
            insort(taken, (e.start, e.end))
            chosen.append((e, fix))
    chosen.sort(key=lambda c: (c[0].start, c[0].end))
    out, pos, placed, at = [], 0, [], 0
    for edit, fix in chosen:
        replacement = edit.replacement.replace("\r\n", "\n").replace("\n", eol)
        out.append(text[pos : edit.start])
        at += edit.start - pos
        out.append(replacement)
        placed.append((fix, edit, at, at + len(replacement)))
        at += len(replacement)
        pos = edit.end
    out.append(text[pos:])
    return "".join(out), placed, skipped


def fix_source(source: Source, lint, unsafe: bool) -> FixResult:
    """Fix, re-lint and fix again until stable. ``lint(source)`` returns findings.

    A replacement that a rule offers again where its own fix was just applied did
    not fix anything; fixing then starts over from the original text without that
    (rule, replacement), so the result is the same however often it is run.
    """
    blocked: set = set()
    for _ in range(MAX_RESTARTS + 1):
        result, ineffective = _fix_passes(source, lint, unsafe, blocked)
        if not ineffective:
            return result
        blocked |= ineffective
    return FixResult(source.path, source.text, source.text, 0, 0)


def _fix_passes(source: Source, lint, unsafe: bool, blocked: set):
    original = text = source.text
    applied = skipped = 0
    current = source
    last_pass: list = []  # (rule, replacement, start, end in the current text) of the last pass
    for _ in range(MAX_PASSES):
        candidates = [
            f for f in lint(current)
            if f.fix is not None and (f.fix.is_safe or unsafe)
            and not any((f.rule, e.replacement) in blocked for e in f.fix.edits)
        ]
        ineffective = {
            (f.rule, e.replacement)
            for f in candidates
            for e in f.fix.edits
            for rule, replacement, a, b in last_pass
            if f.rule == rule and e.replacement == replacement and e.start <= b and e.end >= a
        }
        if ineffective:
            return None, ineffective
        if not candidates:
            break
        rule_of = {}
        for f in candidates:
            rule_of.setdefault(f.fix, f.rule)
        new_text, placed, s = _apply(text, [f.fix for f in candidates])
        applied += len({id(fix) for fix, _, _, _ in placed})
        skipped = s
        if new_text == text:
            break
        last_pass = [(rule_of[fix], edit.replacement, a, b) for fix, edit, a, b in placed]
        text = new_text
        current = Source.from_text(source.path, text, strip_bom=False)  # offsets stay those of `text`
        current.had_bom = source.had_bom
    return FixResult(source.path, original, text, applied, skipped), set()


class ChangedMeanwhile(Exception):
    """The file is no longer the text that was fixed: someone edited it while the
    fix ran. It is left as it is."""


class CannotEncode(Exception):
    """The fixed text has a character the file's encoding cannot hold."""


def write_atomically(path: str, text: str, encoding: str, bom: bool, original: Source | None = None) -> None:
    """Write next to the file, flush to disk, then rename over it. A symlink is
    written through (its target gets the fixed text; the link stays a link).
    With ``original`` (the text the fix started from), the file is read again
    just before the rename and left alone (ChangedMeanwhile) if it is no longer
    that text: an edit saved while the fix ran is never overwritten."""
    from . import safeio
    from .atomic import replace_file
    from .source import DecodeError

    try:
        data = ((BOM if bom else "") + text).encode(encoding)
    except UnicodeEncodeError as exc:
        raise CannotEncode(f"the fix needs {exc.object[exc.start:exc.end]!r}, which {encoding} cannot hold") from None
    path = os.path.realpath(path)
    try:
        mode = os.stat(path).st_mode & 0o7777
    except OSError:
        mode = None

    def unchanged() -> None:
        if original is None:
            return
        try:
            now = Source.from_bytes(path, safeio.read_regular(path), encoding)
        except (OSError, DecodeError):
            raise ChangedMeanwhile from None
        if now.text != original.text or now.had_bom != original.had_bom:
            raise ChangedMeanwhile

    replace_file(path, data, durable=True, mode=mode, prefix=".contentlint-", check=unchanged)


def unified_diff(result: FixResult) -> str:
    import difflib

    a = result.original.splitlines(keepends=True)
    b = result.fixed.splitlines(keepends=True)
    out = []
    for line in difflib.unified_diff(a, b, f"a/{result.path}", f"b/{result.path}"):
        out.append(line)
        if not line.endswith(("\n", "\r")):  # a file's last line with no line break, as diff(1) marks it
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)
