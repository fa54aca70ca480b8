"""Bad articles: each gets one line on stderr naming the file, or is linted
correctly; the run goes on with the other files; exit code 2 when any file could
not be linted; never a traceback.

Runs the CLI in-process (``run_cli``) so that files can vanish or become
unreadable at exactly the right moment (the suite runs as root here, where
chmod 000 does not stop a read: that case is simulated by making ``read_regular``
raise for that one file)."""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

DOSE = "error no-dose-numbers Specific dose"
ROOT = pathlib.Path(__file__).resolve().parents[1]


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def no_traceback(out: str, err: str) -> None:
    assert "Traceback" not in out and "Traceback" not in err
    assert "RecursionError" not in err and "Error:" not in err.replace("error:", "")


def write(path: pathlib.Path, data: bytes | str) -> pathlib.Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


@pytest.fixture
def mixed(tmp_path):
    """A folder of good and bad articles."""
    write(tmp_path / "good.md", "Take 600 mg.\n")
    write(tmp_path / "binary.md", b"PNG\x00\x01\x02 Take 600 mg.\n")
    write(tmp_path / "latin1.md", "Caf\u00e9: take 5 g.\n".encode("latin-1"))
    write(tmp_path / "empty.md", b"")
    write(tmp_path / "fm-only.md", "---\ntitle: Just metadata\n---\n")
    write(tmp_path / "fm-unterminated.md", "---\ntitle: no end\nTake 300 mg.\n")
    write(tmp_path / "fm-invalid.md", "---\ntitle: [unclosed\nkey: : bad\n---\nTake 200 mg.\n")
    return tmp_path


def test_bad_articles_get_one_line_each_and_the_others_are_linted(mixed, run_cli):
    code, out, err = run_cli("--no-cache", "--format", "concise", ".", cwd=mixed)
    no_traceback(out, err)
    assert code == 2
    assert sorted(lines(err)) == [
        "binary.md: error: binary file (contains NUL bytes)",
        "latin1.md: error: not valid utf-8 text (byte 0xe9 at line 1); "
        "re-save the file as UTF-8 or pass --encoding",
    ]
    found = lines(out)
    assert f"good.md:1:6: {DOSE} '600 mg': articles must not give dosing advice; describe dosing in general terms." in found
    # unterminated front matter is no front matter: its lines are article text
    assert any(f.startswith(f"fm-unterminated.md:3:6: {DOSE} '300 mg'") for f in found)
    # front matter that is not YAML is still front matter; the body is linted
    assert any(f.startswith(f"fm-invalid.md:5:6: {DOSE} '200 mg'") for f in found)
    assert not any(f.startswith(("empty.md", "fm-only.md", "binary.md", "latin1.md")) for f in found)


def test_the_same_with_worker_processes(mixed, run_cli):
    for i in range(8):  # enough files for --jobs 2 to fork workers
        write(mixed / f"more-{i}.md", f"Take {i + 1}0 mg.\n")
    code, out, err = run_cli("--no-cache", "--jobs", "2", "--format", "concise", ".", cwd=mixed)
    no_traceback(out, err)
    assert code == 2
    assert len(lines(err)) == 2 and all(e.startswith(("binary.md: error:", "latin1.md: error:")) for e in lines(err))
    assert sum(1 for f in lines(out) if f.startswith("more-")) == 8


def test_encoding_option_reads_legacy_text(mixed, run_cli):
    code, out, err = run_cli("--no-cache", "--encoding", "latin-1", "--format", "concise", "latin1.md", cwd=mixed)
    no_traceback(out, err)
    assert (code, err) == (1, "")
    assert lines(out) == [f"latin1.md:1:12: {DOSE} '5 g': articles must not give dosing advice; describe dosing in general terms."]


def test_empty_file_and_front_matter_only_are_clean(mixed, run_cli):
    code, out, err = run_cli("--no-cache", "empty.md", "fm-only.md", cwd=mixed)
    no_traceback(out, err)
    assert (code, err) == (0, "")
    assert lines(out) == ["No problems found in 2 files."]


FRONT_MATTER_RULE = """\
id: fm
kind: front-matter
severity: warning
message: "Front matter: {problem}"
required: [title]
allowed: {tags: [health, news]}
required_if: [{key: reviewer, when: tags, contains: health}]
"""


