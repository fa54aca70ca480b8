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
    pkg = site.joinpath(*package.split("."))
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
    (proj / "a.md").write_text("# Tea\n\nThis tea cures diabetes and eases anxiety.\n")
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
        "install one that is: pip install 'contentlint-fda>=1.2'\n"
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


def test_a_pack_named_as_pip_would_read_it_or_with_a_bad_constraint_is_named(tmp_path, site, run_cli):
    """'fda_claims' and 'FDA-Claims' name the pack 'fda-claims' for pip but not
    here: the error says which pack was meant; a constraint that is not one says so."""
    install_fake(site, "contentlint-fda", "1.3.0", "fda-claims", "fda_claims")
    for item, words in (("fda_claims", "did you mean the pack 'fda-claims'?"),
                        ("FDA-Claims", "did you mean the pack 'fda-claims'?"),
                        ("fda-claims>=bogus", "'fda-claims>=bogus': not a version constraint")):
        where = tmp_path / item.replace(">", "").replace("=", "")
        where.mkdir()
        proj = _project(where, f'extends: [health, "{item}"]\n')
        code, out, err = run_cli("a.md", cwd=proj)
        assert code == 2 and out == "" and err.count("\n") == 1 and words in err, (item, err)


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


# -- a pack made by `contentlint init --pack`, built into a wheel -------------------

PACK_ARTICLE = "# Tea\n\nThis tea cures diabetes.\n"


