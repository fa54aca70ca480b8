"""Suppression comments: every form, reasons, the audit trail, and the checks that
keep them honest (unused, missing reason)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


def lint(tmp_path, run_cli, text, *args, config=None):
    if config is not None:
        (tmp_path / ".contentlint.yaml").write_text(config, encoding="utf-8")
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    code, out, err = run_cli("--format", "json", *args, "a.md", cwd=tmp_path)
    return code, json.loads(out), err


NO_DISCLAIMER = "rules:\n  medical-disclaimer: {enabled: false}\n"


def test_disable_next_line_with_reason(tmp_path, run_cli):
    text = "<!-- contentlint-disable-next-line no-dose-numbers -- quoting the label -->\nTake 600 mg.\n\nTake 5 g.\n"
    code, data, _ = lint(tmp_path, run_cli, text, config=NO_DISCLAIMER)
    assert [(d["rule"], d["match"]) for d in data] == [("no-dose-numbers", "5 g")]


def test_disable_and_enable_range(tmp_path, run_cli):
    text = (
        "Take 1 g.\n\n<!-- contentlint-disable no-dose-numbers, claim-needs-citation -- label copy -->\n\n"
        "Take 2 g. Ginger relieves nausea.\n\n<!-- contentlint-enable no-dose-numbers -->\n\n"
        "Take 3 g. Ginger relieves nausea.\n"
    )
    _, data, _ = lint(tmp_path, run_cli, text, config=NO_DISCLAIMER)
    assert [(d["rule"], d["match"]) for d in data] == [("no-dose-numbers", "1 g"), ("no-dose-numbers", "3 g")]


def test_disable_all_rules_and_disable_line(tmp_path, run_cli):
    text = "Take 1 g. <!-- contentlint-disable-line -->\n\n<!-- contentlint-disable -->\n\nTake 2 g.\n"
    _, data, _ = lint(tmp_path, run_cli, text, config=NO_DISCLAIMER)
    assert data == []


def test_disable_file(tmp_path, run_cli):
    text = "Kratom treats anxiety and pain.\n\n<!-- contentlint-disable-file medical-disclaimer -- landing page -->\n"
    _, data, _ = lint(tmp_path, run_cli, text)
    assert {d["rule"] for d in data} == {"claim-needs-citation"}


def test_unused_suppression_is_reported(tmp_path, run_cli):
    text = "<!-- contentlint-disable-next-line no-dose-numbers -- nothing here -->\nA calm sentence.\n"
    code, data, _ = lint(tmp_path, run_cli, text, config=NO_DISCLAIMER)
    assert code == 0
    (d,) = data
    assert d["rule"] == "unused-suppression" and d["severity"] == "warning" and d["line"] == 1
    assert d["match"].startswith("<!-- contentlint-disable-next-line")


def test_required_reason(tmp_path, run_cli):
    config = NO_DISCLAIMER + "require_suppression_reason: true\n"
    text = "<!-- contentlint-disable-next-line no-dose-numbers -->\nTake 600 mg.\n"
    code, data, _ = lint(tmp_path, run_cli, text, config=config)
    assert code == 1
    assert sorted(d["rule"] for d in data) == ["no-dose-numbers", "suppression-without-reason"]


def test_show_suppressed_lists_reasons(tmp_path, run_cli):
    text = "<!-- contentlint-disable-next-line no-dose-numbers -- quoting the label -->\nTake 600 mg.\n"
    (tmp_path / ".contentlint.yaml").write_text(NO_DISCLAIMER, encoding="utf-8")
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    code, out, _ = run_cli("--show-suppressed", "a.md", cwd=tmp_path)
    assert code == 0
    assert "a.md:2:6: suppressed no-dose-numbers" in out and "reason: quoting the label" in out
    assert out.strip().endswith("(1 suppressed).")
    _, data, _ = lint(tmp_path, run_cli, text, "--show-suppressed")
    assert data[0]["suppressed"] is True and data[0]["suppression"] == {"line": 1, "reason": "quoting the label"}


@pytest.mark.parametrize(
    "wrapper",
    ["```\n{c}\n```\n", "`{c}`\n", "---\nnote: '{c}'\n---\n"],
)
def test_comments_in_code_or_front_matter_do_not_count(tmp_path, run_cli, wrapper):
    comment = "<!-- contentlint-disable-file -->"
    text = wrapper.format(c=comment) + "\nTake 600 mg.\n"
    _, data, _ = lint(tmp_path, run_cli, text, config=NO_DISCLAIMER)
    assert [d["rule"] for d in data] == ["no-dose-numbers"]


# -- cost: linear in the file, however many directives and findings -----------------


def test_unclosed_directives_are_found_in_linear_time():
    """16,000 unclosed '<!-- contentlint-disable' (400 KB). A lazy '.*?-->'
    pattern read the rest of the file from each of them: about 30 s. Now
    milliseconds; the budget is 1 s of CPU."""
    from cpu_budget import cpu_budget
    from linter.document import Document
    from linter.source import Source
    from linter.suppressions import find_directives

    text = "<!-- contentlint-disable\n" * 16_000
    doc = Document.parse(Source.from_text("a.md", text))
    with cpu_budget(1.0, "finding directives"):
        assert find_directives(doc) == []
    # closed at the very end: one comment, from the first opener to the close
    doc = Document.parse(Source.from_text("a.md", text + "-->\n"))
    with cpu_budget(1.0, "finding directives"):
        (d,) = find_directives(doc)
    assert (d.kind, d.start, d.end, d.line, d.end_line) == ("disable", 0, len(text) + 3, 1, 16_001)


def test_many_directives_with_many_findings_cost_their_sum():
    """20,000 findings, each under its own disable-next-line, between 20,000
    disable/enable pairs for another rule. Matching every finding against every
    directive took 4e8 steps (minutes); an index built once answers each
    finding in constant time (under a second). Budget: 8 s of CPU."""
    from cpu_budget import cpu_budget
    from linter.document import Document
    from linter.findings import Finding
    from linter.source import Source
    from linter.suppressions import apply

    n = 20_000
    parts = [
        f"<!-- contentlint-disable claim -- x -->\n<!-- contentlint-disable-next-line dose -- label -->\nTake {i} mg.\n"
        "<!-- contentlint-enable claim -->\n"
        for i in range(n)
    ]
    text = "\n".join(parts)
    src = Source.from_text("a.md", text)
    doc = Document.parse(src)
    starts, at = [], 0
    for _ in range(n):
        at = text.index("Take", at)
        starts.append(at)
        at += 1
    findings = [Finding.at(src, "dose", "error", "dose", s, s + 4) for s in starts]
    findings.append(Finding.at(src, "claim", "error", "claim", starts[-1], starts[-1] + 4))
    with cpu_budget(8.0, "applying suppressions"):
        outcome = apply(doc, findings, require_reason=False)
    assert len(outcome.suppressed) == n + 1
    # every disable claim but the last hid nothing: reported as unused
    assert sum(f.rule == "unused-suppression" for f in outcome.findings) == n - 1


def test_a_misspelt_directive_is_reported_and_hides_nothing(tmp_path, run_cli):
    """"disable-nextline" was read as "disable" of a rule "-nextline" and hid
    every later finding of the rules it named, with exit 0."""
    text = ("<!-- contentlint-disable-nextline no-dose-numbers -- quoting the label -->\nThe label says 5 mg.\n\n"
            "Take 10 mg daily.\n\n<!-- contentlint-disable-lines -->\nTake 2 capsules.\n")
    code, data, _ = lint(tmp_path, run_cli, text, config=NO_DISCLAIMER)
    assert code == 1
    assert [(d["rule"], d["line"], d["match"]) for d in data if d["rule"] == "no-dose-numbers"] == [
        ("no-dose-numbers", 2, "5 mg"), ("no-dose-numbers", 4, "10 mg"), ("no-dose-numbers", 7, "2 capsules")]
    meta = [(d["rule"], d["line"], d["message"]) for d in data if d["rule"] != "no-dose-numbers"]
    assert meta == [
        ("unused-suppression", 1, "'contentlint-disable-nextline' is not a directive (did you mean 'disable-next-line'?): it suppresses nothing"),
        ("unused-suppression", 6, "'contentlint-disable-lines' is not a directive (did you mean 'disable-line'?): it suppresses nothing"),
    ]


def test_a_directive_naming_an_unknown_rule_says_so(tmp_path, run_cli):
    text = ("<!-- contentlint-disable-next-line no-dose-numbrs -- label -->\nTake 5 mg.\n\n"
            "<!-- contentlint-disable-next-line no-dose-numbers, claim-needs-citaton -- label -->\nTake 6 mg.\n\nTake 7 mg.\n")
    code, data, _ = lint(tmp_path, run_cli, text, config=NO_DISCLAIMER)
    got = [(d["rule"], d["line"], d.get("match", "")[:5] if d["rule"] == "no-dose-numbers" else d["message"]) for d in data]
    assert got == [
        ("unused-suppression", 1, "'contentlint-disable-next-line no-dose-numbrs' names no rule 'no-dose-numbrs' (did you mean 'no-dose-numbers'?)"),
        ("no-dose-numbers", 2, "5 mg"),
        ("unused-suppression", 4, "'contentlint-disable-next-line claim-needs-citaton, no-dose-numbers' names no rule "
                                  "'claim-needs-citaton' (did you mean 'claim-needs-citation'?)"),
        ("no-dose-numbers", 7, "7 mg"),
    ]
