"""Config and rule files written to hang the run or exhaust memory are refused
with one line naming the file (exit 2) or analysed within a fixed budget; the
run's time limit does not cover loading, so each protection is checked by what
it counts (files read, analysis steps), not by a clock."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from assertions import one_line_error

from linter.errors import ConfigError

ROOT = Path(__file__).resolve().parents[1]




# -- (a) configs extending each other: each read once, and a cap ----------------


def diamond(tmp_path: Path, depth: int) -> Path:
    """Configs a<i> and b<i> each extending both a<i+1> and b<i+1>: a chain read
    once per mention is read 2**depth times."""
    for i in range(depth, -1, -1):
        for side in "ab":
            text = "extends: [health]\n" if i == depth else f"extends: [a{i + 1}.yaml, b{i + 1}.yaml]\n"
            (tmp_path / f"{side}{i}.yaml").write_text(text + "ignore: [x]\n", encoding="utf-8")
    return tmp_path / "a0.yaml"


def test_a_web_of_configs_is_read_once_per_file(tmp_path, monkeypatch):
    from ruamel.yaml import YAML

    from linter.config.settings import load_config

    real = YAML.load
    calls = []

    def load(self, stream):
        calls.append(1)
        if len(calls) > 1000:  # far past linear: stop an exponential walk early
            raise RuntimeError("exponential")
        return real(self, stream)

    monkeypatch.setattr(YAML, "load", load)
    top = diamond(tmp_path, 16)  # a0 reaches 33 files
    config = load_config(top)
    assert len(calls) <= 2 * 33  # each file: "is it a config?" and its load
    assert [v.value for v in config.packs] == ["health"]
    assert len(config.chain) == 33


def test_too_many_configs_in_a_chain(tmp_path, run_cli):
    for i in range(80):
        (tmp_path / f"c{i}.yaml").write_text(f"extends: [c{i + 1}.yaml]\n" if i < 79 else "ignore: [x]\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("Take 600 mg.\n", encoding="utf-8")
    code, out, err = run_cli("--no-cache", "--config", "c0.yaml", "a.md", cwd=tmp_path)
    one_line_error(code, out, err, "reaches more than 50 config files")


# -- (b) pattern analysis within a step budget ----------------------------------


def test_pattern_analysis_takes_a_bounded_number_of_steps(monkeypatch):
    from linter.matching import analysis as anchors

    real = anchors._expand
    calls = []

    def counting(*args):
        calls.append(1)
        if len(calls) > 1_000_000:  # 2**30 paths without a budget: stop early
            raise RuntimeError("unbounded")
        return real(*args)

    monkeypatch.setattr(anchors, "_expand", counting)
    words, required, at_start, at_word_start = anchors._analyse("(?:a)?" * 30 + "b", 0)
    assert len(calls) <= 3 * anchors.STEPS
    assert words is None  # unknown: the family is tried at every word


def test_all_pattern_analyses_of_a_process_take_a_bounded_number_of_steps(monkeypatch):
    """A rule file can hold thousands of patterns, each just under the budget of
    one: past ``FREE_STEPS`` each, they draw on one total for the process, and
    once it is spent each stops at ``FREE_STEPS`` with "unknown"."""
    from linter.matching import analysis as anchors

    real = anchors._expand
    calls = []

    def counting(*args):
        calls.append(1)
        return real(*args)

    monkeypatch.setattr(anchors, "_expand", counting)
    monkeypatch.setattr(anchors._Steps, "total_left", 3 * anchors.STEPS)
    results = [anchors._analyse("\\b" + "(?:a)?" * 22 + f"zz{i}", 0) for i in range(40)]
    assert len(calls) <= 4 * anchors.STEPS + 40 * 2 * anchors.FREE_STEPS  # not 40 budgets of one
    assert all(words is None for words, _, _, _ in results[-30:])


def test_a_pattern_past_the_budget_still_matches(tmp_path, run_cli):
    (tmp_path / "r.yaml").write_text(
        "id: opt\nkind: required\nmessage: m\npatterns: ['" + "(?:a)?" * 30 + "b']\n", encoding="utf-8"
    )
    (tmp_path / ".contentlint.yaml").write_text("extends: []\nrule_files: [r.yaml]\n", encoding="utf-8")
    (tmp_path / "has.md").write_text("The word aab is here.\n", encoding="utf-8")
    (tmp_path / "not.md").write_text("Nothing to see.\n", encoding="utf-8")
    code, out, err = run_cli("--no-cache", "--format", "concise", "has.md", "not.md", cwd=tmp_path)
    assert "has.md" not in out and "not.md:1:1" in out, (out, err)


# -- (c) exclude globs: matching linear in the path ------------------------------


def test_exclude_patterns_use_a_linear_time_matcher():
    """Python's backtracking engine takes 30 s a file for ``**/a/**/a/**/zz`` on a
    path 2,000 folders deep; RE2 does not backtrack. The answers are pathspec's."""
    import pathspec

    from linter.config import paths

    paths._spec.cache_clear()
    spec = paths._spec("**/a/**/a/**/zz")
    assert "re2" in type(spec._backend).__module__.lower()
    for pattern in ("drafts/**", "*.md", "/top.md", "a/**/b.md", "!x.md", "**/legacy/", "a[bc]?.md"):
        reference = pathspec.PathSpec.from_lines("gitignore", [pattern], backend="simple")
        for path in ("drafts/x.md", "a/b.md", "a/x/y/b.md", "top.md", "sub/top.md", "legacy/old.md", "x/legacy/o.md", "abz.md"):
            assert paths._spec(pattern).match_file(path) == reference.match_file(path), (pattern, path)