def _build_wheel(source: Path, dist: Path, python=sys.executable, env=None) -> Path:
    """``pip wheel`` offline: no dependencies, the build backend (setuptools) from
    the running environment."""
    from e2e_support import run

    run([python, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", dist, source], cwd=source, env=env)
    (wheel,) = dist.glob("*.whl")
    return wheel


def test_init_pack_skeleton_builds_and_works(tmp_path, site, run_cli):
    """The skeleton's examples and fixture pass test-rules; it builds into a wheel
    that, installed (unpacked into site-packages, as pip does), is a pack that
    extends finds by name and version, packs lists and docs documents."""
    import zipfile

    code, out, err = run_cli("init", "--pack", "demo-pack", cwd=tmp_path)
    assert code == 0, err
    root = tmp_path / "demo-pack"
    assert (root / "pyproject.toml").is_file() and (root / "demo_pack" / "no-cure-claims.yaml").is_file()
    code, out, err = run_cli("test-rules", "demo_pack/", cwd=root)
    assert (code, out.splitlines()[-1]) == (0, "6 passed, 0 failed"), out + err
    wheel = _build_wheel(root, tmp_path / "dist")
    assert wheel.name == "demo_pack-0.1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        assert {"demo_pack/no-cure-claims.yaml", "demo_pack/fixture.md"} <= names
        zf.extractall(site)
    packs.installed_packs.cache_clear()

    proj = _project(tmp_path, 'extends: [health, "demo-pack>=0.1"]\n')
    (proj / "a.md").write_text(PACK_ARTICLE)
    code, out, err = run_cli("--no-cache", "--format", "json", "a.md", cwd=proj)
    assert code == 1, err
    assert [f["rule"] for f in json.loads(out) if f["rule"].startswith("demo")] == ["demo-pack-no-cure-claims"]
    code, out, err = run_cli("packs", cwd=proj)
    assert code == 0, err
    assert re.search(r"^health\s+\d[\d.]*\s+built in\s+4\s", out, re.M), out
    assert re.search(r"^demo-pack\s+0\.1\.0\s+demo-pack\s+1\s+\S*demo_pack$", out, re.M), out
    code, out, err = run_cli("docs", "site", cwd=proj)
    assert code == 0, err
    assert (proj / "site" / "demo-pack" / "demo-pack-no-cure-claims.html").is_file()
    assert (proj / "site" / "health" / "no-dose-numbers.html").is_file()
    # the config a page shows keeps the built-in pack, which naming any pack leaves out
    page = (proj / "site" / "demo-pack" / "demo-pack-no-cure-claims.html").read_text(encoding="utf-8")
    assert "extends: [health, demo-pack]" in page and "extends: [demo-pack]" not in page
    assert "extends: [health, demo-pack]" in (proj / "site" / "index.html").read_text(encoding="utf-8")


def test_init_pack_refuses_bad_names_and_existing_folders(tmp_path, run_cli):
    code, _, err = run_cli("init", "--pack", "Bad Name", cwd=tmp_path)
    assert code == 2 and err.startswith("contentlint: 'Bad Name' cannot name a pack") and err.count("\n") == 1
    code, _, err = run_cli("init", "--pack", "health", cwd=tmp_path)
    assert code == 2 and "is the name of a built-in pack" in err and not (tmp_path / "health").exists()
    (tmp_path / "taken").mkdir()
    code, _, err = run_cli("init", "--pack", "taken", cwd=tmp_path)
    assert code == 2 and "already exists" in err


def test_packs_lists_broken_packs_and_exits_2(tmp_path, site, run_cli):
    install_fake(site, "fda-claims", "1.3.0", "fda-claims", "fda_claims")
    install_fake(site, "empty-pack", "0.1", "empty", "empty_pack", rules={})
    code, out, err = run_cli("packs", "--format", "json", cwd=tmp_path)
    assert code == 2
    rows = {r["name"]: r for r in json.loads(out)}
    assert rows["fda-claims"]["version"] == "1.3.0" and rows["fda-claims"]["rules"] == 1
    assert rows["health"]["source"] == "built in"
    assert "holds no rule files" in rows["empty"]["problem"]


@pytest.mark.slow
def test_pack_wheel_installed_with_pip_into_a_fresh_venv(tmp_path, project_snapshot):
    """The whole path a site takes: contentlint and a pack made by init --pack,
    both built into wheels and pip-installed into a new virtual environment;
    packs lists the pack, extends uses it, a too-new constraint is one line with
    the pip command, docs documents it."""
    import os

    from e2e_support import run

    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP")}
    run([sys.executable, "-m", "linter", "init", "--pack", "fda-claims"], cwd=tmp_path,
        env={**env, "PYTHONPATH": str(project_snapshot.path)})
    pack_wheel = _build_wheel(tmp_path / "fda-claims", tmp_path / "dist-pack")
    run([sys.executable, "-m", "venv", tmp_path / "venv"], cwd=tmp_path, env=env)
    python = tmp_path / "venv" / "bin" / "python"
    run([python, "-m", "pip", "wheel", "-q", "--no-deps", "-w", tmp_path / "dist", project_snapshot.path], cwd=tmp_path, env=env)
    (lint_wheel,) = (tmp_path / "dist").glob("contentlint-*.whl")
    run([python, "-m", "pip", "install", "-q", lint_wheel, pack_wheel], cwd=tmp_path, env=env)
    exe = tmp_path / "venv" / "bin" / "contentlint"

    site_dir = tmp_path / "site"
    site_dir.mkdir()
    (site_dir / "a.md").write_text(PACK_ARTICLE)
    (site_dir / ".contentlint.yaml").write_text('extends: [health, "fda-claims>=0.1,<1"]\n')
    listed = run([exe, "packs"], cwd=site_dir, env=env).stdout
    assert re.search(r"^fda-claims\s+0\.1\.0\s+fda-claims\s+1\s+\S*/site-packages/fda_claims$", listed, re.M), listed
    proc = run([exe, "--no-cache", "--format", "json", "a.md"], cwd=site_dir, env=env, check=False)
    assert proc.returncode == 1, proc.stdout
    assert "fda-claims-no-cure-claims" in {f["rule"] for f in json.loads(proc.stdout)}

    (site_dir / ".contentlint.yaml").write_text('extends: [health, "fda-claims>=0.2"]\n')
    proc = run([exe, "a.md"], cwd=site_dir, env=env, check=False)
    assert proc.returncode == 2
    assert proc.stdout == (".contentlint.yaml:1:19: 'extends': pack 'fda-claims' is version 0.1.0 (fda-claims), not >=0.2; "
                           "install one that is: pip install 'fda-claims>=0.2'\n")
    run([exe, "docs", "pages"], cwd=site_dir, env=env)
    assert (site_dir / "pages" / "fda-claims" / "fda-claims-no-cure-claims.html").is_file()


@pytest.mark.parametrize("config", [None, "extends: [health]\n"])
def test_a_plain_run_imports_none_of_the_new_parts(tmp_path, config):
    """Packs, rule pages and the GitLab format cost nothing to a run that does
    not use them: no entry point scan (importlib.metadata), no packaging, no site
    builder; also with the config ``contentlint init`` writes, which names the
    built-in pack (whose page address is read from metadata only when asked)."""
    import subprocess

    (tmp_path / "a.md").write_text("# T\n\nTake 600 mg.\n")
    if config is not None:
        (tmp_path / ".contentlint.yaml").write_text(config)
    code = (
        "import sys, linter.cli\n"
        "rc = linter.cli.main(['--no-cache', 'a.md'])\n"
        "print(rc, sorted(m for m in sys.modules if m.split('.')[0] in ('packaging', 'importlib') or m.startswith('linter.')))\n"
    )
    root = Path(__file__).resolve().parents[1]
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                          env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"})
    last = proc.stdout.strip().splitlines()[-1]
    assert last.startswith("1 ["), proc.stdout + proc.stderr
    loaded = set(eval(last[2:]))  # noqa: S307 - our own printed list
    for module in ("packaging", "importlib.metadata", "linter.docsite", "linter.docsite.build",
                   "linter.reporters.gitlab", "linter.reporters.sarif", "linter.pack_skeleton"):
        assert module not in loaded, module
    assert "linter.runner" in loaded  # the probe sees the run's imports


def test_a_packs_code_never_runs(tmp_path, site, run_cli):
    """The pack's package (and its parent package) is found, not imported."""
    parent = site / "org_packs"
    parent.mkdir()
    (parent / "__init__.py").write_text("raise RuntimeError('a pack parent package was imported')\n")
    pkg = install_fake(site, "org-fda", "1.0", "org-fda", "org_packs.fda")
    (pkg / "__init__.py").write_text("raise RuntimeError('a pack package was imported')\n")
    assert pkg == parent / "fda"
    proj = _project(tmp_path, "extends: [org-fda]\n")
    code, out, err = run_cli("--no-cache", "--format", "json", "a.md", cwd=proj)
    assert code == 1, err
    assert [f["rule"] for f in json.loads(out)] == ["fda-no-cure"]
    assert "org_packs" not in sys.modules


def test_rules_explain_and_config_name_the_pack(tmp_path, site, run_cli):
    install_fake(site, "fda-claims", "1.3.0", "fda-claims", "fda_claims", docs="https://fda.example.org/lint/")
    proj = _project(tmp_path, "extends: [health, fda-claims]\ndocs_url: https://lint.example.org/\n")
    code, out, err = run_cli("rules", cwd=proj)
    assert code == 0, err
    assert re.search(r"^fda-no-cure\s.*\spack:fda-claims/fda-no-cure\.yaml$", out, re.M), out
    code, out, err = run_cli("explain", "fda-no-cure", cwd=proj)
    assert code == 0 and out.startswith("fda-no-cure (pattern, error)  from pack:fda-claims/fda-no-cure.yaml\n"), out
    assert out.endswith("\nMore: https://lint.example.org/fda-claims/fda-no-cure.html\n")  # the config's docs_url wins
    code, out, err = run_cli("config", cwd=proj)
    assert "packs: fda-claims  (.contentlint.yaml:1)" in out
    assert "docs_url: https://lint.example.org/  (.contentlint.yaml:2)" in out


@pytest.mark.parametrize("item", ["..", "."])
def test_a_dot_path_is_not_a_builtin_pack(tmp_path, run_cli, item):
    """'..' names a folder relative to the config, never one beside the built-in
    packs inside the installed package."""
    proj = _project(tmp_path, f"extends: ['{item}']\n")
    code, out, err = run_cli("config", "--format", "json", cwd=proj)
    data = json.loads(out) if code == 0 else None
    assert data is None or data["packs"] == [], data


def test_a_registered_name_that_cannot_name_a_pack_is_listed_escaped(tmp_path, site, run_cli):
    install_fake(site, "odd", "1.0", "x\x1b]0;t\x07", "odd_pack")
    code, out, _ = run_cli("packs", cwd=tmp_path)
    assert code == 2 and "\x1b" not in out
    assert re.search(r"^x\\x1b\]0;t\\x07\s+1\.0\s+odd\s+-\s+cannot be used: its name is not a pack name", out, re.M), out


def test_a_config_without_a_pack_builds_on_health_and_extends_empty_leaves_it_out(tmp_path, run_cli):
    """As the README says: no `extends` (or one naming only config files) keeps the
    built-in pack; `extends: []` starts from no rules."""
    (tmp_path / "a.md").write_text("Take 5 mg daily.\n", encoding="utf-8")
    for config, found in (("min_severity: info\n", True), ("extends: [base.yaml]\n", True), ("extends: []\n", False)):
        (tmp_path / "base.yaml").write_text("min_severity: info\n", encoding="utf-8")
        (tmp_path / ".contentlint.yaml").write_text(config, encoding="utf-8")
        code, out, err = run_cli("--no-cache", "a.md", cwd=tmp_path)
        assert (code, "no-dose-numbers" in out) == ((1, True) if found else (0, False)), (config, out, err)


def test_a_pack_installed_in_editable_mode_is_found(tmp_path, monkeypatch):
    """``pip install -e .`` maps a package to its source folder with a finder of
    its own, not a folder on the path: the pack's folder is found through it
    (without running the package's code)."""
    import importlib.machinery
    import sys

    from linter.config.packs import _pack_folder

    src = tmp_path / "src" / "acme_claims"
    src.mkdir(parents=True)
    (src / "__init__.py").write_text("raise SystemExit('a pack is data: its code never runs')\n", encoding="utf-8")
    (src / "no-cure.yaml").write_text("id: acme-no-cure\nkind: pattern\nmessage: m\nterms: [cure]\n", encoding="utf-8")

    spec = importlib.machinery.ModuleSpec("acme_claims", None, origin=str(src / "__init__.py"), is_package=True)
    spec.submodule_search_locations.append(str(src))

    class EditableFinder:  # what setuptools' __editable__ finder does
        @staticmethod
        def find_spec(name, path=None, target=None):
            return spec if name == "acme_claims" else None

    assert _pack_folder("acme_claims") == (None, "its package 'acme_claims' is not installed")
    monkeypatch.setattr(sys, "meta_path", [*sys.meta_path, EditableFinder])
    assert _pack_folder("acme_claims") == (src, "")
