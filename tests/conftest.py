"""Shared fixtures.

``project_snapshot``: a throwaway git repository holding the project's working tree
as it is now (tracked files plus untracked files that are not ignored), committed, so
that end-to-end tests install the project the way a user would (``pip install`` of a
clean checkout, pre-commit cloning it at a commit) even while the working tree has
uncommitted changes. Helpers: tests/e2e_support.py.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from e2e_support import Snapshot, make_snapshot

# CI decides whether a change lands, so there hypothesis draws the same examples
# on every run: a failure in CI is reproducible, never a coin toss. Anywhere else
# it draws new random examples each run, which is how "_may calm" (a matcher bug)
# was found; a failure found that way is pinned with @example.
if os.environ.get("CI"):
    settings.register_profile("ci", derandomize=True)
    settings.load_profile("ci")


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


# Tests marked slow (a 50 MB article, SIGKILL during --fix, building a virtual
# environment, installing the pre-commit hook) take most of the suite's time. A
# local run skips them unless asked (--runslow); CI runs everything.
def pytest_addoption(parser):
    parser.addoption("--runslow", action="store_true", default=False, help="also run the tests marked slow (always run when CI=true)")


def pytest_collection_modifyitems(config, items):
    if config.getoption("--runslow") or in_ci():
        return
    skip = pytest.mark.skip(reason="slow: run with --runslow (CI=true runs it)")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def project_snapshot(tmp_path_factory) -> Snapshot:
    return make_snapshot(tmp_path_factory.mktemp("snapshot"))


# -- linting fixtures ---------------------------------------------------------


@pytest.fixture(scope="session")
def health_rules():
    """The built-in health pack, loaded once."""
    from linter.config.packs import pack_dir
    from linter.config.rules import load_rule_paths

    return load_rule_paths([pack_dir("health")])


@pytest.fixture
def run_cli(monkeypatch, capsys):
    """Run the CLI in-process; returns (exit code, stdout, stderr). A GitLab job's
    $CI_PROJECT_DIR is cleared: the gitlab format reads it (a test sets it)."""
    monkeypatch.delenv("CI_PROJECT_DIR", raising=False)
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