def billion_laughs(levels: int = 9, width: int = 9) -> list[str]:
    out = [f"a0: &a0 [{', '.join(['lol'] * width)}]"]
    for i in range(1, levels + 1):
        out.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]")
    return out


def test_hostile_front_matter_is_a_finding_not_a_hang_or_a_crash(tmp_path, run_cli):
    write(tmp_path / "house" / "fm.yaml", FRONT_MATTER_RULE)
    write(tmp_path / ".contentlint.yaml", "rule_files: [house]\n")
    write(tmp_path / "bomb.md", "---\n" + "\n".join(billion_laughs()) + "\ntags: [*a9]\n---\nTake 600 mg.\n")
    write(tmp_path / "deep.md", "---\ntitle: x\ntags: " + "[" * 5000 + "]" * 5000 + "\n---\nTake 600 mg.\n")
    marker = tmp_path / "PWNED"
    write(tmp_path / "tags.md", f'---\ntitle: !!python/object/apply:os.system ["touch {marker}"]\n---\nTake 600 mg.\n')
    write(tmp_path / "invalid.md", "---\ntitle: [unclosed\n---\nTake 600 mg.\n")
    # no position of its own; dates in a comment or a quoted string are text
    write(tmp_path / "date.md", '---\n# moved from 2024-02-30\nnote: "drafted 2023-02-29"\ndate: 2021-13-45\n---\nTake 600 mg.\n')
    started = time.monotonic()
    code, out, err = run_cli("--no-cache", "--format", "concise", ".", cwd=tmp_path)
    elapsed = time.monotonic() - started
    no_traceback(out, err)
    assert elapsed < 60  # the time limit (10 s a rule) is not what stops them
    assert "stopped after" not in err
    found = lines(out)
    assert "bomb.md:1:1: error front-matter-syntax Front matter is not valid YAML: YAML expands to more than 200000 nodes (an alias bomb?); refused" in found
    assert "deep.md:1:1: error front-matter-syntax Front matter is not valid YAML: YAML nested too deeply (more than 100 levels); refused" in found
    assert "invalid.md:2:17: error front-matter-syntax Front matter is not valid YAML: expected ',' or ']', but got '<stream end>'" in found
    assert "date.md:4:7: error front-matter-syntax Front matter is not valid YAML: month must be in 1..12" in found
    assert not any(" fm " in f for f in found)  # reported once, not again by the front-matter rule
    assert not marker.exists()  # safe loading: a tag builds no Python object
    for name in ("bomb.md", "deep.md", "tags.md", "invalid.md"):  # and each body is linted
        assert any(f.startswith(f"{name}:") and f"{DOSE} '600 mg'" in f for f in found)


