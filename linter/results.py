"""One file's lint result, and how it is stored in the result cache and sent
back from worker processes (a JSON-able form, rebuilt against the file's text)."""

from __future__ import annotations

from pathlib import Path

from .findings import Edit, Finding, Fix
from .record import Record
from .source import Source


class FileResult(Record):
    """What linting one file produced, in a form that crosses process boundaries."""

    __slots__ = FIELDS = ("findings", "suppressed", "problems", "fix", "text")

    def __init__(self, findings: list | None = None, suppressed: list | None = None, problems: list | None = None,
                 fix=None, text: str | None = None):
        self.findings = [] if findings is None else findings  # Finding
        self.suppressed = [] if suppressed is None else suppressed  # (Finding, Directive)
        self.problems = [] if problems is None else problems  # problems.Problem
        self.fix = fix  # FixResult
        self.text = text  # the text after fixing, when it changed


def result_key(setup, name: str, data: bytes, opts) -> str:
    """What a file's result depends on: its bytes, name, encoding, time limit and
    the setup (the code's version is part of every entry's name, see ``cache``)."""
    from .cache import digest

    return digest("result", setup.key, Path(name).as_posix(), opts.encoding, str(opts.time_limit_s), data)


def _finding_json(f: Finding) -> list:
    """A finding as a cache entry: a list, not an object (a warm run decodes
    ~30 of them per article; keys cost more to decode than the values)."""
    return [
        f.rule, f.severity, f.message, f.start, f.end, f.line, f.column, f.end_line, f.end_column,
        _fix_json(f.fix), f.document_level,
    ]


def _fix_json(fix: Fix | None):
    return None if fix is None else [fix.applicability, [[e.start, e.end, e.replacement] for e in fix.edits]]


def _finding_from(d: list, source: Source) -> Finding:
    """A finding back from the cache: positions as stored, the match sliced from
    the (identical) text, so a warm run needs no line index."""
    rule, severity, message, start, end, line, column, end_line, end_column, fix, document_level = d
    if fix is not None:
        fix = Fix(tuple(Edit(*e) for e in fix[1]), fix[0])
    return Finding(
        source.path, rule, severity, message, start, end, line, column, end_line, end_column,
        source.text[start:end], fix, document_level,
    )


def to_json(r: FileResult) -> dict:
    suppressed = []
    for f, d in r.suppressed:
        dd = d.as_dict()
        dd["rules"] = sorted(d.rules) if d.rules is not None else None
        suppressed.append([_finding_json(f), dd])
    return {"findings": [_finding_json(f) for f in r.findings], "suppressed": suppressed}


def from_json(data: dict, source: Source) -> FileResult:
    from .suppressions import Directive

    out = FileResult()
    out.findings = [_finding_from(d, source) for d in data["findings"]]
    for fd, dd in data["suppressed"]:
        dd["rules"] = frozenset(dd["rules"]) if dd["rules"] is not None else None
        out.suppressed.append((_finding_from(fd, source), Directive(**dd)))
    return out
