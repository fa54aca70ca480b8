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


def test_baseline_with_a_document_level_finding_loads(tmp_path, run_cli):
    # a missing disclaimer is fingerprinted without its text; the baseline just
    # written must load and hide it, also after the first sentence is edited
    (tmp_path / "k.md").write_text("Kratom cures anxiety.\n", encoding="utf-8")
    code, out, err = run_cli("--write-baseline", "b.json", "k.md", cwd=tmp_path)
    assert code == 0, err
    assert "medical-disclaimer" in {e["rule"] for e in json.loads((tmp_path / "b.json").read_text())["findings"]}
    assert lint_json(run_cli, tmp_path, "--baseline", "b.json", "k.md") == []
    (tmp_path / "k.md").write_text("Kratom truly cures anxiety.\n", encoding="utf-8")
    assert [r for r, _, _ in lint_json(run_cli, tmp_path, "--baseline", "b.json", "k.md")] == ["claim-needs-citation"]


def test_fix_leaves_what_the_baseline_hides(tmp_path, run_cli):
    """--fix with --baseline fixes the new findings only: a legacy article the
    baseline records is not rewritten, so its entries keep matching."""
    legacy = "# Kratom\n\nKratom cures anxiety.\n"
    (tmp_path / "old.md").write_text(legacy, encoding="utf-8")
    run_cli("--write-baseline", "b.json", "old.md", cwd=tmp_path)
    (tmp_path / "new.md").write_text("# Kratom tea\n\nKratom tea cures anxiety.\n", encoding="utf-8")
    code, out, _ = run_cli("--baseline", "b.json", "--diff", "old.md", "new.md", cwd=tmp_path)
    assert code == 1 and "+++ b/new.md" in out and "old.md" not in out
    run_cli("--baseline", "b.json", "--fix", "old.md", "new.md", cwd=tmp_path)
    assert (tmp_path / "old.md").read_text(encoding="utf-8") == legacy
    assert "not medical advice" in (tmp_path / "new.md").read_text(encoding="utf-8")
    assert lint_json(run_cli, tmp_path, "--baseline", "b.json", "old.md") == []


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
    assert ("medical-disclaimer", "Kratom treats anxiety and pain.", 1) in found  # document level, at its first line: the new file changed
    code, out, _ = run_cli("--diff-base", "main", ".", cwd=repo)
    assert "on unchanged lines not shown" in out


def test_diff_base_unknown_ref(repo, run_cli):
    code, _, err = run_cli("--diff-base", "nope", ".", cwd=repo)
    assert code == 2 and err == "contentlint: --diff-base: 'nope' is not a commit of this git repository\n"


# Names git prints quoted ("b/quo\"te.md", octal for non-ASCII bytes) or with a
# trailing tab (a space), and one that is not UTF-8.
AWKWARD_NAMES = [
    "with space.md",
    'quo"te.md',
    "ta\tb.md",
    "back\\slash.md",
    "new\nline.md",
    "café ü.md",
    " lead and trail .md",
    os.fsdecode(b"latin-\xe9.md"),
    "plain.md",
]
DOSE_BASE = "# T\n\nTake 600 mg daily.\n"


def test_diff_base_with_awkward_file_names(tmp_path, run_cli, monkeypatch):
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / ".gitconfig-test"))
    git(tmp_path, "init", "-q", "-b", "main")
    # settings a user may have that change how git prints a patch
    for key, value in (("user.email", "t@example.invalid"), ("user.name", "t"), ("diff.noprefix", "true"),
                       ("diff.mnemonicPrefix", "true"), ("color.diff", "always"), ("core.quotepath", "true")):
        git(tmp_path, "config", key, value)
    for name in AWKWARD_NAMES:
        (tmp_path / name).write_text(DOSE_BASE, encoding="utf-8")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "base")
    for name in AWKWARD_NAMES:
        with open(tmp_path / name, "a", encoding="utf-8") as f:
            f.write("\nTake 2 capsules.\n")
    from linter.gitdiff import ChangedLines

    assert ChangedLines("main", tmp_path).lines == {name: {4, 5} for name in AWKWARD_NAMES}
    utf8 = [n for n in AWKWARD_NAMES if n.isprintable() or "\udce9" not in n]
    code, out, err = run_cli("--no-cache", "--format", "json", "--diff-base", "main", *utf8, cwd=tmp_path)
    assert code == 1, err
    found = sorted((d["path"], d["match"], d["line"]) for d in json.loads(out))
    assert found == sorted((name, "2 capsules", 5) for name in utf8)