@pytest.mark.slow
# The time limit's signal may land inside hypothesis's garbage-collector callback
# (installed in this test process, not in a real run); Python prints that one as
# "Exception ignored" and the timer's 0.1 s re-fire stops the rule instead.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_50_mb_article_finishes(tmp_path, run_cli):
    """A 50 MB article finishes with findings or with one-line errors for the rules
    its time limit stopped; the small file beside it is linted as usual. (Timing is
    printed, not asserted: see the reliability report.)"""
    para = (
        "Kratom is a plant from Southeast Asia. Some users report reduced anxiety after taking "
        "2 grams, but studies (Smith et al., 2020) are limited. Consult a doctor.\n\n"
    )
    big = tmp_path / "big.md"
    with open(big, "w", encoding="utf-8") as fh:
        for _ in range(50_000_000 // len(para) // 1000):
            fh.write(para * 1000)
    write(tmp_path / "small.md", "Take 600 mg.\n")
    started = time.monotonic()
    code, out, err = run_cli("--no-cache", "--jobs", "1", "--format", "concise", "big.md", "small.md", cwd=tmp_path)
    print(f"50 MB article: {time.monotonic() - started:.1f} s, exit {code}", file=sys.__stderr__)
    no_traceback(out, err)
    assert f"small.md:1:6: {DOSE} '600 mg'" in out
    if code == 2:
        assert lines(err) and all(e.startswith("big.md: error: rule '") for e in lines(err))
    else:
        assert code == 1 and err == ""


def test_a_1_mb_single_line(tmp_path, run_cli):
    line = "word " * 200_000 + "then take 600 mg."
    write(tmp_path / "line.md", line + "\n")
    code, out, err = run_cli("--no-cache", "--format", "concise", "line.md", cwd=tmp_path)
    no_traceback(out, err)
    assert (code, err) == (1, "")
    assert f"line.md:1:{len(line) - 6}: {DOSE} '600 mg'" in out


DEEP = 10_000


@pytest.mark.parametrize(
    "name, text, first",
    [
        ("blockquotes", "> " * DEEP + "Take 600 mg.\n", (1, 2 * DEEP + 6)),
        ("bullets", "- " * DEEP + "Take 600 mg.\n", (1, 2 * DEEP + 6)),
        ("ordered", "1. " * DEEP + "Take 600 mg.\n", (1, 3 * DEEP + 6)),
        ("quoted-lists", "> - " * (DEEP // 2) + "Take 600 mg.\n", (1, 4 * (DEEP // 2) + 6)),
        ("indented-list", "".join("  " * i + "- Take 600 mg.\n" for i in range(1000)), (1000, 2 * 999 + 8)),
        ("nested-images", "![" * DEEP + "Take 600 mg" + "](x.png)" * DEEP + "\n", (1, 2 * DEEP + 6)),
        ("nested-links", "[" * DEEP + "Take 600 mg" + "](x)" * DEEP + "\n", (1, DEEP + 6)),
        ("nested-emphasis", "*_" * DEEP + "Take 600 mg" + "_*" * DEEP + "\n", (1, 2 * DEEP + 6)),
    ],
)
def test_10000_deep_nesting_is_linted_to_the_end(tmp_path, run_cli, name, text, first):
    """Deep nesting is no RecursionError, and nothing after it goes unlinted
    (markdown-it-py skips the rest of a container nested past its maxNesting; the
    parser reads such content as plain paragraphs instead)."""
    write(tmp_path / "deep.md", text + "\nAfter it: take 5 g.\n")
    code, out, err = run_cli("--no-cache", "--format", "json", "deep.md", cwd=tmp_path)
    no_traceback(out, err)
    assert (code, err) == (1, "")
    import json

    doses = [(f["line"], f["column"], f["match"]) for f in json.loads(out) if f["rule"] == "no-dose-numbers"]
    after_line = text.count("\n") + 2
    assert (after_line, 16, "5 g") in doses  # what follows the deep part
    assert (*first, "600 mg") in doses  # and the innermost text, at its place


def test_a_file_that_vanishes_between_listing_and_reading(tmp_path, run_cli, monkeypatch):
    import linter.discovery

    write(tmp_path / "good.md", "Take 600 mg.\n")
    monkeypatch.setattr(linter.discovery, "iter_files", lambda paths, excluded: (["good.md", "gone.md"], []))
    code, out, err = run_cli("--no-cache", "--format", "concise", ".", cwd=tmp_path)
    no_traceback(out, err)
    assert code == 2
    assert lines(err) == ["gone.md: error: file vanished or does not exist"]
    assert f"good.md:1:6: {DOSE}" in out


def test_a_file_deleted_while_the_run_reads_the_others(tmp_path, run_cli, monkeypatch):
    """The race for real: a.md's read deletes b.md, which was listed already."""
    write(tmp_path / "a.md", "Take 600 mg.\n")
    write(tmp_path / "b.md", "Take 700 mg.\n")
    write(tmp_path / "c.md", "Take 800 mg.\n")
    import linter.safeio

    real = linter.safeio.read_regular

    def read_regular(path, limit=None):
        if pathlib.Path(path).name == "a.md":
            (tmp_path / "b.md").unlink(missing_ok=True)
        return real(path, limit)

    monkeypatch.setattr(linter.safeio, "read_regular", read_regular)
    code, out, err = run_cli("--no-cache", "--format", "concise", ".", cwd=tmp_path)
    no_traceback(out, err)
    assert code == 2
    assert lines(err) == ["b.md: error: file vanished or does not exist"]
    assert f"a.md:1:6: {DOSE}" in out and f"c.md:1:6: {DOSE}" in out


def test_an_unreadable_file(tmp_path, run_cli, monkeypatch):
    write(tmp_path / "good.md", "Take 600 mg.\n")
    secret = write(tmp_path / "secret.md", "Take 5 g.\n")
    secret.chmod(0)
    import linter.safeio

    real = linter.safeio.read_regular

    def read_regular(path, limit=None):  # root reads mode-000 files: make it fail as for a user
        if pathlib.Path(path).name == "secret.md":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, limit)

    monkeypatch.setattr(linter.safeio, "read_regular", read_regular)
    try:
        code, out, err = run_cli("--no-cache", "--format", "concise", ".", cwd=tmp_path)
    finally:
        secret.chmod(0o644)
    no_traceback(out, err)
    assert code == 2
    assert lines(err) == ["secret.md: error: permission denied"]
    assert f"good.md:1:6: {DOSE}" in out and "secret.md:" not in out


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_symlink_loops_and_links_out_of_the_tree_in_a_walk(tmp_path, run_cli):
    site = tmp_path / "site"
    write(site / "a" / "article.md", "Take 600 mg.\n")
    (site / "a" / "up").symlink_to("..")  # a folder loop
    (site / "a" / "self").symlink_to("self")  # a link to itself
    (site / "loop.md").symlink_to("loop.md")  # a "Markdown file" that is a loop
    write(tmp_path / "outside" / "private.md", "Take 999 mg.\n")
    (site / "leak.md").symlink_to(tmp_path / "outside" / "private.md")  # a link out of the tree
    code, out, err = run_cli("--no-cache", "--format", "concise", ".", cwd=site)
    no_traceback(out, err)
    assert (code, err) == (1, "")
    assert lines(out) == [f"a/article.md:1:6: {DOSE} '600 mg': articles must not give dosing advice; describe dosing in general terms."]
    # named on the command line, a link is read as given: the loop is a one-line error
    code, out, err = run_cli("--no-cache", "--format", "concise", "loop.md", "a/article.md", cwd=site)
    no_traceback(out, err)
    assert code == 2
    assert lines(err) == ["loop.md: error: Too many levels of symbolic links"]
    assert f"a/article.md:1:6: {DOSE}" in out


@pytest.mark.parametrize("name", ["with space.md", "ünïcödé 日本語.md", "-draft.md", "--odd name.md", "semi;colon $HOME.md"])
def test_awkward_file_names(tmp_path, run_cli, name):
    write(tmp_path / name, "Take 600 mg.\n")
    write(tmp_path / "other.md", "Take 5 g.\n")
    expected = f"{name}:1:6: {DOSE} '600 mg': articles must not give dosing advice; describe dosing in general terms."
    # as pre-commit passes them: bare names, even one that starts with a dash
    code, out, err = run_cli("--no-cache", "--format", "concise", name, "other.md", cwd=tmp_path)
    no_traceback(out, err)
    assert (code, err) == (1, "")
    assert expected in lines(out) and any(f.startswith("other.md:1:6:") for f in lines(out))
    # after --, and found in a folder walk
    for args in (("--", name), (".",)):
        code, out, err = run_cli("--no-cache", "--format", "concise", *args, cwd=tmp_path)
        no_traceback(out, err)
        assert (code, err) == (1, "")
        assert expected in lines(out)


def _command_lines(text: str) -> list[str]:
    """Lines GitHub Actions would read as workflow commands ('::cmd ...::',
    leading blanks trimmed)."""
    return [line for line in text.split("\n") if line.lstrip().startswith("::")]


@pytest.mark.parametrize("fmt", ["text", "concise", "json", "github"])
def test_file_names_cannot_inject_workflow_commands(tmp_path, run_cli, fmt):
    """A committed file name with a line break and '::error ...', or one that
    starts with '::', must not start a line of its own on standard error (a file
    that could not be linted) or standard output (a finding)."""
    write(tmp_path / "x\n::error file=README.md,line=1::injected\n.md", b"\x00binary")
    write(tmp_path / " ::warning::lead.md", "Take 600 mg.\n")
    write(tmp_path / "x\u2028::notice::sep.md", b"\x00binary")
    code, out, err = run_cli("--no-cache", "--format", fmt, ".", cwd=tmp_path)
    no_traceback(out, err)
    assert code == 2
    if fmt == "github":  # problems are error annotations of their own, data escaped
        # (the runner breaks lines at CR and LF only; U+2028 is data)
        problems = err.rstrip("\n").split("\n")
        assert len(problems) == 2 and all(line.startswith("::error title=contentlint::") for line in problems)
        assert "%0A::error file=README.md" in err
        assert [line.split(" ", 1)[0] for line in _command_lines(out)] == ["::error"]
        return
    assert _command_lines(err) == [] and _command_lines(out) == []
    assert len(err.splitlines()) == 2
    assert "x\\x0a::error file=README.md,line=1::injected\\x0a.md: error: binary file" in err
    assert "x\\u2028::notice::sep.md: error: binary file" in err
    if fmt in ("text", "concise"):
        assert "./ ::warning::lead.md:1:6: error no-dose-numbers" in out


def test_config_errors_naming_hostile_paths_stay_on_one_line(tmp_path, run_cli):
    write(tmp_path / ".contentlint.yaml", 'extends: ["x\\n::error::y.yaml"]\n')  # YAML's escape: a line break
    code, out, err = run_cli("--no-cache", ".", cwd=tmp_path)
    assert code == 2 and len(err.splitlines()) == 1 and _command_lines(err) == [], err


def test_binary_on_standard_input(tmp_path, run_cli):
    code, out, err = run_cli("--no-cache", "-", "--stdin-filename", "in.md", cwd=tmp_path, stdin=b"\x00\x01")
    no_traceback(out, err)
    assert code == 2
    assert lines(err) == ["in.md: error: binary file (contains NUL bytes)"]


def test_html_report_escapes_hostile_article_text_and_loads_nothing(tmp_path, run_cli, health_rules):
    """Article text, file names and matched text reach the page only as text: no
    element, attribute or script comes from them, and nothing is fetched (the
    only links out are the built-in rules' pages)."""
    from html.parser import HTMLParser

    from linter.docsite import rule_url

    rule_pages = {rule_url(r) for r in health_rules} - {None}

    payload = '<script>alert(1)</script> "><img src=x onerror=alert(2)> </textarea><svg onload=alert(3)>'
    write(tmp_path / "house" / "words.yaml", "id: every-word\nkind: pattern\nseverity: info\nmessage: \"word '{match}'\"\npatterns: ['\\S+']\n")
    write(tmp_path / ".contentlint.yaml", "rule_files: [house]\n")
    name = 'x"><img src=y onerror=alert(4)>.md'
    write(tmp_path / name, f"# {payload}\n\n{payload} take 600 mg\n\n<!-- {payload} -->\n\n| a | {payload} |\n|---|---|\n")
    code, out, err = run_cli("--no-cache", "--format", "html", "--output", "r.html", ".", cwd=tmp_path)
    no_traceback(out, err)
    page = (tmp_path / "r.html").read_text(encoding="utf-8")

    class Elements(HTMLParser):
        def __init__(self):
            super().__init__()
            self.tags, self.bad = [], []

        def handle_starttag(self, tag, attrs):
            self.tags.append(tag)
            for key, value in attrs:
                if key.startswith("on"):
                    self.bad.append(f"<{tag} {key}>")
                if (tag, key) == ("a", "href") and value in rule_pages:
                    continue
                if key in ("src", "href", "action", "xlink:href") and value and not value.startswith(("#", "data:")):
                    self.bad.append(f"<{tag} {key}={value!r}>")
            if tag in ("img", "iframe", "object", "embed", "textarea", "base", "form"):
                self.bad.append(f"<{tag}>")
            if tag == "link" and dict(attrs).get("href") != "data:,":  # only the empty favicon
                self.bad.append(f"<link {attrs}>")

    parser = Elements()
    parser.feed(page)
    assert parser.bad == []
    assert parser.tags.count("script") == 2  # the rule data (JSON) and the page's own script
    assert "@import" not in page and "url(http" not in page and "fetch(" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


BROKEN_FRONT_MATTER = "---\ntitle: Kratom\nauthor: [Jane\ntags: x\n---\n\nTake 600 mg.\n"


@pytest.mark.parametrize("config", [None, "rule_files: [house]\n"])
def test_broken_front_matter_is_reported_once(tmp_path, run_cli, config):
    """With no front-matter rule (the built-in pack has none) broken front matter
    was silent; with one it is still reported once, as its own problem."""
    if config:
        write(tmp_path / "house" / "fm.yaml", FRONT_MATTER_RULE)
        write(tmp_path / ".contentlint.yaml", config)
    write(tmp_path / "a.md", BROKEN_FRONT_MATTER)
    write(tmp_path / "ok.md", "---\ntitle: Fine\n---\n\nA calm walk.\n")
    code, out, err = run_cli("--no-cache", "--format", "concise", ".", cwd=tmp_path)
    no_traceback(out, err)
    assert code == 1 and err == ""
    broken = [line for line in lines(out) if "front" in line.lower()]
    assert broken == ["a.md:4:5: error front-matter-syntax Front matter is not valid YAML: expected ',' or ']', but got ':'"]
    assert f"a.md:7:6: {DOSE} '600 mg'" in out  # the body is linted


def test_front_matter_syntax_can_be_ignored_like_a_rule(tmp_path, run_cli):
    write(tmp_path / ".contentlint.yaml", "ignore: [front-matter-syntax]\n")
    write(tmp_path / "a.md", BROKEN_FRONT_MATTER)
    code, out, err = run_cli("--no-cache", "--format", "concise", "a.md", cwd=tmp_path)
    assert code == 1 and "front-matter-syntax" not in out and f"a.md:7:6: {DOSE}" in out


_FM_CHARS = "abcXYZ019 _-.:#,[]{}'\"!&*?|>%@`=~\\/é—\t\u2028\u0085\ufeff"


@given(
    st.lists(
        st.one_of(
            st.tuples(
                st.sampled_from(["title", "tags", "x_1", "a-b", "T"]), st.sampled_from([":", ": ", ": [", ': "', ": a", ": [a"]),
                st.text(_FM_CHARS, max_size=14),
            ).map("".join),
            st.sampled_from(["", "  ", "x: [a, b c]", 'x: "q: r"', "x: 2024-13-45", "x: 15", "y: https://e.org/a#b"]),
        ),
        max_size=6,
    )
)
@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_front_matter_passed_without_parsing_is_valid_yaml(lines):
    """What the fast path calls valid, ruamel.yaml reads as a mapping, without error."""
    from ruamel.yaml import YAML

    from linter.document.front_matter import plainly_valid

    text = "\n".join(lines)
    if plainly_valid(text):
        data = YAML(typ="rt").load(text)
        assert data is None or isinstance(data, dict), text


def _time(parts) -> str:
    year, month, day, clock, fraction, zone = parts
    return f"{year:04d}-{month:02d}-{day:02d}" + (f"T{clock[0]:02d}:{clock[1]:02d}:{clock[2]:02d}{fraction}{zone}" if clock else "")


_TIMES = st.tuples(
    st.integers(0, 2401), st.integers(0, 13), st.integers(0, 32),
    st.one_of(st.none(), st.tuples(st.integers(0, 25), st.integers(0, 61), st.integers(0, 61))),
    st.sampled_from(["", ".5", ".636", ".123456", ".1234567"]),
    st.sampled_from(["", "Z", "+00:00", "-23:59", "+24:00", "+05", "+05:60", " +05:00", "z"]),
).map(_time)
_VALUES = st.one_of(
    st.text(_FM_CHARS, max_size=14), _TIMES, st.from_regex(r"[0-9]{1,20}", fullmatch=True),
    st.sampled_from(["~/a/b", "/x/y", "~", "'it''s'", "'a'b'", '"a" # c', "a # c", "# c", '["a, b", c]', '["a", "b"]', "''", ""]),
)


_ITEM_VALUES = st.one_of(
    st.sampled_from(["a", "b c-d", '"q: r"', "'it''s'", "12", "2024-02-29", "2023-02-29", "2026-07-05T22:44:00+00:00", "/x", "~", "a # c"]),
    _TIMES,
    _VALUES,
)


@st.composite
def _front_matter(draw) -> str:
    """Keys each with a value or none, and after each perhaps list items (mostly
    at one indentation), comment and blank lines, and now and then a line of
    anything."""
    lines = []
    for i in range(draw(st.integers(0, 4))):
        value = draw(_VALUES) if draw(st.integers(0, 2)) == 0 else None
        key = draw(st.sampled_from(["k0", "true", "True", "null", "NULL", "false", "x"])) if draw(st.integers(0, 4)) == 0 else f"k{i}"
        lines.append(f"{key}:" + ("" if value is None else draw(st.sampled_from([" ", "  ", ""])) + value))
        indent = draw(st.sampled_from(["", "  ", "    "]))
        for _ in range(draw(st.integers(0, 4))):
            kind = draw(st.integers(0, 9))
            if kind == 0:
                lines.append(draw(st.sampled_from(["", "  # c", "# c", "   "])))
            else:
                lead = indent if kind > 1 else draw(st.sampled_from(["", " ", "   ", "      "]))
                lines.append(lead + ("- " if kind > 2 else draw(st.sampled_from(["-  ", "-", "-\t"]))) + draw(_ITEM_VALUES))
        if draw(st.integers(0, 9)) == 0:
            lines.append(draw(st.sampled_from(["  x: a", "  - a: b", "- - a", "x", "  more", "? a"])))
    return "\n".join(lines)


@given(_front_matter())
# the strategy's first draws compile a regex and build composites: slow on a loaded machine, not a fault
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_front_matter_with_lists_times_and_comments_passed_without_parsing_is_valid_yaml(text):
    """The same for block lists, timestamps (dates that exist or not), numbers,
    paths, quoted strings and comments."""
    from ruamel.yaml import YAML

    from linter.document.front_matter import plainly_valid

    if plainly_valid(text):
        data = YAML(typ="rt").load(text)
        assert data is None or isinstance(data, dict), text


def test_real_front_matter_passed_without_parsing_is_valid_yaml():
    """Every real article's front matter that the fast path accepts, ruamel.yaml
    reads as a mapping; and the fast path accepts most of them."""
    from ruamel.yaml import YAML

    from linter.document.front_matter import plainly_valid

    seen = accepted = 0
    for path in sorted((ROOT.parent / "shared" / "real-articles").rglob("*.md")):
        text = path.read_text(encoding="utf-8", errors="replace")
        end = text.find("\n---", 4)
        if not text.startswith("---\n") or end < 0:
            continue
        seen += 1
        front = text[4 : end + 1]
        if plainly_valid(front):
            accepted += 1
            data = YAML(typ="rt").load(front)
            assert data is None or isinstance(data, dict), path
    assert seen > 200 and accepted > seen // 2


def test_common_front_matter_is_known_valid_without_a_yaml_parse(tmp_path):
    """Block lists of tags, timestamps, paths, numbers and comments (nine in ten
    real articles' front matter has one) need no YAML parse: a run on such an
    article does not import ruamel.yaml (its rules come from the shipped pack)."""
    from linter.document.front_matter import plainly_valid

    text = (
        "publishDate: 2026-07-05T22:44:00+00:00\nupdated: 2024-02-29\nauthor: 'Sleep Team'\nread_time: 10\n"
        "image: ~/assets/images/tea.jpg\ncover: /graphics/a.png # the hero image\ncategories: [\"Sleep\", Herbs]\n"
        "# a comment line\ntags:\n  - \"ashwagandha for sleep\"\n  - natural sleep aid\n  - ksm-66\nfeatured: # not yet\n"
    )
    assert plainly_valid(text)
    assert not plainly_valid(text.replace("2024-02-29", "2023-02-29"))  # no such day: ruamel.yaml fails to build it
    assert not plainly_valid(text.replace("  - ksm-66", "    - ksm-66"))
    assert not plainly_valid("true: a\nTrue: b\n")  # one key to YAML (a boolean): a duplicate
    write(tmp_path / "a.md", f"---\n{text}---\n\n# Tea\n\nA calm walk.\n")
    probe = "import sys\nfrom linter.cli import main\ntry:\n    main(['--no-cache', 'a.md'])\nexcept SystemExit:\n    pass\nprint('ruamel.yaml' in sys.modules)"
    proc = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)
    assert proc.stdout.strip().splitlines()[-1] == "False", proc.stdout + proc.stderr
