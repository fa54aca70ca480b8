"""The command as users and other tools meet it: output shapes, exit codes, files
that cannot be linted, stdin, folders, config discovery, `rules`."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from e2e_support import run_on_a_terminal

ROOT = Path(__file__).resolve().parents[1]
DOSE = "Take 600 mg of magnesium daily.\n"
CLEAN = "# Lisbon\n\nA walk along the river at dawn, then coffee.\n"


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_text_output_and_exit_1(tmp_path, run_cli):
    write(tmp_path / "a.md", DOSE)
    code, out, err = run_cli("a.md", cwd=tmp_path)
    assert code == 1, err
    first = out.splitlines()[0]
    assert first.startswith("a.md:1:6: error no-dose-numbers Specific dose '600 mg'")
    assert out.splitlines()[-1].startswith("Found 1 problem (1 error) in 1 of 1 file")


def test_clean_file_exits_0(tmp_path, run_cli):
    write(tmp_path / "a.md", CLEAN)
    code, out, _ = run_cli("a.md", cwd=tmp_path)
    assert code == 0
    assert out.strip() == "No problems found in 1 file."


def test_json_keys_are_stable(tmp_path, run_cli):
    write(tmp_path / "a.md", "Intro.\r\n\r\nTake **600** mg.\r\n")
    code, out, _ = run_cli("--format", "json", "a.md", cwd=tmp_path)
    assert code == 1
    data = json.loads(out)
    dose = [d for d in data if d["rule"] == "no-dose-numbers"]
    assert dose == [
        {
            "path": "a.md",
            "line": 3,
            "column": 8,
            "end_line": 3,
            "end_column": 16,
            "rule": "no-dose-numbers",
            "severity": "error",
            "message": dose[0]["message"],
            "match": "600** mg",
        }
    ]
    assert {"path", "line", "column", "end_line", "end_column", "rule", "severity", "message", "match"} <= set(data[0])


def test_warning_only_exits_0(tmp_path, run_cli):
    write(tmp_path / ".contentlint.yaml", "rules:\n  no-dose-numbers: {severity: warning}\n")
    write(tmp_path / "a.md", DOSE)
    code, out, _ = run_cli("a.md", cwd=tmp_path)
    assert code == 0
    assert "warning no-dose-numbers" in out


def test_disabled_rule_and_exclude(tmp_path, run_cli):
    write(tmp_path / ".contentlint.yaml", "rules:\n  no-dose-numbers: {enabled: false}\nexclude: ['drafts/**']\n")
    write(tmp_path / "a.md", DOSE)
    write(tmp_path / "drafts" / "b.md", DOSE)
    code, out, _ = run_cli(".", cwd=tmp_path)
    assert code == 0
    assert "1 file" in out


def test_folders_are_walked_for_markdown_only(tmp_path, run_cli):
    write(tmp_path / "docs" / "a.md", DOSE)
    write(tmp_path / "docs" / "deep" / "b.markdown", DOSE)
    write(tmp_path / "docs" / "c.txt", DOSE)
    write(tmp_path / "docs" / ".hidden" / "d.md", DOSE)
    code, out, _ = run_cli("--format", "json", "docs", cwd=tmp_path)
    paths = sorted({d["path"] for d in json.loads(out)})
    assert paths == [os.path.join("docs", "a.md"), os.path.join("docs", "deep", "b.markdown")]


def test_stdin_with_filename(tmp_path, run_cli):
    code, out, _ = run_cli("--stdin-filename", "post.md", "-", cwd=tmp_path, stdin=DOSE.encode())
    assert code == 1
    assert out.startswith("post.md:1:6: error no-dose-numbers")


@pytest.mark.parametrize(
    "data, words",
    [
        (b"\x00\x01binary", "binary file"),
        (b"caf\xe9 au lait\n", "not valid utf-8"),
        ("UTF-16 text\n".encode("utf-16"), "UTF-16 text (it starts with a byte-order mark); pass --encoding utf-16"),
    ],
)
def test_unreadable_files_are_reported_and_others_still_linted(tmp_path, run_cli, data, words):
    write(tmp_path / "bad.md", data)
    write(tmp_path / "good.md", DOSE)
    code, out, err = run_cli("bad.md", "good.md", cwd=tmp_path)
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("bad.md: error:") and words in err
    assert "good.md:1:6: error no-dose-numbers" in out


def test_missing_path_is_an_error_but_others_are_linted(tmp_path, run_cli):
    write(tmp_path / "good.md", DOSE)
    code, out, err = run_cli("nope.md", "good.md", cwd=tmp_path)
    assert code == 2
    assert "nope.md: no such file" in err
    assert "good.md:1:6" in out


def test_latin1_with_encoding_option(tmp_path, run_cli):
    write(tmp_path / "a.md", "Caf\xe9: take 2 g.\n".encode("latin-1"))
    code, out, _ = run_cli("--encoding", "latin-1", "a.md", cwd=tmp_path)
    assert code == 1 and "a.md:1:12:" in out


def test_excerpt_and_caret_on_a_terminal(tmp_path, run_cli, monkeypatch):
    write(tmp_path / "a.md", "Intro.\n\nNow\tTake **600** mg now.\n")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    code, out, _ = run_cli("--color", "never", "a.md", cwd=tmp_path)
    lines = out.splitlines()
    i = next(n for n, line in enumerate(lines) if line.startswith("a.md:3:12:"))
    assert lines[i + 1] == "    3 | Now Take **600** mg now."
    # caret under "600** mg": the tab shows as four spaces
    caret_line = lines[i + 2]
    assert caret_line == "      | " + " " * len("Now Take **") + "^~~~~~~~"


def test_no_color_env_and_no_excerpt_when_piped(tmp_path):
    write(tmp_path / "a.md", DOSE)
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-m", "linter", "a.md"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.startswith("a.md:1:6: error no-dose-numbers")
    assert "\033[" not in proc.stdout and " | " not in proc.stdout


def _run_in_a_terminal(args, cwd, env) -> tuple[int, str]:
    """Run the CLI with a real pseudo-terminal as its standard output and error
    (what a user's terminal is: isatty() is true, as for any terminal program)."""
    code, _, shown = run_on_a_terminal(args, cwd, env, timeout=60)
    return code, shown.replace("\r\n", "\n")


def test_colour_on_a_real_terminal(tmp_path):
    """On a terminal the location is bold, the severity and caret coloured: real
    escape sequences, never escapes of them ('\\x1b[1m') printed as text. Article
    text still cannot send its own escape sequences to the terminal."""
    write(tmp_path / "a.md", "Intro.\n\nTake 600 mg daily. \x1b]0;title\x07\n")
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env.update(PYTHONPATH=str(ROOT), TERM="xterm-256color")
    code, out = _run_in_a_terminal(["--no-cache", "a.md"], tmp_path, env)
    assert code == 1, out
    assert "\\x1b[" not in out and "\\033" not in out, out
    first = out.splitlines()[0]
    assert first.startswith("\x1b[1ma.md:3:6:\x1b[0m \x1b[31merror\x1b[0m no-dose-numbers"), repr(first)
    assert "    3 | Take 600 mg daily. \\x1b]0;title\\x07" in out  # the article's escape, shown, not sent
    assert "\x1b]" not in out
    assert "\x1b[31m^~~~~~\x1b[0m" in out  # the caret under '600 mg'
    # --color never on the same terminal: plain text, the excerpt kept
    code, out = _run_in_a_terminal(["--no-cache", "--color", "never", "a.md"], tmp_path, env)
    assert out.startswith("a.md:3:6: error no-dose-numbers") and "\x1b[" not in out and "    3 | " in out


def test_rules_lists_builtin_pack(run_cli, tmp_path):
    code, out, _ = run_cli("rules", cwd=tmp_path)
    assert code == 0
    for rid in ("claim-needs-citation", "no-dose-numbers", "medical-disclaimer"):
        line = next(line for line in out.splitlines() if line.startswith(rid))
        assert f"builtin:health/{rid}.yaml" in line
    assert "quantity" in out and "error" in out


def test_explain(run_cli, tmp_path):
    code, out, _ = run_cli("explain", "no-dose-numbers", cwd=tmp_path)
    assert code == 0 and "Gives a finding" in out and "1-2 grams" in out
    code, _, err = run_cli("explain", "no-dose-number", cwd=tmp_path)
    assert code == 2 and "did you mean 'no-dose-numbers'" in err
    # the findings contentlint reports itself are explained too
    from linter.findings import BUILTIN_IDS

    for name in BUILTIN_IDS:
        code, out, err = run_cli("explain", name, cwd=tmp_path)
        assert code == 0 and out.startswith(f"{name} (") and "contentlint itself" in out, err
    code, _, err = run_cli("explain", "unused-supression", cwd=tmp_path)
    assert code == 2 and "did you mean 'unused-suppression'" in err


def test_a_description_keeps_its_paragraphs_and_list_items(run_cli, tmp_path):
    """explain, SARIF and the HTML report show a rule's description as laid out:
    paragraphs and list items on lines of their own, hard-wrapped lines joined."""
    import json

    write(tmp_path / "r.yaml", "id: house\nkind: pattern\nmessage: 'no {match}'\nterms: [miracle]\n"
          "description: |\n  Why: legal says, e.g.\n  so.\n\n  How to fix:\n  - remove the phrase\n  - or cite a study\n")
    write(tmp_path / ".contentlint.yaml", "extends: []\nrule_files: [r.yaml]\n")
    write(tmp_path / "a.md", "A miracle.\n")
    laid_out = "Why: legal says, e.g. so.\n\nHow to fix:\n- remove the phrase\n- or cite a study"
    code, out, _ = run_cli("explain", "house", cwd=tmp_path)
    assert code == 0 and laid_out in out
    _, out, _ = run_cli("--format", "sarif", "a.md", cwd=tmp_path)
    rule = json.loads(out)["runs"][0]["tool"]["driver"]["rules"][0]
    assert rule["fullDescription"]["text"] == laid_out and rule["shortDescription"]["text"] == "Why: legal says, e.g. so."
    assert "How to fix\\:\\\n\\- remove the phrase\\\n\\- or cite a study" in rule["help"]["markdown"]
    _, page, _ = run_cli("--format", "html", "a.md", cwd=tmp_path)
    assert '<td class="desc">' + laid_out.replace("\n", "\n") in page


def test_usage_error_exits_2(run_cli, tmp_path):
    with pytest.raises(SystemExit) as info:
        run_cli("--format", "xml", cwd=tmp_path)
    assert info.value.code == 2


def test_config_found_upward(tmp_path, run_cli):
    write(tmp_path / ".contentlint.yaml", "rules:\n  no-dose-numbers: {severity: info}\n")
    sub = tmp_path / "a" / "b"
    write(sub / "x.md", DOSE)
    code, out, _ = run_cli("x.md", cwd=sub)
    assert code == 0 and "info no-dose-numbers" in out


def test_python_dash_m_and_seeds():
    proc = subprocess.run(
        [sys.executable, "-m", "linter", "--format", "json", "seeds"], cwd=ROOT, capture_output=True, text=True
    )
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    rules = {d["rule"] for d in data}
    assert rules == {"claim-needs-citation", "no-dose-numbers", "medical-disclaimer"}
    doses = [(Path(d["path"]).name, d["match"]) for d in data if d["rule"] == "no-dose-numbers"]
    assert doses == [("kratom-depression.md", "1-2 grams"), ("kratom-depression.md", "5-10 grams")]
    disclaimers = {Path(d["path"]).name for d in data if d["rule"] == "medical-disclaimer"}
    assert len(disclaimers) == 5


def test_file_name_with_a_leading_dash(tmp_path, run_cli):
    write(tmp_path / "-draft.md", DOSE)
    code, out, err = run_cli("-draft.md", cwd=tmp_path)
    assert code == 1, err
    assert out.startswith("-draft.md:1:6:")


def test_summary_says_what_could_not_be_linted(tmp_path, run_cli):
    """A run that could not lint a file never reads as a clean one: the summary
    leads with what failed, then counts only the files linted."""
    write(tmp_path / "bad.md", b"\x00")
    write(tmp_path / "good.md", CLEAN)
    write(tmp_path / "dose.md", DOSE)
    code, out, _ = run_cli("--no-cache", "bad.md", "good.md", cwd=tmp_path)
    assert code == 2
    assert out.strip() == "1 file could not be linted (errors above); no problems found in 1 linted file."
    code, out, _ = run_cli("--no-cache", "bad.md", "missing.md", "good.md", "dose.md", cwd=tmp_path)
    assert code == 2
    assert out.splitlines()[-1] == "2 files could not be linted (errors above); found 1 problem (1 error) in 1 of 2 linted files."
    code, out, _ = run_cli("--no-cache", "bad.md", cwd=tmp_path)
    assert code == 2 and out.strip() == "No files linted: 1 file could not be linted (errors above)."
    code, out, _ = run_cli("--no-cache", "--statistics", "bad.md", "dose.md", cwd=tmp_path)
    assert code == 2 and out.splitlines()[-1].startswith("1 file could not be linted (errors above); found 1 problem")


def test_a_rule_stopped_by_the_time_limit_is_in_the_summary(tmp_path, run_cli):
    write(tmp_path / "rules" / "slow.yaml", "id: slow\nkind: pattern\nmessage: m\npatterns: ['(a+)+$']\n")
    write(tmp_path / ".contentlint.yaml", "rule_files: [rules]\n")
    write(tmp_path / "a.md", "a" * 40 + "!\n")
    code, out, err = run_cli("--no-cache", "--timeout", "0.2", "a.md", cwd=tmp_path)
    assert code == 2 and "rule 'slow' stopped after 0.2 s" in err
    assert out.strip() == "1 file linted only in part (a rule was stopped) (errors above); no problems found in 1 linted file."


def test_a_folder_with_no_markdown(tmp_path, run_cli):
    """Nothing to lint is usually a wrong path: exit 2 with a line on stderr,
    unless --allow-empty. Files named on the command line that the config
    excludes (what pre-commit passes) are the config's decision: exit 0."""
    (tmp_path / "empty").mkdir()
    write(tmp_path / "empty" / "notes.txt", DOSE)
    code, out, err = run_cli("--no-cache", "empty", cwd=tmp_path)
    assert (code, out, err) == (
        2, "No files linted: no Markdown files found.\n", "contentlint: no Markdown files to lint in 'empty'; --allow-empty accepts that\n"
    )
    code, out, err = run_cli("--no-cache", "--allow-empty", "empty", cwd=tmp_path)
    assert (code, out, err) == (0, "No files linted: no Markdown files found.\n", "")
    code, out, err = run_cli("--no-cache", "--format", "json", "empty", cwd=tmp_path)
    assert (code, out) == (2, "[]\n") and "no Markdown files to lint" in err
    # an exclude that takes everything
    write(tmp_path / "site" / ".contentlint.yaml", "exclude: ['*.md']\n")
    write(tmp_path / "site" / "a.md", DOSE)
    write(tmp_path / "site" / "b.md", DOSE)
    code, out, err = run_cli("--no-cache", ".", cwd=tmp_path / "site")
    assert code == 2 and out == "No files linted: 2 files excluded by the config.\n"
    assert err == "contentlint: no Markdown files to lint in '.' (2 files excluded by the config); --allow-empty accepts that\n"
    code, out, err = run_cli("--no-cache", "a.md", "b.md", cwd=tmp_path / "site")
    assert (code, out, err) == (0, "No files linted: 2 files excluded by the config.\n", "")
    # no baseline is written from an empty run over one that exists
    write(tmp_path / "base.json", "{}")
    code, out, err = run_cli("--no-cache", "--write-baseline", "base.json", "empty", cwd=tmp_path)
    assert code == 2 and (tmp_path / "base.json").read_text() == "{}"


def test_long_lines_are_cut_to_a_window_around_the_match():
    from linter.findings import Finding
    from linter.reporters.text import WIDTH, excerpt
    from linter.source import Source

    text = "word " * 100 + "take 600 mg now " + "more " * 100
    src = Source.from_text("a.md", text)
    start = text.index("600 mg")
    f = Finding.at(src, "r", "error", "m", start, start + 6)
    shown, caret = excerpt(src, f, color=False).splitlines()
    assert len(shown) < WIDTH + 20 and shown.startswith("    1 | …") and shown.endswith("…")
    assert shown[caret.index("^") : caret.index("^") + 6] == "600 mg"


def test_control_characters_from_articles_are_escaped(tmp_path, run_cli, monkeypatch):
    (tmp_path / ".contentlint.yaml").write_text(
        "rule_files: [r.yaml]\n", encoding="utf-8"
    )
    (tmp_path / "r.yaml").write_text("id: t\nkind: pattern\nmessage: \"'{match}'\"\npatterns: ['X\\S*']\n", encoding="utf-8")
    write(tmp_path / "a.md", "Take X\x1b]0;pwned\x07 and X\u202e now.\n")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    code, out, _ = run_cli("--color", "never", "a.md", cwd=tmp_path)
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "\\x1b]0;pwned\\x07" in out and "\\u202e" in out
    code, out, _ = run_cli("--format", "concise", "a.md", cwd=tmp_path)
    assert "\x1b" not in out and "\\x1b" in out


def test_unknown_encoding_is_a_usage_error(tmp_path, run_cli):
    write(tmp_path / "a.md", DOSE)
    code, _, err = run_cli("--encoding", "nope", "a.md", cwd=tmp_path)
    assert code == 2 and err.strip() == "contentlint: unknown encoding 'nope' (--encoding)"


def test_a_reader_that_goes_away_is_not_an_internal_error(tmp_path):
    """`contentlint . | head -1`: the pipe closes while findings are still being
    written; the run stops quietly (no 'internal error', no traceback)."""
    for i in range(60):
        (tmp_path / f"a{i:02d}.md").write_text("# T\n\n" + "Magnesium relieves anxiety. Take 300 mg daily.\n\n" * 40, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "linter", "--no-cache", "."], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = proc.stdout.readline()
    proc.stdout.close()  # the reader goes away with most of the output unwritten
    err = proc.stderr.read().decode()
    proc.wait(timeout=300)
    assert first.startswith(b"a00.md:")
    assert "internal error" not in err and "Traceback" not in err and "Exception ignored" not in err, err
    assert proc.returncode == 2


def test_every_escaped_character_is_one_isprintable_refuses():
    """visible() skips the translate for printable text: that is only right while
    every character it escapes is one str.isprintable() refuses."""
    from linter.reporters.text import _CONTROL, visible

    for code in _CONTROL:
        assert not chr(code).isprintable(), hex(code)
        assert visible(f"a{chr(code)}b") == "a" + _CONTROL[code] + "b"
    assert visible("plain ‘text’ — é") == "plain ‘text’ — é"
    assert visible("tab\there") == "tab\there"


def test_a_broken_pipe_that_is_not_stdout_is_an_internal_error(tmp_path, monkeypatch, capsys):
    """Only a closed stdout ends the run quietly; a broken pipe elsewhere, with
    stdout fine, is a bug and says so."""
    from linter import cli
    from linter.commands import lint

    def boom(argv):
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(lint, "run", boom)
    with open(tmp_path / "out.txt", "w") as out:
        monkeypatch.setattr(sys, "stdout", out)
        assert cli.main(["x.md"]) == 2
    assert "internal error: BrokenPipeError" in capsys.readouterr().err


def test_a_lint_run_collects_garbage_rarely_and_library_use_is_left_alone(tmp_path):
    """The command raises the collector's thresholds for its own process (a quarter of
    the 20 MB article's run went to walking live objects); ``lint_text`` in someone
    else's process leaves them as they were."""
    write(tmp_path / "a.md", DOSE)
    code = (
        "import gc, linter.cli, linter.commands.lint\n"
        "from linter.config.packs import builtin_rules_dir\n"
        "from linter.config.rules import load_rule_paths\n"
        "from linter.engine import lint_text\n"
        "before = gc.get_threshold()\n"
        "assert lint_text('Take 600 mg of magnesium daily.', load_rule_paths(sorted(builtin_rules_dir().rglob('*.yaml'))))\n"
        "library = gc.get_threshold()\n"
        "rc = linter.cli.main(['--no-cache', 'a.md'])\n"
        "print(rc, before == library, gc.get_threshold() == linter.commands.lint.GC_THRESHOLDS, gc.get_threshold()[0] >= 100_000)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True)
    assert proc.stdout.splitlines()[-1] == "1 True True True", proc.stdout + proc.stderr


def test_file_names_that_read_as_options(tmp_path, run_cli):
    write(tmp_path / "victim.md", "A calm walk.\n")
    write(tmp_path / "--output=victim.md", DOSE)
    write(tmp_path / "--fix", "not an article\n")
    # after "--": a file, whatever its name; the options before it are options
    code, out, err = run_cli("--no-cache", "--format", "concise", "--", "--output=victim.md", "victim.md", cwd=tmp_path)
    assert (code, err) == (1, "") and out.startswith("--output=victim.md:1:6: error no-dose-numbers"), out
    code, out, err = run_cli("--no-cache", "--fix", "--", "victim.md", cwd=tmp_path)
    assert code == 0, err
    # without "--", a name that would be taken as an option stops the run
    code, out, err = run_cli("--no-cache", "victim.md", "--output=victim.md", cwd=tmp_path)
    assert code == 2 and out == ""
    assert err == (
        "contentlint: '--output=victim.md' is both an option and an existing file; "
        "put file names after '--' (contentlint [OPTION ...] -- FILE ...)\n"
    )
    assert (tmp_path / "victim.md").read_text() == "A calm walk.\n"


def test_help_lists_every_subcommand(run_cli):
    import importlib

    from linter.commands import COMMANDS

    SUBCOMMANDS = tuple(COMMANDS)
    for name, cmd in COMMANDS.items():
        assert callable(importlib.import_module(f"linter.commands.{cmd.module}").run), name
    with pytest.raises(SystemExit) as exit_:
        run_cli("--help")
    assert exit_.value.code == 0
    import io
    from contextlib import redirect_stdout

    from linter.commands.lint import lint_parser as _lint_parser

    buf = io.StringIO()
    with redirect_stdout(buf):
        _lint_parser().print_help()
    shown = buf.getvalue()
    for name in SUBCOMMANDS:
        assert f"\n  contentlint {name}" in shown, name
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in SUBCOMMANDS:
        assert f"\ncontentlint {name}" in readme, name


def test_the_caret_sits_under_its_match_after_wide_characters():
    """A Chinese or Japanese character takes two terminal cells: the caret counts cells, not characters."""
    from linter.findings import Finding
    from linter.reporters.text import _cells, excerpt
    from linter.source import Source

    text = "人参可以增强免疫力。每天服用 200 mg 人参提取物。\n"
    src = Source.from_text("a.md", text)
    start = text.index("200 mg")
    f = Finding.at(src, "r", "error", "m", start, start + 6)
    shown, caret = excerpt(src, f, color=False).splitlines()
    # the cells before the caret are the cells before the match on the line above
    assert caret.index("^") == _cells(shown[: shown.index("200 mg")])
    assert caret.endswith("^~~~~~") and _cells("人参 mg") == 7 and _cells("e\u0301") == 1


def test_the_readme_s_seed_runs_are_what_the_seeds_give(run_cli):
    """The README's first example (`contentlint seeds/`, shown in part) and its
    `--statistics` example are the output of today's rules: every line shown is
    in the run, and the summary and counts are the run's."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```console\n\$ contentlint (seeds/|--statistics seeds/)\n(.*?)```", readme, re.S)
    assert [b[0] for b in blocks] == ["seeds/", "--statistics seeds/"]
    for args, shown in blocks:
        code, out, err = run_cli("--no-cache", "--color", "never", *args.split(), cwd=ROOT)
        assert code == 1, err
        lines = out.splitlines()
        for line in shown.splitlines():
            if line != "...":
                assert line in lines, line
        if args.startswith("--statistics"):
            assert shown == out
        else:
            assert shown.splitlines()[-1] == lines[-1]


def test_the_readme_s_fixing_example_is_what_a_run_gives(run_cli, tmp_path):
    """The README's --diff / --fix example, run as shown (its house rule, its
    config, its article): the same diff, messages and counts."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```console\n(\$ cat house/plain-words\.yaml\n.*?)```", readme, re.S).group(1)
    rule = re.search(r"\$ cat house/plain-words\.yaml\n(.*?)\$ ", block, re.S).group(1)
    assert "rule_files: [house]" in readme[: readme.index(block)][-300:]
    write(tmp_path / ".contentlint.yaml", "rule_files: [house]\n")
    write(tmp_path / "house" / "plain-words.yaml", rule)
    write(tmp_path / "post.md", "We utilise e-mail.\nKratom treats anxiety and pain.\n")
    assert "$ printf 'We utilise e-mail.\\nKratom treats anxiety and pain.\\n' > post.md\n" in block
    shown_diff = re.search(r"\$ contentlint --diff post\.md\n(.*?)\$ ", block, re.S).group(1)
    shown_fix = block.split("$ contentlint --fix post.md\n", 1)[1]
    code, out, err = run_cli("--no-cache", "--diff", "post.md", cwd=tmp_path)
    assert code == 1 and out + err == shown_diff
    code, out, err = run_cli("--no-cache", "--fix", "post.md", cwd=tmp_path)
    assert code == 1 and out + err == shown_fix


