"""Every mistake in a rule or config file is one line, file:line:col: message, and
exit code 2, never a traceback."""

from __future__ import annotations

import textwrap

import pytest

from linter.config.rules import load_rule_file
from linter.errors import ConfigError


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(textwrap.dedent(text), encoding="utf-8")
    return p


RULE = """\
id: no-foo
kind: pattern
severity: warning
message: "no {match}"
terms: [foo]
"""


@pytest.mark.parametrize(
    "text, line, col, words",
    [
        (RULE + "colour: red\n", 6, 1, "unknown key 'colour'"),
        (RULE.replace("severity: warning", "severity: eror"), 3, 11, "did you mean 'error'"),
        (RULE.replace("terms: [foo]", "terms: 3"), 5, 8, "must be a string or a list"),
        (RULE.replace('message: "no {match}"\n', ""), 1, 1, "missing the required key 'message'"),
        (RULE.replace("terms: [foo]", "patterns: ['(unclosed']"), 5, 12, "bad regular expression"),
        # a list's regexes are joined, each in a group: a global flag inside one cannot be
        (RULE.replace("terms: [foo]", "patterns: [x, '(?i)foo']"), 5, 15, "bad regular expression"),
        ("id: c\nkind: claim-citation\nseverity: error\nmessage: m\ndefinition_cues: ['(unclosed']\n", 5, 19, "bad regular expression"),
        ("id: c\nkind: claim-citation\nseverity: error\nmessage: m\nresult_phrases: ['x{cond}(']\n", 5, 18, "bad regular expression"),
        (RULE.replace("kind: pattern", "kind: patern"), 2, 7, "did you mean 'pattern'"),
        (RULE.replace("{match}", "{nope}"), 4, 10, "uses {nope}"),
        (RULE.replace("scope: x", "") + "scope: [paragraf]\n", 6, 8, "did you mean 'paragraph'"),
        (RULE + "terms: [bar]\n", 6, 1, "duplicate key"),
        (RULE.replace("id: no-foo", "id: No Foo"), 1, 5, "lowercase"),
        (RULE + "examples:\n  fail: [x, {txt: a}]\n", 7, 13, "must be a string"),
        ("id: [unclosed\n", 2, 1, "invalid YAML"),
        ("rules:\n  - 3\n", 2, 5, "must be a mapping"),
        (RULE + "case_sensitive: !!python/object:os.system ls\n", 6, 17, "tag"),
        # contentlint's own findings' ids are taken: ignore, suppressions and baselines name them
        (RULE.replace("id: no-foo", "id: unused-suppression"), 1, 5, "the id of contentlint's own findings"),
        (RULE.replace("id: no-foo", "id: front-matter-syntax"), 1, 5, "choose another"),
        (RULE.replace('message: "no {match}"', 'message: "  "'), 4, 10, "'message' in rule 'no-foo' must not be empty"),
        (RULE.replace("terms: [foo]", "terms: [foo, '']"), 5, 14, "items of 'terms' in rule 'no-foo' must not be empty"),
        (RULE.replace("terms: [foo]", "patterns: ['']"), 5, 12, "items of 'patterns' in rule 'no-foo' must not be empty"),
        # the pattern as written and the position in it, not in the group it is matched in
        (RULE.replace("terms: [foo]", "patterns: ['\\bcure\\s+(all']"), 5, 12,
         "missing ), unterminated subpattern at position 9: '\\bcure\\s+(all'"),
        (RULE.replace("terms: [foo]", "patterns: ['abc[a-']"), 5, 12, "unterminated character set at position 3: 'abc[a-'"),
        (RULE.replace("terms: [foo]", "patterns: ['(?i)foo']"), 5, 12, "write a flag around the pattern, (?i:...), not before it: '(?i)foo'"),
        # a problem of the kind's options points at the key it names
        (RULE.replace("terms: [foo]", "terms: []"), 5, 8, "a pattern rule needs 'terms' or 'patterns'"),
        ("id: s\nkind: substitution\nmessage: m\nregex: true\nswap:\n  'a(b': c\n", 6, 3,
         "bad regular expression in 'swap': missing ), unterminated subpattern at position 1: 'a(b'"),
    ],
)
def test_rule_file_errors_name_file_line_col(tmp_path, text, line, col, words):
    path = write(tmp_path, "rule.yaml", text)
    with pytest.raises(ConfigError) as info:
        load_rule_file(path)
    err = info.value
    assert words in str(err)
    assert (err.line, err.col) == (line, col), str(err)
    assert str(err).startswith(f"{path}:{line}:{col}: ")
    assert "\n" not in str(err)


def test_alias_bomb_is_refused_fast(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 9)}]")
    path = write(tmp_path, "bomb.yaml", "\n".join(lines) + "\n")
    with pytest.raises(ConfigError, match="alias bomb"):
        load_rule_file(path)


