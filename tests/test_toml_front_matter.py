"""TOML front matter (``+++``, as Hugo and Zola write it): kept out of the prose
like YAML's, its fields read by front-matter rules with exact positions, a block
that cannot be read reported once as ``front-matter-syntax``, and the dose rule's
page title read from ``title = "..."``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from linter.config.rules import build_rule
from linter.document import Document
from linter.document.front_matter import parse_front_matter
from linter.engine import front_matter_syntax, lint_document
from linter.kinds.quantity import _toml_title
from linter.source import Source
from linter.yamlfile import MAX_BYTES, MAX_DEPTH

ROOT = Path(__file__).resolve().parents[1]

HUGO = """+++
title = "Does vitamin D prevent colds?"
date = 2024-03-01T09:00:00+01:00
draft = false
tags = ["health", "vitamins"]
description = "Vitamin D cures colds, some say. Take 4000 IU daily."
[params]
author = "Sam"
+++

# Does vitamin D prevent colds?

Vitamin D cures colds in most people.

Take 4000 IU of vitamin D daily with food.
"""


def doc(text: str) -> Document:
    return Document.parse(Source.from_text("a.md", text))


def at(document: Document, span: tuple[int, int]) -> tuple[int, int, str]:
    """(line, column, text) of a source span."""
    line, column = document.source.position(span[0])
    return line, column, document.source.text[span[0] : span[1]]


# -- where a +++ block is front matter -------------------------------------------------


def test_a_toml_block_is_front_matter_and_not_prose():
    d = doc(HUGO)
    assert d.front_matter_format == "toml"
    assert d.front_matter_lines == (0, 9)
    assert d.front_matter.startswith('title = "Does') and d.front_matter.endswith('author = "Sam"')
    assert [b.text for b in d.blocks] == [
        "Does vitamin D prevent colds?", "Vitamin D cures colds in most people.", "Take 4000 IU of vitamin D daily with food."]
    assert ("front_matter", 0, 9) in d.non_prose


def test_yaml_front_matter_is_still_yaml():
    d = doc("---\ntitle: A\n---\n\nText.\n")
    assert d.front_matter_format == "yaml" and d.front_matter == "title: A"
    assert doc("Text.\n").front_matter_format is None


@pytest.mark.parametrize("text", [
    "+++ \t\ntitle = 'A'\n+++  \n\nText.\n",  # spaces after either fence
    "+++\r\ntitle = 'A'\r\n+++\r\n\r\nText.\r\n",
    "+++\rtitle = 'A'\r+++\r\rText.\r",
    "\ufeff+++\ntitle = 'A'\n+++\n\nText.\n",  # the BOM is not part of the text
    "+++\ntitle = 'A'\n+++",  # the closing fence is the file's last line
])
def test_the_fences_hugo_and_zola_read(text):
    d = doc(text)
    assert d.front_matter_format == "toml" and d.front_matter == "title = 'A'", text
    assert parse_front_matter(d).data == {"title": "A"}


@pytest.mark.parametrize("text", [
    "\n+++\ntitle = 'A'\n+++\n",  # not on the first line
    " +++\ntitle = 'A'\n+++\n",  # indented
    "++++\ntitle = 'A'\n++++\n",  # four markers
    "+++ toml\ntitle = 'A'\n+++\n",  # anything after the fence
    "Intro.\n\n+++\ntitle = 'A'\n+++\n",
])
def test_what_is_not_toml_front_matter(text):
    d = doc(text)
    assert d.front_matter_lines is None
    assert front_matter_syntax(d) is None  # nor a block left open


@pytest.mark.parametrize("closing", [" +++", "+++ x", "++", "...", "---"])
def test_only_a_plus_fence_at_column_0_closes(closing):
    d = doc(f"+++\ntitle = 'A'\n{closing}\nx = 1\n+++\n\nText.\n")
    assert d.front_matter_lines == (0, 5), closing
    assert d.front_matter == f"title = 'A'\n{closing}\nx = 1"


def test_an_empty_block():
    d = doc("+++\n+++\n\nText.\n")
    assert d.front_matter == "" and parse_front_matter(d).data == {}
    assert front_matter_syntax(d) is None


# -- reading the fields --------------------------------------------------------------

FIELDS = """+++
title = "Vitamin D and you"   # the page's title
date = 2024-01-01
"quoted key" = 'literal'
tags = [
  "health",  # a comment inside the array
  "nutrition",
]
description = \"\"\"
summary = "not a key: inside a string"
[not a table]
\"\"\"
params.color = "red"
[extra]
title = "the extra table's title"
[[menu.main]]
name = "Home"
+++

