"""Linting one source with a rule set: parse once, run every enabled rule, then
apply the file's suppression comments."""

from __future__ import annotations

from .document import Document
from .findings import Finding
from .source import Source
from .suppressions import Outcome, apply


class RuleCrash(Exception):
    """A rule raised on a document: a bug in contentlint, reported with its rule id."""

    def __init__(self, rule_id: str, exc: BaseException):
        super().__init__(f"rule '{rule_id}' failed: {type(exc).__name__}: {exc}")
        self.rule_id = rule_id


def raw_findings(doc: Document, rules) -> list[Finding]:
    """Every enabled rule's findings, before suppressions."""
    findings: list[Finding] = []
    for rule in rules:
        if not rule.enabled:
            continue
        try:
            findings.extend(rule.findings(doc))
        except Exception as exc:  # noqa: BLE001 - reported as an internal error, exit 2
            raise RuleCrash(rule.id, exc) from exc
    findings.sort(key=Finding.sort_key)
    return findings


def check_document(doc: Document, rules, *, require_reason: bool = False, active=lambda rule_id: True) -> Outcome:
    return apply(doc, raw_findings(doc, rules), require_reason=require_reason, active=active)


def lint_document(doc: Document, rules) -> list[Finding]:
    return check_document(doc, rules).findings


def lint_source(source: Source, rules) -> list[Finding]:
    return lint_document(Document.parse(source), rules)


def lint_text(text: str, rules, path: str = "<text>") -> list[Finding]:
    """Library entry point: lint a Markdown string."""
    return lint_source(Source.from_text(path, text), rules)
