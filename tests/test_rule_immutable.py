"""A Rule is immutable once built: a config's settings make a new Rule, so a
rule file loaded once and shared by several configs stays as its file says; its
check is compiled on first use, so rendering a report compiles no rule."""

from __future__ import annotations

import pytest

from linter.config.packs import pack_dir
from linter.config.rules import load_rule_paths
from linter.resolver import Resolver


def test_settings_make_a_new_rule_and_leave_the_shared_one_alone(tmp_path):
    (tmp_path / "strict").mkdir()
    (tmp_path / "loose").mkdir()
    (tmp_path / "strict" / ".contentlint.yaml").write_text(
        "rules:\n  no-dose-numbers:\n    severity: warning\n    units: [mg]\n", encoding="utf-8"
    )
    (tmp_path / "loose" / ".contentlint.yaml").write_text("rules:\n  no-dose-numbers:\n    enabled: false\n", encoding="utf-8")
    resolver = Resolver(cwd=tmp_path)
    strict = {r.id: r for r in resolver.for_dir(tmp_path / "strict").rules}["no-dose-numbers"]
    loose = {r.id: r for r in resolver.for_dir(tmp_path / "loose").rules}["no-dose-numbers"]
    shipped = {r.id: r for r in load_rule_paths([pack_dir("health")])}["no-dose-numbers"]
    assert (strict.severity, strict.enabled, strict.options["units"]) == ("warning", True, ["mg"])
    assert (loose.severity, loose.enabled, loose.options["units"]) == ("error", False, shipped.options["units"])
    assert (shipped.severity, shipped.enabled, shipped.origins) == ("error", True, {})
    assert strict.origins == {"severity": f"{tmp_path / 'strict' / '.contentlint.yaml'}:3", "units": f"{tmp_path / 'strict' / '.contentlint.yaml'}:4"}
    with pytest.raises(AttributeError):
        shipped.severity = "info"
    # a setting that leaves options and scope alone shares the compiled check
    assert loose.check is shipped.check and strict.check is not shipped.check
    assert strict.check.options["units"] == ["mg"]


def test_rendering_a_report_compiles_no_rule(tmp_path, run_cli, monkeypatch):
    """A warm run (every file from the cache) renders the formats that list the
    rules in effect (HTML, SARIF) without building a check."""
    from linter.config import rules as rule_files
    from linter.kinds.base import Check

    (tmp_path / "a.md").write_text("# Tea\n\nTake 600 mg of magnesium daily.\n", encoding="utf-8")
    monkeypatch.setenv("CONTENTLINT_CACHE_DIR", str(tmp_path / "cache"))
    assert run_cli("--format", "json", "a.md", cwd=tmp_path)[0] == 1
    rule_files._CACHE.clear()  # no rule built by the first run is left in this process

    def refuse(self, options, scope):
        raise AssertionError(f"a {type(self).__name__} was compiled")

    monkeypatch.setattr(Check, "__init__", refuse)
    for fmt in ("html", "sarif", "text", "junit"):
        code, out, err = run_cli("--format", fmt, "a.md", cwd=tmp_path)
        assert (code, err) == (1, "") and "no-dose-numbers" in out, (fmt, err)
