"""Baselines, reports and fixes under hostile input: a crafted baseline entry,
file names that are not valid UTF-8, a file edited while --fix runs, an
encoding that cannot hold a fix, and the parser backend in the cache key."""

from __future__ import annotations

import json
import os
import sys

import pytest
from assertions import one_line_error

DOSE = "error no-dose-numbers"




# -- item 7: a baseline entry must be what it says ------------------------------


def baseline_for(tmp_path, run_cli, name, text):
    (tmp_path / name).write_text(text, encoding="utf-8")
    code, out, err = run_cli("--no-cache", "--write-baseline", "b.json", name, cwd=tmp_path)
    assert code == 0, err
    return json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))


def test_a_baseline_entry_whose_fields_disagree_with_its_fingerprint_is_refused(tmp_path, run_cli):
    """The fingerprint is that of an uncited claim in new.md; the fields a
    reviewer reads say it is an old dose in old.md."""
    data = baseline_for(tmp_path, run_cli, "new.md", "Kratom cures anxiety.\n")
    (entry,) = [e for e in data["findings"] if e["rule"] == "claim-needs-citation"]
    entry.update(path="old.md", rule="no-dose-numbers", match="500 mg", line=3)
    data["findings"] = [entry]
    (tmp_path / "b.json").write_text(json.dumps(data, indent=2), encoding="utf-8")
    code, out, err = run_cli("--no-cache", "--baseline", "b.json", "new.md", cwd=tmp_path)
    one_line_error(code, out, err, "b.json:6: findings[0]: the fingerprint is not that of its rule 'no-dose-numbers'")
    assert out == ""


def test_a_baseline_entry_with_a_missing_field_is_refused(tmp_path, run_cli):
    data = baseline_for(tmp_path, run_cli, "a.md", "Take 600 mg.\n")
    del data["findings"][0]["match"]
    (tmp_path / "b.json").write_text(json.dumps(data), encoding="utf-8")
    code, out, err = run_cli("--no-cache", "--baseline", "b.json", "a.md", cwd=tmp_path)
    one_line_error(code, out, err, "b.json: findings[0] needs the strings fingerprint, rule, path and match")


def test_an_honest_baseline_with_repeats_still_loads(tmp_path, run_cli):
    baseline_for(tmp_path, run_cli, "a.md", "Take 5 g.\n\nTake 5 g.\n\nTake 5  g.\n")
    code, out, err = run_cli("--no-cache", "--format", "concise", "--baseline", "b.json", "a.md", cwd=tmp_path)
    assert (code, out, err) == (0, "", "")


# -- item 8: file names that are not valid UTF-8 --------------------------------

BAD_NAME = b"caf\xe9.md"


@pytest.fixture
def bad_name(tmp_path):
    if sys.platform == "darwin":
        pytest.skip("macOS file systems refuse names that are not UTF-8")
    (tmp_path / os.fsdecode(BAD_NAME)).write_bytes(b"Take 600 mg.\n")
    return tmp_path


def test_a_name_that_is_not_utf8_in_a_cached_run(bad_name, run_cli):
    """The cache keys a result by the file's name too: its odd bytes are hashed
    as bytes, and a second run answers from the cache."""
    for _ in range(2):
        code, out, err = run_cli("--format", "concise", ".", cwd=bad_name)
        assert code == 1 and "internal error" not in err and "caf\\udce9.md:1:6:" in out, (out, err)


