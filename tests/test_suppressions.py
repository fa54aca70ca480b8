"""Suppression comments: every form, reasons, the audit trail, and the checks that
keep them honest (unused, missing reason)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


def lint(tmp_path, run_cli, text, *args, config=None):
    if config is not None:
        (tmp_path / ".contentlint.yaml").write_text(config, encoding="utf-8")
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    code, out, err = run_cli("--format", "json", *args, "a.md", cwd=tmp_path)
    return code, json.loads(out), err


NO_DISCLAIMER = "rules:\n  medical-disclaimer: {enabled: false}\n"


def test_disable_next_line_with_reason(tmp_path, run_cli):
    text = "<!-- contentlint-disable-next-line no-dose-numbers -- quoting the label -->\nTake 600 mg.\n\nTake 5 g.\n"
    code, data, _ = lint(tmp_path, run_cli, text, config=NO_DISCLAIMER)
    assert [(d["rule"], d["match"]) for d in data] == [("no-dose-numbers", "5 g")]


def test_disable_and_enable_range(tmp_path, run_cli):
    text = (
        "Take 1 g.\n\n<!-- contentlint-disable no-dose-numbers, claim-needs-citation -- label copy -->\n\n"
        "Take 2 g. Ginger relieves nausea.\n\n<!-- contentlint-enable no-dose-numbers -->\n\n"
        "Take 3 g. Ginger relieves nausea.\n"
    )
    _, data, _ = lint(tmp_path, run_cli, text, config=NO_DISCLAIMER)
    assert [(d["rule"], d["match"]) for d in data] == [("no-dose-numbers", "1 g"), ("no-dose-numbers", "3 g")]


def test_disable_all_rules_and_disable_line(tmp_path, run_cli):
    text = "Take 1 g. <!-- contentlint-disable-line -->\n\n<!-- contentlint-disable -->\n\nTake 2 g.\n"
    _, data, _ = lint(tmp_path, run_cli, text, config=NO_DISCLAIMER)
    assert data == []


def test_disable_file(tmp_path, run_cli):
    text = "Kratom treats anxiety and pain.\n\n<!-- contentlint-disable-file medical-disclaimer -- landing page -->\n"
    _, data, _ = lint(tmp_path, run_cli, text)
    assert {d["rule"] for d in data} == {"claim-needs-citation"}


def test_unused_suppression_is_reported(tmp_path, run_cli):
    text = "<!-- contentlint-disable-next-line no-dose-numbers -- nothing here -->\nA calm sentence.\n"
    code, data, _ = lint(tmp_path, run_cli, text, config=NO_DISCLAIMER)
    assert code == 0
    (d,) = data
    assert d["rule"] == "unused-suppression" and d["severity"] == "warning" and d["line"] == 1
    assert d["match"].startswith("<!-- contentlint-disable-next-line")


def test_required_reason(tmp_path, run_cli):
    config = NO_DISCLAIMER + "require_suppression_reason: true\n"
    text = "<!-- contentlint-disable-next-line no-dose-numbers -->\nTake 600 mg.\n"
    code, data, _ = lint(tmp_path, run_cli, text, config=config)
    assert code == 1
    assert sorted(d["rule"] for d in data) == ["no-dose-numbers", "suppression-without-reason"]


def test_show_suppressed_lists_reasons(tmp_path, run_cli):
    text = "<!-- contentlint-disable-next-line no-dose-numbers -- quoting the label -->\nTake 600 mg.\n"
    (tmp_path / ".contentlint.yaml").write_text(NO_DISCLAIMER, encoding="utf-8")
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    code, out, _ = run_cli("--show-suppressed", "a.md", cwd=tmp_path)
    assert code == 0
    assert "a.md:2:6: suppressed no-dose-numbers" in out and "reason: quoting the label" in out
    assert out.strip().endswith("(1 suppressed).")
    _, data, _ = lint(tmp_path, run_cli, text, "--show-suppressed")
    assert data[0]["suppressed"] is True and data[0]["suppression"] == {"line": 1, "reason": "quoting the label"}
    # the HTML report, where a compliance review reads them: a table with the comment and its reason
    code, page, _ = run_cli("--show-suppressed", "--format", "html", "a.md", cwd=tmp_path)
    assert code == 0
    table = page[page.index('<h2 id="suppressed">'):]
    table = table[: table.index("</table>")]
    assert "<code>a.md:2:6</code>" in table and "<code>no-dose-numbers</code>" in table
    assert "<code>contentlint-disable-next-line no-dose-numbers</code> (line 1)" in table and "quoting the label" in table
    _, page, _ = run_cli("--format", "html", "a.md", cwd=tmp_path)
    assert 'id="suppressed"' not in page


@pytest.mark.parametrize("fmt", ["concise", "github", "junit", "gitlab"])
def test_show_suppressed_with_a_format_that_cannot_show_them_is_refused(tmp_path, run_cli, fmt):
    (tmp_path / "a.md").write_text("Take 600 mg.\n", encoding="utf-8")
    code, out, err = run_cli("--show-suppressed", "--format", fmt, "a.md", cwd=tmp_path)
    assert code == 2 and out == ""
    assert f"--format {fmt} has no place for suppressed findings" in err and "\n" not in err.strip()
    code, _, err = run_cli("--show-suppressed", "--statistics", "a.md", cwd=tmp_path)
    assert code == 2 and "leave out one of them" in err


@pytest.mark.parametrize(
    "wrapper",
    ["```\n{c}\n```\n", "`{c}`\n", "---\nnote: '{c}'\n---\n"],
)
def test_comments_in_code_or_front_matter_do_not_count(tmp_path, run_cli, wrapper):
    comment = "<!-- contentlint-disable-file -->"
    text = wrapper.format(c=comment) + "\nTake 600 mg.\n"
    _, data, _ = lint(tmp_path, run_cli, text, config=NO_DISCLAIMER)
    assert [d["rule"] for d in data] == ["no-dose-numbers"]


# -- cost: linear in the file, however many directives and findings -----------------


def test_unclosed_directives_are_found_in_linear_time():
    """16,000 unclosed '<!-- contentlint-disable' (400 KB). A lazy '.*?-->'
    pattern read the rest of the file from each of them: about 30 s. Now
    milliseconds; the budget is 1 s of CPU."""
    from cpu_budget import cpu_budget
    from linter.document import Document
    from linter.source import Source
    from linter.suppressions import find_directives

    text = "<!-- contentlint-disable\n" * 16_000
    doc = Document.parse(Source.from_text("a.md", text))
    with cpu_budget(1.0, "finding directives"):
        assert find_directives(doc) == []
    # closed at the very end: one comment, from the first opener to the close
    doc = Document.parse(Source.from_text("a.md", text + "-->\n"))
    with cpu_budget(1.0, "finding directives"):
        (d,) = find_directives(doc)
    assert (d.kind, d.start, d.end, d.line, d.end_line) == ("disable", 0, len(text) + 3, 1, 16_001)


def test_many_directives_with_many_findings_cost_their_sum():
    """20,000 findings, each under its own disable-next-line, between 20,000
    disable/enable pairs for another rule. Matching every finding against every
    directive took 4e8 steps (minutes); an index built once answers each
    finding in constant time (under a second). Budget: 8 s of CPU."""
    from cpu_budget import cpu_budget
    from linter.document import Document
    from linter.findings import Finding
    from linter.source import Source
    from linter.suppressions import apply

    n = 20_000
    parts = [
        f"<!-- contentlint-disable claim -- x -->\n<!-- contentlint-disable-next-line dose -- label -->\nTake {i} mg.\n"
        "<!-- contentlint-enable claim -->\n"
        for i in range(n)
    ]
    text = "\n".join(parts)
    src = Source.from_text("a.md", text)
    doc = Document.parse(src)
    starts, at = [], 0
    for _ in range(n):
        at = text.index("Take", at)
        starts.append(at)
        at += 1
    findings = [Finding.at(src, "dose", "error", "dose", s, s + 4) for s in starts]
    findings.append(Finding.at(src, "claim", "error", "claim", starts[-1], starts[-1] + 4))
    with cpu_budget(8.0, "applying suppressions"):
        outcome = apply(doc, findings, require_reason=False)
    assert len(outcome.suppressed) == n + 1
    # every disable claim but the last hid nothing: reported as unused
    assert sum(f.rule == "unused-suppression" for f in outcome.findings) == n - 1


def test_a_misspelt_directive_is_reported_and_hides_nothing(tmp_path, run_cli):
    """A directive is the whole word after "contentlint-": one that is not a
    directive is reported and hides nothing, never read as a shorter directive
    ("disable" of a rule "-nextline")."""
    text = ("<!-- contentlint-disable-nextline no-dose-numbers -- quoting the label -->\nThe label says 5 mg.\n\n"
            "Take 10 mg daily.\n\n<!-- contentlint-disable-lines -->\nTake 2 capsules.\n\n"
            "<!-- contentlint-disable_next_line no-dose-numbers -->\nTake 11 g.\n\n"
            "<!-- contentlint-DISABLE-NEXT-LINE no-dose-numbers -->\nTake 12 g.\n\n"
            "<!-- contentlint-disable\u2010next\u2010line no-dose-numbers -->\nTake 13 g.\n\nTake 14 g.\n\n"
            "<!-- CONTENTLINT-DISABLE-NEXT-LINE no-dose-numbers -->\nTake 15 g.\n\n"
            "<!-- CONTENTLINT-disable-next-line no-dose-numbers -->\nTake 16 g.\n\n"
            "<!-- Contentlint-disable-next-line -->\nTake 17 g.\n\n"
            "<!-- contentl\u0131nt-disable-next-line -->\nTake 18 g.\n")
    code, data, _ = lint(tmp_path, run_cli, text, config=NO_DISCLAIMER)
    assert code == 1
    assert [(d["line"], d["match"]) for d in data if d["rule"] == "no-dose-numbers"] == [
        (2, "5 mg"), (4, "10 mg"), (7, "2 capsules"), (10, "11 g"), (13, "12 g"), (16, "13 g"), (18, "14 g"), (21, "15 g"), (24, "16 g"), (27, "17 g"), (30, "18 g")]
    meta = [(d["rule"], d["line"], d["message"]) for d in data if d["rule"] != "no-dose-numbers"]
    hint = "(did you mean 'disable-next-line'?): it suppresses nothing"
    assert meta == [
        ("unused-suppression", 1, f"'contentlint-disable-nextline' is not a directive {hint}"),
        ("unused-suppression", 6, "'contentlint-disable-lines' is not a directive (did you mean 'disable-line'?): it suppresses nothing"),
        ("unused-suppression", 9, f"'contentlint-disable_next_line' is not a directive {hint}"),
        ("unused-suppression", 12, f"'contentlint-DISABLE-NEXT-LINE' is not a directive {hint}"),
        ("unused-suppression", 15, f"'contentlint-disable\u2010next\u2010line' is not a directive {hint}"),
        ("unused-suppression", 20, "'CONTENTLINT-DISABLE-NEXT-LINE' is not a directive (directives are lower-case: "
                                   "'contentlint-disable-next-line'): it suppresses nothing"),
        ("unused-suppression", 23, "'CONTENTLINT-disable-next-line' is not a directive (directives are lower-case: "
                                   "'contentlint-disable-next-line'): it suppresses nothing"),
        ("unused-suppression", 26, "'Contentlint-disable-next-line' is not a directive (directives are lower-case: "
                                   "'contentlint-disable-next-line'): it suppresses nothing"),
        # a dotless i is no "contentlint": no directive at all, so nothing to report or honour
    ]


def test_a_directive_naming_an_unknown_rule_says_so_once(tmp_path, run_cli):
    """Ids no loaded rule has are named in one finding a comment (a few of them,
    with the nearest id); the ids it names that exist still suppress."""
    many = " ".join(f"r{i}" for i in range(5000))
    text = ("<!-- contentlint-disable-next-line no-dose-numbrs -- label -->\nTake 5 mg.\n\n"
            "<!-- contentlint-disable-next-line no-dose-numbers, claim-needs-citaton -- label -->\nTake 6 mg.\n\n"
            f"<!-- contentlint-disable-next-line {many} -- label -->\nTake 7 mg.\n")
    code, data, _ = lint(tmp_path, run_cli, text, config=NO_DISCLAIMER)
    got = [(d["rule"], d["line"], d["match"] if d["rule"] == "no-dose-numbers" else d["message"]) for d in data]
    assert got == [
        ("unused-suppression", 1, "'contentlint-disable-next-line' names no rule 'no-dose-numbrs' (did you mean 'no-dose-numbers'?)"),
        ("no-dose-numbers", 2, "5 mg"),
        ("unused-suppression", 4, "'contentlint-disable-next-line' names no rule 'claim-needs-citaton' (did you mean "
                                  "'claim-needs-citation'?)"),
        ("unused-suppression", 7, "'contentlint-disable-next-line' names no rule 'r0', 'r1', 'r10' and 4997 more"),
        ("no-dose-numbers", 8, "7 mg"),
    ]


def test_a_rule_s_example_may_suppress_another_loaded_rule(tmp_path, run_cli):
    """Examples run their rule alone: a comment naming another rule is not
    reported as naming no rule."""
    (tmp_path / "r.yaml").write_text(
        "id: no-foo\nkind: pattern\nmessage: m\nterms: [foo]\nexamples:\n  pass:\n"
        "    - \"foo <!-- contentlint-disable-line no-foo, no-dose-numbers -- quoting -->\"\n", encoding="utf-8")
    code, out, _ = run_cli("test-rules", str(tmp_path / "r.yaml"), cwd=tmp_path)
    assert code == 0 and out.strip().endswith("1 passed, 0 failed"), out


def test_only_an_inert_comment_is_marked_as_suppressing_nothing():
    """An editor greys out (LSP's Unnecessary tag) a comment that is not a
    directive or hides nothing, not one that names an unknown id among known
    ones and still hides their findings."""
    from linter.document import Document
    from linter.findings import Finding
    from linter.source import Source
    from linter.suppressions import apply, suppresses_nothing

    text = ("<!-- contentlint-disable-nextline a -->\nx\n\n<!-- contentlint-disable-next-line a -->\ny\n\n"
            "<!-- contentlint-disable-next-line b, c -->\nz\n")
    src = Source.from_text("a.md", text)
    z = text.index("z")
    found = Finding.at(src, "b", "error", "m", z, z + 1)
    out = apply(Document.parse(src), [found], require_reason=False, known=frozenset({"a", "b"}))
    marks = [(f.line, suppresses_nothing(f)) for f in out.findings]
    assert marks == [(1, True), (4, True), (7, False)] and [f for f, _ in out.suppressed] == [found]


def test_only_an_html_comment_of_the_page_suppresses(tmp_path, run_cli):
    """A directive counts where the page has an HTML comment (inline, in an HTML
    block, in a quote): not in an attribute's value, which a browser shows as the
    attribute, nor escaped (shown as text), which hid every later finding."""
    claims = {}
    for name, text in {
        "block": "<!-- contentlint-disable -->\n\nKratom cures anxiety.\n",
        "inline": "Intro. <!-- contentlint-disable-line --> Kratom cures anxiety.\n",
        "quote": "> <!-- contentlint-disable -->\n\nKratom cures anxiety.\n",
        "attribute": '<img alt="<!-- contentlint-disable -->" src="x.png">\n\nKratom cures anxiety.\n',
        "inline-attribute": 'See <img alt="<!-- contentlint-disable -->" src="x.png"> here.\n\nKratom cures anxiety.\n',
        "escaped": "\\<!-- contentlint-disable -->\n\nKratom cures anxiety.\n",
        "quoted-gt": '<div title="x><!-- contentlint-disable -->">Note</div>\n\nKratom cures anxiety.\n',
        "script": '<script>var a = "<!-- contentlint-disable -->";</script>\n\nKratom cures anxiety.\n',
    }.items():
        _, data, _ = lint(tmp_path, run_cli, text, config=NO_DISCLAIMER)
        claims[name] = [d["rule"] for d in data].count("claim-needs-citation")
    assert claims == {"block": 0, "inline": 0, "quote": 0, "attribute": 1, "inline-attribute": 1, "escaped": 1,
                      "quoted-gt": 1, "script": 1}


def test_a_cell_or_heading_that_is_only_a_comment_still_suppresses(tmp_path, run_cli):
    """A comment leaves no prose: a table cell or a heading holding only one has
    no block, and its directive counts all the same."""
    text = ("| a | b |\n|---|---|\n| <!-- contentlint-disable-line no-dose-numbers --> | Take 600 mg daily. |\n\n"
            "## <!-- contentlint-disable-next-line no-dose-numbers -->\nTake 700 mg daily.\n\nTake 800 mg daily.\n")
    _, data, _ = lint(tmp_path, run_cli, text, config=NO_DISCLAIMER)
    assert [(d["rule"], d["match"]) for d in data] == [("no-dose-numbers", "800 mg")]


def test_a_comment_in_a_table_cell_the_page_drops_is_reported(tmp_path, run_cli):
    """A row's cells past the header's count are dropped by the page, a comment in
    them too: it hides nothing and says so, at the comment; one in a kept cell (in
    its text, or in a link's title, past its text), or in code, is not reported."""
    text = ("| a | b |\n|---|---|\n"
            "| Take 600 mg daily. | x | <!-- contentlint-disable-line no-dose-numbers -- checked --> |\n"
            "| Take 700 mg daily. <!-- contentlint-disable-line no-dose-numbers -- checked --> | y |\n"
            "| `<!-- contentlint-disable-line no-dose-numbers -->` | Take 800 mg daily. |\n"
            '| Take 900 mg daily. | [see](https://example.com "<!-- contentlint-disable-line x -->") |\n'
            "| Take 950 mg daily. | x | `<!-- contentlint-disable-line no-dose-numbers -->` |\n")
    _, data, _ = lint(tmp_path, run_cli, text, config=NO_DISCLAIMER)
    got = [(d["rule"], d["line"], d["column"], d["match"]) for d in data]
    comment = "<!-- contentlint-disable-line no-dose-numbers -- checked -->"
    assert got == [("no-dose-numbers", 3, 8, "600 mg"), ("unused-suppression", 3, 28, comment),
                   ("no-dose-numbers", 5, 62, "800 mg"), ("no-dose-numbers", 6, 8, "900 mg"),
                   ("no-dose-numbers", 7, 8, "950 mg")]
    dropped = [d for d in data if d["rule"] == "unused-suppression"][0]
    assert "past the header's columns" in dropped["message"]
