"""Linting one source with a rule set: parse once, run every enabled rule."""

from __future__ import annotations

from .document import Document
from .findings import Finding
from .source import Source


class RuleCrash(Exception):
    """A rule raised on a document: a bug in contentlint, reported with its rule id."""

    def __init__(self, rule_id: str, exc: BaseException):
        super().__init__(f"rule '{rule_id}' failed: {type(exc).__name__}: {exc}")
        self.rule_id = rule_id


def lint_source(source: Source, rules) -> list[Finding]:
    doc = Document.parse(source)
    return lint_document(doc, rules)


def lint_document(doc: Document, rules) -> list[Finding]:
    findings: list[Finding] = []
    for rule in rules:
        if not rule.enabled:
            continue
        try:
            findings.extend(rule.findings(doc))
        except RecursionError as exc:
            raise RuleCrash(rule.id, exc) from exc
        except Exception as exc:  # noqa: BLE001 - reported as an internal error, exit 2
            raise RuleCrash(rule.id, exc) from exc
    findings.sort(key=Finding.sort_key)
    return findings


def lint_text(text: str, rules, path: str = "<text>") -> list[Finding]:
    """Library entry point: lint a Markdown string."""
    return lint_source(Source.from_text(path, text), rules)