def test_sarif_with_a_name_that_is_not_utf8(bad_name, run_cli):
    code, out, err = run_cli("--no-cache", "--format", "sarif", "--output", "r.sarif", ".", cwd=bad_name)
    assert code == 1, err
    log = json.loads((bad_name / "r.sarif").read_text(encoding="utf-8"))
    (result,) = log["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "caf%E9.md"


def test_baseline_with_a_name_that_is_not_utf8(bad_name, run_cli):
    code, out, err = run_cli("--no-cache", "--write-baseline", "b.json", ".", cwd=bad_name)
    assert code == 0 and "Wrote 1 finding" in out, err
    raw = (bad_name / "b.json").read_bytes()
    raw.decode("utf-8")  # valid UTF-8: the name's byte written as a JSON escape
    assert json.loads(raw)["findings"][0]["path"] == os.fsdecode(BAD_NAME)
    code, out, err = run_cli("--no-cache", "--format", "concise", "--baseline", "b.json", ".", cwd=bad_name)
    assert (code, out, err) == (0, "", "")


@pytest.mark.parametrize("fmt", ["json", "json-lines", "junit", "github", "concise", "text", "html"])
def test_every_format_to_a_file_with_a_name_that_is_not_utf8(bad_name, run_cli, fmt):
    code, out, err = run_cli("--no-cache", "--format", fmt, "--output", "r.out", ".", cwd=bad_name)
    assert code == 1 and "internal error" not in err, err
    text = (bad_name / "r.out").read_bytes().decode("utf-8")
    assert "caf" in text
    if fmt == "json":
        assert json.loads(text)[0]["path"] == os.fsdecode(BAD_NAME)
    if fmt in ("junit", "concise", "text"):  # the odd byte shown as the text format shows it
        assert "caf\\udce9.md" in text, text


def test_a_line_break_in_a_name_is_an_escape_in_the_one_line_formats(tmp_path, run_cli):
    """concise and text show it as \\x0a: the line maps back to its file (a space
    would name another one)."""
    if sys.platform == "win32":
        pytest.skip("Windows file names hold no line break")
    (tmp_path / "new\nline.md").write_text("Take 600 mg.\n", encoding="utf-8")
    for fmt in ("concise", "text"):
        code, out, err = run_cli("--no-cache", "--format", fmt, ".", cwd=tmp_path)
        assert code == 1 and out.startswith("new\\x0aline.md:1:6: "), (fmt, out)


# -- item 6: an edit saved while --fix runs is kept -----------------------------


def swap_rule(tmp_path):
    (tmp_path / "r.yaml").write_text(
        "id: words\nkind: substitution\nseverity: warning\nmessage: 'Use {replacement}'\n"
        "swap: {utilise: use, e-mail: email, '--': '\u2013'}\n",
        encoding="utf-8",
    )
    (tmp_path / ".contentlint.yaml").write_text("rule_files: [r.yaml]\n", encoding="utf-8")


def test_fix_leaves_a_file_edited_while_it_ran(tmp_path, run_cli, monkeypatch):
    import linter.fixer

    swap_rule(tmp_path)
    (tmp_path / "a.md").write_text("We utilise e-mail.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("We utilise e-mail.\n", encoding="utf-8")
    real = linter.fixer.fix_source

    def slow_fix(source, lint, unsafe):
        result = real(source, lint, unsafe)
        if source.path == "a.md":  # the editor saves while the fix is computed
            with open(tmp_path / "a.md", "a", encoding="utf-8") as fh:
                fh.write("A line the editor just wrote.\n")
        return result

    monkeypatch.setattr(linter.fixer, "fix_source", slow_fix)
    code, out, err = run_cli("--no-cache", "--jobs", "1", "--fix", "a.md", "b.md", cwd=tmp_path)
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "We utilise e-mail.\nA line the editor just wrote.\n"
    assert (tmp_path / "b.md").read_text(encoding="utf-8") != "We utilise e-mail.\n"  # fixed
    assert code == 2
    assert err.strip().splitlines() == ["a.md: error: changed while --fix ran; left as it is (run --fix again)"]
    assert not list(tmp_path.glob(".contentlint-*.tmp"))


# -- item 10: encodings -----------------------------------------------------------


def test_a_fix_the_encoding_cannot_hold_skips_that_file_only(tmp_path, run_cli):
    swap_rule(tmp_path)
    (tmp_path / "a.md").write_bytes("Caf\u00e9 -- ok.\n".encode("latin-1"))
    (tmp_path / "b.md").write_bytes(b"We utilise e-mail.\n")
    code, out, err = run_cli("--no-cache", "--jobs", "1", "--encoding", "latin-1", "--fix", "a.md", "b.md", cwd=tmp_path)
    assert "Traceback" not in err and "internal error" not in err
    assert (tmp_path / "a.md").read_bytes() == "Caf\u00e9 -- ok.\n".encode("latin-1")  # left as it was
    assert (tmp_path / "b.md").read_bytes() == b"We use email.\n"  # the run went on
    assert err.strip().splitlines() == ["a.md: error: not fixed: the fix needs '\u2013', which latin-1 cannot hold"]
    assert code == 2


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-16-le"])
def test_wide_encodings_are_read(tmp_path, run_cli, encoding):
    (tmp_path / "a.md").write_bytes("Take 600 mg.\n".encode(encoding))
    code, out, err = run_cli("--no-cache", "--format", "concise", "--encoding", encoding, "a.md", cwd=tmp_path)
    assert (code, err) == (1, "")
    assert out.startswith("a.md:1:6: error no-dose-numbers")


def test_wide_encodings_still_refuse_binary(tmp_path, run_cli):
    (tmp_path / "a.md").write_bytes("Take\x00 600 mg.\n".encode("utf-16"))
    code, out, err = run_cli("--no-cache", "--encoding", "utf-16", "a.md", cwd=tmp_path)
    assert code == 2 and "binary file" in err


def test_fix_in_utf16_keeps_the_encoding(tmp_path, run_cli):
    swap_rule(tmp_path)
    (tmp_path / "a.md").write_bytes("We utilise e-mail.\n".encode("utf-16"))
    code, out, err = run_cli("--no-cache", "--encoding", "utf-16", "--fix", "a.md", cwd=tmp_path)
    assert "internal error" not in err
    assert (tmp_path / "a.md").read_bytes().decode("utf-16") == "We use email.\n"


# -- item 15: running out of memory on one file ----------------------------------


def test_out_of_memory_on_one_file_is_one_line_and_the_others_go_on(tmp_path, run_cli, monkeypatch):
    """Markup-dense text costs hundreds of times its size (SECURITY.md); under a
    memory limit the file that hits it is reported and the run goes on."""
    from linter.document import Document

    real = Document.parse.__func__

    def parse(cls, source, *args, **kwargs):
        if source.path == "dense.md":
            raise MemoryError
        return real(cls, source, *args, **kwargs)

    monkeypatch.setattr(Document, "parse", classmethod(parse))
    (tmp_path / "dense.md").write_text("a*a*a*a\n", encoding="utf-8")
    (tmp_path / "ok.md").write_text("Take 600 mg.\n", encoding="utf-8")
    code, out, err = run_cli("--no-cache", "--jobs", "1", "--format", "concise", "dense.md", "ok.md", cwd=tmp_path)
    assert code == 2
    assert err.strip().splitlines() == [
        "dense.md: error: out of memory while linting (the file is too large or too dense in markup)"
    ]
    assert "ok.md:1:6: error no-dose-numbers" in out


@pytest.mark.parametrize("option", ["--output", "--write-baseline"])
def test_a_report_is_never_written_over_an_article_the_run_lints(tmp_path, run_cli, option):
    """A target that is an article of the run (named, in a folder it lints, one
    the config excludes or one it cannot decode, also with --fix) is refused
    before anything is linted or fixed: exit 2, one line, the article as it was.
    A hard link to an article found in a folder is refused after the run."""
    (tmp_path / "articles").mkdir()
    (tmp_path / "drafts").mkdir()
    (tmp_path / ".contentlint.yaml").write_text('exclude: ["drafts/"]\n', encoding="utf-8")
    text = "# Kratom\n\nKratom cures anxiety.\n"
    files = {"articles/supp.md": text.encode(), "articles/other.md": b"# Tea\n\nA calm walk.\n",
             "drafts/d.md": text.encode(), "latin.md": "We utilise \xe9 it.\n".encode("latin-1")}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    for args in ([option, "articles/supp.md", "articles"], [option, "./articles/../articles/supp.md"],
                 [option, "drafts/d.md", "drafts/d.md"], [option, "latin.md", "latin.md"],
                 ["--fix", option, "articles/supp.md", "articles/supp.md"]):
        code, out, err = run_cli("--no-cache", *args, cwd=tmp_path)
        one_line_error(code, out, err, f"{option} ", "is an article this run would lint")
        assert all((tmp_path / name).read_bytes() == data for name, data in files.items()), args
    os.link(tmp_path / "articles" / "supp.md", tmp_path / "hard.md")
    code, out, err = run_cli("--no-cache", option, "hard.md", "articles", cwd=tmp_path)
    one_line_error(code, out, err, "is one of the files this run linted", "it was not written")
    assert (tmp_path / "hard.md").read_bytes() == text.encode()
    # a new file, or one the run does not lint, is written
    code, _, err = run_cli("--no-cache", option, "report.out", "articles", cwd=tmp_path)
    assert code in (0, 1) and (tmp_path / "report.out").read_text(encoding="utf-8"), err
