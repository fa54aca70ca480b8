"""The filter stage: which of the findings the rules produced a run reports.

A step takes findings and returns the ones it keeps (a step that hides findings
also says how many, or which, for the report). ``apply`` runs a list of steps in
order. There are two lists:

- a file's (``for_file``): suppression comments, the rules active for the file
  (select, ignore, per-file ignores), the minimum severity. They need the parsed
  document and the file's config, and their result is what the result cache
  keeps, so ``engine.check_document`` applies them as the file is linted.
- a run's (``for_run``): ``--diff-base``, then ``--baseline``. They depend on
  the working tree and a file outside the config, not on the article, so the
  runner applies them once every file's findings are in, cached or not.

Order matters: suppressions come first, so that a comment hiding a finding that
the severity floor would drop anyway counts as used; ``--diff-base`` comes before
the baseline, whose entries number occurrences among the findings it is given.

Whether a rule is active is decided here, by ``Active``, for every caller: the
rules a file runs, the findings kept, the ids a suppression comment names, and
``contentlint config``.
"""

from __future__ import annotations

from .findings import Finding
from .suppressions import apply as apply_comments


class Active:
    """Which rules are on for one file (``path``; None: any file) under
    ``config`` (None: every rule that is enabled)."""

    __slots__ = ("config", "path")

    def __init__(self, config=None, path: str | None = None):
        self.config = config
        self.path = path

    def __call__(self, rule_id: str) -> bool:
        """For an id: a rule's, or one of contentlint's own findings' (which are
        always enabled). The config's select, ignore and per-file ignores."""
        return self.config is None or self.config.rule_active(rule_id, self.path)

    def rule(self, rule) -> bool:
        """For a rule: its own ``enabled``, then what the config says of its id."""
        return rule.enabled and self(rule.id)

    def rules(self, rules) -> list:
        return [r for r in rules if self.rule(r)]


def apply(findings: list[Finding], steps) -> list[Finding]:
    for step in steps:
        findings = step(findings)
    return findings


# -- a file's steps ----------------------------------------------------------------


def suppressions(doc, require_reason: bool, active: Active, suppressed: list, known=None):
    """Findings that no suppression comment hides, plus contentlint's findings
    about the comments (misspelt, naming no rule of ``known``, unused, or without
    a required reason). Hidden findings go to ``suppressed`` with their comment,
    for ``--show-suppressed``."""

    def step(findings):
        outcome = apply_comments(doc, findings, require_reason=require_reason, active=active, known=known)
        suppressed.extend(outcome.suppressed)
        return outcome.findings

    return step


def active_rules(active: Active):
    """Findings of rules active for the file. A rule that is off does not run;
    this takes out contentlint's own findings (``unused-suppression`` ...) that
    the config turns off."""

    def step(findings):
        return [f for f in findings if active(f.rule)]

    return step


def min_severity(config):
    """Findings at or above the config's ``min_severity``."""

    def step(findings):
        return [f for f in findings if config.reported(f.severity)]

    return step


def for_file(doc, config, active: Active, suppressed: list, known=None) -> list:
    """A file's steps; with no config (library use), suppression comments only.
    ``known``: the ids a suppression comment may name (None: any). ``--fix``
    works from the same findings: it fixes only what is reported."""
    if config is None:
        return [suppressions(doc, False, active, suppressed, known)]
    return [suppressions(doc, config.require_suppression_reason.value, active, suppressed, known), active_rules(active),
            min_severity(config)]


# -- a run's steps -----------------------------------------------------------------


def diff_base(changed, report):
    """Findings on lines changed since the ``--diff-base`` revision (``changed``:
    a ``gitdiff.ChangedLines``); how many were dropped goes to ``report.outside_diff``."""

    def step(findings):
        kept = [f for f in findings if changed.keeps(f)]
        report.outside_diff = len(findings) - len(kept)
        return kept

    return step


def baseline(path: str, known, report):
    """Findings the ``--baseline`` file (at ``path``, its fingerprints ``known``)
    does not record; how many it hid goes to ``report.baselined``."""

    def step(findings):
        from .baseline import filter_new

        kept, report.baselined = filter_new(findings, path, known)
        return kept

    return step


def line_map(before: str, after: str):
    """For a text changed from ``before`` to ``after``: a function from a line of
    ``after`` (1-based) to its line in ``before``, or None for a line the change
    added. An edited line maps to the line it was."""
    import difflib

    from .source import _EOL

    old, new = _EOL.split(before), _EOL.split(after)  # lines as a Source counts them
    to_old: dict[int, int] = {}
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal" or tag == "replace":
            for j in range(j1, j2):
                to_old[j + 1] = i1 + min(j - j1, i2 - i1 - 1) + 1
    return to_old.get


def for_fixing(changed=None, baseline_file=None):
    """What --fix may change in one file: a function of (findings, the file's
    text, the text as fixed so far) to the findings the run would report, by its
    steps (``for_run``'s), or None when it has none. A fix that adds or removes
    lines moves the findings after it: their lines are mapped back to the file's
    before ``changed`` reads them."""
    if changed is None and baseline_file is None:
        return None

    def reported(findings, original: str, text: str):
        if changed is not None:
            to_file_line = None if text == original else line_map(original, text)
            findings = [f for f in findings if changed.keeps(f, to_file_line)]
        if baseline_file is not None:  # fingerprints have no line: the text as it is
            from .baseline import filter_new

            findings, _ = filter_new(findings, *baseline_file)
        return findings

    return reported


def for_run(report, changed=None, baseline_file=None) -> list:
    """A run's steps: ``changed`` for --diff-base, ``baseline_file`` (path,
    fingerprints) for --baseline; either may be None."""
    steps = []
    if changed is not None:
        steps.append(diff_base(changed, report))
    if baseline_file is not None:
        steps.append(baseline(*baseline_file, report))
    return steps
