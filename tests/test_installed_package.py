"""The package as users get it: a wheel built from a snapshot of the working tree,
installed with pip into a fresh virtual environment (no system site-packages; the
dependencies come from the package index), run from a directory outside the source
tree, so that nothing can be imported or read from the checkout."""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from e2e_support import PROJECT_ROOT, run

pytestmark = pytest.mark.slow

HEALTH_RULES = ("claim-needs-citation", "medical-disclaimer", "no-dose-numbers")
PACK_RULES = (*HEALTH_RULES, "unchecked-language")  # the last one: info, on documents not in English
FINDING = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?P<severity>\w+) (?P<rule>[\w-]+) ", re.M)


@dataclass(frozen=True)
class Installed:
    wheel: Path
    bin: Path  # the venv's scripts folder
    env: dict
    source: Path  # the snapshot the wheel was built from

    def exe(self, name: str) -> Path:
        return self.bin / (name + (".exe" if os.name == "nt" else ""))


@pytest.fixture(scope="module")
def installed(tmp_path_factory, project_snapshot) -> Installed:
    base = tmp_path_factory.mktemp("installed")
    # Nothing from the test environment or the checkout may leak into the venv.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP")}
    run([sys.executable, "-m", "venv", base / "venv"], cwd=base, env=env)
    bindir = base / "venv" / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / ("python.exe" if os.name == "nt" else "python")
    run([python, "-m", "pip", "wheel", "--no-deps", "-w", base / "dist", project_snapshot.path], cwd=base, env=env)
    (wheel,) = (base / "dist").glob("contentlint-*.whl")
    run([python, "-m", "pip", "install", wheel], cwd=base, env=env)
    return Installed(wheel=wheel, bin=bindir, env=env, source=project_snapshot.path)


@pytest.fixture
def outside(tmp_path) -> Path:
    """A working directory outside the source tree."""
    assert PROJECT_ROOT not in tmp_path.parents
    return tmp_path


