"""``once_triggers`` of the ``required`` kind: a term that a page about something
else repeats (a makeup tutorial's "moisturizer") counts once however often it is
named, so it needs a second health word before the disclaimer is asked for."""

from __future__ import annotations

import pytest

from linter.config.rules import build_rule
from linter.document import Document
from linter.engine import lint_document
from linter.errors import ConfigError
from linter.source import Source


def rule(**options):
    return build_rule({"id": "disclaimer", "kind": "required", "message": "needs one ({trigger})",
                       "patterns": ["not medical advice"], "min_triggers": 2, **options}, "<test>")


def found(text: str, **options) -> list[tuple[int, int, str]]:
    doc = Document.parse(Source.from_text("a.md", text))
    return [(f.line, f.column, f.message) for f in lint_document(doc, [rule(**options)])]


ONCE = {"triggers": ["acne"], "once_triggers": ["moisturizer", "skin care"]}


def test_a_once_trigger_named_again_and_again_counts_once():
    text = "# Five-minute makeup\n\nStart with a moisturizer. Let the moisturizer sink in.\n\nMore moisturizer.\n"
    assert found(text, **ONCE) == []
    # the same term as a plain trigger counts each mention
    assert found(text, triggers=["moisturizer"]) == [(1, 3, "needs one (moisturizer)")]


@pytest.mark.parametrize("text", [
    "# Routine\n\nA moisturizer, then skin care at night.\n",           # two once-terms
    "# Routine\n\nA moisturizer after washing calms acne.\n",            # a once-term and a trigger
    "# Routine\n\nSkin-care first. Then Skin  care again, and a MOISTURIZER.\n",  # case and spaces
])
def test_distinct_terms_each_count(text):
    assert len(found(text, **ONCE)) == 1


def test_the_finding_names_the_first_mention():
    assert found("# Routine\n\nA moisturizer, then acne cream.\n", **ONCE) == [(1, 3, "needs one (moisturizer)")]


def test_a_disclaimer_satisfies_it():
    assert found("# Routine\n\nA moisturizer for acne.\n\nThis is not medical advice.\n", **ONCE) == []


def test_once_triggers_alone_make_a_rule():
    assert len(found("# R\n\nA moisturizer and skin care.\n", once_triggers=["moisturizer", "skin care"])) == 1


def test_a_misconfigured_option_is_one_clear_error():
    with pytest.raises(ConfigError, match="'once_triggers' in rule 'disclaimer' must be a string or a list of strings"):
        rule(once_triggers={"a": 1})


@pytest.mark.parametrize("text, needed", [
    # a sleep self-experiment names sleep and fatigue: a health topic
    ("# A sleep experiment\n\nMy sleep was poor and the fatigue was constant, so I tried a new routine.\n", True),
    # a headphone review that mentions sleep again and again does not
    ("# The best earbuds\n\nThey fold away while you sleep. A sleep mode saves power. Sleep well.\n", False),
    ("# Restorative yoga\n\nYoga and meditation calm the body.\n", True),
])
def test_the_builtin_rule_reads_wellness_words_once_each(health_rules, text, needed):
    rule = next(r for r in health_rules if r.id == "medical-disclaimer")
    findings = lint_document(Document.parse(Source.from_text("a.md", text)), [rule])
    assert bool(findings) == needed


def test_the_builtin_rule_leaves_a_gardening_page_alone(health_rules):
    rule = next(r for r in health_rules if r.id == "medical-disclaimer")
    text = ("# Feeding tomatoes\n\nTomatoes need nutrients and minerals from the soil. In a heatwave, watch for "
            "dehydration: water at dawn, mulch the beds, and feed every two weeks.\n")
    assert lint_document(Document.parse(Source.from_text("a.md", text)), [rule]) == []


@pytest.mark.parametrize("disclaimer", [
    "*This article is for educational reference only, and cannot replace professional medical advice.*",
    "**Disclaimer: I claim no medical training. All advice here is my own opinion.**",
    "This page is for informational use only.",
])
def test_the_builtin_rule_reads_these_disclaimer_wordings(health_rules, disclaimer):
    rule = next(r for r in health_rules if r.id == "medical-disclaimer")
    text = "# Sore throat remedies\n\nHoney may ease a cough and a sore throat; see a doctor if symptoms last.\n\n"
    assert lint_document(Document.parse(Source.from_text("a.md", text)), [rule])  # needs one
    assert lint_document(Document.parse(Source.from_text("a.md", text + disclaimer + "\n")), [rule]) == []
