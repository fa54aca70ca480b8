"""Config as a compliance team uses it: nearest config wins, layering with
extends, pyproject.toml, select/ignore, per-file ignores, option overrides, the
severity floor, `contentlint config`, `init`, and the shipped JSON Schemas."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

DOSE_AND_CLAIM = "Ginger relieves nausea. Take 600 mg daily.\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def rules_found(run_cli, cwd, *paths):
    code, out, err = run_cli("--format", "json", *paths, cwd=cwd)
    assert code in (0, 1), err
    return sorted((Path(d["path"]).as_posix(), d["rule"], d["severity"]) for d in json.loads(out))


def test_nearest_config_wins_per_file(tmp_path, run_cli):
    write(tmp_path / ".contentlint.yaml", "rules:\n  medical-disclaimer: {enabled: false}\n")
    write(tmp_path / "news" / ".contentlint.yaml", "select: [no-dose-numbers]\n")
    write(tmp_path / "a.md", DOSE_AND_CLAIM)
    write(tmp_path / "news" / "b.md", DOSE_AND_CLAIM)
    assert rules_found(run_cli, tmp_path, ".") == [
        ("a.md", "claim-needs-citation", "error"),
        ("a.md", "no-dose-numbers", "error"),
        ("news/b.md", "no-dose-numbers", "error"),
    ]


@pytest.mark.parametrize("nested", [
    (".contentlint.yaml", "extends: []\n"),
    ("pyproject.toml", "[tool.contentlint]\nextends = []\n"),
    (".contentlint.yaml", "select: [no-dose-numbers]\nignore: [no-dose-numbers]\n"),
])
def test_a_config_that_turns_every_rule_off_is_said(tmp_path, run_cli, nested):
    """A nested config that loads no rule (or leaves none on) lints its folder
    for nothing: a warning names it, on every run (cached too); the others' say nothing."""
    name, text = nested
    write(tmp_path / "news" / name, text)
    write(tmp_path / "a.md", DOSE_AND_CLAIM)
    write(tmp_path / "news" / "b.md", DOSE_AND_CLAIM)
    for _ in range(2):
        code, out, err = run_cli(".", cwd=tmp_path)
        assert code == 1 and "news/b.md" not in out
        assert err == f"contentlint: warning: news/{name} turns every rule off: the files it governs were checked for nothing\n"
    code, _, err = run_cli("a.md", cwd=tmp_path)
    assert code == 1 and err == ""
    # a select of contentlint's own checks still checks something
    write(tmp_path / "news" / name, text.replace("extends: []", "extends: []\nselect: [unused-suppression]")
          if "extends" in text else "select: [unused-suppression]\n")
    if name == ".contentlint.yaml":
        code, _, err = run_cli(".", cwd=tmp_path)
        assert "turns every rule off" not in err


def test_extends_a_config_file_layers_settings(tmp_path, run_cli):
    write(tmp_path / "base.yaml", "ignore: [medical-disclaimer]\nrules:\n  no-dose-numbers: {severity: warning}\nexclude: [old/]\n")
    write(tmp_path / ".contentlint.yaml", "extends: [health, base.yaml]\nrules:\n  claim-needs-citation: {severity: info}\n")
    write(tmp_path / "a.md", DOSE_AND_CLAIM)
    write(tmp_path / "old" / "x.md", DOSE_AND_CLAIM)
    assert rules_found(run_cli, tmp_path, ".") == [
        ("a.md", "claim-needs-citation", "info"),
        ("a.md", "no-dose-numbers", "warning"),
    ]


