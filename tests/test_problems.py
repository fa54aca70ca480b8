"""Problems (files not linted, or linted in part) are typed: what happened is
their kind, never words searched for in a line that also holds a file name."""

from __future__ import annotations

SLOW_RULE = """\
id: slow
kind: pattern
message: "slow {match}"
patterns: ["(a+)+$"]
"""


def test_a_file_named_like_a_problem_is_counted_by_what_happened(tmp_path, run_cli):
    """A rule stopped by --timeout leaves the file linted in part, whatever words
    its name holds ("out of memory" once made it count as not linted at all)."""
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "slow.yaml").write_text(SLOW_RULE, encoding="utf-8")
    (tmp_path / ".contentlint.yaml").write_text("rule_files: [house]\nselect: [slow]\n", encoding="utf-8")
    (tmp_path / "out of memory.md").write_text("a" * 40 + "!\n", encoding="utf-8")
    code, out, err = run_cli("--no-cache", "--timeout", "0.5", "--", "out of memory.md", cwd=tmp_path)
    assert code == 2 and "out of memory.md: error: rule 'slow' stopped after 0.5 s" in err
    assert out.startswith("1 file linted only in part (a rule was stopped)"), out


def test_junit_names_the_file_of_a_problem_whatever_its_name(tmp_path, run_cli):
    (tmp_path / "bad: x.md").write_bytes(b"\xff\xfe not utf-8")
    code, out, _ = run_cli("--no-cache", "--format", "junit", "--", "bad: x.md", cwd=tmp_path)
    assert code == 2 and '<testcase classname="contentlint" name="bad: x.md" file="bad: x.md">' in out
