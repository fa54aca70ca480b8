"""markdown-it-pyrs, where it is used, must give exactly the prose view
markdown-it-py gives: every block's kind, scopes, line, text, links, atoms,
regions and the source position of every prose character, plus front matter,
non-prose spans and outline; or hand the document back (fall back). Compared on
the CommonMark spec examples, the labeled corpora, the seeds and generated
documents (CRLF, BOM, tabs, non-ASCII, nested containers, tables, footnotes)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from test_positions import document

from linter.document import Document, pyrs_backend
from linter.source import Source

pytestmark = pytest.mark.skipif(not pyrs_backend.available(), reason="markdown-it-pyrs is not installed")

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "commonmark-spec-examples.json"
FOLDERS = ("seeds", "tests/corpus", "tests/holdout", "tests/blind", "tests/blind2", "tests/blind3")


def view(doc: Document):
    blocks = [
        (
            b.kind, sorted(b.scopes), b.line, b.text,
            [(link.start, link.end, link.href, link.kind) for link in b.links],
            sorted((k, a.kind, a.label) for k, a in b.atoms.items()),
            b.regions,
            [b.to_source(p, p + 1) for p in range(len(b.text))],
        )
        for b in doc.blocks
    ]
    return blocks, doc.front_matter, doc.front_matter_lines, doc.non_prose, doc.outline


def same_or_fallback(name: str, text: str) -> bool:
    """True when markdown-it-pyrs was used (and agreed), False when it fell back."""
    source = Source.from_text(name, text)
    if pyrs_backend.parse(source, source.normalized()) is None:
        return False
    reference = view(Document.parse(source, backend="markdown-it-py"))
    fast = view(Document.parse(source, backend="markdown-it-pyrs"))
    for i, (a, b) in enumerate(zip(reference, fast)):
        if i == 0:
            for x, y in zip(a, b):
                assert x == y, f"{name}: block differs"
        assert a == b, f"{name}: part {i} differs"
    return True


def test_spec_examples():
    examples = json.loads(CORPUS.read_text(encoding="utf-8"))["examples"] if CORPUS.exists() else []
    used = sum(same_or_fallback(f"example-{e['example']}", e["markdown"]) for e in examples)
    # most examples go through the fast path; the rest (link reference
    # definitions, tabs, CommonMark 0.31 differences, lazy lines and code
    # blocks in containers where the parsers were seen to disagree) fall back
    assert not examples or used > 500


def test_corpora_and_seeds():
    used = count = 0
    for folder in FOLDERS:
        for path in sorted((ROOT / folder).rglob("*.md")):
            used += same_or_fallback(str(path), path.read_text(encoding="utf-8"))
            count += 1
    assert count >= 45 and used >= 0.85 * count  # a few use tabs for indentation


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document())
def test_generated_documents(text):
    same_or_fallback("generated.md", text)


@pytest.mark.parametrize(
    "text",
    [
        "foo <!-- a -- b --> bar\n",  # comment text with "--": 0.31 reads it as a comment
        "*£*bravo.\n",  # emphasis by a non-ASCII symbol
        "[1]: https://example.com\n\nSee [1].\n",  # reference definitions: labels come from markdown-it-py
        "> " * 30 + "deep\n",  # deeper than markdown-it-py's nesting limit
        "![" * 30 + "deep" + "](u)" * 30 + "\n",  # the same for inline markup
        "- a\n\t- tab-indented\n",  # markdown-it-pyrs counts a tab's columns as offsets
    ],
)
def test_falls_back_where_the_parsers_differ(text):
    source = Source.from_text("x.md", text)
    assert pyrs_backend.parse(source, source.normalized()) is None


def test_backend_choice(monkeypatch):
    """markdown-it-py unless markdown-it-pyrs is asked for, and then the CLI's
    findings are the same."""
    from linter.document import parser_backend

    monkeypatch.delenv("CONTENTLINT_PARSER", raising=False)
    assert parser_backend() == "markdown-it-py"
    monkeypatch.setenv("CONTENTLINT_PARSER", "markdown-it-pyrs")
    assert parser_backend() == "markdown-it-pyrs"
    monkeypatch.setenv("CONTENTLINT_PARSER", "something else")
    assert parser_backend() == "markdown-it-py"


def test_cli_findings_are_the_same_with_either_parser(tmp_path):
    import os
    import subprocess
    import sys

    out = {}
    for backend in ("markdown-it-py", "markdown-it-pyrs"):
        env = {**os.environ, "CONTENTLINT_PARSER": backend}
        run = subprocess.run(
            [sys.executable, "-m", "linter", "--no-cache", "--format", "json", str(ROOT / "seeds"), str(ROOT / "tests" / "corpus")],
            capture_output=True, text=True, env=env, cwd=tmp_path,
        )
        assert run.returncode == 1 and run.stderr == ""
        out[backend] = run.stdout
    assert out["markdown-it-py"] == out["markdown-it-pyrs"] and out["markdown-it-py"].count('"rule"') > 100


def test_very_large_files_go_to_markdown_it_py(monkeypatch):
    """markdown-it-pyrs builds its whole tree at once: past PYRS_MAX_CHARS the
    memory-lean markdown-it-py path is used."""
    import linter.document as document_module

    calls = []
    monkeypatch.setattr(pyrs_backend, "parse", lambda *a: calls.append(a) or None)
    monkeypatch.setattr(document_module, "PYRS_MAX_CHARS", 100)
    Document.parse(Source.from_text("small.md", "Take 5 mg.\n"), backend="markdown-it-pyrs")
    assert len(calls) == 1
    Document.parse(Source.from_text("big.md", "Take 5 mg.\n" * 20), backend="markdown-it-pyrs")
    assert len(calls) == 1


def test_suppression_comments_on_their_own_line_take_the_fast_path():
    text = "<!-- contentlint-disable-next-line no-dose-numbers -- quoting the label -->\nTake 5 mg.\n\n- item\n  <!-- contentlint-disable-line -- a reason -->\n"
    assert same_or_fallback("suppressed.md", text)


# The kinds of construct bench/parser_diff.py found the two parsers reading
# differently (minimised): each now falls back, or is mapped the same way.
FUZZ_FINDINGS = [
    "> foo\n1.",  # a list marker after a quote's line
    "> - foo\n-",
    "> 1. foo\n3) baz",
    "> > You can buy ginger at a discount.\n> 003. ok",
    "> Ashwagandha may interact with medication.\n| Form | Notes |\n|---|---|",  # a table after a quote
    "| Form | Notes |\n|---|---|\nfoo\n1.",  # a list marker ending a table
    "> 1. foo\n> [^1]: Author 1. A study.",  # a footnote definition right after text
    "Ashwagandha may help.\n[^15]: Author 15. A study.",
    "> Ashwagandha may help.\n_foo____",  # a lazy line
    "- <!-- Foo\n\n",  # an unclosed HTML block or fence in a list item, then a blank line
    "- <textarea>\n\n",
    "1. <?php\n\n```",
    "- 1. ```\n\n",
    "-     ```\n    ```\n\n",
    "- two`\n    <!-- Foo\n\n",
    "  ```\n\n",  # the same at the top level
    "> ab\n> __foo___",  # left-over delimiters after a soft break in a container
    "1. ab\n   *foo**",
    "[^14]: Author 14.\nZinc lowered anxiety in one study.[^4]\n\n[^4]: Author 4.\n\nSee [^14].",  # a reference in a definition
    # found in review: fences "closed" by another character, a shorter run or
    # another column; a footnote defined twice; spaces before a line break after
    # markup; bare URLs with a delimiter character; "|r" over "--"
    "Intro\n\n~~~python\nx = 1\n```\n\n",
    "````\ncode\n```\n\n",
    "```\ncode\n    ```\n\n",
    "- ```\n  x\n  ~~~\n\n",
    "T [^a].\n\n[^a]: two\n\n[^a]: dup\n",
    "**Note:**  \nText here.\n",
    "a *b* \nc\n",
    "See [the docs](http://x.y)  \nfor more.\n",
    "Tom &amp; \nJerry\n",
    "see http://example.com/a* now",
    "see www.example.com/* now",
    "http://.*",
    "|r\n--",
    # found by the reviewer's own fuzzer (inline-heavy mash-ups)
    "a|\n--",
    "a ** \nb",
    ")* \n*",
    "_ \rx",
    "[^a]:    [^a]",
    "[^b]\n\n[^b]:    ~",
    "[^]:\\",
    "```\n ",
    "x\n    *\n[^b]:",
    # footnotes referenced only from an unreferenced footnote (parser_diff, seed 6)
    "```\n```\n\n[^9]: Nine.\n[^11]: Eleven.\n[^14]: Fourteen.\n| Powder | In one study.[^11] |\n    Lowered pain.[^9] Take 300 mg.",
    # whitespace to one parser's emphasis rules only (U+0085, U+2028, U+2029)
    "*a\u0085*\n",
    "_\u2028_\n",
    "*\u2029*\n",
    "Ginger *eases\u0085* nausea.\n",
    # "<!" and a lowercase letter: a declaration since CommonMark 0.31 only
    "<!t 4g",
    "<!doctype html>\n",
    "x <!t a> y\n",
    # footnote definitions that do not start their line
    " [^\u0661]:x\n\n[^\u0661]",  # Arabic-Indic digits, indented by a space
    " [^a]:x\n\n[^a]",
    "[^a]:[^1]:[^1]",
    "[^\u0662]\n\n[^\u0661]: > [^1]: [^1]",
    "[^1]: - [^\u0661]: ][^\u0661]: \n\u0661",
    # a table's delimiter row under a line without a pipe
    "x\n|-",
    ":\n|-",
    # whitespace only Python's str.strip() trims, at a line's edges
    ".\u00a0",
    "\u2003\n",
    "- \u2003**",
    "> \u00a0[^\u0661]",
    "[^1]: \u00a0a\n\n[^1]\u00a0<",
    "[^1]:\x0b*\n\n[^1]",
    "\x0c;",
    # strikethrough next to a non-ASCII symbol, and left-over tildes
    "~~\u00a3~~a",
    "~~a~~~",
    "*~~~~\\__x~~---<a>[^1]",
    # a delimiter row under an HTML line or a line of escaped pipes (bench/cli_fuzz.py)
    "\\||0\n-|",
    "_\r-:",  # a pipe-less row of dashes with a colon under a text line
    "text\n:--:\n",
    "<!-- contentlint-enable -->\t</span>\t`a\\|b`\t<!-- note --> | users report reduced anxiety\n--: | :--\n",
    # front matter the two plugins read differently
    "---\n---a",
    "- ---*\n*",
]


@pytest.mark.parametrize("text", FUZZ_FINDINGS)
def test_constructs_the_parsers_read_differently(text):
    same_or_fallback("fuzz.md", text)
    same_or_fallback("fuzz.md", text.replace("\n", "\r\n"))


@pytest.mark.parametrize(
    "text",
    [
        "- __foo___\n",  # left-over delimiters: markdown-it-pyrs's emphasis maps are off
        "> **foo***\n",
        "*foo*\n1. _foo__\n",
        "# _foo__ bar\n",
        "| a |\n|---|\n| _x__ |\n",
        "a[^2] b[^1]\n\n[^1]: one\n[^2]: two\n",  # footnotes in the order of their first references
        "[^1]: one\n[^2]: two\n[^3]: three\n\nx[^3] y[^1]\n",
        "- ```\n  code\n  ```\n\n- next\n",  # a closed fence in a list item, then a blank line
        "```\ncode\n```\n\nText\n",
        "**Note:**\nText\n",
        "Note:  \nText\n",
    ],
)
def test_mapped_the_same_on_the_fast_path(text):
    assert same_or_fallback("fast.md", text)