Text.
"""


def test_each_top_level_key_and_value_is_found_where_it_is_written():
    d = doc(FIELDS)
    fm = d.front_matter_info
    assert fm.error is None and fm.syntax == "TOML"
    assert fm.data["tags"] == ["health", "nutrition"] and fm.data["extra"] == {"title": "the extra table's title"}
    spans = {key: (at(d, fm.key_span(key)), at(d, fm.value_span(key))) for key in fm.data}
    assert spans == {
        "title": ((2, 1, "title"), (2, 9, '"Vitamin D and you"')),  # the comment is not the value
        "date": ((3, 1, "date"), (3, 8, "2024-01-01")),
        "quoted key": ((4, 1, '"quoted key"'), (4, 16, "'literal'")),
        "tags": ((5, 1, "tags"), (5, 8, "[")),  # a value on several lines: its first line
        "description": ((9, 1, "description"), (9, 15, '"""')),
        "params": ((13, 1, "params"), (13, 16, '"red"')),
        "extra": ((14, 2, "extra"), (14, 1, "[extra]")),
        "menu": ((16, 3, "menu"), (16, 1, "[[menu.main]]")),
    }


def test_a_key_missing_from_the_data_points_at_the_front_matter():
    d = doc(FIELDS)
    assert at(d, d.front_matter_info.key_span("author")) == (1, 1, "+++")


def test_positions_count_code_points_after_a_bom_and_crlf():
    d = doc("\ufeff+++\r\n\"🌿 name\" = \"𝔪𝔞𝔤\"\r\nnext = 1\r\n+++\r\n")
    fm = d.front_matter_info
    assert at(d, fm.key_span("🌿 name")) == (2, 1, '"🌿 name"')
    assert at(d, fm.value_span("🌿 name")) == (2, 12, '"𝔪𝔞𝔤"')
    assert at(d, fm.value_span("next")) == (3, 8, "1")


def test_front_matter_scoped_rules_read_toml_strings():
    rule = build_rule({"id": "no-miracle", "kind": "pattern", "message": "{match}", "patterns": ["miracle"],
                       "scope": ["front_matter.title"]}, "<test>")
    text = "+++\ntitle = 'A miracle cure'\nsummary = 'a miracle'\n+++\n\nA miracle.\n"
    found = lint_document(doc(text), [rule])
    assert [(f.line, f.column, f.match) for f in found] == [(2, 12, "miracle")]


def test_toml_strings_map_past_their_quotes():
    """A value written as it reads maps character by character (past its quotes,
    triple ones too); one over several lines word by word, each word where it is
    written; a word with escapes to what is written for it."""
    rule = build_rule({"id": "words", "kind": "pattern", "message": "{match}", "patterns": [r"\w+"],
                       "scope": ["front_matter"]}, "<test>")
    text = (
        "+++\n"
        "a = '''one two'''\n"
        'b = """three\n'
        'four"""\n'
        "c = '''\n"
        "five'''\n"
        'd = "six \\"seven\\""\n'
        'e = "eight"  # nine\n'
        "+++\n"
    )
    found = [(f.line, f.column, f.match) for f in lint_document(doc(text), [rule])]
    assert found == [
        (2, 8, "one"), (2, 12, "two"),
        (3, 8, "three"), (4, 1, "four"),  # "three\nfour": each word on its line
        (6, 1, "five"),  # starts on the next line
        (7, 6, "six"), (7, 10, '\\"seven\\"'),  # an escaped word: what is written for it
        (8, 6, "eight"),
    ]


