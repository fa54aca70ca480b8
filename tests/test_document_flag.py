"""A finding is about the whole document (``Finding.document_level``) when its
kind says so for that hit, one flag that --diff-base, the baseline and the HTML
report all read: a missing part, a document-wide count or score; not a finding
that points at the text that is wrong."""

from __future__ import annotations

from linter.config.rules import load_rule_paths
from linter.engine import lint_text
from linter.reporters.html import build
from linter.report import Report
from linter.source import Source

RULES = """\
rules:
  - id: few-mentions
    kind: occurrence
    message: "{count} mentions"
    terms: [sleep]
    per: document
    min: 2
    max: 3
  - id: hard-read
    kind: readability
    message: "grade {score}"
    per: document
    formula: flesch-kincaid-grade
    max_grade: 1
    min_words: 3
  - id: meta
    kind: front-matter
    message: "{problem}"
    required: [title]
    types: {draft: bool}
"""


def flags(tmp_path, text):
    (tmp_path / "r.yaml").write_text(RULES, encoding="utf-8")
    rules = load_rule_paths([tmp_path / "r.yaml"])
    return sorted({(f.rule, f.match.split("\n")[0][:12], f.document_level) for f in lint_text(text, rules, "a.md")})


def test_whole_document_hits_and_pointed_hits(tmp_path):
    text = "---\ndraft: maybe\n---\n# Sleep\n\nConsiderable deliberation regarding sleep.\n"
    assert flags(tmp_path, text) == [
        ("hard-read", "Considerable", True),
        ("meta", "---", True),  # 'title' is required: about the document, at its front matter
        ("meta", "maybe", False),  # 'draft' must be bool: points at the value
    ]
    many = "# A\n\nSleep, sleep, sleep, sleep and sleep.\n"
    found = flags(tmp_path, many)
    assert ("few-mentions", "sleep", False) in found  # too many: at each mention past the limit
    assert not any(rule == "few-mentions" and whole for rule, _, whole in found)
    assert ("few-mentions", "No mention h", True) in flags(tmp_path, "No mention here at all.\n")  # too few: the document


def test_the_html_report_shows_what_the_flag_marks_at_the_top(tmp_path):
    (tmp_path / "r.yaml").write_text(RULES, encoding="utf-8")
    rules = load_rule_paths([tmp_path / "r.yaml"])
    text = "---\ndraft: maybe\n---\nShort text.\n"
    findings = lint_text(text, rules, "a.md")
    report = Report(findings=findings, sources={"a.md": Source.from_text("a.md", text)})
    report.rules = rules
    page = build(report)
    top = page.split('<div class="doc-level">', 1)[1].split('<div class="doc-body">', 1)[0]
    assert "'title' is required" in top and "0 mentions" in top and "must be bool" not in top