def test_wheel_ships_the_rule_packs(installed):
    with zipfile.ZipFile(installed.wheel) as zf:
        names = set(zf.namelist())
        (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
        scripts = zf.read(entry_points).decode()
    packs = installed.source / "rules"
    expected = {"linter/rules/" + p.relative_to(packs).as_posix() for p in packs.rglob("*.yaml")}
    assert {f"linter/rules/health/{r}.yaml" for r in PACK_RULES} <= expected
    assert expected <= names, sorted(expected - names)
    assert "linter/__init__.py" in names and "linter/cli.py" in names and "linter/commands/lint.py" in names
    for page_file in ("report.html", "report.css", "report.js"):  # the HTML report's package data
        assert f"linter/reporters/html_page/{page_file}" in names, page_file
    assert "linter/docsite/style.css" in names  # the rule pages' stylesheet
    assert "linter/models/claims.json" in names  # the claim model
    glossed = {p.name for p in (installed.source / "linter" / "models" / "gloss").glob("*.tsv")}
    assert glossed and {f"linter/models/gloss/{n}" for n in glossed} <= names  # the gloss tables
    assert re.search(r"^contentlint\s*=\s*linter\.cli:entry$", scripts, re.M), scripts


def test_installed_copy_is_what_runs(installed, outside):
    proc = run(
        [installed.exe("python"), "-c", "import linter, linter.config.packs as p; print(linter.__file__); print(p.builtin_rules_dir())"],
        cwd=outside,
        env=installed.env,
    )
    module, rules_dir = (Path(line) for line in proc.stdout.split())
    venv = installed.bin.parent
    assert venv in module.parents, module
    assert venv in rules_dir.parents and rules_dir.name == "rules", rules_dir
    assert run([installed.exe("contentlint"), "--version"], cwd=outside, env=installed.env).stdout.strip() == (
        "contentlint 0.1.0"
    )


def test_lints_the_seeds(installed, outside):
    shutil.copytree(installed.source / "seeds", outside / "seeds")
    proc = run([installed.exe("contentlint"), "seeds"], cwd=outside, env=installed.env, check=False)
    assert proc.returncode == 1, proc.stdout
    findings = [m.groupdict() for m in FINDING.finditer(proc.stdout)]
    assert {f["rule"] for f in findings} >= set(HEALTH_RULES), proc.stdout
    assert all(f["path"].startswith("seeds/") and f["path"].endswith(".md") for f in findings), proc.stdout
    summary = proc.stdout.strip().splitlines()[-1]
    assert summary.startswith(f"Found {len(findings)} problems"), summary

    # The installed wheel and the source tree it was built from agree finding for finding.
    from_source = run(
        [sys.executable, "-m", "linter", "seeds"],
        cwd=outside,
        env={**installed.env, "PYTHONPATH": str(installed.source)},
        check=False,
    )
    assert (from_source.returncode, from_source.stdout) == (proc.returncode, proc.stdout)


def test_the_html_report_is_built_from_its_package_data(installed, outside):
    """The page template, CSS and JS ship in the wheel, and Jinja2 is installed
    with it: the installed command writes the same page as the source tree."""
    shutil.copytree(installed.source / "seeds", outside / "seeds")
    proc = run([installed.exe("contentlint"), "--format", "html", "seeds"], cwd=outside, env=installed.env, check=False)
    assert proc.returncode == 1
    assert "<style>\n:root{" in proc.stdout and "<script>\n(()=>{" in proc.stdout
    from_source = run(
        [sys.executable, "-m", "linter", "--format", "html", "seeds"],
        cwd=outside,
        env={**installed.env, "PYTHONPATH": str(installed.source)},
        check=False,
    )
    assert from_source.stdout == proc.stdout


def test_the_installed_wheel_reads_a_german_article_through_its_gloss(installed, outside):
    (outside / "ingwer.md").write_text(
        "# Ingwer\n\nIngwer ist eine Wurzel, die in vielen Küchen der Welt verwendet wird und heute in jedem "
        "Supermarkt zu finden ist. Die meisten Menschen kennen ihn aus dem Tee, und viele reiben ihn in die Suppe. "
        "Es lindert Krämpfe und hilft bei Schlafproblemen, sagen viele Anwender.\n", encoding="utf-8")
    proc = run([installed.exe("contentlint"), "--format", "json", "ingwer.md"], cwd=outside, env=installed.env, check=False)
    found = {(f["rule"], f["match"]) for f in json.loads(proc.stdout)}
    assert ("claim-needs-citation", "Es lindert Krämpfe und hilft bei Schlafproblemen, sagen viele Anwender.") in found


def test_rules_lists_the_builtin_pack(installed, outside):
    text = run([installed.exe("contentlint"), "rules"], cwd=outside, env=installed.env).stdout
    for rule in PACK_RULES:
        assert re.search(rf"^{rule}\s.*\sbuiltin:health/{rule}\.yaml$", text, re.M), text
    rows = json.loads(
        run([installed.exe("contentlint"), "rules", "--format", "json"], cwd=outside, env=installed.env).stdout
    )
    assert {r["id"]: r["source"] for r in rows} == {r: f"builtin:health/{r}.yaml" for r in PACK_RULES}


def test_installed_package_builds_its_rules_from_the_prebuilt_entries(installed, outside):
    """A first run (no cache yet, as in CI) reads the built-in packs' prebuilt entries from the
    installed package: neither ruamel.yaml nor the pattern analysis is needed."""
    with zipfile.ZipFile(installed.wheel) as zf:
        assert "linter/prebuilt.json" in zf.namelist()
    (outside / "a.md").write_text("# Tea\n\nGreen tea cures anxiety. Take 500 mg daily.\n", encoding="utf-8")
    code = (
        "import sys, linter.cli, linter.matching.analysis as a\n"
        "def refuse(*args): raise SystemExit('pattern analysed')\n"
        "a._analyse = refuse\n"
        "rc = linter.cli.main(['a.md'])\n"
        "print(rc, 'ruamel' in ' '.join(sys.modules))\n"
    )
    proc = run([installed.exe("python"), "-c", code], cwd=outside, env=installed.env, check=False)
    assert proc.stdout.split()[-2:] == ["1", "False"], proc.stdout + proc.stderr
    assert (outside / ".contentlint_cache").is_dir()  # a cache was written: the run was a cold one
