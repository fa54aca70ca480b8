"""Hostile rule and config files: whoever can write a rule file or a
.contentlint.yaml (anyone with write access to a content repository) must not be
able to run code, hang the run, or exhaust memory. Each attempt is refused fast
with one ``file[:line:col]: message`` line and exit code 2, or (a regex that
backtracks) stopped by the per-rule time limit, file by file."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def billion_laughs(levels: int = 9, width: int = 9, prefix: str = "a") -> list[str]:
    """The classic: 9 ** 10 (3.5 billion) strings from a few hundred bytes."""
    out = [f"{prefix}0: &{prefix}0 [{', '.join(['lol'] * width)}]"]
    for i in range(1, levels + 1):
        out.append(f"{prefix}{i}: &{prefix}{i} [{', '.join([f'*{prefix}{i - 1}'] * width)}]")
    return out


@pytest.fixture
def site(tmp_path):
    (tmp_path / "house").mkdir()
    (tmp_path / "article.md").write_text("Take 600 mg.\n", encoding="utf-8")
    return tmp_path


def run_timed(run_cli, *args, cwd):
    started = time.monotonic()
    code, out, err = run_cli("--no-cache", *args, cwd=cwd)
    elapsed = time.monotonic() - started
    assert "Traceback" not in out + err
    return code, out, err, elapsed


# -- alias bombs, nesting, size ---------------------------------------------------------

# The anchors sit in keys a rule file does not know; the node limit refuses the
# file before any key is validated.
HOSTILE = {
    "alias bomb": ("\n".join(billion_laughs()) + "\n", "YAML expands to more than 200000 nodes (an alias bomb?); refused"),
    "self-referencing alias": ("loop: &l [*l, *l]\n", None),  # any one-line error will do
    "deep flow nesting": ("x: " + "[" * 10_000 + "]" * 10_000 + "\n", "YAML nested too deeply (more than 100 levels); refused"),
    "deep flow mappings": ("x: " + "{a: " * 10_000 + "1" + "}" * 10_000 + "\n", "YAML nested too deeply (more than 100 levels); refused"),
    "deep block nesting": ("x:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 500)) + "  " * 500 + "v\n", "YAML nested too deeply (more than 100 levels); refused"),
    "deep block sequences": ("x:\n  " + "- " * 5000 + "v\n", "YAML nested too deeply (more than 100 levels); refused"),
    "huge document": ("x: [" + "item, " * 400_000 + "item]\n", "YAML file larger than 1,000,000 characters; refused"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
@pytest.mark.parametrize("where", ["config", "rule file"])
def test_hostile_yaml_is_refused_fast(site, run_cli, case, where):
    text, message = HOSTILE[case]
    if where == "config":
        (site / ".contentlint.yaml").write_text(text, encoding="utf-8")
        name = ".contentlint.yaml"
    else:
        (site / "house" / "bomb.yaml").write_text(text, encoding="utf-8")
        (site / ".contentlint.yaml").write_text("rule_files: [house]\n", encoding="utf-8")
        name = "house/bomb.yaml"
    code, out, err, elapsed = run_timed(run_cli, "article.md", cwd=site)
    assert code == 2
    assert elapsed < 20, f"{case} took {elapsed:.1f} s"
    assert len(err.splitlines()) == 1 and err.startswith(name + ":")
    if message is not None:
        assert err.strip() == f"{name}: {message}"


def test_bomb_is_refused_by_every_command(site, run_cli):
    (site / ".contentlint.yaml").write_text("\n".join(billion_laughs()) + "\n", encoding="utf-8")
    for args in (("--no-cache", "article.md"), ("rules",), ("config", "article.md"), ("explain", "no-dose-numbers"), ("test-rules",)):
        started = time.monotonic()
        code, out, err = run_cli(*args, cwd=site)
        assert "Traceback" not in out + err
        assert code == 2 and time.monotonic() - started < 20
        assert err.strip() == ".contentlint.yaml: YAML expands to more than 200000 nodes (an alias bomb?); refused"


def test_a_large_legitimate_lexicon_still_loads(site, run_cli):
    terms = ", ".join(f"term{i}" for i in range(20_000))
    (site / "house" / "big.yaml").write_text(
        f"id: big-lexicon\nkind: pattern\nseverity: error\nmessage: m\nterms: [{terms}, six hundred]\n", encoding="utf-8"
    )
    (site / ".contentlint.yaml").write_text("rule_files: [house]\n", encoding="utf-8")
    (site / "article.md").write_text("Say term19999 twice.\n", encoding="utf-8")
    code, out, err, _ = run_timed(run_cli, "--format", "concise", "article.md", cwd=site)
    assert (code, err) == (1, "")
    assert out.startswith("article.md:1:5: error big-lexicon m")


# -- tags: no Python object is ever built -----------------------------------------------


def tag_payloads(marker: Path) -> dict[str, str]:
    return {
        "apply": f'!!python/object/apply:os.system ["touch {marker}"]',
        "new": f'!!python/object/new:os.system ["touch {marker}"]',
        "subprocess": f'!!python/object/apply:subprocess.check_call [["touch", "{marker}"]]',
        "name": "!!python/name:os.system",
        "module": "!!python/module:os",
        "custom": "!include /etc/passwd",
    }


@pytest.mark.parametrize("payload", ["apply", "new", "subprocess", "name", "module", "custom"])
def test_python_tags_are_refused_and_run_nothing(site, run_cli, payload):
    marker = site / "PWNED"
    value = tag_payloads(marker)[payload]
    # in a config file, as a value
    (site / ".contentlint.yaml").write_text(f"ignore: {value}\n", encoding="utf-8")
    code, out, err, _ = run_timed(run_cli, "article.md", cwd=site)
    assert code == 2 and err.startswith(".contentlint.yaml:1:9: YAML tag ") and err.rstrip().endswith("is not allowed")
    # in a rule file, inside a list
    (site / ".contentlint.yaml").write_text("rule_files: [house]\n", encoding="utf-8")
    (site / "house" / "r.yaml").write_text(f"id: r\nkind: pattern\nmessage: m\nterms:\n  - ok\n  - {value}\n", encoding="utf-8")
    code, out, err, _ = run_timed(run_cli, "article.md", cwd=site)
    assert code == 2 and err.startswith("house/r.yaml:6:5: YAML tag ") and len(err.splitlines()) == 1
    assert not marker.exists()


def test_a_tag_on_a_whole_rule_file(site, run_cli):
    marker = site / "PWNED"
    (site / "house" / "r.yaml").write_text(f'--- !!python/object/apply:os.system ["touch {marker}"]\n', encoding="utf-8")
    (site / ".contentlint.yaml").write_text("rule_files: [house]\n", encoding="utf-8")
    code, out, err, _ = run_timed(run_cli, "article.md", cwd=site)
    assert code == 2 and err.startswith("house/r.yaml") and not marker.exists()


# -- duplicate keys ------------------------------------------------------------------------


def test_duplicate_keys_are_errors(site, run_cli):
    (site / ".contentlint.yaml").write_text("ignore: [a]\nmin_severity: info\nignore: [b]\n", encoding="utf-8")
    code, out, err, _ = run_timed(run_cli, "article.md", cwd=site)
    assert code == 2
    # the key and its position, not the values (a config may name any readable file)
    assert err.strip() == '.contentlint.yaml:3:1: invalid YAML: found duplicate key "ignore"'
    (site / ".contentlint.yaml").write_text(
        "rules:\n  no-dose-numbers:\n    severity: warning\n    severity: error\n", encoding="utf-8"
    )
    code, out, err, _ = run_timed(run_cli, "article.md", cwd=site)
    assert code == 2 and err.startswith(".contentlint.yaml:4:5: invalid YAML: found duplicate key \"severity\"")
    (site / ".contentlint.yaml").write_text("rule_files: [house]\n", encoding="utf-8")
    (site / "house" / "r.yaml").write_text("id: r\nkind: pattern\nmessage: m\nterms: [a]\nterms: [b]\n", encoding="utf-8")
    code, out, err, _ = run_timed(run_cli, "article.md", cwd=site)
    assert code == 2 and err.startswith('house/r.yaml:5:1: invalid YAML: found duplicate key "terms"')


def test_a_kind_cannot_name_a_module(site, run_cli):
    (site / ".contentlint.yaml").write_text("rule_files: [house]\n", encoding="utf-8")
    (site / "house" / "r.yaml").write_text("id: r\nkind: os.system\nmessage: m\n", encoding="utf-8")
    code, out, err, _ = run_timed(run_cli, "article.md", cwd=site)
    assert code == 2 and err.startswith("house/r.yaml:2:7: 'kind' in rule 'r' has unknown value 'os.system'")


# -- regular expressions ------------------------------------------------------------------

EVIL = {
    "pattern": "id: evil\nkind: pattern\nseverity: error\nmessage: m\npatterns: ['(a+)+$']\n",
    "substitution": "id: evil\nkind: substitution\nseverity: error\nmessage: m\nregex: true\nswap: {'(a|aa)+$': b}\n",
    "required": "id: evil\nkind: required\nseverity: error\nmessage: m\npatterns: ['(a*)*b']\n",
}


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("kind", sorted(EVIL))
def test_catastrophic_regex_is_stopped_in_each_file(tmp_path, kind, jobs):
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "evil.yaml").write_text(EVIL[kind], encoding="utf-8")
    (tmp_path / ".contentlint.yaml").write_text("rule_files: [house]\n", encoding="utf-8")
    traps = [f"trap{i}.md" for i in range(4)]
    for i, name in enumerate(traps):
        (tmp_path / name).write_text(f"Take {i + 1}00 mg.\n\n" + "a" * 40 + "!\n", encoding="utf-8")
    (tmp_path / "ok.md").write_text("Take 600 mg.\n", encoding="utf-8")
    started = time.monotonic()
    # without the limit each file takes centuries; the subprocess timeout only keeps
    # a regression from hanging the suite
    proc = subprocess.run(
        [sys.executable, "-m", "linter", "--no-cache", "--jobs", jobs, "--timeout", "0.5", "--format", "concise", *traps, "ok.md"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    elapsed = time.monotonic() - started
    assert "Traceback" not in proc.stdout + proc.stderr
    assert proc.returncode == 2
    assert sorted(proc.stderr.splitlines()) == [
        f"{name}: error: rule 'evil' stopped after 0.5 s of CPU time (a very large file, or a regular expression that backtracks "
        "catastrophically?); its findings for this file are missing"
        for name in traps
    ]
    for i, name in enumerate(traps):  # the other rules still ran on every trapped file
        assert f"{name}:1:6: error no-dose-numbers Specific dose '{i + 1}00 mg'" in proc.stdout
    assert "ok.md:1:6: error no-dose-numbers" in proc.stdout
    assert elapsed < 120



def test_a_stopped_rule_s_file_counts_as_linted_whatever_its_name(tmp_path, run_cli):
    """Which problem a file had is data, not words in the line: a file whose name
    reads like an internal error, with a rule stopped on it, was still linted (in
    part), its findings reported against it."""
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "evil.yaml").write_text(EVIL["pattern"], encoding="utf-8")
    (tmp_path / ".contentlint.yaml").write_text("rule_files: [house]\n", encoding="utf-8")
    name = "internal error, out of memory.md"
    (tmp_path / name).write_text("Take 100 mg.\n\n" + "a" * 40 + "!\n", encoding="utf-8")
    code, out, err = run_cli("--no-cache", "--timeout", "0.3", name, cwd=tmp_path)
    assert code == 2 and "rule 'evil' stopped" in err
    assert f"{name}:1:6: error no-dose-numbers" in out
    assert out.endswith("1 file linted only in part (a rule was stopped) (errors above); found 1 problem (1 error) in 1 of 1 linted file.\n"), out


@pytest.mark.parametrize("pattern", ["a{99999999999999999999}", "(" * 2000 + "a" + ")" * 2000])
def test_regexes_python_cannot_compile_are_config_errors(site, run_cli, pattern):
    (site / ".contentlint.yaml").write_text("rule_files: [house]\n", encoding="utf-8")
    (site / "house" / "r.yaml").write_text(f"id: r\nkind: pattern\nmessage: m\npatterns: ['{pattern}']\n", encoding="utf-8")
    code, out, err = run_cli("--no-cache", "article.md", cwd=site)
    assert code == 2 and err.startswith("house/r.yaml:4:") and ("bad regular expression" in err or "too large or nested too deeply" in err)


# -- no code from config --------------------------------------------------------------------

FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__", "breakpoint", "input"}
FORBIDDEN_MODULES = {"pickle", "marshal", "shelve", "dill", "cloudpickle", "yaml", "ctypes", "runpy", "code", "pydoc"}
# importlib imports modules only with a fixed table of module names (rule kinds,
# validated against KINDS before the import; reporters, argparse choices; commands,
# a key of COMMANDS); elsewhere it reads installed distributions' metadata (SARIF's
# informationUri; rule packs' entry points and documentation URLs) and finds a rule
# pack's folder on sys.path (importlib.machinery), importing nothing
IMPORTLIB_ALLOWED = {"linter/kinds/__init__.py", "linter/reporters/__init__.py", "linter/reporters/sarif.py", "linter/cli.py",
                     "linter/config/packs.py"}
SUBPROCESS_ALLOWED = {"linter/gitdiff.py"}  # runs git with an argument list, for --diff-base
# reads the built-in claim model's data back from the cache, only once a digest
# keyed with the user's cache key says the entry is bytes contentlint wrote
MARSHAL_ALLOWED = {"linter/kinds/claim_model.py"}


def test_no_config_can_import_or_execute_code():
    """Nothing a config or rule file says reaches eval/exec/pickle, an unsafe YAML
    loader or a free-form import (the README has no plugins). Checked on the AST of
    every module, so a new use has to be added here on purpose."""
    problems = []
    for path in sorted((ROOT / "linter").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"), rel)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in FORBIDDEN_CALLS:
                problems.append(f"{rel}:{node.lineno}: calls {node.func.id}()")
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                for name in names:
                    top = name.split(".")[0]
                    if top in FORBIDDEN_MODULES and not (top == "marshal" and rel in MARSHAL_ALLOWED):
                        problems.append(f"{rel}:{node.lineno}: imports {name}")
                    if top == "importlib" and rel not in IMPORTLIB_ALLOWED:
                        problems.append(f"{rel}:{node.lineno}: imports importlib")
                    if top in ("subprocess", "os.system") and rel not in SUBPROCESS_ALLOWED:
                        problems.append(f"{rel}:{node.lineno}: imports {name}")
            if isinstance(node, ast.Attribute) and node.attr in ("system", "popen", "execv", "execvp", "spawnv") and isinstance(node.value, ast.Name) and node.value.id == "os":
                problems.append(f"{rel}:{node.lineno}: os.{node.attr}")
            if isinstance(node, ast.keyword) and node.arg == "typ" and isinstance(node.value, ast.Constant) and node.value.value not in ("rt", "safe"):
                problems.append(f"{rel}:{node.lineno}: YAML(typ={node.value.value!r})")
    assert problems == []


def test_the_time_limit_counts_cpu_time_not_the_wall_clock():
    # a loaded machine (waiting for a core) must not stop a rule that an idle one finishes
    from linter.engine import RuleTimeout, time_limit

    with time_limit(0.2):
        time.sleep(0.6)  # no CPU spent: not stopped
    with pytest.raises(RuleTimeout):
        with time_limit(0.2):
            while True:
                pass
