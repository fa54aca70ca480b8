"""Every built-in rule's examples hold: each `fail` text gives a finding (with the
expected match, where given) and each `pass` text gives none."""

from __future__ import annotations

import pytest

from linter.config.packs import builtin_rules_dir
from linter.config.rules import load_rule_paths
from linter.examples import run_examples

RULES = load_rule_paths(sorted(p for p in builtin_rules_dir().iterdir() if p.is_dir()))


def test_every_builtin_rule_has_examples():
    for rule in RULES:
        assert rule.examples["fail"] and rule.examples["pass"], rule.id


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_examples(rule):
    failures = [r.describe() for r in run_examples(rule) if not r.ok]
    assert not failures, "\n".join(failures)


def test_a_failing_example_is_reported(tmp_path):
    from linter.config.rules import load_rule_file

    f = tmp_path / "r.yaml"
    f.write_text(
        "id: no-foo\nkind: pattern\nmessage: m\nterms: [foo]\n"
        "examples:\n  fail: [bar]\n  pass: [foo]\n",
        encoding="utf-8",
    )
    (rule,) = load_rule_file(f)
    bad = [r for r in run_examples(rule) if not r.ok]
    assert [r.expect for r in bad] == ["fail", "pass"]
    assert "r.yaml:6" in bad[0].describe()