def test_a_front_matter_rule_checks_toml_fields(tmp_path):
    rule = build_rule({"id": "meta", "kind": "front-matter", "message": "{problem}", "required": ["title", "author"],
                       "types": {"date": "date", "draft": "bool", "weight": "int"}}, "<test>")
    text = "+++\ntitle = 'A'\ndate = 2024-01-01T10:00:00Z\ndraft = 'no'\nweight = 3\n+++\n\nText.\n"
    found = lint_document(doc(text), [rule])
    assert [(f.line, f.column, f.message) for f in found] == [(1, 1, "'author' is required"), (4, 9, "'draft' must be bool")]


# -- what cannot be read --------------------------------------------------------------


@pytest.mark.parametrize("text, line, column, message", [
    ("+++\ntitle = 'A'\ndate = 2024-13-45\n+++\n", 3, 12, "expected newline or end of document after a statement"),
    ("+++\ntitle = 'A'\ntitle = 'B'\n+++\n", 3, 12, "cannot overwrite a value"),
    ("+++\ntitle = \"A\n+++\n\nText.\n", 2, 11, "unterminated string"),  # at the end of the block
    ("+++\ntitle: A\n+++\n", 2, 6, "expected '=' after a key in a key/value pair"),  # YAML inside +++
    ("+++\r\nk =\r\n+++\r\n", 2, 4, "invalid value"),
])
def test_invalid_toml_is_one_finding_where_tomllib_stopped(text, line, column, message):
    d = doc(text)
    f = front_matter_syntax(d)
    assert (f.rule, f.severity, f.line, f.column) == ("front-matter-syntax", "error", line, column)
    assert f.message == f"Front matter is not valid TOML: {message}"
    assert d.front_matter_info.data is None


def test_a_block_never_closed_is_reported_and_read_as_markdown():
    d = doc("+++\ntitle = 'A'\n\nText.\n")
    assert d.front_matter_lines is None
    f = front_matter_syntax(d)
    assert (f.line, f.column, f.end_line, f.end_column, f.match) == (1, 1, 1, 4, "+++")
    assert f.message == "Front matter opened with '+++' is never closed (no '+++' line after it)"
    rule = build_rule({"id": "meta", "kind": "front-matter", "message": "{problem}", "required": ["title"]}, "<test>")
    assert lint_document(d, [rule]) == [f]  # the front-matter rule says nothing more


