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
suppresses nothing is reported (``unused-suppression``; so are a misspelt
directive and a rule id no loaded rule has), and with
``require_suppression_reason`` a suppression without a reason is reported
(``suppression-without-reason``) and does not suppress.
"""

from __future__ import annotations

import re

from .errors import nearest
from .findings import SUPPRESSION_WITHOUT_REASON, UNUSED_SUPPRESSION, Finding
from .record import Record

UNUSED = UNUSED_SUPPRESSION
NO_REASON = SUPPRESSION_WITHOUT_REASON


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


KINDS = ("disable", "enable", "disable-next-line", "disable-line", "disable-file")
# the reason an editor's quick fix writes for the writer to replace: no reason yet
REASON_PLACEHOLDER = "TODO: why this is fine here"
# the whole word after "contentlint-" (up to a space or the comment's end), so that a
# misspelt directive ("disable-nextline", "disable_next_line") is reported, never read
# as a shorter one ("disable" of a rule "-nextline"); "CONTENTLINT-..." in capitals is
# found too, and reported: directives are lower-case, as the rule ids they name
OPENER = re.compile(r"<!--\s*(?P<prefix>(?ai:contentlint))-(?P<kind>(?:(?!-->)\S)+)")

_ANY_CASE = re.compile(r"(?ai)contentlint-")


def _comments(text: str):
    """(kind, body, start, end) of each directive comment: an opener and the text
    up to the first ``-->`` after it. The close is found with ``str.find``, and
    when none follows an opener none follows a later one either, so the scan
    stops there: each character is read a bounded number of times, however many
    openers are left unclosed."""
    pos = 0
    while True:
        m = OPENER.search(text, pos)
        if m is None:
            return
        close = text.find("-->", m.end())
        if close < 0:
            return
        kind = m.group("kind")
        if m.group("prefix") != "contentlint":  # "CONTENTLINT-disable": no directive, reported as written
            kind = f"{m.group('prefix')}-{kind}"
        yield kind, text[m.end() : close], m.start(), close + 3
        pos = close + 3


def _comment_starts(doc) -> set[int]:
    """Source offsets where an HTML comment starts, as a reader's Markdown has
    it: an inline one (a paragraph's raw HTML that is a comment) or one in an
    HTML block. Not an escaped "\\<!--", a comment-like text in an attribute's
    value, code or front matter: a browser shows those, or nothing, but no
    comment."""
    from .document.html_text import comment_starts

    out = comment_starts(doc.source, doc.non_prose)
    for block in doc.blocks:
        out.update(block.comments)
    out.update(doc.comments)
    return out


def find_directives(doc) -> list[Directive]:
    return _scan(doc)[0]


def _kept_cells_end(doc) -> dict[int, int]:
    """For each 0-based source line holding table cells with text: where the last
    of them (the last cell the page keeps) ends, as a source offset: at the pipe
    that closes it (what follows its text up to there, a link's title, a comment,
    is in the cell), or at the line's end when no pipe closes it."""
    from .document.tables import closing_pipe

    ends: dict[int, int] = {}
    for b in doc.blocks:
        if b.kind == "table_cell" and b.text:
            end = b.to_source(0, len(b.text))[1]
            if end > ends.get(b.line, -1):
                ends[b.line] = end
    return {line: closing_pipe(doc, line, end) for line, end in ends.items()}


def _scan(doc) -> tuple[list[Directive], list[tuple[int, int]]]:
    """The directive comments the page holds, and (start, end) of those that sit
    in a table cell past the header's count: the page drops that cell, and the
    comment with it, so it is reported rather than silently ignored."""
    text = doc.source.text
    if "contentlint-" not in text and _ANY_CASE.search(text) is None:
        return [], []
    comments = _comment_starts(doc)
    out = []
    dropped = []
    kept_ends = None
    for kind, body, start, end in _comments(text):
        if start not in comments:
            # no comment of the page (in code, front matter, an attribute): text; but a
            # comment after a table row's last kept cell is one the writer meant
            if kept_ends is None:
                kept_ends = _kept_cells_end(doc)
            line, _ = doc.source.position(start)
            kept = kept_ends.get(line - 1)
            if kept is not None and start >= kept and text.count("`", kept, start) % 2 == 0:
                dropped.append((start, end))  # (not one in a code span: that one was code)
            continue
        reason = ""
        if " -- " in f" {body} ":
            body, _, reason = f" {body} ".partition(" -- ")
        names = frozenset(n for n in re.split(r"[\s,]+", body.strip()) if n)
        line, _ = doc.source.position(start)
        end_line, _ = doc.source.position(end)
        out.append(Directive(kind, names or None, " ".join(reason.split()), start, end, line, end_line))
    return out, dropped


class _Cover:
    """Which honoured directive hides a finding, if any: the first directive in
    the file (disable-file, disable-next-line, disable-line) that covers the
    finding's line and names its rule, else the last disable or enable naming
    the rule that ends before the finding starts (a disable hides it).

    Built in one pass over the directives, then constant time per finding (the
    range state advances as findings are taken in order of their start), so a
    file with many directives and many findings costs their sum, not their
    product. Comments do not overlap, so at most one disable-line comment that
    starts on an earlier line covers a given line; every other one covering it
    starts on that line."""

    def __init__(self, directives: list[Directive]):
        self.first: dict = {}  # (where, rule id or None for all rules) -> index of the first directive
        self.spanning: dict[int, int] = {}  # line -> a multi-line disable-line comment covering it from above
        self.ranges = [(i, d) for i, d in enumerate(directives) if d.honoured and d.kind in ("disable", "enable")]
        self.directives = directives
        for i, d in enumerate(directives):
            if not d.honoured or d.kind in ("disable", "enable"):
                continue
            if d.kind == "disable-file":
                where = "file"
            elif d.kind == "disable-next-line":
                where = ("next", d.end_line + 1)
            else:
                where = ("line", d.line)
                for line in range(d.line + 1, d.end_line + 1):
                    self.spanning.setdefault(line, i)
            for rule in d.rules if d.rules is not None else (None,):
                self.first.setdefault((where, rule), i)
        self._next = 0  # ranges applied so far
        self._all: tuple[int, Directive] | None = None  # last range directive naming every rule
        self._by_rule: dict[str, tuple[int, Directive]] = {}

    def point(self, f: Finding) -> Directive | None:
        first = self.first
        candidates = [
            first.get((where, rule))
            for where in ("file", ("next", f.line), ("line", f.line))
            for rule in (f.rule, None)
        ]
        i = self.spanning.get(f.line)
        if i is not None and self.directives[i].names(f.rule):
            candidates.append(i)
        found = [i for i in candidates if i is not None]
        return self.directives[min(found)] if found else None

    def range_state(self, f: Finding) -> Directive | None:
        """For findings given in order of their start."""
        while self._next < len(self.ranges) and self.ranges[self._next][1].end <= f.start:
            entry = self.ranges[self._next]
            if entry[1].rules is None:
                self._all = entry
            else:
                for rule in entry[1].rules:
                    self._by_rule[rule] = entry
            self._next += 1
        last = max((e for e in (self._all, self._by_rule.get(f.rule)) if e is not None), default=None, key=lambda e: e[0])
        return last[1] if last is not None and last[1].kind == "disable" else None


def _covering(findings: list[Finding], directives: list[Directive]) -> list[Directive | None]:
    """The directive hiding each finding (None: not hidden), in the findings' order."""
    cover = _Cover(directives)
    out: list[Directive | None] = [None] * len(findings)
    for k in sorted(range(len(findings)), key=lambda k: findings[k].start):
        f = findings[k]
        state = cover.range_state(f)
        out[k] = cover.point(f) or state
    return out


def suppresses_nothing(f: Finding) -> bool:
    """Whether ``f`` says a comment is inert (not a directive, or hiding nothing):
    an editor greys such a comment out. A comment that names an unknown id among
    known ones still works, and is not."""
    return f.rule == UNUSED and NOTHING in f.message


NOTHING = "suppresses nothing"


def _hint(word: str, choices) -> str:
    close = nearest(word, choices)
    return f" (did you mean '{close}'?)" if close else ""


def apply(doc, findings: list[Finding], *, require_reason: bool, active=lambda rule_id: True, known=None) -> Outcome:
    """Findings no comment hides, with contentlint's findings about the comments:
    a misspelt directive, a rule id that ``known`` (the ids of every loaded rule
    and contentlint's own; None: not checked) does not hold, a suppression that
    suppresses nothing or lacks a required reason. The first two are reported as
    ``unused-suppression`` too, as ruff's unused-noqa reports unknown codes: the
    comment suppresses nothing (or less than it says)."""
    directives, dropped = _scan(doc)
    if not directives and not dropped:
        return Outcome(findings)
    src = doc.source
    meta: list[Finding] = [
        Finding.at(src, UNUSED, "warning", "this comment sits in a table cell past the header's columns, which "
                   f"the page drops with it: it {NOTHING} (move it into a kept cell)", start, end)
        for start, end in dropped
    ]
    for d in directives:
        if d.kind not in KINDS:
            d.honoured = False
            written = OPENER.match(src.text, d.start)
            word = written.group(0)[written.start("prefix") - written.start() :] if written else f"contentlint-{d.kind}"
            if word.startswith("contentlint-"):
                hint = _hint(d.kind, KINDS)
            else:  # the prefix in capitals: the directive's name is lower-case
                meant = nearest(word.split("-", 1)[1], KINDS)
                hint = f" (directives are lower-case: 'contentlint-{meant}')" if meant else " (directives are lower-case)"
            meta.append(Finding.at(src, UNUSED, "warning", f"'{word}' is not a directive{hint}: "
                                   f"it {NOTHING}", d.start, d.end))
            continue
        unknown = sorted(r for r in d.rules or () if known is not None and r not in known)
        if unknown:
            # one finding a comment, naming a few: a comment may list thousands
            named = ", ".join(f"'{r}'{_hint(r, known)}" for r in unknown[:3])
            more = f" and {len(unknown) - 3} more" if len(unknown) > 3 else ""
            meta.append(Finding.at(src, UNUSED, "warning", f"'contentlint-{d.kind}' names no rule {named}{more}", d.start, d.end))
        if require_reason and d.kind != "enable" and (not d.reason or d.reason == REASON_PLACEHOLDER):
            d.honoured = False
            how = (f"replace the placeholder '{REASON_PLACEHOLDER}' with why" if d.reason
                   else "add ' -- why' before '-->'")
            meta.append(Finding.at(src, NO_REASON, "error", f"'{d.describe()}' needs a reason: {how}", d.start, d.end))
    outcome = Outcome([])
    for f, d in zip(findings, _covering(findings, directives)):
        if d is None:
            outcome.findings.append(f)
        else:
            d.used = True
            outcome.suppressed.append((f, d))
    for d in directives:
        if d.kind == "enable" or not d.honoured or d.used:
            continue
        if d.rules is not None and known is not None and not d.rules & known:
            continue  # every id it names is unknown: said above
        if d.rules is not None and not any(active(r) for r in d.rules):
            continue  # it names only rules switched off here: nothing to say
        meta.append(Finding.at(src, UNUSED, "warning", f"'{d.describe()}' {NOTHING}: remove it", d.start, d.end))
    outcome.findings.extend(meta)
    outcome.findings.sort(key=Finding.sort_key)
    return outcome
