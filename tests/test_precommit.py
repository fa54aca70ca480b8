"""End to end with the real pre-commit, configured with the snippets of the
README's pre-commit section, copied out of it: a content repository uses this
project as a hook repository (``repo:`` a git snapshot of the working tree,
tagged as the README says a release is tagged, ``rev:`` that tag), pre-commit
clones it, ``pip install``s it into a hook environment and runs the hooks from
.pre-commit-hooks.yaml on staged Markdown files; and the ``repo: local`` snippet
runs the contentlint installed here.

The hook environment is installed once per test session (PRE_COMMIT_HOME is shared);
that install is the slow part.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from e2e_support import PROJECT_ROOT, git_env, init_repo, run

pytestmark = pytest.mark.slow

PRE_COMMIT = [sys.executable, "-m", "pre_commit"]

DOSE_ARTICLE = "# Magnesium and sleep\n\nSome readers ask about magnesium.\n\nTake 600 mg of magnesium daily.\n"
DOSE_POSITION = "article.md:5:6: error no-dose-numbers"
TRAVEL_NOTE = "# Two days in Lisbon\n\nWe walked along the river at dawn, then had coffee and pastries in Belém.\n"


def readme_section() -> str:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split("\n## pre-commit\n", 1)[1].split("\n## ", 1)[0]


def readme_block(language: str, containing: str) -> str:
    blocks = [b for b in re.findall(rf"```{language}\n(.*?)```", readme_section(), re.S) if containing in b]
    assert len(blocks) == 1, f"the README's pre-commit section has {len(blocks)} {language} blocks with {containing!r}"
    return blocks[0]


PLACEHOLDER = "CONTENTLINT_REPOSITORY"


def test_readme_release_tag_is_the_package_version():
    version = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert f"rev: v{version} " in readme_block("yaml", "rev:")
    assert f"git tag -a v{version} " in readme_block("sh", "git tag")
    assert f"`version = \"{version}\"` gives `v{version}`" in readme_section()


def with_args(config: str, args: str) -> str:
    """``config`` with ``args:`` added to the contentlint hook."""
    return config.replace("      - id: contentlint\n", f"      - id: contentlint\n        args: {args}\n", 1)


@pytest.fixture(scope="session")
def hook_setup(tmp_path_factory, project_snapshot):
    """(environment, config text): PRE_COMMIT_HOME in a session temp dir, and the hook
    environment already installed there. The config is the README's release-tag
    snippet; the snapshot is tagged with the README's commands (not pushed)."""
    home = tmp_path_factory.mktemp("pre-commit-home")
    env = git_env(home)
    env["PRE_COMMIT_HOME"] = str(home / "cache")
    env.pop("PRE_COMMIT", None)  # pre-commit sets it for hooks it runs; not ours
    env.pop("SKIP", None)
    for line in readme_block("sh", "git tag").splitlines():
        if line.startswith("git tag"):
            run(shlex.split(line), cwd=project_snapshot.path, env=env)
    snippet = readme_block("yaml", "rev:")
    assert snippet.count(PLACEHOLDER) == 1
    config = snippet.replace(PLACEHOLDER, project_snapshot.path.as_posix())
    repo = tmp_path_factory.mktemp("install") / "repo"
    repo.mkdir()
    init_repo(repo, env)
    (repo / ".pre-commit-config.yaml").write_text(config)
    run([*PRE_COMMIT, "install-hooks"], cwd=repo, env=env)
    return env, config


@pytest.fixture
def content_repo(tmp_path, hook_setup) -> Path:
    """A fresh git repository with the config committed and the git hook installed."""
    env, config = hook_setup
    repo = tmp_path / "content"
    repo.mkdir()
    init_repo(repo, env)
    (repo / ".pre-commit-config.yaml").write_text(config)
    run([*PRE_COMMIT, "install"], cwd=repo, env=env)
    run(["git", "add", ".pre-commit-config.yaml"], cwd=repo, env=env)
    run(["git", "commit", "-q", "-m", "pre-commit config"], cwd=repo, env=env)
    return repo


def _commits(repo: Path, env) -> int:
    return int(run(["git", "rev-list", "--count", "HEAD"], cwd=repo, env=env).stdout)


