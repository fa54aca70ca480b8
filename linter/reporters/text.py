"""``--format text``: compiler-style lines an editor can jump to, and on a
terminal the source line with a caret under the match, plus a summary."""

from __future__ import annotations

import os

# Article text reaches the terminal in messages and excerpts: control characters
# (ESC sequences could retitle or repaint it) and bidi overrides (which can make a
# line read differently from what it is) are shown as escapes instead.
_CONTROL = {c: f"\\x{c:02x}" for c in [*range(0x00, 0x09), *range(0x0A, 0x20), 0x7F, *range(0x80, 0xA0)]}
_CONTROL.update(
    {c: f"\\u{c:04x}" for c in [0x061C, 0x200E, 0x200F, 0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]}
)


def visible(text: str) -> str:
    # every character in _CONTROL is one str.isprintable() refuses (Cc, Cf, Zl,
    # Zp), and a check costs a fraction of a translate: most messages have none
    return text if text.isprintable() else text.translate(_CONTROL)


def line_start(text: str) -> str:
    """A line that starts with a file name, safe to print: control characters as
    escapes, so a name with a line break cannot begin a line of its own, and a
    name that would put ``::`` first on the line (GitHub Actions reads such a
    line, leading blanks trimmed, as a workflow command: ``::error ...``,
    ``::add-mask::``) written as ``./::...``, the same file."""
    shown = visible(text)
    return "./" + shown if shown.lstrip().startswith("::") else shown


_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def use_color(stream, mode: str = "auto") -> bool:
    if mode == "always":
        return True
    if mode == "never" or os.environ.get("NO_COLOR"):
        return False
    return hasattr(stream, "isatty") and stream.isatty()


def render(report, stream, *, excerpts: bool = False, color: bool = False, show_suppressed: bool = False, **_) -> None:
    findings, sources = report.findings, report.sources
    for f in findings:
        sev = f"{_COLORS[f.severity]}{f.severity}{_RESET}" if color else f.severity
        loc = line_start(f"{f.path}:{f.line}:{f.column}:")  # escaped before it is styled
        if color:
            loc = f"{_BOLD}{loc}{_RESET}"
        stream.write(f"{loc} {sev} {f.rule} {visible(f.message)}\n")
        src = sources.get(f.path)
        if excerpts and src is not None:
            stream.write(excerpt(src, f, color))
    if show_suppressed:
        for f, d in report.suppressed:
            why = f"reason: {d.reason}" if d.reason else "no reason given"
            stream.write(
                line_start(f"{f.path}:{f.line}:{f.column}: suppressed {f.rule} {f.message} [{d.describe()} at line {d.line}; {why}]")
                + "\n"
            )
    stream.write(summary_of(report) + "\n")
    notes = []
    if report.fixes:
        n = sum(r.applied for r in report.fixes)
        notes.append(f"Fixed {n} problem{'s' if n != 1 else ''} in {len(report.fixes)} file{'s' if len(report.fixes) != 1 else ''}.")
    if report.baselined:
        notes.append(f"{report.baselined} known finding{'s' if report.baselined != 1 else ''} hidden by the baseline.")
    if report.outside_diff:
        notes.append(f"{report.outside_diff} finding{'s' if report.outside_diff != 1 else ''} on unchanged lines not shown.")
    for note in notes:
        stream.write(note + "\n")


WIDTH = 100  # columns of source shown around a match on a long line


def excerpt(src, f, color: bool) -> str:
    """The finding's first line, and a caret line under the matched part of it.
    Tabs are shown as four spaces in both lines so the caret stays aligned; a long
    line (a whole paragraph, often) is cut to a window around the match."""
    line0 = f.line - 1
    text = src.line_text(line0)
    start = f.column - 1
    end = f.end_column - 1 if f.end_line == f.line else len(text)
    before, match, after = text[:start].expandtabs(4), text[start:end].expandtabs(4), text[end:].expandtabs(4)
    if len(before) + len(match) + len(after) > WIDTH:
        keep_before = max(10, (WIDTH - len(match)) // 3)
        if len(before) > keep_before:
            before = "…" + before[-keep_before:]
        room = max(10, WIDTH - len(before) - len(match))
        if len(after) > room:
            after = after[:room] + "…"
        if len(match) > WIDTH:
            match = match[: WIDTH - 1] + "…"
    gutter = f"{f.line:>5} | "
    caret = "^" + "~" * (max(1, _cells(visible(match))) - 1)
    if color:
        caret = f"{_COLORS[f.severity]}{caret}{_RESET}"
    shown = visible(before + match + after)
    pad = _cells(visible(before))
    return f"{gutter}{shown}\n{' ' * (len(gutter) - 2)}| {' ' * pad}{caret}\n"


def _cells(text: str) -> int:
    """Terminal cells ``text`` takes: a wide (Chinese, Japanese, Korean) or fullwidth
    character takes two, a combining mark none, so the caret sits under its match."""
    import unicodedata

    if text.isascii():
        return len(text)
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _files(n: int) -> str:
    return f"{n} file" if n == 1 else f"{n} files"


def summary(findings, files: int, suppressed: int = 0, *, unlinted: int = 0, incomplete: int = 0, excluded: int = 0) -> str:
    """The last line: what was found in how many files, led by what could not be
    done, so that a run that failed on a file never reads as a clean one."""
    n = len(findings)
    tail = f" ({suppressed} suppressed)" if suppressed else ""
    failed = []
    if unlinted:
        failed.append(f"{_files(unlinted)} could not be linted")
    if incomplete:
        failed.append(f"{_files(incomplete)} linted only in part (a rule was stopped)")
    if not files and not n:
        if failed:
            return f"No files linted: {'; '.join(failed)} (errors above)."
        if excluded:
            return f"No files linted: {_files(excluded)} excluded by the config."
        return "No files linted: no Markdown files found."
    linted = "linted " if failed else ""
    if not n:
        result = f"no problems found in {_files(files).replace(' file', f' {linted}file')}{tail}"
    else:
        counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
        parts = [f"{c} {s}{'s' if c != 1 and s != 'info' else ''}" for s, c in counts.items() if c]
        affected = len({f.path for f in findings})
        noun = "file" if files == 1 else "files"
        result = f"found {n} problem{'s' if n != 1 else ''} ({', '.join(parts)}) in {affected} of {files} {linted}{noun}{tail}"
    if failed:
        lead = "; ".join(failed)
        return lead[0].upper() + lead[1:] + f" (errors above); {result}."
    return result[0].upper() + result[1:] + "."


def summary_of(report) -> str:
    return summary(
        report.findings, report.files, len(report.suppressed),
        unlinted=report.unlinted, incomplete=report.incomplete, excluded=report.excluded,
    )
