"""Shared fixtures.

``project_snapshot``: a throwaway git repository holding the project's working tree
as it is now (tracked files plus untracked files that are not ignored), committed, so
that end-to-end tests can install the project the way a user would (``pip install``
of a clean checkout, pre-commit cloning it at a commit) even while the working tree
has uncommitted changes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Variables that would point git at another repository (set when the tests run from
# inside a git hook) or pull in the user's own git configuration.
_GIT_VARS = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_PREFIX")


def git_env(home: Path) -> dict[str, str]:
    """An environment for running git (and tools that run git) in isolation: no
    global or system git config, no inherited repository variables."""
    env = {k: v for k, v in os.environ.items() if k not in _GIT_VARS}
    cfg = home / "gitconfig"
    if not cfg.exists():
        cfg.write_text("")
    env["GIT_CONFIG_GLOBAL"] = str(cfg)
    env["GIT_CONFIG_NOSYSTEM"] = "1"
    env["GIT_TERMINAL_PROMPT"] = "0"
    return env


def run(cmd, cwd, env=None, check=True, timeout=600) -> subprocess.CompletedProcess:
    """Run ``cmd``; stdout and stderr merged into ``.stdout``. On an unexpected exit
    code the output is part of the failure message."""
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
    run(["git", "init", "-q", path], cwd=path.parent, env=env)
    for key, value in (
        ("user.name", "contentlint tests"),
        ("user.email", "tests@contentlint.invalid"),
        ("commit.gpgsign", "false"),
    ):
        run(["git", "config", key, value], cwd=path, env=env)


def _project_files() -> list[str]:
    proc = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=PROJECT_ROOT,
        env={k: v for k, v in os.environ.items() if k not in _GIT_VARS},
        capture_output=True,
    )
    if proc.returncode != 0:
        pytest.fail(f"{PROJECT_ROOT} is not a git checkout: {proc.stderr.decode(errors='replace')}")
    names = sorted({n for n in proc.stdout.decode().split("\0") if n})
    # --cached lists tracked files deleted from the working tree too: leave those out.
    return [n for n in names if (PROJECT_ROOT / n).is_file()]


@dataclass(frozen=True)
class Snapshot:
    path: Path
    sha: str


@pytest.fixture(scope="session")
def project_snapshot(tmp_path_factory) -> Snapshot:
    base = tmp_path_factory.mktemp("snapshot")
    repo = base / "contentlint"
    repo.mkdir()
    env = git_env(base)
    for name in _project_files():
        dest = repo / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(PROJECT_ROOT / name, dest)
    init_repo(repo, env)
    run(["git", "add", "-A"], cwd=repo, env=env)
    run(["git", "commit", "-q", "--no-verify", "-m", "snapshot of the working tree"], cwd=repo, env=env)
    sha = run(["git", "rev-parse", "HEAD"], cwd=repo, env=env).stdout.strip()
    return Snapshot(repo, sha)


# -- linting fixtures ---------------------------------------------------------


@pytest.fixture(scope="session")
def health_rules():
    """The built-in health pack, loaded once."""
    from linter.config.packs import pack_dir
    from linter.config.rules import load_rule_paths

    return load_rule_paths([pack_dir("health")])


@pytest.fixture
def run_cli(monkeypatch, capsys):
    """Run the CLI in-process; returns (exit code, stdout, stderr)."""
    import io
    import sys

    from linter.cli import main

    def run_main(*args, cwd: Path | None = None, stdin: bytes | None = None):
        if cwd is not None:
            monkeypatch.chdir(cwd)
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run_main
