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
