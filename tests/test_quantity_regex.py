"""How the quantity kind's pattern is written, which is what compiling it costs a
one-file run: each part once (``quantity.numbers``), finding what the plain
alternation of its forms finds."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from linter.config.packs import pack_dir
from linter.config.rules import load_rule_paths
from linter.kinds import quantity
from linter.matching.alternations import word_outside

# parts as the kind builds them (lookbehinds, spelled numbers, "a" before a unit, a unit
# after the first number, range words), small enough to read
NUMBER = (rf"(?:(?<![\w.,/⁄\-])(?!0\d){quantity._DIGITS}|(?<![\w\-])(?i:one|two)(?!\w)"
          r"|(?<![\w\-])(?i:an?)(?=\s+(?i:heaped\s+)?(?i:teaspoons?)(?!\w)))")
SECOND = rf"(?:{quantity._DIGITS}|(?i:one|two)(?!\w))"
OPT_UNIT = r"(?:\s*(?:mg|g|(?i:capsules?|teaspoons?)))?"
JOINER = r"(?:\s*[-\u2013\u2014]\s*|\s+(?i:to|or|and)\s+)"
TAIL = r"(?:-|(?:\s+(?i:heaped)){0,2}\s*)(?P<unit>mg|g|(?i:capsules?|teaspoons?))(?![\w/\-])"


def _plain() -> re.Pattern:
    """The alternation ``numbers`` stands for, each form written out."""
    between = rf"(?i:between)\s+{NUMBER}{OPT_UNIT}\s+(?i:and)\s+{SECOND}"
    single_or_range = rf"{NUMBER}(?:{OPT_UNIT}{JOINER}{SECOND})?"
    return re.compile(rf"(?:{between}|{single_or_range}){TAIL}")


PLAIN = _plain()
COMPACT = re.compile(quantity.numbers(NUMBER, OPT_UNIT, JOINER, SECOND) + TAIL)

_WORDS = ["between", "Between", "and", "to", "or", "-", "–", "a", "an", "one", "two", "heaped", "teaspoon", "teaspoons",
          "capsules", "mg", "g", "5", "10", "0.5", "1/2", "2,000", "05", "½", "x", "B12", "take", "(", ")"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=12), st.lists(st.sampled_from(["", " ", "  "]), max_size=12))
@example(["between", "5", "and", "10", "mg"], [" "] * 5)
@example(["between", "5", "mg", "and", "10", "mg"], [" "] * 6)
@example(["between", "5", "mg"], [" "] * 3)  # no "and": not a range from "between", "5 mg" alone
@example(["between", "a", "teaspoon", "and", "two", "teaspoons"], [" "] * 6)
@example(["between", "5", "-", "10", "mg"], [" "] * 5)  # a dash after "between" is no range of it
@example(["5", "mg", "to", "10", "mg"], [" "] * 5)
def test_numbers_finds_what_the_plain_alternation_finds(words, spaces):
    text = "".join(w + (spaces[i] if i < len(spaces) else " ") for i, w in enumerate(words))
    got = [(m.span(), m.group("unit")) for m in COMPACT.finditer(text)]
    assert got == [(m.span(), m.group("unit")) for m in PLAIN.finditer(text)]


def test_between_needs_and_and_a_second_number():
    assert [m.group() for m in COMPACT.finditer("between 5 and 10 mg, between 5 mg, between 5-10 mg")] == [
        "between 5 and 10 mg", "5 mg", "5-10 mg"]


def test_the_builtin_dose_pattern_holds_each_number_part_once():
    # the first number (with its lookbehind) once, the second once: not twice each
    rule = next(r for r in load_rule_paths([pack_dir("health")]) if r.id == "no-dose-numbers")
    pattern = rule.check.regex.pattern
    assert pattern.count(quantity._DIGITS) == 2
    assert pattern.count(rf"(?<![.,/⁄])(?<!\S-)(?:(?<!{word_outside(quantity._CJK)})|(?<=\b[1-4][xX×]))(?!0\d)") == 1
