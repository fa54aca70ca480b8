"""Linting one source with a rule set: parse once, run every enabled rule, then
apply the file's suppression comments."""

from __future__ import annotations

import signal
import sys
import threading
from contextlib import contextmanager

from .document import Document
from .findings import BUILTIN_IDS, FRONT_MATTER_SYNTAX, Finding
from .source import Source
from .filters import Active, apply, for_file
from .suppressions import Outcome

DEFAULT_TIME_LIMIT = 10.0  # seconds per rule per file


class RuleCrash(Exception):
    """A rule raised on a document: a bug in contentlint, reported with its rule id."""

    def __init__(self, rule_id: str, exc: BaseException):
        super().__init__(f"rule '{rule_id}' failed: {type(exc).__name__}: {exc}")
        self.rule_id = rule_id


class RuleTimeout(Exception):
    """A rule ran past its time limit on one file."""


@contextmanager
def time_limit(seconds: float | None):
    """Stop the block after ``seconds`` of CPU time with RuleTimeout.

    Python's ``re`` has no timeout and rules are user-written regexes, so a
    pattern like ``(a+)+$`` can backtrack for hours on a crafted article. CPython
    checks for signals inside the regex engine, so an interval timer interrupts
    it. The timer counts the process's CPU time (``ITIMER_PROF``), not the wall
    clock: on a busy CI machine a rule gets the same budget as on an idle one, so
    which findings a run reports does not depend on the machine's load. Only on
    POSIX, in the main thread (worker processes are main threads too); elsewhere
    the block runs unlimited.
    """
    if not seconds or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise RuleTimeout()

    # ... and such a dropped RuleTimeout is not printed: Python's hook would write
    # "Exception ignored in ..." and a traceback to stderr, where a user reads it
    previous_hook = sys.unraisablehook

    def quiet(unraisable):
        if not isinstance(unraisable.exc_value, RuleTimeout):
            previous_hook(unraisable)

    sys.unraisablehook = quiet
    previous = signal.signal(signal.SIGPROF, stop)
    # Then again every 0.1 s until the block ends: an exception raised while a
    # finaliser or a garbage-collector callback runs is printed and dropped
    # ("Exception ignored in ..."), and a one-shot timer would be lost with it.
    signal.setitimer(signal.ITIMER_PROF, seconds, 0.1)
    try:
        yield
    finally:
        try:
            signal.setitimer(signal.ITIMER_PROF, 0)
        finally:
            # a signal handled just before the line above raises from it: disarm
            # again (the next one is 0.1 s away), or the timer would outlive the block
            signal.setitimer(signal.ITIMER_PROF, 0)
            signal.signal(signal.SIGPROF, previous)
            sys.unraisablehook = previous_hook


def raw_findings(doc: Document, rules, time_limit_s: float | None = None, stopped: list | None = None) -> list[Finding]:
    """Every given rule's findings, before the filter stage (whether a rule runs
    is ``filters.Active``'s to say). A rule that runs past ``time_limit_s`` is
    stopped, its id added to ``stopped``, and the rest go on."""
    findings: list[Finding] = []
    for rule in rules:
        try:
            rule.check  # noqa: B018 - built on first use, outside the time limit: compiling is not checking
            with time_limit(time_limit_s):
                findings.extend(rule.findings(doc))
        except RuleTimeout:
            if stopped is None:
                raise RuleCrash(rule.id, TimeoutError(f"stopped after {time_limit_s:g} s of CPU time")) from None
            stopped.append(rule.id)
        except Exception as exc:  # noqa: BLE001 - reported as an internal error, exit 2
            raise RuleCrash(rule.id, exc) from exc
    findings.sort(key=Finding.sort_key)
    return findings


def front_matter_syntax(doc: Document) -> Finding | None:
    """Front matter that cannot be read (invalid YAML or TOML, over the size
    limits, not a mapping; a ``+++`` first line never closed), as one finding of
    its own at the place the parser stopped, whatever the rules: a publishing
    pipeline cannot read the article's metadata. Plain ``key: value`` YAML front
    matter, with block lists, timestamps and comments, is known valid without a
    YAML parse (``front_matter.plainly_valid``)."""
    src = doc.source
    if doc.front_matter_lines is None:
        if not src.text.startswith("+++"):
            return None
        from .document.toml_front_matter import never_closed

        if not never_closed(doc):
            return None
        message = "Front matter opened with '+++' is never closed (no '+++' line after it)"
        return Finding.at(src, FRONT_MATTER_SYNTAX, "error", message, 0, src.line_ends[0])
    from .document.front_matter import needs_parser

    if not needs_parser(doc):
        return None
    fm = doc.front_matter_info
    if not fm.error:
        return None
    at = fm.error_offset if fm.error_offset is not None else fm.start
    end = max(at, src.line_ends[src.position(at)[0] - 1])
    message = fm.error if fm.error.startswith("front matter") else f"front matter is not valid {fm.syntax}: {fm.error}"
    return Finding.at(src, FRONT_MATTER_SYNTAX, "error", message[:1].upper() + message[1:], at, end)


def _read_front_matter(doc: Document, time_limit_s: float | None) -> None:
    """Read front matter that needs a parser (``front_matter.needs_parser``) under the
    rules' time limit: ruamel.yaml reads some 20-50 KB a second, so a crafted
    article's megabyte of YAML would hold the run for most of a minute before any
    rule starts. Past the limit the front matter counts as unreadable (one
    ``front-matter-syntax`` finding), and the body is linted as usual."""
    if doc.front_matter_lines is None:
        return  # (the front matter module is not imported for an article without any)
    from .document.front_matter import needs_parser, unread_front_matter

    if not needs_parser(doc):
        return
    try:
        with time_limit(time_limit_s):
            doc.front_matter_info  # noqa: B018 - read now, kept on the document
    except RuleTimeout:
        doc.front_matter_info = unread_front_matter(
            doc, f"front matter not read: reading it took more than {time_limit_s:g} s of CPU time")


def known_ids(rules) -> frozenset:
    """The ids a suppression comment may name where ``rules`` are loaded: theirs
    (on or off) and those of the findings contentlint reports itself."""
    return frozenset(r.id for r in rules).union(BUILTIN_IDS)


def check_document(
    doc: Document,
    rules,
    *,
    config=None,
    path: str | None = None,
    time_limit_s: float | None = None,
    known=None,
) -> Outcome:
    """Run the rules active for ``path`` under ``config`` (None: every enabled
    rule) on ``doc``, then the file's filter steps (``filters.for_file``).
    ``known``: every rule id a suppression comment may name (the loaded rules',
    on or off, and contentlint's own; ``known_ids``); None: any, as for a rule
    run alone on its examples."""
    active = Active(config, path)
    stopped: list[str] = []
    _read_front_matter(doc, time_limit_s)
    findings = raw_findings(doc, active.rules(rules), time_limit_s, stopped)
    broken = front_matter_syntax(doc)
    if broken is not None:
        findings.append(broken)
        findings.sort(key=Finding.sort_key)
    outcome = Outcome([], stopped=stopped)
    outcome.findings = apply(findings, for_file(doc, config, active, outcome.suppressed, known))
    return outcome


def lint_document(doc: Document, rules) -> list[Finding]:
    return check_document(doc, rules).findings


def lint_source(source: Source, rules) -> list[Finding]:
    return lint_document(Document.parse(source), rules)


def lint_text(text: str, rules, path: str = "<text>") -> list[Finding]:
    """Library entry point: lint a Markdown string."""
    return lint_source(Source.from_text(path, text), rules)
