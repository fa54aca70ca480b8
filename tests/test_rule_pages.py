"""Rule pages: each rule's page address (SARIF ``helpUri``, the HTML report's
links; the language server's hover uses the same helper), from the config's
``docs_url`` or the pack's own documentation."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

from linter.docsite import rule_url

ROOT = Path(__file__).resolve().parents[1]
DOSE = "# Kratom\n\nTake 600 mg of kratom.\n"
HOUSE_RULE = "id: no-miracle\nkind: pattern\nmessage: m\nterms: [miracle]\n"


def _project_docs() -> str:
    urls = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"]
    return urls["Documentation"]


def test_builtin_rules_link_to_the_projects_docs(health_rules):
    base = _project_docs().rstrip("/")
    for rule in health_rules:
        assert rule_url(rule) == f"{base}/rules/health/{rule.id}.html"
    assert rule_url(health_rules[0], "https://docs.example.org/lint") == (
        f"https://docs.example.org/lint/health/{health_rules[0].id}.html"
    )


def test_sarif_help_uri_and_html_links_follow_docs_url(tmp_path, run_cli):
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "miracle.yaml").write_text(HOUSE_RULE)
    (tmp_path / ".contentlint.yaml").write_text(
        "extends: [health]\nrule_files: [house/]\ndocs_url: https://lint.example.org/rules/\n"
    )
    (tmp_path / "a.md").write_text(DOSE + "\nA miracle.\n")
    code, out, err = run_cli("--no-cache", "--format", "sarif", "a.md", cwd=tmp_path)
    assert code == 1, err
    rules = {r["id"]: r for r in json.loads(out)["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["no-dose-numbers"]["helpUri"] == "https://lint.example.org/rules/health/no-dose-numbers.html"
    assert "helpUri" not in rules["no-miracle"]  # the project's own rule: no page
    code, out, err = run_cli("--no-cache", "--format", "html", "a.md", cwd=tmp_path)
    assert '<a href="https://lint.example.org/rules/health/no-dose-numbers.html"><code>no-dose-numbers</code></a>' in out
    assert "<code>no-miracle</code>" in out and "no-miracle.html" not in out


def test_sarif_help_uri_defaults_to_the_projects_docs(tmp_path, run_cli):
    (tmp_path / "a.md").write_text(DOSE)
    code, out, err = run_cli("--no-cache", "--format", "sarif", "a.md", cwd=tmp_path)
    assert code == 1, err
    rules = {r["id"]: r for r in json.loads(out)["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["no-dose-numbers"]["helpUri"] == _project_docs().rstrip("/") + "/rules/health/no-dose-numbers.html"


@pytest.mark.parametrize("value", ["lint.example.org/rules", "javascript:alert(1)", "''"])
def test_docs_url_must_be_an_absolute_url(tmp_path, run_cli, value):
    (tmp_path / ".contentlint.yaml").write_text(f"extends: [health]\ndocs_url: {value}\n")
    (tmp_path / "a.md").write_text(DOSE)
    code, _, err = run_cli("a.md", cwd=tmp_path)
    assert code == 2
    assert re.fullmatch(r"\.contentlint\.yaml:2:11: 'docs_url' in the config must be an absolute URL .*\n", err), err