# -- (d) special files and sizes ------------------------------------------------


def run_limited(args, cwd, timeout=120):
    """The CLI in a subprocess with 1 GB of address space: reading /dev/zero to
    the end fails there instead of taking the machine's memory."""

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    proc = subprocess.run(
        [sys.executable, "-m", "linter", "--no-cache", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=limit,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    return proc.returncode, proc.stdout, proc.stderr


@pytest.mark.parametrize(
    "config",
    ["extends: [/dev/zero]\n", "rule_files: [/dev/urandom]\n", "extends: [health, pipe.yaml]\n", "rule_files: [pipe.yaml]\n"],
)
def test_devices_and_fifos_in_a_config_are_refused(tmp_path, config):
    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / ".contentlint.yaml").write_text(config, encoding="utf-8")
    (tmp_path / "a.md").write_text("Take 600 mg.\n", encoding="utf-8")
    code, out, err = run_limited(["a.md"], tmp_path)
    one_line_error(code, out, err, "not a regular file", "refused")


def test_a_huge_rule_file_is_refused_after_reading_the_limit(tmp_path, monkeypatch):
    from linter import yamlfile

    big = tmp_path / "big.yaml"
    big.write_bytes(b"# " + b"x" * (4 * yamlfile.MAX_BYTES + 10) + b"\n")
    with pytest.raises(ConfigError, match="larger than"):
        yamlfile.load_yaml(big)
    read = []
    real = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: read.append(n) or real(fd, n))
    with pytest.raises(ConfigError, match="larger than"):
        yamlfile.read_config_bytes(big)
    assert sum(read) <= 4 * yamlfile.MAX_BYTES + 1


# -- (e) message templates ------------------------------------------------------