def test_diff_base_added_line_that_looks_like_a_header(repo, run_cli):
    """An added line reading '++ b/clean.md' shows as '+++ b/clean.md' in the
    patch: it is content, counted by its hunk, not a file header (which would
    give old.md's next hunk to clean.md)."""
    (repo / "old.md").write_text("++ b/clean.md\n" + LEGACY + "\nTake 2 capsules.\n", encoding="utf-8")
    found = lint_json(run_cli, repo, "--no-cache", "--diff-base", "main", ".")
    assert ("no-dose-numbers", "2 capsules", 8) in found
    assert ("no-dose-numbers", "600 mg", 4) not in found


def test_unquote_matches_git_quoting():
    from linter.gitdiff import unquote

    assert unquote(b'"b/quo\\"te.md"') == b'b/quo"te.md'
    assert unquote(b'"b/ta\\tb\\\\c\\n.md"') == b"b/ta\tb\\c\n.md"
    assert unquote(b'"b/caf\\303\\251.md"') == "b/café.md".encode()
    assert unquote(b"b/with space.md\t") == b"b/with space.md"
    assert unquote(b"b/plain.md") == b"b/plain.md"


def test_fix_with_diff_base_changes_only_changed_lines(repo, run_cli):
    """--fix with --diff-base fixes what it reports: findings on changed lines."""
    (repo / "house").mkdir()
    (repo / "house" / "style.yaml").write_text("id: house\nkind: substitution\nseverity: warning\n"
                                               "message: \"Use '{replacement}'.\"\nswap: {utilise: use}\n", encoding="utf-8")
    (repo / ".contentlint.yaml").write_text("rule_files: [house]\n", encoding="utf-8")
    (repo / "old.md").write_text("We utilise it.\n\n" + LEGACY, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "a house rule")
    (repo / "old.md").write_text("We utilise it.\n\n" + LEGACY + "\nWe utilise it too.\n", encoding="utf-8")
    code, _, err = run_cli("--diff-base", "main", "--fix", "old.md", cwd=repo)
    assert code == 0, err  # what is left is on unchanged lines: not reported
    text = (repo / "old.md").read_text(encoding="utf-8")
    assert text.startswith("We utilise it.\n") and text.endswith("\nWe use it too.\n")


def test_diff_base_lints_a_file_outside_the_repository_in_full(repo, run_cli, tmp_path_factory):
    """A file outside the repository has no unchanged lines: its findings are
    all reported."""
    outside = tmp_path_factory.mktemp("outside") / "a.md"
    outside.write_text(LEGACY, encoding="utf-8")
    found = lint_json(run_cli, repo, "--diff-base", "main", str(outside))
    assert ("no-dose-numbers", "600 mg", 3) in found


def test_fix_with_diff_base_follows_lines_a_fix_moves(repo, run_cli):
    """A fix that adds lines moves the findings after it; they are judged by the
    line they were on in the file: an unchanged line stays as it is, whatever
    line number it has once the first fix is made."""
    (repo / "house").mkdir()
    (repo / "house" / "style.yaml").write_text(
        "id: house\nkind: substitution\nseverity: warning\nmessage: \"Use '{replacement}'.\"\n"
        "swap: {'FOOX': \"foo\\nbar\\nbaz\", utilise: use}\n", encoding="utf-8")
    (repo / ".contentlint.yaml").write_text("rule_files: [house]\n", encoding="utf-8")
    (repo / "s.md").write_text("A calm line.\n\nline two utilise\n\nline four\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "a house rule")
    (repo / "s.md").write_text("A calm FOOX.\n\nline two utilise\n\nline four utilise\n", encoding="utf-8")
    code, out, err = run_cli("--diff-base", "main", "--format", "json", "s.md", cwd=repo)
    assert [(d["match"], d["line"]) for d in json.loads(out)] == [("FOOX", 1), ("utilise", 5)], err
    code, _, err = run_cli("--diff-base", "main", "--fix", "s.md", cwd=repo)
    assert code == 0, err
    assert (repo / "s.md").read_text(encoding="utf-8") == "A calm Foo\nbar\nbaz.\n\nline two utilise\n\nline four use\n"


def test_diff_base_reads_lines_of_files_marked_binary(repo, run_cli):
    """A .gitattributes that marks Markdown as binary ("-diff") does not make its
    changed lines unchanged: git is asked for the lines as text."""
    (repo / ".gitattributes").write_text("*.md -diff\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "markdown as binary")
    (repo / "old.md").write_text(LEGACY + "\nTake 2 capsules.\n", encoding="utf-8")
    found = lint_json(run_cli, repo, "--diff-base", "main", ".")
    assert ("no-dose-numbers", "2 capsules", 7) in found and ("no-dose-numbers", "600 mg", 3) not in found