def test_cli_exits_2_with_one_line_for_a_bad_rule_file(tmp_path, run_cli):
    (tmp_path / "house").mkdir()
    write(tmp_path, "house/bad.yaml", RULE.replace("kind: pattern", "kind: nope"))
    write(tmp_path, ".contentlint.yaml", "extends: [health]\nrule_files: [house]\n")
    write(tmp_path, "a.md", "Fine.\n")
    code, out, err = run_cli("a.md", cwd=tmp_path)
    assert code == 2
    assert err.strip().count("\n") == 0
    assert "bad.yaml:2:7: 'kind' in rule 'no-foo' has unknown value 'nope'" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "config, words, line",
    [
        ("extends: [nosuchpack]\n", "neither a pack (health or an installed one", 1),
        ("rules:\n  no-such-rule: {severity: error}\n", "no loaded rule has that id", 2),
        ("rules:\n  no-dose-numbers: {severity: loud}\n", "unknown value 'loud'", 2),
        ("exclude: 5\n", "must be a string or a list", 1),
        ("rule_files: [missing/]\n", "not found", 1),
        ("unknown_key: 1\n", "unknown key 'unknown_key'", 1),
    ],
)
def test_config_errors(tmp_path, run_cli, config, words, line):
    write(tmp_path, ".contentlint.yaml", config)
    write(tmp_path, "a.md", "Fine.\n")
    code, _, err = run_cli("a.md", cwd=tmp_path)
    assert code == 2, err
    assert words in err
    assert err.startswith(".contentlint.yaml" + (f":{line}:" if line else ": "))


def test_rule_defined_twice(tmp_path, run_cli):
    (tmp_path / "house").mkdir()
    write(tmp_path, "house/a.yaml", RULE)
    write(tmp_path, "house/b.yaml", RULE)
    write(tmp_path, ".contentlint.yaml", "extends: [house]\n")
    write(tmp_path, "a.md", "foo\n")
    code, _, err = run_cli("a.md", cwd=tmp_path)
    assert code == 2
    assert "rule id 'no-foo' is defined twice" in err and "b.yaml:1" in err
    assert err.strip() == "house/b.yaml:1: rule id 'no-foo' is defined twice (also at house/a.yaml:1)"


@pytest.mark.parametrize(
    "data, words",
    [
        ("caf\u00e9".encode("latin-1"), "rule.yaml:1: not UTF-8 text: byte 0xe9 at line 1; save the file as UTF-8"),
        ("id: x\n".encode("utf-16"), "rule.yaml:1: not UTF-8 text (it looks like UTF-16: a byte-order mark): byte 0xff at line 1"),
        (b"id: x\rkind: pattern\rmessage: caf\xe9\r", "rule.yaml:3: not UTF-8 text: byte 0xe9 at line 3"),  # old Mac line ends
    ],
)
def test_a_rule_or_config_file_that_is_not_utf8_says_where_and_what_to_do(tmp_path, run_cli, data, words):
    (tmp_path / "rule.yaml").write_bytes(data)
    write(tmp_path, ".contentlint.yaml", "extends: []\nrule_files: [rule.yaml]\n")
    write(tmp_path, "a.md", "foo\n")
    code, _, err = run_cli("a.md", cwd=tmp_path)
    assert code == 2 and err.startswith(words) and err.count("\n") == 1 and "codec" not in err


def test_several_rules_in_one_file(tmp_path):
    path = write(
        tmp_path,
        "many.yaml",
        "rules:\n"
        "  - {id: one, kind: pattern, message: m, terms: [a]}\n"
        "  - {id: two, kind: pattern, message: m, terms: [b], colour: 1}\n",
    )
    with pytest.raises(ConfigError) as info:
        load_rule_file(path)
    assert (info.value.line, "unknown key 'colour'" in str(info.value)) == (3, True)


@pytest.mark.parametrize(
    "config, expected",
    [
        # a typo in select must not turn every rule off ("No problems found", exit 0)
        ("select: [claim-*, no-dose-number]\n",
         ".contentlint.yaml:1:19: 'no-dose-number' in 'select' is not a rule id; did you mean 'no-dose-numbers'?"),
        ("select: no-dose-number\n",
         ".contentlint.yaml:1:9: 'no-dose-number' in 'select' is not a rule id; did you mean 'no-dose-numbers'?"),
        ("ignore:\n  - medical-disclaimer\n  - no-dose-numbr\n",
         ".contentlint.yaml:3:5: 'no-dose-numbr' in 'ignore' is not a rule id; did you mean 'no-dose-numbers'?"),
        ("ignore: [clam-*]\n", ".contentlint.yaml:1:10: 'clam-*' in 'ignore' matches no rule id; did you mean 'claim-*'?"),
        ("select: ['*-citaton']\n", ".contentlint.yaml:1:10: '*-citaton' in 'select' matches no rule id"),
        ("per_file_ignores:\n  'legal/**': [claim-needs-citaton]\n",
         ".contentlint.yaml:2:16: 'claim-needs-citaton' in per_file_ignores['legal/**'] is not a rule id; "
         "did you mean 'claim-needs-citation'?"),
        ("per_file_ignores:\n  'legal/**': no-such-rule\n",
         ".contentlint.yaml:2:15: 'no-such-rule' in per_file_ignores['legal/**'] is not a rule id"),
        ("rules:\n  no-dose-number: {severity: warning}\n",
         ".contentlint.yaml:2:3: 'rules' sets 'no-dose-number', but no loaded rule has that id; did you mean 'no-dose-numbers'?"),
    ],
)
def test_unknown_rule_ids_are_errors(tmp_path, run_cli, config, expected):
    write(tmp_path, ".contentlint.yaml", config)
    write(tmp_path, "a.md", "Take 5 mg daily.\n")
    code, out, err = run_cli("--no-cache", "a.md", cwd=tmp_path)
    assert (code, out, err) == (2, "", expected + "\n")


