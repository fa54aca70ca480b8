"""Rule packs installed as Python distributions (entry point group
``contentlint.packs``): found by ``extends``, with version constraints, and the
errors when one is missing, too old or broken.

The fast tests put an installed distribution (a package folder and its
``.dist-info`` with METADATA and entry_points.txt, what pip writes) on
``sys.path``; the slow test builds a pack made by ``contentlint init --pack``
into a wheel and pip-installs it with contentlint into a fresh virtual
environment."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from linter.config import packs

RULE = """\
id: fda-no-cure
kind: pattern
severity: error
message: "'{match}': a supplement may not claim to cure a disease."
description: >
  Cure claims for supplements are drug claims (21 CFR 101.93).
terms: [cures, cure]
examples:
  fail: ["This tea cures diabetes."]
  pass: ["This tea tastes of mint."]
"""


def install_fake(site: Path, dist: str, version: str, name: str, package: str, rules: dict | None = None,
                 docs: str | None = None) -> Path:
    """An installed distribution as pip lays it out in site-packages."""
    pkg = site / package
    pkg.mkdir(parents=True, exist_ok=True)
    (pkg / "__init__.py").write_text("")
    for fname, text in (rules if rules is not None else {"fda-no-cure.yaml": RULE}).items():
        (pkg / fname).write_text(text)
    info = site / f"{dist.replace('-', '_')}-{version}.dist-info"
    info.mkdir()
    meta = f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n"
    if docs:
        meta += f"Project-URL: Documentation, {docs}\n"
    (info / "METADATA").write_text(meta)
    (info / "entry_points.txt").write_text(f"[contentlint.packs]\n{name} = {package}\n")
    return pkg


@pytest.fixture
def site(tmp_path, monkeypatch):
    """A folder on sys.path that distributions can be installed into; the
    installed-pack lookup is read again for each test."""
    d = tmp_path / "site"
    d.mkdir()
    monkeypatch.syspath_prepend(str(d))
    packs.installed_packs.cache_clear()
    yield d
    packs.installed_packs.cache_clear()


def _project(tmp_path, config: str) -> Path:
    proj = tmp_path / "proj"
    proj.mkdir()
    (proj / ".contentlint.yaml").write_text(config)
    (proj / "a.md").write_text("# Tea\n\nThis tea cures diabetes.\n")
    return proj


def test_extends_an_installed_pack_by_name(tmp_path, site, run_cli):
    install_fake(site, "fda-claims", "1.3.0", "fda-claims", "fda_claims", docs="https://fda.example.org/lint")
    proj = _project(tmp_path, "extends: [health, fda-claims]\n")
    code, out, err = run_cli("--no-cache", "--format", "json", "a.md", cwd=proj)
    assert code == 1, err
    found = {f["rule"] for f in json.loads(out)}
    assert "fda-no-cure" in found and "claim-needs-citation" in found  # both packs ran
    # its rules link to the distribution's documentation
    code, out, err = run_cli("--no-cache", "--format", "sarif", "a.md", cwd=proj)
    rules = {r["id"]: r for r in json.loads(out)["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["fda-no-cure"]["helpUri"] == "https://fda.example.org/lint/fda-claims/fda-no-cure.html"


@pytest.mark.parametrize("spec", ["fda-claims>=1.2", "fda-claims ==1.3.0", "fda-claims~=1.3", "fda-claims>1,<2"])
def test_version_constraint_that_holds(tmp_path, site, run_cli, spec):
    install_fake(site, "fda-claims", "1.3.0", "fda-claims", "fda_claims")
    proj = _project(tmp_path, f'extends: ["{spec}"]\n')
    code, out, err = run_cli("--no-cache", "--format", "json", "a.md", cwd=proj)
    assert code == 1, err
    assert [f["rule"] for f in json.loads(out)] == ["fda-no-cure"]


def test_too_old_pack_is_one_line_with_the_pip_command(tmp_path, site, run_cli):
    install_fake(site, "contentlint-fda", "1.1.0", "fda-claims", "fda_claims")
    proj = _project(tmp_path, 'extends:\n  - health\n  - "fda-claims>=1.2"\n')
    code, out, err = run_cli("a.md", cwd=proj)
    assert code == 2 and out == ""
    assert err == (
        ".contentlint.yaml:3:5: 'extends': pack 'fda-claims' is version 1.1.0 (contentlint-fda), not >=1.2; "
        "install one that is: pip install --upgrade 'contentlint-fda>=1.2'\n"
    )


def test_missing_pack_is_one_line_with_the_pip_command(tmp_path, site, run_cli):
    proj = _project(tmp_path, 'extends: [health, "fda-claims>=1.2"]\n')
    code, _, err = run_cli("a.md", cwd=proj)
    assert code == 2
    assert err == (
        ".contentlint.yaml:1:19: 'extends': pack 'fda-claims' is not installed; "
        "install it with: pip install 'fda-claims>=1.2'\n"
    )
    proj2 = tmp_path / "p2"
    proj2.mkdir()
    (proj2 / ".contentlint.yaml").write_text("extends: [fda-claims]\n")
    (proj2 / "a.md").write_text("x\n")
    code, _, err = run_cli("a.md", cwd=proj2)
    assert code == 2 and err.count("\n") == 1
    assert err.startswith(".contentlint.yaml:1:11: 'extends' names 'fda-claims', which is neither a pack")
    assert err.rstrip().endswith("; if it is a pack: pip install fda-claims")


def test_builtin_pack_constraint(tmp_path, site, run_cli):
    from linter import __version__

    proj = _project(tmp_path, f'extends: ["health>={__version__}"]\n')
    code, _, err = run_cli("--no-cache", "a.md", cwd=proj)
    assert code == 1, err
    proj2 = tmp_path / "p2"
    proj2.mkdir()
    (proj2 / ".contentlint.yaml").write_text('extends: ["health>=99"]\n')
    (proj2 / "a.md").write_text("x\n")
    code, _, err = run_cli("a.md", cwd=proj2)
    assert code == 2
    assert err == (f".contentlint.yaml:1:11: 'extends': the built-in pack 'health' is version {__version__}, "
                   "not >=99; install a contentlint that has it: pip install --upgrade contentlint\n")


def test_broken_packs_are_errors_when_named(tmp_path, site, run_cli):
    pkg = install_fake(site, "empty-pack", "0.1", "empty", "empty_pack", rules={})
    assert not list(pkg.glob("*.yaml"))
    proj = _project(tmp_path, "extends: [empty]\n")
    code, _, err = run_cli("a.md", cwd=proj)
    assert code == 2
    assert re.fullmatch(r"\.contentlint\.yaml:1:11: 'extends': pack 'empty' \(empty-pack 0\.1\) cannot be used: "
                        r"its package folder .*empty_pack holds no rule files \(\*\.yaml\)\n", err), err


def test_a_path_is_still_a_path(tmp_path, site, run_cli):
    """A rule folder or config file in extends: not looked up as a pack."""
    proj = _project(tmp_path, "extends: [health, house, base.yaml]\n")
    (proj / "house").mkdir()
    (proj / "house" / "cure.yaml").write_text(RULE)
    (proj / "base.yaml").write_text("min_severity: info\n")
    code, out, err = run_cli("--no-cache", "--format", "json", "a.md", cwd=proj)
    assert code == 1, err
    assert "fda-no-cure" in {f["rule"] for f in json.loads(out)}


def test_builtin_runs_do_not_scan_installed_distributions(tmp_path, site, run_cli):
    """extends: [health] (and no config at all) never reads the entry points."""
    proj = _project(tmp_path, "extends: [health]\n")
    run_cli("--no-cache", "a.md", cwd=proj)
    assert packs.installed_packs.cache_info().currsize == 0
