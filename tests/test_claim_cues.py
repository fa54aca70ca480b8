"""Which cues govern a claim (claim-needs-citation's ``x=`` features): the
concessive "whether" that addresses the reader, and the "whether" that asks."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.config.rules import load_rule_file
from linter.engine import lint_text

RULE_FILE = Path(__file__).resolve().parents[1] / "rules" / "health" / "claim-needs-citation.yaml"


@pytest.fixture(scope="module")
def rule():
    return load_rule_file(RULE_FILE)[0]


def governing(rule, sentence: str) -> list[list[str]]:
    """The cues that govern each claim the phrase families find in ``sentence``."""
    check = rule.check
    return [check._exemptions(sentence, m) for m, _ in check.claim.finditer(sentence)]


@pytest.mark.parametrize("sentence", [
    "Whether you're looking to reduce joint pain or improve sleep, this oil is a great pick.",
    "This balm is a great pick, whether you want to ease sore muscles or relieve back pain.",
    "**Joint support:** whether you run or lift, collagen eases joint pain.",
    "And whether you are young or old, magnesium improves sleep.",
])
def test_a_whether_that_opens_a_clause_for_the_reader_grants_a_case(rule, sentence):
    found = governing(rule, sentence)
    assert found and all("doubt" not in cues for cues in found)


@pytest.mark.parametrize("sentence", [
    "Researchers are still testing whether your gut bacteria reduce inflammation.",
    "Try it for two weeks and see whether your sleep improves with magnesium.",
    "Consider whether your child needs melatonin to fall asleep faster.",
    "More research is needed to determine whether kratom reduces anxiety.",
])
def test_a_whether_after_a_verb_asks_and_puts_the_claim_in_doubt(rule, sentence):
    found = governing(rule, sentence)
    assert found and all("doubt" in cues for cues in found)


def test_research_into_whether_it_works_for_the_reader_is_not_an_uncited_claim(rule):
    text = "# Gut health\n\nResearchers are still testing whether your gut bacteria reduce inflammation.\n"
    assert [f for f in lint_text(text, [rule]) if f.rule == "claim-needs-citation"] == []