def test_unknown_rule_id_in_a_base_config_names_that_file(tmp_path, run_cli):
    (tmp_path / "shared").mkdir()
    (tmp_path / "site").mkdir()
    write(tmp_path, "shared/base.yaml", "extends: [health]\nignore:\n  - no-dose-numbers\n  - medical-disclamer\n")
    write(tmp_path, "site/.contentlint.yaml", "extends: [../shared/base.yaml]\nselect: [claim-*, no-dose-numbers]\n")
    write(tmp_path, "site/a.md", "Take 5 mg daily.\n")
    code, out, err = run_cli("--no-cache", "site/a.md", cwd=tmp_path)
    assert code == 2 and err.startswith("shared/base.yaml:4:5: 'medical-disclamer' in 'ignore' is not a rule id"), err


def test_unknown_rule_id_in_pyproject(tmp_path, run_cli):
    write(tmp_path, "pyproject.toml", '[tool.contentlint]\nselect = ["no-dose-number"]\n')
    write(tmp_path, "a.md", "Take 5 mg daily.\n")
    code, out, err = run_cli("--no-cache", "a.md", cwd=tmp_path)
    assert code == 2 and err == "pyproject.toml: 'no-dose-number' in 'select' is not a rule id; did you mean 'no-dose-numbers'?\n"


@pytest.mark.parametrize(
    "config",
    [
        "select: [no-dose-*, 'claim-*']\n",
        "ignore: [unused-suppression, suppression-without-reason, front-matter-syntax]\n",  # contentlint's own
        "ignore: ['*-suppression']\n",
        "select: ['*']\nper_file_ignores:\n  'a.md': [medical-*]\n",
        "rules:\n  medical-disclaimer: {enabled: false}\nignore: [medical-disclaimer]\n",  # off, but known
    ],
)
def test_known_ids_and_matching_globs_are_fine(tmp_path, run_cli, config):
    write(tmp_path, ".contentlint.yaml", config)
    write(tmp_path, "a.md", "Take 5 mg daily.\n")
    code, out, err = run_cli("--no-cache", "a.md", cwd=tmp_path)
    assert code == 1 and err == "" and "no-dose-numbers" in out


def test_a_list_of_strings_is_validated_without_reading_each_items_position(monkeypatch):
    """A lexicon of hundreds of words is checked item by item only when an item
    is not a plain string; a wrong item is still reported at its own line."""
    from ruamel.yaml import YAML

    from linter.config import schema
    from linter.errors import ConfigError
    from linter.fields import Field

    fields = {"words": Field("str-or-list", default=[])}
    looked_up = []
    real_position = schema.position
    monkeypatch.setattr(schema, "position", lambda node, *a, **k: looked_up.append(a) or real_position(node, *a, **k))
    node = YAML().load("words:\n  - one\n  - two words\n  - three\n")
    assert schema.validate(node, fields, "r.yaml", "rule") == {"words": ["one", "two words", "three"]}
    assert len(looked_up) == 1  # the key's own position, not each item's
    assert schema.validate(YAML().load("words:\n  - one\n  - 2\n"), fields, "r.yaml", "rule") == {"words": ["one", "2"]}
    try:
        schema.validate(YAML().load("words:\n  - one\n  - [x]\n"), fields, "r.yaml", "rule")
    except ConfigError as exc:
        assert "r.yaml:3" in str(exc) and "must be strings" in str(exc)
    else:
        raise AssertionError("expected a ConfigError")


def test_a_regex_swap_whose_replacement_names_a_missing_group_is_a_load_error(tmp_path, run_cli):
    """'\\9' with one group failed on the first match, as an internal error; a named
    group and '\\1' that exist load."""
    (tmp_path / "r.yaml").write_text('id: sw\nkind: substitution\nmessage: m\nregex: true\nswap:\n  "(fo)o": "\\\\9"\n',
                                     encoding="utf-8")
    (tmp_path / ".contentlint.yaml").write_text("extends: []\nrule_files: [r.yaml]\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("foo\n", encoding="utf-8")
    code, out, err = run_cli("--no-cache", "a.md", cwd=tmp_path)
    assert code == 2 and "internal error" not in err and "bad replacement in 'swap'" in err and "invalid group reference 9" in err
    (tmp_path / "r.yaml").write_text('id: sw\nkind: substitution\nmessage: m\nregex: true\nswap:\n  "(?P<w>fo)o": "\\\\g<w>x \\\\1"\n',
                                     encoding="utf-8")
    code, out, err = run_cli("--no-cache", "a.md", cwd=tmp_path)
    assert code == 0 and "a.md:1:1: warning sw m" in out, err
