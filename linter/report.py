"""Report: everything a run produced, handed to a reporter or a fixer."""

from __future__ import annotations

from .findings import Finding
from .record import Record


class Report(Record):
    FIELDS = (
        "findings", "sources", "rules_loader", "problems", "suppressed", "fixes", "baselined", "outside_diff", "_rules",
        "unlinted", "incomplete", "excluded", "excluded_named",
    )

    def __init__(
        self,
        findings: list[Finding] | None = None,
        sources: dict | None = None,
        rules_loader=None,
        problems: list | None = None,
        suppressed: list | None = None,
        fixes: list | None = None,
        baselined: int = 0,
        outside_diff: int = 0,
        _rules: list | None = None,
        unlinted: int = 0,
        incomplete: int = 0,
        excluded: int = 0,
        excluded_named: int = 0,
    ):
        self.findings = [] if findings is None else findings
        self.sources = {} if sources is None else sources  # path -> Source, for excerpts and HTML
        self.rules_loader = rules_loader  # builds the rules in effect on demand (SARIF/HTML metadata)
        self.problems = [] if problems is None else problems  # problems.Problem: files that could not be linted
        self.suppressed = [] if suppressed is None else suppressed  # (Finding, Directive) pairs, for --show-suppressed
        self.fixes = [] if fixes is None else fixes  # FixResult per file that --fix changed (or --diff would)
        self.baselined = baselined  # findings hidden because the baseline has them
        self.outside_diff = outside_diff  # findings hidden by --diff-base
        self._rules = _rules
        self.unlinted = unlinted  # files (or named paths) that could not be linted at all
        self.incomplete = incomplete  # files linted in part: a rule was stopped on them
        self.excluded = excluded  # files the config's exclude skipped
        self.excluded_named = excluded_named  # of them, files named on the command line

    @property
    def rules(self) -> list:
        """Rules in effect for the linted files. Built on first use: a warm cached
        run that prints text never compiles a rule."""
        if self._rules is None:
            self._rules = list(self.rules_loader()) if self.rules_loader else []
        return self._rules

    @rules.setter
    def rules(self, value) -> None:
        self._rules = list(value)

    @property
    def files(self) -> int:
        """How many files were linted."""
        return len(self.sources)

    @property
    def failed(self) -> bool:
        return bool(self.problems)

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)
