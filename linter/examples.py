"""Running a rule's ``examples``: each ``fail`` text must give a finding (with the
expected match text, if given) and each ``pass`` text none."""

from __future__ import annotations

from dataclasses import dataclass, field

from .engine import DEFAULT_TIME_LIMIT, check_document


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


def _lint(text: str, rule) -> list:
    """An example's findings, under the same time limit as a lint run (a rule
    author's catastrophic regex stops here too)."""
    from .document import Document
    from .source import Source

    outcome = check_document(Document.parse(Source.from_text("<example>", text)), [rule], time_limit_s=DEFAULT_TIME_LIMIT)
    if outcome.stopped:
        raise TimeoutError(f"rule '{rule.id}' ran past {DEFAULT_TIME_LIMIT:g} s on an example")
    return outcome.findings


def run_examples(rule) -> list[ExampleResult]:
    """A rule's examples, run with the rule enabled whatever its settings."""
    results = []
    rule = rule.replace(enabled=True)
    for ex in rule.examples.get("fail", []):
        found = _lint(ex["text"], rule)
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
        found = _lint(ex["text"], rule)
        detail = "" if not found else "expected no finding, got " + "; ".join(f"{f.match!r} ({f.message})" for f in found)
        results.append(ExampleResult(rule.id, rule.path, ex["line"], "pass", ex["text"], not found, detail))
    return results


# -- fixture files ---------------------------------------------------------------

import re  # noqa: E402

_ANNOTATION = re.compile(r"<!--\s*(expect|ok)\s*:\s*(.*?)\s*-->")
# inside front matter (YAML or TOML), an annotation is a comment about its own line
_YAML_ANNOTATION = re.compile(r"#\s*(expect|ok)\s*:\s*([\w.,\s-]+?)\s*$")


@dataclass
class FixtureResult:
    path: str
    missing: list  # (line, rule)
    unexpected: list  # (line, rule, match, message, marked_ok)
    checked: int
    unknown: list = field(default_factory=list)  # (line of the annotation, rule id no loaded rule has, hint)

    @property
    def wrong(self) -> int:
        return len(self.missing) + len(self.unexpected) + len(self.unknown)

    @property
    def ok(self) -> bool:
        return not self.wrong

    def describe(self) -> str:
        n = self.wrong
        lines = [f"{self.path}: {n} mismatch{'es' if n != 1 else ''}"]
        for line, rule, hint in self.unknown:
            lines.append(f"  ! line {line}: no rule '{rule}' is loaded{hint}")
        for line, rule in self.missing:
            lines.append(f"  - line {line}: expected {rule}, got nothing")
        for line, rule, match, message, marked_ok in self.unexpected:
            why = " (marked ok)" if marked_ok else ""
            lines.append(f"  + line {line}: unexpected {rule}{why}: {match!r}: {message}")
        return "\n".join(lines)


def run_fixture(path: str, rules) -> FixtureResult:
    """A Markdown file annotated with ``<!-- expect: RULE[, RULE] -->`` or
    ``<!-- ok: RULE -->`` on the line before the line it speaks of. Every expected
    finding must start on that line; findings of the annotated rules anywhere
    else are unexpected."""
    from .document import Document
    from .engine import check_document
    from .source import Source

    source = Source.from_bytes(path, open(path, "rb").read())
    lines = [source.line_text(i) for i in range(source.line_count)]
    expected, marked_ok, named = set(), set(), set()
    from .findings import BUILTIN_IDS

    loaded = {r.id for r in rules}.union(BUILTIN_IDS)  # contentlint's own findings can be expected too
    unknown: set = set()  # (line of an annotation, a rule id it names that no loaded rule has)
    for i, text in enumerate(lines):
        m = _YAML_ANNOTATION.search(text)
        annotations = []
        if m and not _ANNOTATION.search(text):
            annotations = [(m.group(1), m.group(2), i)]
        else:
            for kind, body in _ANNOTATION.findall(text):
                target = i + 1
                while target < len(lines) and (not lines[target].strip() or _ANNOTATION.fullmatch(lines[target].strip())):
                    target += 1
                annotations.append((kind, body, target))
        for kind, body, target in annotations:
            for rule_id in filter(None, re.split(r"[\s,]+", body)):
                if rule_id not in loaded:
                    unknown.add((i + 1, rule_id))
                    continue
                named.add(rule_id)
                (expected if kind == "expect" else marked_ok).add((target + 1, rule_id))
    tested = [r.replace(enabled=True) for r in rules if r.id in named]
    from .engine import DEFAULT_TIME_LIMIT

    outcome = check_document(Document.parse(source), tested, time_limit_s=DEFAULT_TIME_LIMIT)
    actual = {}
    for f in outcome.findings:
        if f.rule in named:
            actual.setdefault((f.line, f.rule), f)
    missing = sorted(expected - set(actual))
    unexpected = [
        (line, rule, f.match, f.message, (line, rule) in marked_ok)
        for (line, rule), f in sorted(actual.items())
        if (line, rule) not in expected
    ]
    from .errors import nearest

    def hint(rid):
        close = nearest(rid, sorted(loaded))
        return f" (did you mean '{close}'?)" if close else ""

    return FixtureResult(path, missing, unexpected, len(expected) + len(marked_ok),
                         sorted((line, rid, hint(rid)) for line, rid in unknown))
