"""Finding: one problem at one exact place in one file."""

from __future__ import annotations

from .record import Frozen

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}

# Findings contentlint reports itself, not from a rule file. A config can select,
# ignore and per-file-ignore them by these ids, as it can a rule's.
FRONT_MATTER_SYNTAX = "front-matter-syntax"
UNUSED_SUPPRESSION = "unused-suppression"
SUPPRESSION_WITHOUT_REASON = "suppression-without-reason"
BUILTIN_IDS = (FRONT_MATTER_SYNTAX, SUPPRESSION_WITHOUT_REASON, UNUSED_SUPPRESSION)
# what ``contentlint explain`` says of them: (severity, what it finds)
BUILTIN_EXPLAINED = {
    FRONT_MATTER_SYNTAX: ("error", "Front matter that cannot be read: invalid YAML or TOML (at the line and column "
                          "where the parser stopped), duplicate keys, a value YAML cannot build, front matter that is not "
                          "a mapping or over the size limits, or a '+++' line that no '+++' line closes. Reported once "
                          "per file; the body is still linted."),
    UNUSED_SUPPRESSION: ("warning", "A suppression comment that hides nothing: remove it. Also a misspelt directive "
                         "('contentlint-disable-nextline', which hides nothing) and a rule id that no loaded rule has."),
    SUPPRESSION_WITHOUT_REASON: ("error", "With require_suppression_reason: true, a suppression comment with no reason "
                                 "(' -- why' before '-->'); it does not suppress."),
}


class Edit(Frozen):
    """Replace source offsets [start, end) with ``replacement`` (an insertion
    when start == end)."""

    __slots__ = FIELDS = ("start", "end", "replacement")
    start: int
    end: int
    replacement: str

    def __init__(self, start: int, end: int, replacement: str):
        self._set(start, end, replacement)


SAFE, UNSAFE = "safe", "unsafe"


class Fix(Frozen):
    """A finding's fix: edits applied together or not at all, and its
    applicability: ``safe`` (``--fix``) or ``unsafe`` (may change meaning: only
    with ``--unsafe-fixes`` as well)."""

    __slots__ = FIELDS = ("edits", "applicability")
    edits: tuple  # Edit, in source order, not overlapping
    applicability: str

    def __init__(self, edits: tuple, applicability: str = SAFE):
        self._set(tuple(sorted(edits, key=lambda e: (e.start, e.end))), applicability)

    @classmethod
    def safe(cls, start: int, end: int, replacement: str) -> "Fix":
        return cls((Edit(start, end, replacement),), SAFE)

    @classmethod
    def unsafe(cls, start: int, end: int, replacement: str) -> "Fix":
        return cls((Edit(start, end, replacement),), UNSAFE)

    @property
    def is_safe(self) -> bool:
        return self.applicability == SAFE


class Finding(Frozen):
    __slots__ = (
        "path", "rule", "severity", "message", "start", "end", "line", "column", "end_line", "end_column",
        "match", "fix", "document_level",
    )
    FIELDS = __slots__
    path: str
    rule: str
    severity: str
    message: str
    start: int  # source offsets [start, end) into Source.text
    end: int
    line: int  # 1-based; columns 1-based in code points, end just past the match
    column: int
    end_line: int
    end_column: int
    match: str  # exactly Source.text[start:end]
    fix: Fix | None
    document_level: bool  # about the whole file (a missing disclaimer), not the text it points at

    def __init__(
        self,
        path: str,
        rule: str,
        severity: str,
        message: str,
        start: int,
        end: int,
        line: int,
        column: int,
        end_line: int,
        end_column: int,
        match: str,
        fix: Fix | None = None,
        document_level: bool = False,
    ):
        self._set(path, rule, severity, message, start, end, line, column, end_line, end_column, match, fix, document_level)

    @classmethod
    def at(
        cls,
        source,
        rule: str,
        severity: str,
        message: str,
        start: int,
        end: int,
        fix: Fix | None = None,
        document_level: bool = False,
    ) -> "Finding":
        line, col = source.position(start)
        end_line, end_col = source.position(end)
        return cls(
            path=source.path,
            rule=rule,
            severity=severity,
            message=message,
            start=start,
            end=end,
            line=line,
            column=col,
            end_line=end_line,
            end_column=end_col,
            match=source.text[start:end],
            fix=fix,
            document_level=document_level,
        )

    def sort_key(self):
        return (self.path, self.start, self.end, self.rule)

    def as_dict(self) -> dict:
        """The stable JSON shape other tools read (keys documented in the README)."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "match": self.match,
        }