@pytest.mark.parametrize("message", ["'{match:>100000000}'", "'x {match!r}'", "'{match:{match}}'"])
def test_message_templates_take_bare_fields_only(tmp_path, run_cli, message):
    (tmp_path / "r.yaml").write_text(
        f"id: big\nkind: pattern\npatterns: [mg]\nmessage: {message}\n", encoding="utf-8"
    )
    (tmp_path / ".contentlint.yaml").write_text("rule_files: [r.yaml]\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("Take 600 mg.\n", encoding="utf-8")
    code, out, err = run_cli("--no-cache", "a.md", cwd=tmp_path)
    one_line_error(code, out, err, "r.yaml:4:10:", "{match}")


def test_message_setting_in_a_config_takes_bare_fields_only(tmp_path, run_cli):
    (tmp_path / ".contentlint.yaml").write_text(
        "rules:\n  no-dose-numbers:\n    message: '{match:>99999999}'\n", encoding="utf-8"
    )
    (tmp_path / "a.md").write_text("Take 600 mg.\n", encoding="utf-8")
    code, out, err = run_cli("--no-cache", "a.md", cwd=tmp_path)
    one_line_error(code, out, err, ".contentlint.yaml:3:14:")


# -- item 16: loops and deep TOML -----------------------------------------------


@pytest.mark.parametrize("key", ["extends", "rule_files"])
def test_a_symlink_loop_in_a_config_is_one_line(tmp_path, run_cli, key):
    os.symlink("loop2.yaml", tmp_path / "loop1.yaml")
    os.symlink("loop1.yaml", tmp_path / "loop2.yaml")
    (tmp_path / ".contentlint.yaml").write_text(f"{key}: [loop1.yaml]\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("Take 600 mg.\n", encoding="utf-8")
    code, out, err = run_cli("--no-cache", "a.md", cwd=tmp_path)
    one_line_error(code, out, err, ".contentlint.yaml:1:", "symbolic link loop")


def test_a_deeply_nested_pyproject_is_one_line(tmp_path, run_cli):
    (tmp_path / "pyproject.toml").write_text(
        "[tool.contentlint]\nignore = ['x']\nx = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8"
    )
    (tmp_path / "a.md").write_text("Take 600 mg.\n", encoding="utf-8")
    code, out, err = run_cli("--no-cache", "a.md", cwd=tmp_path)
    one_line_error(code, out, err, "pyproject.toml", "nested too deeply")


def test_a_deeply_nested_pyproject_inside_strings_is_one_line(tmp_path, run_cli):
    """Brackets the pre-check cannot see (it counts inside strings too, which only
    makes it stricter); tomllib's own recursion is caught as well."""
    deep = "x = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n"
    (tmp_path / "pyproject.toml").write_text("[tool.contentlint]\n" + deep, encoding="utf-8")
    (tmp_path / "a.md").write_text("Take 600 mg.\n", encoding="utf-8")
    code, out, err = run_cli("--no-cache", "a.md", cwd=tmp_path)
    one_line_error(code, out, err, "pyproject.toml", "nested too deeply")


def test_a_fifo_in_a_linted_folder_does_not_block(tmp_path):
    os.mkfifo(tmp_path / "trap.md")
    (tmp_path / "a.md").write_text("Take 600 mg.\n", encoding="utf-8")
    # without the fix the run waits for a writer for ever: the timeout only keeps
    # a regression from hanging the suite
    code, out, err = run_limited(["--format", "concise", "."], tmp_path, timeout=60)
    assert code == 2
    assert err.strip().splitlines() == ["trap.md: error: not a regular file (a FIFO)"]
    assert "a.md:1:6: error no-dose-numbers" in out


# -- item 9: writes do not follow symlinks planted in the tree -------------------


def test_a_committed_cache_link_is_not_written_through(tmp_path, run_cli, monkeypatch):
    monkeypatch.delenv("CONTENTLINT_CACHE_DIR", raising=False)
    tree, outside = tmp_path / "tree", tmp_path / "outside"
    tree.mkdir()
    outside.mkdir()
    os.symlink("../outside", tree / ".contentlint_cache")
    (tree / "a.md").write_text("Take 600 mg.\n", encoding="utf-8")
    code, out, err = run_cli("--jobs", "1", "--format", "concise", "a.md", cwd=tree)
    assert code == 1 and "a.md:1:6: error no-dose-numbers" in out
    assert list(outside.iterdir()) == []
    (line,) = err.strip().splitlines()
    assert line.startswith("warning: ") and line.endswith(
        ".contentlint_cache is a symbolic link; the cache is not written through it"
    )


def test_a_link_inside_the_cache_folder_is_not_written_through(tmp_path, run_cli, monkeypatch):
    monkeypatch.delenv("CONTENTLINT_CACHE_DIR", raising=False)
    tree, outside = tmp_path / "tree", tmp_path / "outside"
    tree.mkdir()
    outside.mkdir()
    (tree / ".contentlint_cache").mkdir()
    for kind in ("results", "bundle", "yaml", "regex", "anchors", "trie"):
        os.symlink("../../outside", tree / ".contentlint_cache" / kind)
    (tree / "a.md").write_text("Take 600 mg.\n", encoding="utf-8")
    code, out, err = run_cli("--jobs", "1", "--format", "concise", "a.md", cwd=tree)
    assert code == 1 and "a.md:1:6: error no-dose-numbers" in out
    assert list(outside.iterdir()) == []


@pytest.mark.parametrize("option", ["--output", "--write-baseline"])
def test_output_and_baseline_refuse_a_symlink(tmp_path, run_cli, option):
    victim = tmp_path / "victim.md"
    victim.write_text("Precious words.\n", encoding="utf-8")
    os.symlink("victim.md", tmp_path / "report.json")
    (tmp_path / "a.md").write_text("Take 600 mg.\n", encoding="utf-8")
    code, out, err = run_cli("--no-cache", option, "report.json", "a.md", cwd=tmp_path)
    one_line_error(code, out, err, f"{option} report.json is a symbolic link")
    assert victim.read_text(encoding="utf-8") == "Precious words.\n"
    assert os.path.islink(tmp_path / "report.json")


def test_output_to_the_process_own_stream_links_still_works(tmp_path, run_cli):
    from linter.safeio import open_for_writing

    with open_for_writing("/dev/null", "--output") as fh:  # a device, not a link: fine
        fh.write("x")
    if os.path.islink("/dev/stderr"):
        with open_for_writing("/dev/stderr", "--output") as fh:
            fh.write("")


# -- item 14: errors about a file quote its keys and positions, not its values ----


@pytest.mark.parametrize(
    "secret_text",
    [
        "token: hunter2-secret\ntoken: other-secret\n",  # duplicate key
        "extends: hunter2-secret\nselect: 12345678\nmin_severity: true\nrule_files: 31337\n",
        "rules:\n  - id: Hunter2-Secret\n    kind: nosuch\n",
    ],
)
def test_errors_do_not_quote_values_of_a_file_outside_the_tree(tmp_path, run_cli, secret_text):
    outside, tree = tmp_path / "home", tmp_path / "tree"
    outside.mkdir()
    tree.mkdir()
    (outside / "secrets.yaml").write_text(secret_text, encoding="utf-8")
    (tree / ".contentlint.yaml").write_text("extends: [health, ../home/secrets.yaml]\n", encoding="utf-8")
    (tree / "a.md").write_text("Take 600 mg.\n", encoding="utf-8")
    code, out, err = run_cli("--no-cache", "a.md", cwd=tree)
    assert code == 2 and "secrets.yaml:" in err, err
    for word in ("hunter2", "Hunter2", "secret", "12345678", "31337"):
        assert word not in err.replace("secrets.yaml", ""), err


@pytest.mark.parametrize("special", ["loop", "fifo"])
def test_a_symlink_loop_or_fifo_in_a_rule_folder_is_one_line(tmp_path, special):
    (tmp_path / "house").mkdir()
    if special == "loop":
        os.symlink("l2.yaml", tmp_path / "house" / "l1.yaml")
        os.symlink("l1.yaml", tmp_path / "house" / "l2.yaml")
        words = ["l1.yaml", "cannot read"]
    else:
        os.mkfifo(tmp_path / "house" / "p.yaml")
        words = ["house/p.yaml: not a regular file (a FIFO); refused"]
    (tmp_path / ".contentlint.yaml").write_text("rule_files: [house]\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("Take 600 mg.\n", encoding="utf-8")
    code, out, err = run_limited(["a.md"], tmp_path, timeout=60)
    one_line_error(code, out, err, *words)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_model_option_naming_a_fifo_or_a_device_is_refused_without_blocking(tmp_path, run_cli):
    """The claim rule's model file is read as rule files are: a regular file only,
    opened without blocking (a FIFO or /proc/kmsg there hung the run)."""
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "a.md").write_text("Kratom cures anxiety.\n", encoding="utf-8")
    for target, kind in (("fifo", "a FIFO"), ("/dev/zero", "a character device")):
        (tmp_path / ".contentlint.yaml").write_text(f"rules:\n  claim-needs-citation: {{model: {target}}}\n", encoding="utf-8")
        code, out, err = run_cli("--no-cache", "a.md", cwd=tmp_path)
        assert code == 2 and "Traceback" not in err and f"not a regular file ({kind})" in err, err


def test_a_front_matter_value_made_huge_by_aliases_is_named_in_a_short_message(tmp_path, run_cli):
    """YAML aliases make 20 KB of front matter a structure whose text runs to a
    gigabyte; a value the rule reports is shown in a bounded form."""
    (tmp_path / "r.yaml").write_text("id: meta\nkind: front-matter\nseverity: error\nmessage: '{problem}'\n"
                                     "allowed: {category: [a]}\nmax_age_days: {when: 30}\n"
                                     "required_if: [{key: reviewer, when: tags, contains: health}]\n", encoding="utf-8")
    (tmp_path / ".contentlint.yaml").write_text("extends: []\nrule_files: [r.yaml]\n", encoding="utf-8")
    lines = ["---", "s: &s " + "x" * 50000, "l1: &l1 [" + ", ".join(["*s"] * 40) + "]",
             "l2: &l2 [" + ", ".join(["*l1"] * 40) + "]", "l3: &l3 [" + ", ".join(["*l2"] * 40) + "]",
             "category: [*l3]", "tags: *l2", "when: *l2", "---", "Text."]
    (tmp_path / "a.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run_cli("--no-cache", "--format", "json", "a.md", cwd=tmp_path)
    assert code == 1, err
    found = {f["message"][:10]: f["message"] for f in json.loads(out)}
    assert sorted(found) == ["'category'", "'when' is "], found
    assert found["'category'"].startswith("'category' has [[[") and len(found["'category'"]) < 300


def test_front_matter_that_takes_too_long_to_read_is_named_and_the_body_is_still_linted(tmp_path, run_cli):
    """ruamel.yaml reads some 20-50 KB of YAML a second: a crafted article's big
    front matter is read under the rules' time limit (--timeout), not without one,
    and past it counts as unreadable, while the body is linted as usual. The limit
    here is far below what 150,000 list items (under the 1 MB size limit) take to
    parse on any machine."""
    lines = ["---", "title: Big", "items:", *("  - a" for _ in range(150_000)), "---", "",
             "Take 500 mg of ginger daily for nausea.", ""]
    (tmp_path / "a.md").write_text("\n".join(lines), encoding="utf-8")
    code, out, err = run_cli("--no-cache", "--timeout", "0.2", "--format", "json", "a.md", cwd=tmp_path)
    assert code == 1 and "Traceback" not in err, err
    got = {(f["rule"], f["line"]) for f in json.loads(out)}
    assert ("front-matter-syntax", 1) in got and ("no-dose-numbers", 150_006) in got, got
    message = next(f["message"] for f in json.loads(out) if f["rule"] == "front-matter-syntax")
    assert message == "Front matter not read: reading it took more than 0.2 s of CPU time"