@pytest.mark.parametrize("args, words", [
    (["--jobs", "-1", "a.md"], "--jobs -1"),
    (["--jobs", "99999999999999999999", "a.md"], "up to 1024"),
    (["--stdin-filename=", "-"], "--stdin-filename needs a name"),
    (["--statistics", "--format", "sarif", "a.md"], "--statistics prints a table of counts, not --format sarif"),
    (["--unsafe-fixes", "a.md"], "--unsafe-fixes works with --fix or --diff"),
    (["--stdin-filename", "b.md", "a.md"], "give '-' as the path"),
])
def test_an_option_that_would_do_nothing_is_a_one_line_error(tmp_path, run_cli, args, words):
    from assertions import one_line_error

    (tmp_path / "a.md").write_text(DOSE, encoding="utf-8")
    code, out, err = run_cli(*args, cwd=tmp_path)
    one_line_error(code, out, err, words)


def test_stdin_named_as_an_excluded_file_is_excluded(tmp_path, run_cli):
    """Text on standard input named as a file the config excludes is excluded,
    as that file named on the command line is."""
    (tmp_path / ".contentlint.yaml").write_text('exclude: ["drafts/**"]\n', encoding="utf-8")
    code, out, _ = run_cli("--stdin-filename", "drafts/x.md", "-", cwd=tmp_path, stdin=DOSE.encode())
    assert code == 0 and "1 file excluded by the config" in out
    code, out, _ = run_cli("--stdin-filename", "posts/x.md", "-", cwd=tmp_path, stdin=DOSE.encode())
    assert code == 1 and "posts/x.md:" in out
