"""--fix, --unsafe-fixes and --diff: only what a fix means to change, byte for byte;
encoding, BOM and line endings kept; atomic; idempotent; overlaps never blind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

HOUSE = """\
rules:
  - id: house-style
    kind: substitution
    severity: error
    message: "Use '{replacement}'."
    swap: {utilise: use, e-mail: email, e-mail address: email address}
  - id: heading-case
    kind: capitalization
    severity: warning
    message: "Sentence case: '{expected}'."
    style: sentence
"""


@pytest.fixture
def project(tmp_path):
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "rules.yaml").write_text(HOUSE, encoding="utf-8")
    (tmp_path / ".contentlint.yaml").write_text("rule_files: [house]\n", encoding="utf-8")
    return tmp_path


def test_fix_changes_only_the_fixed_spans_and_keeps_bom_and_crlf(project, run_cli):
    original = "\ufeff# A Title Here\r\n\r\nWe utilise e-mail.\r\nKeep  this   spacing\t and ünïcode.\r\n"
    (project / "a.md").write_bytes(original.encode("utf-8"))
    code, out, _ = run_cli("--fix", "a.md", cwd=project)
    data = (project / "a.md").read_bytes()
    assert data == original.replace("utilise", "use").replace("e-mail", "email").encode("utf-8")
    assert code == 0  # what is left (heading case: an unsafe fix, a warning) is below error level
    assert "warning heading-case" in out and "Fixed 2 problems in 1 file." in out


def test_exit_code_follows_what_is_left(project, run_cli):
    (project / "a.md").write_text("We utilise e-mail.\n", encoding="utf-8")
    code, out, _ = run_cli("--fix", "a.md", cwd=project)
    assert code == 0 and "No problems found" in out


def test_second_fix_changes_nothing(project, run_cli):
    (project / "a.md").write_text("# Big Title\n\nUtilise e-mail address.\n", encoding="utf-8")
    run_cli("--fix", "--unsafe-fixes", "a.md", cwd=project)
    first = (project / "a.md").read_bytes()
    assert first == b"# Big title\n\nUse email address.\n"
    mtime = os.stat(project / "a.md").st_mtime_ns
    code, out, _ = run_cli("--fix", "--unsafe-fixes", "a.md", cwd=project)
    assert (project / "a.md").read_bytes() == first and os.stat(project / "a.md").st_mtime_ns == mtime
    assert "Fixed" not in out


def test_unsafe_fixes_only_when_asked(project, run_cli):
    (project / "a.md").write_text("# Big Title\n", encoding="utf-8")
    run_cli("--fix", "a.md", cwd=project)
    assert (project / "a.md").read_text() == "# Big Title\n"
    run_cli("--fix", "--unsafe-fixes", "a.md", cwd=project)
    assert (project / "a.md").read_text() == "# Big title\n"


def test_overlapping_fixes_are_not_applied_blindly():
    from linter.findings import Edit, Fix
    from linter.fixer import apply_fixes

    text = "abcdef"
    new, applied, skipped = apply_fixes(text, [Fix.safe(0, 3, "X"), Fix.safe(2, 5, "Y"), Fix.safe(5, 6, "Z")])
    assert (new, applied, skipped) == ("XdeZ", 2, 1)
    # a fix's edits are made together or not at all: one clash skips the whole fix
    both = Fix((Edit(1, 2, "B"), Edit(4, 5, "E")))
    assert apply_fixes(text, [both, Fix.safe(3, 4, "D")]) == ("aBcDEf", 2, 0)
    assert apply_fixes(text, [Fix.safe(0, 2, "X"), both]) == ("Xcdef", 1, 1)
    assert apply_fixes(text, [both, Fix.safe(4, 6, "Z")]) == ("aBcdEf", 1, 1)
    # two insertions at one point: which goes first is unknown, so only the first is made
    assert apply_fixes(text, [Fix.safe(3, 3, "1"), Fix.safe(3, 3, "2")]) == ("abc1def", 1, 1)


def test_diff_prints_and_writes_nothing(project, run_cli):
    (project / "a.md").write_text("We utilise e-mail.\n", encoding="utf-8")
    code, out, err = run_cli("--diff", "a.md", cwd=project)
    assert code == 1
    assert "-We utilise e-mail.\n+We use email.\n" in out
    assert (project / "a.md").read_text() == "We utilise e-mail.\n"
    assert "1 file would be changed" in err


def test_diff_of_a_file_without_a_final_line_break_is_a_patch_git_applies(project, run_cli):
    """The last line with no line break is marked as diff(1) marks it, so the
    output is a patch that git apply (and patch) take, not a corrupt one."""
    import shutil
    import subprocess

    (project / "a.md").write_bytes(b"# Title\n\nWe utilise e-mail.")
    code, out, _ = run_cli("--diff", "a.md", cwd=project)
    assert out.endswith("-We utilise e-mail.\n\\ No newline at end of file\n+We use email.\n\\ No newline at end of file\n")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    (project / "d.patch").write_text(out, encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    subprocess.run(["git", "apply", "d.patch"], cwd=project, check=True)
    assert (project / "a.md").read_bytes() == b"# Title\n\nWe use email."


def test_disclaimer_is_inserted_at_the_end_with_the_files_line_endings(tmp_path, run_cli):
    (tmp_path / "a.md").write_bytes(b"Kratom is used for anxiety and pain.\r\n")
    run_cli("--fix", "a.md", cwd=tmp_path)
    data = (tmp_path / "a.md").read_bytes()
    assert data.startswith(b"Kratom is used for anxiety and pain.\r\n\r\nThis article is for informational purposes only")
    assert data.endswith(b"treatment.\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    code, out, _ = run_cli("a.md", cwd=tmp_path)
    assert "medical-disclaimer" not in out


def test_claims_are_never_rewritten(tmp_path, run_cli):
    text = "Turmeric cures arthritis.\n\nThis article is for informational purposes only and is not medical advice.\n"
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    code, out, _ = run_cli("--fix", "--unsafe-fixes", "a.md", cwd=tmp_path)
    assert (tmp_path / "a.md").read_text() == text and code == 1


def test_encoding_is_kept(project, run_cli):
    (project / "a.md").write_bytes("Caf\xe9: we utilise it.\n".encode("latin-1"))
    run_cli("--fix", "--encoding", "latin-1", "a.md", cwd=project)
    assert (project / "a.md").read_bytes() == "Caf\xe9: we use it.\n".encode("latin-1")


def test_a_failed_write_leaves_the_original_and_no_temp_file(project, run_cli, monkeypatch):
    (project / "a.md").write_text("We utilise e-mail.\n", encoding="utf-8")

    def boom(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    code, _, err = run_cli("--fix", "a.md", cwd=project)
    assert code == 2 and "could not write the fixed file" in err
    assert (project / "a.md").read_text() == "We utilise e-mail.\n"
    assert [p.name for p in project.iterdir() if p.name.startswith(".contentlint-")] == []


def test_file_mode_is_kept(project, run_cli):
    p = project / "a.md"
    p.write_text("We utilise it.\n", encoding="utf-8")
    os.chmod(p, 0o640)
    run_cli("--fix", "a.md", cwd=project)
    assert p.read_text() == "We use it.\n" and (os.stat(p).st_mode & 0o777) == 0o640


def test_fix_hook_is_declared():
    text = (Path(__file__).resolve().parents[1] / ".pre-commit-hooks.yaml").read_text()
    assert "- id: contentlint-fix" in text and "entry: contentlint --fix" in text


def test_fix_keeps_toml_front_matter_byte_for_byte_but_its_plain_strings_fixes(tmp_path, run_cli):
    """A fix inside TOML front matter (+++) changes a word where it is written
    as it reads (a string on one line or over several, a table's value); a word
    with escapes, comments, the fences, BOM and CRLF stay as they are; the
    disclaimer goes after the block."""
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "rules.yaml").write_text(
        "id: house-style\nkind: substitution\nseverity: error\nmessage: \"Use '{replacement}'.\"\n"
        "scope: [front_matter, prose]\nswap: {utilise: use}\n", encoding="utf-8")
    (tmp_path / ".contentlint.yaml").write_text(
        "extends: [health]\nrule_files: [house]\nselect: [house-style, medical-disclaimer]\n"
        "rules:\n  medical-disclaimer: {position: start}\n", encoding="utf-8")
    front = ('\ufeff+++\r\ntitle = "We utilise magnesium"  # utilise\r\n'
             'summary = "An \\"utilise\\" with escapes"\r\n'
             "notes = '''\r\nutilise, written over\r\ntwo lines'''\r\n"
             "[params]\r\nlede = 'utilise'\r\n+++\r\n")
    body = "\r\nMagnesium supplements utilise sleep pathways and treat anxiety.\r\n"
    (tmp_path / "a.md").write_bytes((front + body).encode("utf-8"))
    code, out, _ = run_cli("--fix", "a.md", cwd=tmp_path)
    fixed = (tmp_path / "a.md").read_bytes().decode("utf-8")
    fixed_front = (front.replace('"We utilise magnesium"', '"We use magnesium"')
                   .replace("\r\nutilise, written", "\r\nuse, written").replace("lede = 'utilise'", "lede = 'use'"))
    assert fixed.startswith(fixed_front)
    rest = fixed[len(fixed_front):]
    assert rest.lstrip("\r\n").startswith("This article is for informational purposes only")
    assert rest.endswith("\r\n" + body.replace("utilise", "use")) and "\n" not in rest.replace("\r\n", "")
    assert "Fixed 5 problems in 1 file." in out
    assert "a.md:3:15: error house-style" in out and out.count("error house-style") == 1  # escaped: reported, not fixed


def test_a_replacement_that_could_change_front_matter_s_data_is_not_written_there(tmp_path, run_cli):
    """A swap whose replacement holds a quote, a colon or a comment sign is
    reported in front matter, not written (it could end the string or make a
    key); in the body it is fixed."""
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "rules.yaml").write_text(
        "id: house-style\nkind: substitution\nseverity: error\nmessage: \"Use '{replacement}'.\"\n"
        "scope: [front_matter, prose]\nswap: {utilise: 'use: \"this\"'}\n", encoding="utf-8")
    (tmp_path / ".contentlint.yaml").write_text("extends: []\nrule_files: [house]\n", encoding="utf-8")
    text = '---\ntitle: "We utilise it"\n---\n\nWe utilise it.\n'
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    code, out, _ = run_cli("--fix", "a.md", cwd=tmp_path)
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == text.replace("We utilise it.", 'We use: "this" it.')
    assert code == 1 and "a.md:2:12: error house-style" in out and "Fixed 1 problem in 1 file." in out


@pytest.mark.parametrize("after", ["\n# Oil\n", "# Oil\n"])
def test_the_disclaimer_at_the_start_leaves_one_blank_line_around_it(tmp_path, run_cli, after):
    """After front matter, with or without a blank line there: one blank line on
    each side of the inserted paragraph, never two."""
    (tmp_path / ".contentlint.yaml").write_text(
        "select: [medical-disclaimer]\nrules:\n  medical-disclaimer: {position: start}\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("---\ntitle: Oil\n---\n" + after + "\nCBD oil and anxiety.\n", encoding="utf-8")
    run_cli("--fix", "a.md", cwd=tmp_path)
    fixed = (tmp_path / "a.md").read_text(encoding="utf-8")
    assert fixed.startswith("---\ntitle: Oil\n---\n\nThis article is for informational purposes only")
    assert "treatment.\n\n# Oil\n" in fixed and "\n\n\n" not in fixed
