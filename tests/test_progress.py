"""The progress line of long runs, on a real pseudo-terminal (what a user's
terminal is) and on pipes: shown on a terminal for runs of more than
THRESHOLD files outside CI, rewritten in place and cleared at the end; never in
redirected output or a CI log unless asked (--progress); --no-progress turns it
off."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from e2e_support import run_on_a_terminal

from linter.progress import CLEAR, THRESHOLD, Progress, wanted

ROOT = Path(__file__).resolve().parents[1]
LINE = "contentlint: {done}/{total} files, {findings}"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """THRESHOLD + 20 small articles, one dose finding each."""
    d = tmp_path_factory.mktemp("progress")
    for i in range(THRESHOLD + 20):
        (d / f"a{i:03d}.md").write_text(f"# Note {i}\n\nTake {i + 1} mg.\n")
    return d


def _env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "NO_COLOR")}
    env.update(PYTHONPATH=str(ROOT), TERM="xterm-256color", **extra)
    return env


def _run_with_stderr_on_a_terminal(args, cwd, env) -> tuple[int, str, str]:
    """The CLI with a pseudo-terminal as standard error, standard output to a
    pipe (a report redirected to a file, progress on the terminal)."""
    return run_on_a_terminal(args, cwd, env, stdout_too=False)


def test_progress_on_a_terminal_is_rewritten_and_cleared(site):
    total = THRESHOLD + 20
    code, out, err = _run_with_stderr_on_a_terminal(["--no-cache", "--format", "json", "."], site, _env())
    assert code == 1, err
    assert len(json.loads(out)) == total  # the report itself is untouched
    final = LINE.format(done=total, total=total, findings=f"{total} findings")
    # the last state, then cleared
    assert re.search(re.escape(CLEAR + final) + r", \d+:\d\d" + re.escape(CLEAR) + "$", err), repr(err[-300:])
    assert "\n" not in err.replace("\r\n", "")  # one line, rewritten in place
    frames = err.split(CLEAR)[1:-1]
    assert all(f.startswith("contentlint: ") and f.endswith(tuple("0123456789")) for f in frames), frames[:3]


@pytest.mark.parametrize(
    "args, env",
    [
        (["--no-progress"], {}),  # turned off
        ([], {"CI": "true"}),  # a CI job with a pseudo-terminal
        (["--jobs", "1"], {"CI": "1"}),
    ],
)
def test_no_progress_when_off_or_in_ci(site, args, env):
    code, out, err = _run_with_stderr_on_a_terminal(["--no-cache", "--format", "json", *args, "."], site, _env(**env))
    assert code == 1 and json.loads(out)
    assert err == "", repr(err[:200])


def test_no_progress_for_a_short_run(site, tmp_path):
    for p in sorted(site.glob("*.md"))[:THRESHOLD]:
        (tmp_path / p.name).write_bytes(p.read_bytes())
    code, out, err = _run_with_stderr_on_a_terminal(["--no-cache", "--format", "json", "."], tmp_path, _env())
    assert code == 1 and len(json.loads(out)) == THRESHOLD
    assert err == ""


def test_never_in_redirected_output_unless_asked(site):
    proc = subprocess.run([sys.executable, "-m", "linter", "--no-cache", "--format", "concise", "."], cwd=site,
                          env=_env(), capture_output=True, text=True)
    assert proc.returncode == 1 and proc.stderr == ""
    total = THRESHOLD + 20
    # asked, into a log: plain lines (no terminal codes), the last one complete
    proc = subprocess.run([sys.executable, "-m", "linter", "--no-cache", "--progress", "--format", "concise", "."],
                          cwd=site, env=_env(CI="true"), capture_output=True, text=True)
    assert proc.returncode == 1
    assert "\x1b" not in proc.stderr and "\r" not in proc.stderr
    lines = proc.stderr.splitlines()
    assert lines and lines[-1].startswith(LINE.format(done=total, total=total, findings=f"{total} findings") + ", ")
    assert len(proc.stdout.splitlines()) == total


def test_counts_cache_hits_and_worker_results(site):
    """Files answered from the cache and files linted in worker processes both
    count: the last line reaches the total either way."""
    total = THRESHOLD + 20
    final = LINE.format(done=total, total=total, findings=f"{total} findings")
    for args in (["--jobs", "2"], ["--jobs", "2"]):  # cold, then warm cache
        code, _, err = _run_with_stderr_on_a_terminal(["--format", "json", *args, "."], site, _env())
        assert code == 1 and re.search(re.escape(final) + r", \d+:\d\d" + re.escape(CLEAR) + "$", err), repr(err[-200:])


def test_the_line_and_its_rate():
    """Unit: the text, drawn at most every TERMINAL_EVERY_S, always at the end."""
    import io

    class Clock:
        t = 100.0

        def __call__(self):
            return self.t

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    clock, stream = Clock(), Terminal()
    p = Progress(stream, 3, clock=clock)
    results = p.watch()
    results["a"] = type("R", (), {"findings": [1, 2]})()
    clock.t += 0.01
    results["b"] = type("R", (), {"findings": []})()  # too soon: not drawn
    clock.t += 65
    results["c"] = type("R", (), {"findings": [3]})()
    p.close()
    assert stream.getvalue() == (
        CLEAR + "contentlint: 1/3 files, 2 findings, 0:00" + CLEAR + "contentlint: 3/3 files, 3 findings, 1:05" + CLEAR
    )
    assert wanted(None, THRESHOLD + 1, stream, {}) and not wanted(None, THRESHOLD, stream, {})
    assert not wanted(None, THRESHOLD + 1, stream, {"CI": "true"}) and wanted(None, THRESHOLD + 1, stream, {"CI": "false"})
    assert wanted(True, 1, io.StringIO(), {"CI": "1"}) and not wanted(False, 10**6, stream, {})
