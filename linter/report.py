"""Report: everything a run produced, handed to a reporter or a fixer."""

from __future__ import annotations

from dataclasses import dataclass, field

from .findings import Finding


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    sources: dict = field(default_factory=dict)  # path -> Source, for excerpts and HTML
    rules_loader: object = None  # builds the rules in effect on demand (SARIF/HTML metadata)
    problems: list[str] = field(default_factory=list)  # one line each: files that could not be linted
    suppressed: list = field(default_factory=list)  # (Finding, Directive) pairs, for --show-suppressed
    fixes: list = field(default_factory=list)  # FixResult per file that --fix changed (or --diff would)
    baselined: int = 0  # findings hidden because the baseline has them
    outside_diff: int = 0  # findings hidden by --diff-base
    _rules: list | None = None

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
