"""How the ``contentlint`` command ends (``cli.entry``): once the output is
flushed and the exit functions have run, the process ends without the
interpreter's teardown, with the exit code and every byte of output a usual
exit gives; with a thread still running, or under a profiler, it exits as usual."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = (ROOT / "tests" / "corpus" / "elderberry-colds.md").read_text(encoding="utf-8")

PROBE = """
import sys, threading, atexit

class Probe:
    def __del__(self):
        sys.stderr.write("teardown ran\\n")

keep = Probe()
atexit.register(lambda: sys.stderr.write("exit function ran\\n"))
if sys.argv[2] == "thread":
    # alive until the interpreter's shutdown begins, however long the run takes
    threading.Thread(target=lambda: (threading.main_thread().join(), sys.stderr.write("thread finished\\n"))).start()
sys.argv = ["contentlint", "--no-cache", "--format", "json", sys.argv[1]]
import runpy
runpy.run_module("linter", run_name="__main__")  # as python -m linter runs it
"""


def _run(argv, cwd):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, *argv], cwd=cwd, capture_output=True, text=True, env=env, timeout=300)


def test_a_run_ends_after_its_exit_functions_without_the_teardown(tmp_path):
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    proc = _run(["-c", PROBE, "a.md", "plain"], tmp_path)
    assert proc.returncode == 1
    assert any(f["rule"] == "claim-needs-citation" for f in json.loads(proc.stdout))
    assert proc.stderr == "exit function ran\n"  # not "teardown ran"


def test_with_a_thread_still_running_it_exits_as_usual(tmp_path):
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    proc = _run(["-c", PROBE, "a.md", "thread"], tmp_path)
    assert proc.returncode == 1 and json.loads(proc.stdout)
    assert "thread finished" in proc.stderr and "exit function ran" in proc.stderr and "teardown ran" in proc.stderr


def test_the_output_and_exit_code_are_those_of_a_usual_exit(tmp_path):
    """Hundreds of kilobytes of output (many writes past the buffer), to a file
    and to a pipe: the same bytes and code as ``main`` returning into sys.exit."""
    for i in range(60):
        (tmp_path / f"a{i:02d}.md").write_text(ARTICLE + f"\nCopy {i}.\n", encoding="utf-8")
    usual = _run(["-c", "import sys\nfrom linter.cli import main\nsys.exit(main())", "--no-cache", "--format", "json", "."], tmp_path)
    fast = _run(["-m", "linter", "--no-cache", "--format", "json", "."], tmp_path)
    assert len(usual.stdout) > 200_000
    assert (fast.returncode, fast.stdout, fast.stderr) == (usual.returncode, usual.stdout, usual.stderr)
    out = tmp_path / "out.json"
    with open(out, "w", encoding="utf-8") as fh:
        code = subprocess.run([sys.executable, "-m", "linter", "--no-cache", "--format", "json", "."], cwd=tmp_path, stdout=fh,
                              env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=300).returncode
    assert code == usual.returncode and out.read_text(encoding="utf-8") == usual.stdout


def test_under_a_profiler_it_exits_as_usual(tmp_path):
    """cProfile writes its results once the program returns: a run under it
    leaves the profile (and under a tracer such as a debugger or coverage)."""
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "run.prof"
    proc = _run(["-m", "cProfile", "-o", str(out), "-m", "linter", "--no-cache", "--format", "json", "a.md"], tmp_path)
    assert json.loads(proc.stdout)  # (cProfile's own exit code is 0: it takes the program's SystemExit)
    assert out.is_file() and out.stat().st_size > 1000
    # a tracer (a debugger, coverage): os._exit is not taken
    traced = ("import os, sys\nsys.settrace(lambda *a: None)\nfast = os._exit\n"
              "os._exit = lambda code: (sys.stderr.write('fast exit\\n'), fast(code))\n") + PROBE
    proc = _run(["-c", traced, "a.md", "plain"], tmp_path)
    assert proc.returncode == 1 and "fast exit" not in proc.stderr and "exit function ran" in proc.stderr
    proc = _run(["-c", traced.replace("sys.settrace(lambda *a: None)", "pass"), "a.md", "plain"], tmp_path)
    assert proc.returncode == 1 and "fast exit" in proc.stderr


@pytest.mark.parametrize("value", ["-1", "nan", "inf", "ten"])
def test_a_bad_timeout_is_a_usage_error_not_an_internal_one(tmp_path, value):
    (tmp_path / "a.md").write_text("Take 600 mg of magnesium daily for sleep.\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "linter", "--no-cache", "--timeout", value, "a.md"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    err = proc.stderr
    assert proc.returncode == 2 and not proc.stdout and "Traceback" not in err and "internal error" not in err
    assert err.strip().splitlines()[-1].startswith("contentlint: error: argument --timeout:")


def test_a_rule_set_to_off_in_a_config_says_how_to_turn_it_off(tmp_path, run_cli):
    (tmp_path / ".contentlint.yaml").write_text("rules:\n  no-dose-numbers: off\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("Take 600 mg of magnesium daily for sleep.\n", encoding="utf-8")
    code, out, err = run_cli("--no-cache", "a.md", cwd=tmp_path)
    assert code == 2 and "enabled: false" in err and len(err.strip().splitlines()) == 1
