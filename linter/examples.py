"""Running a rule's ``examples``: each ``fail`` text must give a finding (with the
expected match text, if given) and each ``pass`` text none."""

from __future__ import annotations

from dataclasses import dataclass

from .engine import lint_text


@dataclass
class ExampleResult:
    rule: str
    path: str
    line: int | None
    expect: str  # fail | pass
    text: str
    ok: bool
    detail: str = ""

    def describe(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.rule}: {self.expect} example {self.text!r}: {self.detail}"


def run_examples(rule) -> list[ExampleResult]:
    results = []
    was_enabled = rule.enabled
    rule.enabled = True
    try:
        for ex in rule.examples.get("fail", []):
            found = lint_text(ex["text"], [rule], path="<example>")
            matches = [f.match for f in found]
            if not found:
                results.append(ExampleResult(rule.id, rule.path, ex["line"], "fail", ex["text"], False, "expected a finding, got none"))
            elif ex["match"] is not None and ex["match"] not in matches:
                results.append(
                    ExampleResult(rule.id, rule.path, ex["line"], "fail", ex["text"], False, f"expected match {ex['match']!r}, got {matches!r}")
                )
            else:
                results.append(ExampleResult(rule.id, rule.path, ex["line"], "fail", ex["text"], True))
        for ex in rule.examples.get("pass", []):
            found = lint_text(ex["text"], [rule], path="<example>")
            detail = "" if not found else "expected no finding, got " + "; ".join(f"{f.match!r} ({f.message})" for f in found)
            results.append(ExampleResult(rule.id, rule.path, ex["line"], "pass", ex["text"], not found, detail))
    finally:
        rule.enabled = was_enabled
    return results
