"""Helpers for the end-to-end tests (test_precommit.py, test_installed_package.py):
isolated git repositories, subprocesses with their output in failure messages, and a
git snapshot of the project's working tree (see the ``project_snapshot`` fixture in
conftest.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Variables that would point git at another repository (set when the tests run from
# inside a git hook).
_GIT_VARS = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_PREFIX")


def git_env(home: Path) -> dict[str, str]:
    """An environment for running git (and tools that run git) in isolation: no
    global or system git config (the user's hooksPath, signing, templates), no
    inherited repository variables. ``home`` holds an empty global config."""
    env = {k: v for k, v in os.environ.items() if k not in _GIT_VARS}
    cfg = home / "gitconfig"
    if not cfg.exists():
        cfg.write_text("")
    env["GIT_CONFIG_GLOBAL"] = str(cfg)
    env["GIT_CONFIG_NOSYSTEM"] = "1"
    env["GIT_TERMINAL_PROMPT"] = "0"
    return env


def run(cmd, cwd, env=None, check=True, timeout=900) -> subprocess.CompletedProcess:
    """Run ``cmd`` with stdout and stderr merged into ``.stdout``. With ``check``, a
    non-zero exit fails the test and shows the output."""
    proc = subprocess.run(
        [str(c) for c in cmd],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=timeout,
    )
    if check and proc.returncode != 0:
        pytest.fail(f"{' '.join(map(str, cmd))} exited {proc.returncode} in {cwd}:\n{proc.stdout}")
    return proc


def init_repo(path: Path, env: dict[str, str]) -> None:
    """``git init`` with a local identity, so commits work on any machine."""
    run(["git", "init", "-q", path], cwd=path.parent, env=env)
    for key, value in (
        ("user.name", "contentlint tests"),
        ("user.email", "tests@contentlint.invalid"),
        ("commit.gpgsign", "false"),
    ):
        run(["git", "config", key, value], cwd=path, env=env)


def project_files() -> list[str]:
    """What a clean checkout plus the uncommitted work would hold: tracked files that
    still exist and untracked files that are not ignored."""
    proc = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=PROJECT_ROOT,
        env={k: v for k, v in os.environ.items() if k not in _GIT_VARS},
        capture_output=True,
    )
    if proc.returncode != 0:
        pytest.fail(f"{PROJECT_ROOT} is not a git checkout: {proc.stderr.decode(errors='replace')}")
    names = sorted({n for n in proc.stdout.decode().split("\0") if n})
    return [n for n in names if (PROJECT_ROOT / n).is_file()]


@dataclass(frozen=True)
class Snapshot:
    path: Path
    sha: str


def make_snapshot(base: Path) -> Snapshot:
    """Copy the working tree into ``base/contentlint``, commit it, return it and its
    commit."""
    repo = base / "contentlint"
    repo.mkdir()
    env = git_env(base)
    for name in project_files():
        dest = repo / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(PROJECT_ROOT / name, dest)
    init_repo(repo, env)
    run(["git", "add", "-A"], cwd=repo, env=env)
    run(["git", "commit", "-q", "--no-verify", "-m", "snapshot of the working tree"], cwd=repo, env=env)
    sha = run(["git", "rev-parse", "HEAD"], cwd=repo, env=env).stdout.strip()
    return Snapshot(repo, sha)


def run_on_a_terminal(args, cwd, env, *, stdout_too: bool = True, timeout: float = 120) -> tuple[int, str, str]:
    """Run the CLI (``python -m linter``) with a real pseudo-terminal as its
    standard error, and as its standard output too unless ``stdout_too`` is
    false (then standard output is a pipe: a report redirected to a file).
    Returns the exit code, what the pipe got ("" when stdout is the terminal)
    and what the terminal showed."""
    import pty
    import select

    controller, terminal = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "linter", *args], cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                            stdout=terminal if stdout_too else subprocess.PIPE, stderr=terminal)
    os.close(terminal)
    chunks = []
    try:
        while True:
            ready, _, _ = select.select([controller], [], [], timeout)
            if not ready:
                break
            try:
                data = os.read(controller, 65536)
            except OSError:  # EIO: the program exited and closed the terminal
                break
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(controller)
    out = ""
    if not stdout_too:
        out = proc.stdout.read().decode("utf-8")
        proc.stdout.close()
    return proc.wait(timeout=timeout), out, b"".join(chunks).decode("utf-8")