def test_commit_with_a_dose_is_refused(content_repo, hook_setup):
    env, _ = hook_setup
    (content_repo / "article.md").write_text(DOSE_ARTICLE, encoding="utf-8")
    run(["git", "add", "article.md"], cwd=content_repo, env=env)
    proc = run(["git", "commit", "-m", "add article"], cwd=content_repo, env=env, check=False)
    assert proc.returncode != 0, proc.stdout
    assert DOSE_POSITION in proc.stdout, proc.stdout
    assert "'600 mg'" in proc.stdout, proc.stdout
    assert "contentlint" in proc.stdout and "Failed" in proc.stdout, proc.stdout
    assert _commits(content_repo, env) == 1  # only the config commit
    # The article is still staged, unchanged: the hook reports, it does not edit.
    staged = run(["git", "diff", "--cached", "--name-only"], cwd=content_repo, env=env).stdout.split()
    assert staged == ["article.md"]
    assert (content_repo / "article.md").read_text(encoding="utf-8") == DOSE_ARTICLE


def test_clean_article_commits(content_repo, hook_setup):
    env, _ = hook_setup
    (content_repo / "lisbon.md").write_text(TRAVEL_NOTE, encoding="utf-8")
    run(["git", "add", "lisbon.md"], cwd=content_repo, env=env)
    proc = run(["git", "commit", "-m", "travel note"], cwd=content_repo, env=env, check=False)
    assert proc.returncode == 0, proc.stdout
    assert "contentlint" in proc.stdout and "Passed" in proc.stdout, proc.stdout
    assert _commits(content_repo, env) == 2
    tracked = run(["git", "ls-files"], cwd=content_repo, env=env).stdout.split()
    assert "lisbon.md" in tracked


def test_run_files_reports_every_file(content_repo, hook_setup):
    """`pre-commit run --files` hands the hook several files at once: each file's
    findings come back under its own path; non-Markdown files are not passed."""
    env, _ = hook_setup
    (content_repo / "docs").mkdir()
    (content_repo / "first.md").write_text("# One\n\nTake 600 mg of magnesium daily.\n", encoding="utf-8")
    (content_repo / "docs" / "second.md").write_text("# Two\n\nIntro.\n\nAdults use 2 capsules at night.\n", encoding="utf-8")
    (content_repo / "notes.txt").write_text("Take 600 mg of magnesium daily.\n", encoding="utf-8")
    proc = run(
        [*PRE_COMMIT, "run", "contentlint", "--files", "first.md", "docs/second.md", "notes.txt"],
        cwd=content_repo,
        env=env,
        check=False,
    )
    assert proc.returncode == 1, proc.stdout
    assert "first.md:3:6: error no-dose-numbers" in proc.stdout, proc.stdout
    assert "docs/second.md:5:12: error no-dose-numbers" in proc.stdout, proc.stdout
    assert "notes.txt" not in proc.stdout, proc.stdout


def test_fix_hook_inserts_the_disclaimer(content_repo, hook_setup):
    """The contentlint-fix hook (same repository and environment) applies safe
    fixes: the article gains the disclaimer; pre-commit reports the modified file
    and stops the commit so the writer can review and stage it."""
    env, config = hook_setup
    (content_repo / ".pre-commit-config.yaml").write_text(config.replace("id: contentlint\n", "id: contentlint-fix\n"))
    article = "# Kratom\n\nPeople use kratom for anxiety and pain.\n"
    (content_repo / "kratom.md").write_text(article, encoding="utf-8")
    run(["git", "add", "kratom.md"], cwd=content_repo, env=env)  # pre-commit sees edits to tracked files
    proc = run([*PRE_COMMIT, "run", "contentlint-fix", "--files", "kratom.md"], cwd=content_repo, env=env, check=False)
    assert proc.returncode == 1 and "files were modified by this hook" in proc.stdout, proc.stdout
    fixed = (content_repo / "kratom.md").read_text(encoding="utf-8")
    assert fixed.startswith(article) and "is not medical advice" in fixed, fixed
    assert "Fixed 1 problem in 1 file." in proc.stdout, proc.stdout
    proc = run([*PRE_COMMIT, "run", "contentlint-fix", "--files", "kratom.md"], cwd=content_repo, env=env, check=False)
    assert (content_repo / "kratom.md").read_text(encoding="utf-8") == fixed  # idempotent


CLEAN_ARTICLE = "# Lisbon\n\nWe walked along the river at dawn.\n"
OPTION_NAMES = ("--output=victim.md", "--write-baseline=x.md")