def test_a_huge_block_is_refused_unread():
    d = doc("+++\n" + "k = 1\n" + "# padding\n" * (MAX_BYTES // 10) + "+++\n\nText.\n")
    assert d.front_matter_info.error == f"front matter larger than {MAX_BYTES:,} characters; refused"
    assert front_matter_syntax(d).message == f"Front matter larger than {MAX_BYTES:,} characters; refused"


def test_arrays_nested_thousands_deep_are_an_error_not_a_crash():
    d = doc("+++\nk = " + "[" * 5000 + "]" * 5000 + "\n+++\n")
    f = front_matter_syntax(d)
    assert f.message == "Front matter is not valid TOML: nested too deeply" and f.line == 1


DEEP = "a" + ".a" * MAX_DEPTH  # a dotted key of MAX_DEPTH + 1 parts


@pytest.mark.parametrize("line, column", [
    (DEEP + " = 1", 1),
    ("[" + DEEP + "]", 2),
    ("[[ " + DEEP + " ]]", 4),
    ("\"x\"" + " . 'y'" * MAX_DEPTH + " = 1", 1),  # quoted parts, spaces around the dots
    ("t = {" + DEEP + " = 1}", 6),
])
def test_a_key_of_more_parts_than_max_depth_is_refused_unread(monkeypatch, line, column):
    """tomllib's time grows with the square of a dotted key's parts, outside
    --timeout: such a key or table name is refused before tomllib is given the
    text."""
    import tomllib

    given = []
    monkeypatch.setattr(tomllib, "loads", lambda text, **kw: given.append(text) or {})
    f = front_matter_syntax(doc("+++\ntitle = 'T'\n" + line + "\n+++\n\nText.\n"))
    assert f.message == f"Front matter nested too deeply (a key or table name of more than {MAX_DEPTH} parts); refused"
    assert (f.line, f.column) == (3, column) and given == []


def test_a_key_of_max_depth_parts_or_dotted_words_in_a_value_are_read():
    shallow = "a" + ".a" * (MAX_DEPTH - 1)
    assert front_matter_syntax(doc(f"+++\n{shallow} = 1\n[b{shallow[1:]}]\n+++\n")) is None
    words = "Sleep. Magnesium. Dose. " * MAX_DEPTH  # a chain of two parts at most
    d = doc(f"+++\ntitle = 'T'\nsummary = '{words}'\n+++\n")
    assert front_matter_syntax(d) is None and d.front_matter_info.data["summary"] == words


def test_an_integer_longer_than_python_reads_is_an_error_not_a_crash():
    limit = sys.get_int_max_str_digits()
    d = doc("+++\ntitle = 'T'\ncount = " + "1_2" * (limit // 2 + 1) + "\n+++\n\nText.\n")
    f = front_matter_syntax(d)
    assert f.message == f"Front matter is not valid TOML: an integer of more than {limit:,} digits"
    assert (f.line, f.column) == (3, 9)


def test_hostile_toml_front_matter_through_the_cli(tmp_path, run_cli):
    """One clear finding per file, the body still linted, no traceback, with a
    front-matter rule in effect (which then says nothing more)."""
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "fm.yaml").write_text(
        "id: fm\nkind: front-matter\nseverity: error\nmessage: '{problem}'\nrequired: [title]\n", encoding="utf-8")
    (tmp_path / ".contentlint.yaml").write_text("rule_files: [house]\n", encoding="utf-8")
    body = "\nTake 600 mg daily.\n"
    files = {
        "open.md": "+++\ntitle = 'x'\n" + body,
        "bad.md": "+++\ntitle = 'x'\ndraft = nope\n+++\n" + body,
        "deep.md": "+++\ntitle = " + "[" * 5000 + "]" * 5000 + "\n+++\n" + body,
        "huge.md": "+++\ntitle = 'x'\n" + "k = 1 # padding to one megabyte\n" * 40_000 + "+++\n" + body,
        "bom.md": "\ufeff+++\r\ntitle = 'x'\r\nk = \r\n+++\r\n" + body,
        "dotted.md": "+++\ntitle = 'x'\n" + "a" + ".a" * 50_000 + " = 1\n+++\n" + body,
        "digits.md": "+++\ntitle = 'x'\nk = " + "9" * 5_000 + "\n+++\n" + body,
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8", newline="")
    code, out, err = run_cli("--no-cache", "--format", "concise", ".", cwd=tmp_path)
    assert code == 1 and err == "" and "Traceback" not in out
    found = out.splitlines()
    assert "open.md:1:1: error front-matter-syntax Front matter opened with '+++' is never closed (no '+++' line after it)" in found
    assert "bad.md:3:9: error front-matter-syntax Front matter is not valid TOML: invalid value" in found
    assert "deep.md:1:1: error front-matter-syntax Front matter is not valid TOML: nested too deeply" in found
    assert f"huge.md:1:1: error front-matter-syntax Front matter larger than {MAX_BYTES:,} characters; refused" in found
    assert "bom.md:3:5: error front-matter-syntax Front matter is not valid TOML: invalid value" in found
    assert ("dotted.md:3:1: error front-matter-syntax Front matter nested too deeply (a key or table name of more"
            f" than {MAX_DEPTH} parts); refused") in found
    assert "digits.md:3:5: error front-matter-syntax Front matter is not valid TOML: an integer of more than" in " ".join(found)
    assert not any(" fm " in f for f in found)  # the front-matter rule says nothing more
    for name, text in files.items():  # and each body is linted, at its own line
        line = text.count("\n") + text.count("\r") - text.count("\r\n")
        assert any(f.startswith(f"{name}:{line}:6: error no-dose-numbers") for f in found), (name, found)


# -- the dose rule's page title ----------------------------------------------------------


@pytest.mark.parametrize("front_matter, title", [
    ('title = "A ginger remedy"', "A ginger remedy"),
    ("title = 'C:\\path remedy'", "C:\\path remedy"),  # a literal string has no escapes
    ('title = "A \\"ginger\\" remedy \\u00e9"', 'A "ginger" remedy é'),
    ('"title" = "Quoted key"', "Quoted key"),
    ('draft = true\n  title   =   "Indented"  # comment', "Indented"),
    ('title = """\nA ginger\nremedy"""', "A ginger remedy"),
    ("title = '''A ginger remedy'''", "A ginger remedy"),
    ('[params]\ntitle = "A table\'s title is not the page\'s"', ""),
    ('subtitle = "no"\ntitles = "no"', ""),
    ('title = "unterminated', ""),
    ("", ""),
    # a "[" or "title =" line inside a multi-line array or string is no table header or key
    ('tags = [\n  ["a", "b"],\n]\ntitle = "After an array"', "After an array"),
    ('summary = """\n[Read more](/more)\n"""\ntitle = "After a string"', "After a string"),
    ('summary = """\ntitle = "not this"\n"""\ntitle = "This one"', "This one"),
    ('summary = """\ntitle = "not this"\n"""', ""),
    ("title = 5", ""),
])
def test_the_page_title_of_toml_front_matter(front_matter, title):
    assert _toml_title(doc(f"+++\n{front_matter}\n+++\n\nText.\n")) == title


def test_a_toml_title_names_a_recipe_for_a_remedy():
    body = "## Ingredients\n\n- 1 teaspoon dried ginger\n- 2 teaspoons honey\n"
    rule = build_rule({"id": "dose", "kind": "quantity", "message": "{match}", "units": ["mg"],
                       "unit_words": ["teaspoon", "teaspoons"], "dose_units": ["mg"],
                       "not_dose_headings": ["ingredients"], "remedy_terms": ["remedy"]}, "<test>")

    def matches(text):
        return [f.match for f in lint_document(doc(text), [rule])]

    assert matches('+++\ntitle = "Gingerbread"\n+++\n\n' + body) == []
    assert matches('+++\ntitle = "A ginger remedy for coughs"\n+++\n\n' + body) == ["1 teaspoon", "2 teaspoons"]
    assert matches('+++\ntitle = "Gingerbread"\n[params]\ntitle = "remedy"\n+++\n\n' + body) == []


# -- start-up cost ---------------------------------------------------------------------


@pytest.mark.parametrize("text, imported", [("# T\n\nTake 600 mg.\n", False), (HUGO, True)])
def test_tomllib_is_imported_only_for_a_toml_block(tmp_path, text, imported):
    (tmp_path / "a.md").write_text(text, encoding="utf-8")
    code = "import sys, linter.cli; rc = linter.cli.main(['--no-cache', 'a.md']); print(rc, 'tomllib' in sys.modules)"
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert proc.stdout.split()[-2:] == ["1", str(imported)], proc.stdout + proc.stderr


# -- end to end -------------------------------------------------------------------------


def test_cli_json_on_a_hugo_site(tmp_path):
    """A Hugo article, run through the real CLI with the built-in rules: nothing
    in its front matter is linted as prose, the disclaimer is asked for at the first
    line of the body, and the findings point where they are."""
    posts = tmp_path / "content" / "posts"
    posts.mkdir(parents=True)
    (posts / "vitamin-d.md").write_text(HUGO, encoding="utf-8")
    (posts / "broken.md").write_text("+++\ntitle = 'Broken'\ndraft = nope\n+++\n\nJust text.\n", encoding="utf-8")
    (posts / "open.md").write_text("+++\ntitle = 'Never closed'\n\nJust text.\n", encoding="utf-8")
    (posts / "bom.md").write_bytes("\ufeff+++\r\ntitle = 'BOM and CRLF'\r\n+++\r\n\r\nJust text.\r\n".encode())
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    proc = subprocess.run([sys.executable, "-m", "linter", "--no-cache", "--format", "json", "content"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1 and proc.stderr == "", proc.stderr
    got = [(f["path"], f["line"], f["column"], f["rule"], f["match"]) for f in json.loads(proc.stdout)]
    assert got == [
        ("content/posts/broken.md", 3, 9, "front-matter-syntax", "nope"),
        ("content/posts/open.md", 1, 1, "front-matter-syntax", "+++"),
        ("content/posts/vitamin-d.md", 11, 3, "medical-disclaimer", "Does vitamin D prevent colds?"),
        ("content/posts/vitamin-d.md", 13, 1, "claim-needs-citation", "Vitamin D cures colds in most people."),
        ("content/posts/vitamin-d.md", 15, 6, "no-dose-numbers", "4000 IU"),
    ]
    messages = {f["path"]: f["message"] for f in json.loads(proc.stdout) if f["rule"] == "front-matter-syntax"}
    assert messages["content/posts/broken.md"] == "Front matter is not valid TOML: invalid value"


def test_front_matter_values_over_lines_lists_and_nested_keys_map_word_by_word():
    """Block scalars, quoted and plain values over several lines, list items and
    nested keys (YAML and TOML): each finding spans the word matched, and a
    nested key answers to ``front_matter.KEY.SUB`` and to ``front_matter.KEY``."""
    rule = build_rule({"id": "m", "kind": "pattern", "message": "{match}", "terms": ["miracle"],
                       "scope": ["front_matter"]}, "<test>")
    text = (
        "---\n"
        "description: >\n  A folded\n  miracle text\n"
        "lit: |\n  first\n  miracle this\n"
        'dq: "multi\n  miracle"\n'
        "plain: first line\n  miracle second\n"
        "tags: [cure, miracle]\n"
        "seo:\n  description: a miracle\n  items:\n    - x miracle\n"
        'esc: "caf\\u00e9 miracle"\n'
        "---\n\nBody.\n"
    )
    d = doc(text)
    found = lint_document(d, [rule])
    assert [(f.line, f.column) for f in found] == [(4, 3), (7, 3), (9, 3), (11, 3), (12, 14), (14, 18), (16, 9), (17, 17)]
    assert {f.match for f in found} == {"miracle"}
    assert all(d.source.text[f.start:f.end] == "miracle" for f in found)
    nested = build_rule({"id": "n", "kind": "pattern", "message": "{match}", "terms": ["miracle"],
                         "scope": ["front_matter.seo.description"]}, "<test>")
    assert [(f.line, f.column) for f in lint_document(d, [nested])] == [(14, 18)]
    whole = build_rule({"id": "n", "kind": "pattern", "message": "{match}", "terms": ["miracle"],
                        "scope": ["front_matter.seo"]}, "<test>")
    assert [(f.line, f.column) for f in lint_document(d, [whole])] == [(14, 18), (16, 9)]
    tags = build_rule({"id": "t", "kind": "pattern", "message": "{match}", "terms": ["cure"],
                       "scope": ["front_matter.tags"]}, "<test>")
    assert [(f.line, f.column, f.match) for f in lint_document(d, [tags])] == [(12, 8, "cure")]
    # a word in a comment is not the value's; in a block scalar "#" is text
    commented = doc("---\ntags: [x, # miracle here\n  miracle]\nd: >\n  a # miracle\n---\n\nBody.\n")
    assert [(f.line, f.column) for f in lint_document(commented, [rule])] == [(3, 3), (5, 7)]
    toml = doc('+++\ntags = ["cure", "miracle"]\n[seo]\ndescription = "a miracle"\n+++\n\nBody.\n')
    assert [(f.line, f.column, f.match) for f in lint_document(toml, [rule])] == [(2, 18, "miracle"), (4, 18, "miracle")]


@pytest.mark.parametrize("text, expected", [
    # a key that holds the word, before the value or named like it: never the value's place
    ("---\ntitle: Sleep\nparams:\n  show_cure_badge: false\n  tagline: cure your insomnia\n---\n\nB.\n", [(5, 12)]),
    ("---\nseo:\n  title: x\n  cure: cure\n---\n\nB.\n", [(4, 9)]),
    ("---\nseo:\n  securely: cure\n---\n\nB.\n", [(3, 13)]),
    ('+++\nseo = {utilised_by = "cure", cure = "x"}\n+++\n\nB.\n', [(2, 23)]),
    # "#" inside a quoted string or a block scalar is text; a comment is not the value
    ('---\nseo:\n  description: "Rated #1 cure for insomnia"\n  note: secure your sleep\n---\n\nB.\n', [(3, 26)]),
    ('---\ntags: ["C #1", "cure"]\n---\n\nB.\n', [(2, 17)]),
    ("---\nseo:\n  description: >\n    Step #1: a miracle cure\n---\n\nB.\n", [(4, 24)]),
    ("---\nitems:\n  - |\n    C # is a cure\n---\n\nB.\n", [(4, 14)]),
    ("---\ntitle: > # a cure\n  fine text\n---\n\nB.\n", []),
    ("---\ntags: [x, # a cure here\n  ok]\n---\n\nB.\n", []),
    # TOML tables, arrays of tables, a table between them
    ('+++\n[[items]]\nname = "a"\n[other]\nx = "cure"\n[[items]]\nname = "cure"\n+++\n\nB.\n', [(5, 6), (7, 9)]),
    # a word written with an escape spans what is written for it; the next value is its own
    ('+++\na = ["\\u0063ure"]\nb = "cure"\n+++\n\nB.\n', [(2, 7), (3, 6)]),
    ('---\nd: "' + " ".join(["\\u0061b"] * 300) + ' cure"\n---\n\nB.\n', [(2, 2405)]),
    # a merged key is read where its anchor is, once; a tagged string is read
    ("---\nbase: &b\n  x: cure here\npage:\n  <<: *b\n  y: ok\n---\n\nB.\n", [(3, 6)]),
    ("---\ntitle: !!str miracle cure\n---\n\nB.\n", [(2, 22)]),
])
def test_front_matter_words_map_to_the_value_never_a_key_or_comment(text, expected):
    rule = build_rule({"id": "c", "kind": "pattern", "message": "{match}", "terms": ["cure"],
                       "scope": ["front_matter"]}, "<test>")
    d = doc(text)
    found = lint_document(d, [rule])
    assert [(f.line, f.column) for f in found] == expected
    for f in found:
        assert d.source.text[f.start:f.end] == f.match
        assert f.match == "cure" or f.match == "\\u0063ure"


def test_long_front_matter_values_are_read_to_their_end():
    """Many list items, or thousands of words with escapes before a plain one:
    each word is looked for near the last one found (a bounded look, so the
    whole stays linear: measured in bench/README.md), and the last is still
    placed where it is written, as is the body's finding."""
    rule = build_rule({"id": "c", "kind": "pattern", "message": "{match}", "terms": ["cure"],
                       "scope": ["front_matter", "prose"]}, "<test>")
    for text in ('+++\ntags = [' + ", ".join(['"ab"'] * 5_000) + ', "cure"]\n+++\n\nA cure.\n',
                 '+++\ndesc = """' + " ".join(["\\u0061b"] * 400) + ' cure\n"""\n+++\n\nA cure.\n'):
        d = doc(text)
        found = lint_document(d, [rule])
        assert [f.match for f in found] == ["cure", "cure"]
        assert found[0].line == 2 and d.source.text[found[0].start:found[0].end] == "cure"
        assert found[1].line == text.count("\n")