def test_extends_cycle_is_an_error(tmp_path, run_cli):
    write(tmp_path / "a.yaml", "extends: [b.yaml]\n")
    write(tmp_path / "b.yaml", "extends: [a.yaml]\n")
    write(tmp_path / ".contentlint.yaml", "extends: [a.yaml]\n")
    write(tmp_path / "x.md", "Fine.\n")
    code, _, err = run_cli("x.md", cwd=tmp_path)
    assert code == 2 and "'extends' makes a cycle" in err and err.count("\n") == 1
    # at the 'extends' item that closes it, the chain named as the user wrote it
    assert err.strip() == "b.yaml:1:11: 'extends' makes a cycle: .contentlint.yaml -> a.yaml -> b.yaml -> a.yaml"
    write(tmp_path / ".contentlint.yaml", "extends: [health, ./.contentlint.yaml]\n")
    code, _, err = run_cli("x.md", cwd=tmp_path)
    assert err.strip() == ".contentlint.yaml:1:19: 'extends' makes a cycle: .contentlint.yaml -> .contentlint.yaml"


def test_pyproject_table(tmp_path, run_cli):
    write(tmp_path / "pyproject.toml", '[project]\nname = "site"\n\n[tool.contentlint]\nselect = ["no-dose-*"]\n')
    write(tmp_path / "a.md", DOSE_AND_CLAIM)
    assert rules_found(run_cli, tmp_path, "a.md") == [("a.md", "no-dose-numbers", "error")]


def test_pyproject_errors_are_reported(tmp_path, run_cli):
    write(tmp_path / "pyproject.toml", '[tool.contentlint]\nselct = ["x"]\n')
    write(tmp_path / "a.md", "Fine.\n")
    code, _, err = run_cli("a.md", cwd=tmp_path)
    assert code == 2 and "unknown key 'selct'" in err and "did you mean 'select'" in err


def test_per_file_ignores_and_globs(tmp_path, run_cli):
    write(
        tmp_path / ".contentlint.yaml",
        "ignore: [medical-*]\nper_file_ignores:\n  'legal/**': [claim-*]\n  '*.draft.md': no-dose-numbers\n",
    )
    write(tmp_path / "legal" / "terms.md", DOSE_AND_CLAIM)
    write(tmp_path / "post.draft.md", DOSE_AND_CLAIM)
    assert rules_found(run_cli, tmp_path, ".") == [
        ("legal/terms.md", "no-dose-numbers", "error"),
        ("post.draft.md", "claim-needs-citation", "error"),
    ]


def test_option_override_is_validated_and_applied(tmp_path, run_cli):
    write(tmp_path / ".contentlint.yaml", "rules:\n  no-dose-numbers:\n    units: [kg]\n    unit_words: []\n    dose_units: [kg]\n")
    write(tmp_path / "a.md", "Take 600 mg daily. Lift 20 kg.\n")  # "daily": dose context (see context_terms); kg: a dose unit here
    code, out, _ = run_cli("--format", "json", "a.md", cwd=tmp_path)
    assert [d["match"] for d in json.loads(out) if d["rule"] == "no-dose-numbers"] == ["20 kg"]
    write(tmp_path / ".contentlint.yaml", "rules:\n  no-dose-numbers:\n    units: 5\n")
    code, _, err = run_cli("a.md", cwd=tmp_path)
    assert code == 2 and ".contentlint.yaml:3:12: 'units'" in err


def test_min_severity(tmp_path, run_cli):
    write(tmp_path / ".contentlint.yaml", "min_severity: error\nrules:\n  no-dose-numbers: {severity: warning}\n")
    write(tmp_path / "a.md", DOSE_AND_CLAIM)
    assert [r for _, r, _ in rules_found(run_cli, tmp_path, "a.md")] == ["claim-needs-citation"]


