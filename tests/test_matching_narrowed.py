"""Phrase families compiled with their lexicons narrowed to one document's words
(``AnchoredMatcher.within``): the same matches as the whole families, on any
text the view was made for; a family is narrowed for ``NARROWED_RUNS``
documents and then compiled whole once."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from linter.matching import Compiler, phrases
from linter.matching.cues import SPACE, phrase_regex

# made-up words enough for an alternation worth narrowing (see alternations.NARROWED_MIN)
_MADE_UP = [a + b + c for a in ("ka", "lo", "mi", "ru") for b in ("te", "zo", "pa", "ne") for c in ("vi", "sul", "dor")]
CONDITIONS = ["condition7", *_MADE_UP] + [
    "pain", "back pain", "joint pain", "anxiety", "high blood pressure", "PTSD", "sleep debt", "ſore throat", "Alzheimer’s",
    "pain-free days", "x(y", "anti-inflammatory",
]
VERBS = ["verb3", *(w + "ify" for w in _MADE_UP)] + ["reduce", "reduces", "reduced", "ease", "eases", "eased", "help manage"]


def _families(c: Compiler) -> list[str]:
    cond = phrase_regex(c, CONDITIONS)
    verb = c.trie(VERBS, space=SPACE)
    return [
        rf"\b{verb}\b\s+(?:\w+\s+){{0,3}}{cond}",
        rf"{cond}\s+(?:is|was)\s+(?:gone|better)\b",
        r"\bnot\s+medical\s+advice\b",
        rf"\bfor\s+{cond}",
    ]


_TEXT_WORDS = ["reduces", "Reduced", "EASES", "help", "manage", "the", "my", "pain", "Pain", "back", "joint", "anxiety",
               "high", "blood", "pressure", "PTSD", "ptsd", "sleep", "ſleep", "debt", "sore", "ſore", "throat", "Alzheimer’s", "Alzheimer's",
               "pain-free", "days", "x(y", "anti-inflammatory", "is", "was", "gone", "better", "for", "not", "medical",
               "advice", "condition7", "verb3", "kazovi", "Rutedorify", "lopasul", "İ", "K", "—", ",", "."]


def _alternation(families):
    return re.compile("|".join(f"(?:{p})" for p in families), re.I)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_TEXT_WORDS), max_size=16), st.lists(st.sampled_from(_TEXT_WORDS), max_size=8))
@example(["reduces", "my", "back", "pain"], [])
@example(["ease", "ſleep", "debt"], [])  # a long s: the engine reads "sleep", str.lower does not
@example(["ease", "sore", "throat"], [])  # the same in a lexicon's word
@example(["for", "Alzheimer's"], ["Alzheimer’s"])
def test_a_view_finds_what_the_whole_families_find(words, other_words):
    """Each sentence of a document, matched by the view made for the whole
    document (its sentences joined), gives the whole families' matches."""
    c = Compiler()
    families = _families(c)
    matcher = c.phrases(families, re.I)
    sentence, other = " ".join(words), " ".join(other_words)
    view = matcher.within(sentence + "\n" + other)
    big = _alternation(families)
    for text in (sentence, other):
        want = [(m.span(), m.group()) for m in big.finditer(text) if m.end() > m.start()]
        assert [(m.span(), m.group()) for m, _ in view.finditer(text)] == want, text


def test_the_narrowed_families_are_small_and_the_whole_ones_serve_later_documents(monkeypatch):
    compiled = []
    real_compile = re.compile
    monkeypatch.setattr(phrases.re, "compile", lambda p, f=0: compiled.append(p) or real_compile(p, f))
    c = Compiler()
    families = _families(c)
    matcher = c.phrases(families, re.I)
    assert {len(lex) for lex, _ in matcher.lexicons} and all(len(lex) >= 400 for lex, _ in matcher.lexicons)
    text = "It reduces my back pain."
    for run in range(phrases.NARROWED_RUNS):
        compiled.clear()
        assert [m.group() for m, _ in matcher.within(text).finditer(text)] == ["reduces my back pain"]
        assert compiled and all(len(p) < len(families[0]) / 4 for p in compiled), "narrowed to this text's words"
        assert "condition" not in "".join(compiled)
    compiled.clear()
    assert [m.group() for m, _ in matcher.within(text).finditer(text)] == ["reduces my back pain"]
    assert families[0] in compiled  # the whole family, once
    compiled.clear()
    assert [m.group() for m, _ in matcher.within("verb3 the condition7").finditer("verb3 the condition7")] == ["verb3 the condition7"]
    assert families[0] not in compiled


@pytest.mark.parametrize("text", ["ease ſleep debt", "İt eases pain"])
def test_text_whose_lowercase_the_engine_reads_otherwise_is_not_narrowed(text):
    c = Compiler()
    matcher = c.phrases(_families(c), re.I)
    view = matcher.within(text)
    assert view is matcher
    assert [m.span() for m, _ in view.finditer(text)] == [m.span() for m in _alternation(_families(Compiler())).finditer(text)]


def test_a_lexicon_after_a_backslash_is_left_whole():
    """A lexicon's text after an odd number of backslashes is not a group of the
    pattern (its parenthesis is escaped): it is left as it is; after an even
    number it is a group, and narrowed."""
    c = Compiler()
    cond = c.trie(CONDITIONS, space=SPACE)
    view = c.phrases([r"\bx" + cond], re.I).within("x pain")
    assert view._narrowed("\\" + cond) is None
    narrowed = view._narrowed("\\\\" + cond)
    assert narrowed.startswith("\\\\(") and cond not in narrowed and "pain" in narrowed
