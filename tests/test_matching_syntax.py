"""The regex syntax reader (``linter/matching/syntax.py``) and the case-folding
table (``linter/matching/folding.py``) that the first-word analysis reads
patterns and texts by, with public Python APIs only."""

from __future__ import annotations

import re

import pytest

from linter.matching import folding, syntax
from linter.matching.analysis import _analyse


def test_the_fold_table_is_what_str_methods_tell_on_this_interpreter():
    """The shipped table equals the computed one; each of its characters is one
    the regex engine matches case-insensitively with a character whose
    lowercase differs from its own."""
    import unicodedata

    assert unicodedata.unidata_version in folding.CHECKED_UNICODE
    assert folding.fold_differences() == folding.FOLDS_DIFFER_CHARS
    for ch in "ſµς":
        assert ch in folding.FOLDS_DIFFER_CHARS
    assert re.fullmatch("(?i)s", "ſ") and "ſ".lower() != "s"  # why the long s is in it
    assert folding.words_of("ſo it helps") is None and folding.words_of("Ok, It helps") == {"ok", "it", "helps"}


@pytest.mark.parametrize(
    "pattern, items",
    [
        (r"ab", [("LITERAL", 97), ("LITERAL", 98)]),
        (r"\bx\.", [("AT", "AT_BOUNDARY"), ("LITERAL", 120), ("LITERAL", 46)]),
        (r"[’']s", [("IN", [("LITERAL", 0x2019), ("LITERAL", 39)]), ("LITERAL", 115)]),
        (r"[a]", [("LITERAL", 97)]),
        (r"[^a]", [("NOT_LITERAL", 97)]),
        (r"[^\w\-]", [("IN", [("NEGATE", None), ("CATEGORY", "CATEGORY_WORD"), ("LITERAL", 45)])]),
        (r"[a-z0-9]", [("IN", [("RANGE", (97, 122)), ("RANGE", (48, 57))])]),
        (r"[]a]", [("IN", [("LITERAL", 93), ("LITERAL", 97)])]),
        (r"(?<!\w)x", [("ASSERT_NOT", (-1, [("IN", [("CATEGORY", "CATEGORY_WORD")])])), ("LITERAL", 120)]),
        (r"a|b", [("BRANCH", (None, [[("LITERAL", 97)], [("LITERAL", 98)]]))]),
        (r"(?:a)?", [("MAX_REPEAT", (0, 1, [("SUBPATTERN", (None, 0, 0, [("LITERAL", 97)]))]))]),
        (r"a{2,}?", [("MIN_REPEAT", (2, syntax.MAXREPEAT, [("LITERAL", 97)]))]),
        (r"a{,3}", [("MAX_REPEAT", (0, 3, [("LITERAL", 97)]))]),
        (r"a{x}", [("LITERAL", 97), ("LITERAL", 123), ("LITERAL", 120), ("LITERAL", 125)]),
        (r"(?P<n>a)", [("SUBPATTERN", (1, 0, 0, [("LITERAL", 97)]))]),
        (r"(?i:a)", [("SUBPATTERN", (None, int(re.I), 0, [("LITERAL", 97)]))]),
        (r"\u00e9\x41\0", [("LITERAL", 0xE9), ("LITERAL", 0x41), ("LITERAL", 0)]),
        (r"a(?#note)b", [("LITERAL", 97), ("LITERAL", 98)]),
    ],
)
def test_the_reader_builds_the_tree(pattern, items):
    assert syntax.parse(pattern) == (items, 0)
    re.compile(pattern)  # each is a pattern re accepts


def test_leading_flags_are_read():
    assert syntax.parse("(?ma)^x")[1] == int(re.M | re.A)
    assert syntax.parse("x", re.I)[1] == int(re.I)


@pytest.mark.parametrize(
    "pattern",
    [r"(a)\1", r"(?P<n>a)(?P=n)", r"(?(1)a|b)", r"(?x) a b", r"\N{DASH}", "(a", "a)", r"a**", "x(?i)y"],
)
def test_what_the_reader_does_not_cover_is_unknown(pattern):
    with pytest.raises(syntax.Unsupported):
        syntax.parse(pattern)
    assert _analyse(pattern, 0) == (None, None, False, False)  # tried everywhere: slower, same matches


def test_first_words_through_groups_classes_and_flags():
    words, required, at_start, at_word_start = _analyse(r"\b(?:reduc(?:e[sd]?|ing)|eases?)\s+(?:\w+\s+){0,3}(?:pain|anxiety)", re.I)
    assert words == {"reduce", "reducing", "ease", "eases"} and at_word_start and not at_start  # "reduce" + [sd]: a prefix
    assert required == {"pain", "anxiety"}
    assert _analyse(r"^\W*disclaimer\b", re.I)[2]  # only at the text's start
    assert not _analyse(r"(?a)\bx\w+", 0)[3]  # an ASCII \b holds inside a word: not at word starts
    assert not _analyse(r"pain\s+reduced", re.I)[3]  # no boundary: may start inside a word