def test_config_command_shows_origins(tmp_path, run_cli):
    write(tmp_path / ".contentlint.yaml", "ignore: [medical-disclaimer]\nrules:\n  no-dose-numbers:\n    severity: warning\n")
    write(tmp_path / "a.md", "x\n")
    code, out, _ = run_cli("config", "--format", "json", "a.md", cwd=tmp_path)
    data = json.loads(out)
    assert code == 0 and data["config"] == [".contentlint.yaml"]
    dose = next(r for r in data["rules"] if r["id"] == "no-dose-numbers")
    assert dose["severity"] == "warning" and dose["changed_by"] == {"severity": ".contentlint.yaml:4"}
    assert dose["defined_in"].startswith("builtin:health/no-dose-numbers.yaml:")
    disclaimer = next(r for r in data["rules"] if r["id"] == "medical-disclaimer")
    assert disclaimer["active"] is False
    code, out, _ = run_cli("config", "a.md", cwd=tmp_path)
    assert "severity from .contentlint.yaml:4" in out
    # settings as the config file writes them, not as Python prints them
    write(tmp_path / ".contentlint.yaml", 'require_suppression_reason: true\nper_file_ignores:\n  "recipes/**": [no-dose-numbers]\n')
    code, out, _ = run_cli("config", "a.md", cwd=tmp_path)
    assert "require_suppression_reason: true  (.contentlint.yaml:1)" in out
    assert 'per_file_ignores: {recipes/**: [no-dose-numbers]}  (.contentlint.yaml:3)' in out
    assert "True" not in out and "'" not in out
    from linter.commands.config import _yaml_value

    # what YAML would read as another type or cannot read is quoted
    assert [_yaml_value(v) for v in ["123", "2024-01-01", "- odd", "a: b", "plain words", True, ["x"]]] == [
        '"123"', '"2024-01-01"', '"- odd"', '"a: b"', "plain words", "true", "[x]"]


def test_init_writes_a_valid_starter(tmp_path, run_cli):
    code, out, _ = run_cli("init", cwd=tmp_path)
    assert code == 0 and (tmp_path / ".contentlint.yaml").exists()
    code, _, err = run_cli("init", cwd=tmp_path)
    assert code == 2 and "already exists" in err
    write(tmp_path / "a.md", DOSE_AND_CLAIM)
    code, out, err = run_cli("a.md", cwd=tmp_path)
    assert code == 1 and "no-dose-numbers" in out, err


def test_shipped_schemas_are_current():
    from linter.config import jsonschema as js

    assert json.loads((js.SCHEMA_DIR / "rule.schema.json").read_text()) == js.rule_schema()
    assert json.loads((js.SCHEMA_DIR / "config.schema.json").read_text()) == js.config_schema()


def test_schemas_accept_the_builtin_rules_and_starter_config(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    from ruamel.yaml import YAML

    from linter.commands.init import STARTER_CONFIG
    from linter.config import jsonschema as js
    from linter.config.packs import builtin_rules_dir

    yaml = YAML(typ="safe")
    for f in sorted(builtin_rules_dir().rglob("*.yaml")):
        jsonschema.validate(yaml.load(f.read_text(encoding="utf-8")), js.rule_schema())
    jsonschema.validate(yaml.load(STARTER_CONFIG), js.config_schema())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"id": "x", "kind": "pattern", "message": "m", "colour": 1}, js.rule_schema())


def test_a_built_rule_is_immutable_and_settings_make_new_rules(tmp_path):
    """Settings and example runs make new rules; the rules the store keeps for
    every config are never changed by one config's settings."""
    from linter.config.settings import load_config, resolve_rules
    from linter.examples import run_examples
    from linter.store import Store

    store = Store()
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / ".contentlint.yaml").write_text(
        "extends: [health]\nrules:\n  no-dose-numbers: {severity: info, enabled: false}\n")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / ".contentlint.yaml").write_text("extends: [health]\n")
    first = {r.id: r for r in resolve_rules(load_config(tmp_path / "a" / ".contentlint.yaml", tmp_path / "a"), store)}
    second = {r.id: r for r in resolve_rules(load_config(tmp_path / "b" / ".contentlint.yaml", tmp_path / "b"), store)}
    dose = first["no-dose-numbers"]
    assert (dose.severity, dose.enabled) == ("info", False) and set(dose.origins) == {"severity", "enabled"}
    assert (second["no-dose-numbers"].severity, second["no-dose-numbers"].enabled) == ("error", True)
    with pytest.raises(AttributeError):
        dose.severity = "error"
    assert all(r.ok for r in run_examples(dose)) and dose.enabled is False
