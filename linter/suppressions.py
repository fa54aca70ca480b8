"""Inline suppression comments, with an audit trail.

    <!-- contentlint-disable no-dose-numbers -- quoting the product label -->
    ...
    <!-- contentlint-enable no-dose-numbers -->
    <!-- contentlint-disable-next-line claim-needs-citation -- cited in the table below -->
    <!-- contentlint-disable-line no-dose-numbers -->     (findings on the comment's line)
    <!-- contentlint-disable-file medical-disclaimer -- landing page, not an article -->

No rule list means every rule. The reason follows `` -- ``. A comment only counts
where a reader's Markdown has an HTML comment: not inside code or front matter.
Two checks keep suppressions honest, like ruff's unused-noqa: a suppression that
suppresses nothing is reported (``unused-suppression``), and with
``require_suppression_reason`` a suppression without a reason is reported
(``suppression-without-reason``) and does not suppress.
"""

from __future__ import annotations

import re

from .findings import Finding
from .record import Record

DIRECTIVE = re.compile(
    r"<!--\s*contentlint-(?P<kind>disable-next-line|disable-line|disable-file|disable|enable)\b"
    r"(?P<body>.*?)-->",
    re.S,
)
UNUSED = "unused-suppression"
NO_REASON = "suppression-without-reason"


class Directive(Record):
    __slots__ = FIELDS = ("kind", "rules", "reason", "start", "end", "line", "end_line", "used", "honoured")

    def __init__(
        self,
        kind: str,
        rules: frozenset | None,
        reason: str,
        start: int,
        end: int,
        line: int,
        end_line: int,
        used: bool = False,
        honoured: bool = True,
    ):
        self.kind = kind  # disable | enable | disable-next-line | disable-line | disable-file
        self.rules = rules  # None: every rule
        self.reason = reason
        self.start = start  # source offsets of the comment
        self.end = end
        self.line = line  # 1-based lines of the comment's start and end
        self.end_line = end_line
        self.used = used
        self.honoured = honoured

    def as_dict(self) -> dict:
        return {f: getattr(self, f) for f in self.FIELDS}

    def names(self, rule_id: str) -> bool:
        return self.rules is None or rule_id in self.rules

    def describe(self) -> str:
        what = ", ".join(sorted(self.rules)) if self.rules else "all rules"
        return f"contentlint-{self.kind} {what}"


class Outcome(Record):
    __slots__ = FIELDS = ("findings", "suppressed", "stopped")

    def __init__(self, findings: list[Finding], suppressed: list | None = None, stopped: list | None = None):
        self.findings = findings
        self.suppressed: list[tuple[Finding, Directive]] = [] if suppressed is None else suppressed
        self.stopped: list[str] = [] if stopped is None else stopped  # rules stopped by the time limit


def _not_prose_ranges(doc) -> list[tuple[int, int]]:
    """Source ranges where a comment-looking text is not a comment: code blocks,
    inline code, front matter."""
    src = doc.source
    ranges = []
    for kind, a, b in doc.non_prose:
        if kind != "html_block":
            ranges.append((src.line_starts[a], src.line_ends[min(b, src.line_count) - 1]))
    for block in doc.blocks:
        for pos, atom in block.atoms.items():
            if atom.kind == "code":
                ranges.append(block.to_source(pos, pos + 1))
    return ranges


def find_directives(doc) -> list[Directive]:
    text = doc.source.text
    if "contentlint-" not in text:
        return []
    blocked = _not_prose_ranges(doc)
    out = []
    for m in DIRECTIVE.finditer(text):
        if any(a <= m.start() < b for a, b in blocked):
            continue
        body = m.group("body")
        reason = ""
        if " -- " in f" {body} ":
            body, _, reason = f" {body} ".partition(" -- ")
        names = frozenset(n for n in re.split(r"[\s,]+", body.strip()) if n)
        line, _ = doc.source.position(m.start())
        end_line, _ = doc.source.position(m.end())
        out.append(
            Directive(m.group("kind"), names or None, " ".join(reason.split()), m.start(), m.end(), line, end_line)
        )
    return out


def _covering(findings_line: int, f: Finding, directives: list[Directive]) -> Directive | None:
    for d in directives:
        if not d.honoured or not d.names(f.rule):
            continue
        if d.kind == "disable-file":
            return d
        if d.kind == "disable-next-line" and f.line == d.end_line + 1:
            return d
        if d.kind == "disable-line" and d.line <= f.line <= d.end_line:
            return d
    # range directives: the last disable/enable before the finding that names it
    state = None
    for d in directives:
        if d.kind not in ("disable", "enable") or not d.honoured or d.end > f.start:
            continue
        if d.names(f.rule):
            state = d if d.kind == "disable" else None
    return state


def apply(doc, findings: list[Finding], *, require_reason: bool, active=lambda rule_id: True) -> Outcome:
    directives = find_directives(doc)
    if not directives:
        return Outcome(findings)
    src = doc.source
    meta: list[Finding] = []
    for d in directives:
        if require_reason and not d.reason and d.kind != "enable":
            d.honoured = False
            meta.append(
                Finding.at(src, NO_REASON, "error", f"'{d.describe()}' needs a reason: add ' -- why' before '-->'", d.start, d.end)
            )
    outcome = Outcome([])
    for f in findings:
        d = _covering(f.line, f, directives)
        if d is None:
            outcome.findings.append(f)
        else:
            d.used = True
            outcome.suppressed.append((f, d))
    for d in directives:
        if d.kind == "enable" or not d.honoured or d.used:
            continue
        if d.rules is not None and not any(active(r) for r in d.rules):
            continue  # it names only rules switched off here: nothing to say
        meta.append(Finding.at(src, UNUSED, "warning", f"'{d.describe()}' suppresses nothing: remove it", d.start, d.end))
    outcome.findings.extend(meta)
    outcome.findings.sort(key=Finding.sort_key)
    return outcome
