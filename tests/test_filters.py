"""The filter stage (linter/filters.py): one decision of which rules are active,
a file's steps in order, and a run's steps (--diff-base, --baseline) applied by
the runner rather than by the command line."""

from __future__ import annotations

from pathlib import Path

from linter.config.settings import load_config
from linter.document import Document
from linter.engine import check_document
from linter.filters import Active
from linter.resolver import Resolver
from linter.runner import lint_paths
from linter.source import Source

SWAP_RULE = """\
id: house-style
kind: substitution
severity: info
message: "Use '{replacement}' instead of '{match}'."
swap:
  utilise: use
"""


def site(tmp_path: Path, config: str) -> Path:
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "style.yaml").write_text(SWAP_RULE, encoding="utf-8")
    (tmp_path / ".contentlint.yaml").write_text("rule_files: [house]\n" + config, encoding="utf-8")
    return tmp_path


def test_one_decision_for_rules_ids_and_files(tmp_path):
    site(tmp_path, "per_file_ignores:\n  'legacy/**': [house-style]\nrules:\n  no-dose-numbers: {enabled: false}\n")
    resolver = Resolver(cwd=tmp_path)
    setup = resolver.for_dir(tmp_path)
    rules = {r.id: r for r in setup.rules}
    here, legacy = Active(setup.config, str(tmp_path / "a.md")), Active(setup.config, str(tmp_path / "legacy/a.md"))
    assert here.rule(rules["house-style"]) and not legacy.rule(rules["house-style"])
    # a rule switched off by its own setting is off, though the config names it nowhere else
    assert not here.rule(rules["no-dose-numbers"]) and here("no-dose-numbers")
    assert [r.id for r in legacy.rules(setup.rules)] == [r.id for r in here.rules(setup.rules) if r.id != "house-style"]


def test_a_file_s_steps_run_in_order(tmp_path):
    """A suppression comment that hides a finding below the severity floor is used
    (no unused-suppression); the floor then drops what is left below it."""
    site(tmp_path, "min_severity: warning\n")
    config = load_config(tmp_path / ".contentlint.yaml", tmp_path)
    rules = Resolver(cwd=tmp_path).for_dir(tmp_path).rules
    text = "We utilise it.\n\n<!-- contentlint-disable-next-line house-style -->\nWe utilise it again.\n"
    doc = Document.parse(Source.from_text(str(tmp_path / "a.md"), text))
    outcome = check_document(doc, rules, config=config, path=str(tmp_path / "a.md"))
    assert [f.rule for f in outcome.findings if f.rule != "medical-disclaimer"] == []
    assert [(f.rule, f.line) for f, _ in outcome.suppressed] == [("house-style", 4)]


def test_fix_changes_only_what_the_severity_floor_reports(tmp_path, run_cli):
    """--fix and --diff fix what the run reports: an info-level swap below the
    floor is neither shown nor applied."""
    site(tmp_path, "min_severity: warning\n")
    (tmp_path / "a.md").write_text("# Tea\n\nWe utilise it.\n", encoding="utf-8")
    code, out, _ = run_cli("--no-cache", "--diff", "--", "a.md", cwd=tmp_path)
    assert code == 0 and "+We use it." not in out
    run_cli("--no-cache", "--fix", "--", "a.md", cwd=tmp_path)
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "# Tea\n\nWe utilise it.\n"
    (tmp_path / ".contentlint.yaml").write_text("rule_files: [house]\nmin_severity: info\n", encoding="utf-8")
    run_cli("--no-cache", "--fix", "--", "a.md", cwd=tmp_path)
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "# Tea\n\nWe use it.\n"


def test_the_runner_applies_the_baseline_and_counts_what_it_hid(tmp_path, monkeypatch):
    from collections import Counter

    from linter.fingerprints import fingerprints_of

    site(tmp_path, "")
    (tmp_path / "a.md").write_text("We utilise it. We utilise it.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    everything = lint_paths(["a.md"], Resolver())
    swaps = [f for f in everything.findings if f.rule == "house-style"]
    assert len(swaps) == 2
    known = Counter(fingerprints_of(swaps[:1], tmp_path))
    report = lint_paths(["a.md"], Resolver(), baseline_file=(str(tmp_path / "baseline.json"), known))
    assert report.baselined == 1 and len(report.findings) == len(everything.findings) - 1
