"""Baselines (only new findings; fingerprints survive line shifts) and
--diff-base (only findings on changed lines; document-level ones when the file
changed), against a real git repository."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

LEGACY = "# Old post\n\nTake 600 mg daily.\n\nGinger relieves nausea.\n"


def lint_json(run_cli, cwd, *args):
    code, out, err = run_cli("--format", "json", *args, cwd=cwd)
    assert code in (0, 1), err
    return [(d["rule"], d["match"], d["line"]) for d in json.loads(out)]


def test_baseline_hides_known_findings_and_survives_line_shifts(tmp_path, run_cli):
    (tmp_path / "post.md").write_text(LEGACY, encoding="utf-8")
    code, out, _ = run_cli("--write-baseline", "baseline.json", "post.md", cwd=tmp_path)
    assert code == 0 and "Wrote 2 findings" in out
    data = json.loads((tmp_path / "baseline.json").read_text())
    assert {e["path"] for e in data["findings"]} == {"post.md"} and all(len(e["fingerprint"]) == 64 for e in data["findings"])
    assert lint_json(run_cli, tmp_path, "--baseline", "baseline.json", "post.md") == []
    # edits above move every line down; a new dose is new
    (tmp_path / "post.md").write_text("Intro line.\n\nAnother.\n\n" + LEGACY + "\nTake 5 g too.\n", encoding="utf-8")
    assert lint_json(run_cli, tmp_path, "--baseline", "baseline.json", "post.md") == [("no-dose-numbers", "5 g", 11)]
    code, out, _ = run_cli("--baseline", "baseline.json", "post.md", cwd=tmp_path)
    assert "2 known findings hidden by the baseline." in out


def test_baseline_counts_repeats(tmp_path, run_cli):
    (tmp_path / "a.md").write_text("Take 5 g.\n", encoding="utf-8")
    run_cli("--write-baseline", "b.json", "a.md", cwd=tmp_path)
    (tmp_path / "a.md").write_text("Take 5 g.\n\nTake 5 g.\n", encoding="utf-8")
    assert lint_json(run_cli, tmp_path, "--baseline", "b.json", "a.md") == [("no-dose-numbers", "5 g", 3)]


def test_baseline_from_another_folder(tmp_path, run_cli):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "a.md").write_text("Take 5 g.\n", encoding="utf-8")
    run_cli("--write-baseline", "site/b.json", "site/a.md", cwd=tmp_path)
    assert lint_json(run_cli, tmp_path / "site", "--baseline", "b.json", "a.md") == []


def test_bad_baseline_file(tmp_path, run_cli):
    (tmp_path / "b.json").write_text("{}", encoding="utf-8")
    (tmp_path / "a.md").write_text("x\n", encoding="utf-8")
    code, _, err = run_cli("--baseline", "b.json", "a.md", cwd=tmp_path)
    assert code == 2 and "not a contentlint baseline" in err


def git(cwd, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=str(cwd / ".gitconfig-test"))
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=env)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / ".gitconfig-test"))
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "config", "user.email", "t@example.invalid")
    git(tmp_path, "config", "user.name", "t")
    (tmp_path / "old.md").write_text(LEGACY, encoding="utf-8")
    (tmp_path / "clean.md").write_text("A calm walk.\n", encoding="utf-8")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base")
    return tmp_path


def test_diff_base_reports_only_changed_lines(repo, run_cli):
    (repo / "old.md").write_text(LEGACY + "\nTake 2 capsules.\n", encoding="utf-8")
    (repo / "new café.md").write_text("Kratom treats anxiety and pain.\n", encoding="utf-8")
    found = lint_json(run_cli, repo, "--diff-base", "main", ".")
    assert ("no-dose-numbers", "2 capsules", 7) in found
    assert ("no-dose-numbers", "600 mg", 3) not in found
    assert ("claim-needs-citation", "Kratom treats anxiety and pain.", 1) in found
    assert ("medical-disclaimer", "Kratom", 1) in found  # document level: the new file changed
    code, out, _ = run_cli("--diff-base", "main", ".", cwd=repo)
    assert "on unchanged lines not shown" in out


def test_diff_base_unknown_ref(repo, run_cli):
    code, _, err = run_cli("--diff-base", "nope", ".", cwd=repo)
    assert code == 2 and "git" in err and err.count("\n") == 1