def _commit_option_named_files(repo: Path, env) -> subprocess.CompletedProcess:
    for name in ("victim.md", "x.md"):
        (repo / name).write_text(CLEAN_ARTICLE, encoding="utf-8")
    for name in OPTION_NAMES:
        (repo / name).write_text(DOSE_ARTICLE, encoding="utf-8")
    run(["git", "add", "--", "victim.md", "x.md", *OPTION_NAMES], cwd=repo, env=env)
    return run(["git", "commit", "-m", "articles"], cwd=repo, env=env, check=False)


def test_files_named_like_options_are_linted_as_files(content_repo, hook_setup):
    """pre-commit appends the staged names after the hook's args, which end with
    '--': '--output=victim.md' and '--write-baseline=x.md' are articles to lint
    (their doses refuse the commit), not options that overwrite victim.md or
    write a baseline to x.md and let the commit pass."""
    env, _ = hook_setup
    proc = _commit_option_named_files(content_repo, env)
    assert proc.returncode != 0, proc.stdout
    for name in OPTION_NAMES:
        assert f"{name}:5:6: error no-dose-numbers" in proc.stdout, proc.stdout
    for name in ("victim.md", "x.md"):
        assert (content_repo / name).read_text(encoding="utf-8") == CLEAN_ARTICLE
    assert _commits(content_repo, env) == 1


def test_own_args_without_the_separator_refuse_to_run(content_repo, hook_setup):
    """A config that sets its own args and forgets the '--': an option-like name
    that is also a file stops the run (exit 2) instead of being obeyed."""
    env, config = hook_setup
    (content_repo / ".pre-commit-config.yaml").write_text(with_args(config, "[--no-cache]"))
    run(["git", "add", ".pre-commit-config.yaml"], cwd=content_repo, env=env)
    proc = _commit_option_named_files(content_repo, env)
    assert proc.returncode != 0, proc.stdout
    assert "is both an option and an existing file; put file names after '--'" in proc.stdout, proc.stdout
    for name in ("victim.md", "x.md"):
        assert (content_repo / name).read_text(encoding="utf-8") == CLEAN_ARTICLE
    assert _commits(content_repo, env) == 1


def test_readme_local_hook_snippet(tmp_path):
    """The README's ``repo: local`` snippet, as written, with the contentlint
    installed in this environment on PATH."""
    bin_dir = Path(sys.executable).parent
    if not (bin_dir / "contentlint").exists():
        pytest.skip("contentlint is not installed next to this Python")
    env = git_env(tmp_path)
    env["PRE_COMMIT_HOME"] = str(tmp_path / "pre-commit-home")
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    env.pop("PRE_COMMIT", None)
    env.pop("SKIP", None)
    repo = tmp_path / "content"
    repo.mkdir()
    init_repo(repo, env)
    (repo / ".pre-commit-config.yaml").write_text(readme_block("yaml", "repo: local"))
    run([*PRE_COMMIT, "install"], cwd=repo, env=env)
    run(["git", "add", ".pre-commit-config.yaml"], cwd=repo, env=env)
    run(["git", "commit", "-q", "-m", "pre-commit config"], cwd=repo, env=env)
    (repo / "article.md").write_text(DOSE_ARTICLE, encoding="utf-8")
    (repo / "--output=article.md").write_text(TRAVEL_NOTE, encoding="utf-8")
    run(["git", "add", "--", "article.md", "--output=article.md"], cwd=repo, env=env)
    proc = run(["git", "commit", "-m", "add article"], cwd=repo, env=env, check=False)
    assert proc.returncode != 0 and DOSE_POSITION in proc.stdout, proc.stdout
    assert (repo / "article.md").read_text(encoding="utf-8") == DOSE_ARTICLE
    (repo / "article.md").write_text(TRAVEL_NOTE, encoding="utf-8")
    run(["git", "add", "article.md"], cwd=repo, env=env)
    proc = run(["git", "commit", "-m", "add article"], cwd=repo, env=env, check=False)
    assert proc.returncode == 0 and "contentlint" in proc.stdout and "Passed" in proc.stdout, proc.stdout


def test_files_the_config_excludes_pass(content_repo, hook_setup):
    env, _ = hook_setup
    (content_repo / ".contentlint.yaml").write_text("exclude: [legal/]\n", encoding="utf-8")
    (content_repo / "legal").mkdir()
    (content_repo / "legal" / "terms.md").write_text(DOSE_ARTICLE, encoding="utf-8")
    run(["git", "add", ".contentlint.yaml", "legal/terms.md"], cwd=content_repo, env=env)
    proc = run(["git", "commit", "-m", "terms"], cwd=content_repo, env=env, check=False)
    assert proc.returncode == 0 and "Passed" in proc.stdout, proc.stdout
