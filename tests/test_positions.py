"""Positions are the product: for every finding, the source text between start and
end is exactly what the rule matched, and line/column agree with the offsets.

Property tests build random Markdown from the constructs where positions usually
go wrong (CRLF, BOM, tabs, non-ASCII, front matter, nested lists, blockquotes,
tables with escaped pipes, footnotes, emphasis, links, entities) and check every
word a rule finds against an independent computation.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from linter.config.rules import build_rule
from linter.document import Document
from linter.engine import lint_text
from linter.source import Source

WORD_RULE = build_rule(
    {"id": "every-word", "kind": "pattern", "severity": "info", "message": "{match}", "patterns": [r"\w+"]},
    "<test>",
)
WORD = re.compile(r"\w+")

words = st.sampled_from(
    ["kratom", "mg", "600", "Dr", "ünïcode", "naïve", "café", "µg", "日本語", "x", "e", "g", "émoji😀", "tab", "ok"]
)
sentence = st.lists(words, min_size=1, max_size=6).map(" ".join)


@st.composite
def inline(draw):
    """A line of inline content with markup around whole words."""
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        w = draw(sentence)
        style = draw(st.sampled_from(["plain", "em", "strong", "link", "code", "entity", "escape", "footref"]))
        if style == "em":
            w = f"*{w}*"
        elif style == "strong":
            w = f"**{w}**"
        elif style == "link":
            w = f"[{w}](https://example.com/URLWORD)"
        elif style == "code":
            w = "`CODEWORD 5 mg`"
        elif style == "entity":
            w = f"{w} &amp; {w}"
        elif style == "escape":
            w = f"{w} \\* {w}"
        elif style == "footref":
            w = f"{w}[^1]"
        parts.append(w)
    return " ".join(parts)


@st.composite
def block(draw):
    kind = draw(
        st.sampled_from(["para", "multi", "heading", "setext", "list", "nested", "quote", "table", "fence", "comment", "indented"])
    )
    a, b = draw(inline()), draw(inline())
    if kind == "para":
        return [a]
    if kind == "multi":
        return [a, "  " + b, b]
    if kind == "heading":
        return [f"{'#' * draw(st.integers(1, 6))} {a}"]
    if kind == "setext":
        return [a, "==="]
    if kind == "list":
        return [f"- {a}", f"- {b}", "\t" + b if draw(st.booleans()) else f"- {b}"]
    if kind == "nested":
        return [f"1. {a}", f"   - {b}", f"     continued {a}", "\t- " + b]
    if kind == "quote":
        return [f"> {a}", f"> > {b}", b]
    if kind == "table":
        return [f"| {a} | {b} \\| {a} |", "|---|---|", f"| {b} | {a} |"]
    if kind == "fence":
        return ["```", "CODEWORD 5 mg", "```"]
    if kind == "comment":
        return ["<!-- CODEWORD 5 mg -->"]
    return ["# heading", "", "    CODEWORD indented code"]


@st.composite
def document(draw):
    lines = []
    if draw(st.booleans()):
        lines += ["---", "title: CODEWORD", "---"]
    for blk in draw(st.lists(block(), min_size=1, max_size=6)):
        lines += blk + [""]
    if draw(st.booleans()):
        lines += ["[^1]: " + draw(inline())]
    eol = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = eol.join(lines)
    if draw(st.booleans()):
        text = "\ufeff" + text
    return text


def independent_position(text: str, offset: int) -> tuple[int, int]:
    """Line and column by counting line breaks, without the Source index."""
    before = text[:offset]
    breaks = list(re.finditer(r"\r\n|\r|\n", before))
    if breaks and breaks[-1].end() == offset and before.endswith("\r") and text[offset : offset + 1] == "\n":
        breaks = breaks[:-1]
    line = len(breaks) + 1
    start = breaks[-1].end() if breaks else 0
    return line, offset - start + 1


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document())
def test_every_word_maps_to_its_source_text(text):
    source = Source.from_text("t.md", text)
    body = source.text
    doc = Document.parse(source)
    for b in doc.blocks:
        for m in WORD.finditer(b.text):
            s, e = b.to_source(m.start(), m.end())
            assert body[s:e] == m.group(), (b.text, m.group(), body[s:e])
    findings = lint_text(text, [WORD_RULE], path="t.md")
    for f in findings:
        assert body[f.start : f.end] == f.match
        assert WORD.fullmatch(f.match), f.match
        assert "CODEWORD" not in f.match and "URLWORD" not in f.match
        assert (f.line, f.column) == independent_position(body, f.start)
        assert (f.end_line, f.end_column) == independent_position(body, f.end)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=document())
def test_health_pack_findings_are_exact_slices(text, health_rules):
    findings = lint_text(text, health_rules, path="t.md")
    body = Source.from_text("t.md", text).text
    for f in findings:
        assert 0 <= f.start <= f.end <= len(body)
        assert body[f.start : f.end] == f.match
        assert (f.line, f.column) == independent_position(body, f.start)
        assert "CODEWORD" not in f.match


def _find(text, rules, rule_id):
    return [f for f in lint_text(text, rules, path="t.md") if f.rule == rule_id]


def test_crlf_bom_tabs_and_non_ascii(health_rules):
    text = "\ufeff---\r\ntitle: Ünï\r\n---\r\n\r\n- item\r\n\t- naïve café: take 600 mg daily\r\n"
    (f,) = _find(text, health_rules, "no-dose-numbers")
    assert f.match == "600 mg"
    assert (f.line, f.column, f.end_line, f.end_column) == (6, 21, 6, 27)


def test_dose_split_by_emphasis_and_line_break(health_rules):
    text = "Take 600 **mg** now.\r\nOr take 5 to\r\n10 grams.\n"
    got = [(f.match, f.line, f.column, f.end_line, f.end_column) for f in _find(text, health_rules, "no-dose-numbers")]
    assert got == [("600 **mg", 1, 6, 1, 14), ("5 to\r\n10 grams", 2, 9, 3, 9)]


def test_table_cell_with_escaped_pipe(health_rules):
    text = "| a \\| b | c |\n|---|---|\n| x \\| y | take 2 g |\n"
    (f,) = _find(text, health_rules, "no-dose-numbers")
    assert (f.line, f.column, f.match) == (3, 17, "2 g")


def test_blockquote_footnote_and_nested_list(health_rules):
    text = "> quoted\n> - list\n>   - take 1-2 grams\n\nText.[^n]\n\n[^n]: Footnote says 3 capsules.\n"
    got = [(f.match, f.line, f.column) for f in _find(text, health_rules, "no-dose-numbers")]
    assert got == [("1-2 grams", 3, 12), ("3 capsules", 7, 21)]


def test_sentences_keep_citations_written_after_the_stop():
    from linter.document import Document

    text = "Fish oil cuts risk.[^1] Krill works.[^nope] Zinc helps [2]. Tea is nice. [3] End.\n\n[^1]: Ref.\n"
    doc = Document.parse(Source.from_text("t.md", text))
    got = [s.text for s in doc.sentences if s.block.kind == "paragraph" and "footnote" not in s.block.scopes]
    assert got == ["Fish oil cuts risk.\ufffc", "Krill works.[^nope]", "Zinc helps [2].", "Tea is nice. [3]", "End."]


def test_abbreviations_and_decimals_do_not_end_sentences():
    from linter.document import Document

    text = "Dr. Smith et al. found e.g. that 1.5 g works. J. Doe agreed. It ends here!\n"
    doc = Document.parse(Source.from_text("t.md", text))
    assert [s.text for s in doc.sentences] == ["Dr. Smith et al. found e.g. that 1.5 g works.", "J. Doe agreed.", "It ends here!"]


def test_anchored_matcher_equals_the_alternation():
    """Trying families only at their first words finds exactly what one big
    alternation finds, on the real corpora's sentences."""
    import re
    from pathlib import Path

    from linter.config.packs import pack_dir
    from linter.config.rules import load_rule_paths
    from linter.matching.phrases import AnchoredMatcher

    rules = {r.id: r for r in load_rule_paths([pack_dir("health")])}
    matcher = rules["claim-needs-citation"].check.claim
    big = re.compile("|".join(f"(?:{p})" for p in matcher.patterns), re.I)
    root = Path(__file__).resolve().parents[1]
    files = sorted([*root.glob("seeds/*.md"), *root.glob("tests/corpus/*.md"), *root.glob("tests/blind/*.md")])
    sentences = [s.text for f in files for s in Document.parse(Source.from_text(str(f), f.read_text(encoding="utf-8-sig"))).sentences]
    assert len(sentences) > 1000
    for text in sentences:
        assert [m.span() for m, _ in matcher.finditer(text)] == [m.span() for m in big.finditer(text)], text
    disclaimer = AnchoredMatcher([r"^\W*disclaimer\b", r"\bnot\s+medical\s+advice\b"], re.I)
    assert [m.group() for m, _ in disclaimer.finditer("— Disclaimer: this is not medical advice.")] == ["— Disclaimer", "not medical advice"]


_FAMILIES = [
    r"\b(?:reduc(?:es?|ing)|eases?)\s+(?:\w+\s+){0,2}(?:pain|anxiety)\b",
    r"^\W*(?:medical\s+)?disclaimer\b",
    r"\bnot\s+medical\s+advice\b",
    r"\b(?:pain|anxiety)\s+(?:is|was)\s+(?:reduced|eased)\b",
    r"\bhelps?\b",
    r"\bpain\s+\w*reduced\b",  # a required word inside a text's word ("unreduced")
    # gates from words inside a later item ("longer" of "no longer"), and one gate
    # for a pattern that is one group of alternatives
    r"\b(?:pain|anxiety)\s+(?:was|is)\s+(?:barely|no\s+longer)\s+(?:noticeable|there)\b",
    r"(?:(?:may|can)\s+(?:ease|calm)\b|\b(?:eases|calms)\s+(?:the\s+)?(?:pain|anxiety))",
]
_WORDS = ["reduces", "reducing", "eases", "ease", "pain", "anxiety", "was", "reduced", "not", "medical", "advice",
          "disclaimer", "Disclaimer", "help", "helps", "the", "a", "x_y", "é", "—", "-", ":", ",", ".",
          # required words inside other words, in other cases, next to a long s
          # (which the regex engine folds to "s", str.lower does not)
          "painful", "PAIN", "unreduced", "Eased", "anxiety_2", "ſ",
          "is", "barely", "no", "longer", "noticeable", "there", "may", "can", "calm", "calms", "ease"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_WORDS), max_size=14), st.sampled_from(["", " ", "— ", "_", "**"]), st.booleans())
@example(["pain", "unreduced"], "", False)
@example(["PAIN", "was", "Eased", "ſ"], "", False)
@example(["pain", "is", "no", "longer", "there"], "", False)
@example(["may", "calm", "calms", "the", "anxiety"], "", False)
@example(["a", "can", "ease", "pain"], "", False)  # (not at the text's start, where first words are tried ungated)
@example(["may", "calm"], "_", False)  # "may" inside the word "_may": a family with no \b before it
def test_anchored_matcher_equals_the_alternation_on_any_text(words, lead, with_everywhere):
    """The same, on generated text: the first-word prefilter, the required-word
    gates (read off the text's words, or searched for), families anchored with
    '^' (tried at the start only), and a family that may start anywhere (which
    turns the prefilter off) all keep leftmost-first, earlier-family-wins
    results."""
    from linter.matching.phrases import AnchoredMatcher

    families = _FAMILIES + ([r"\b\w+ly\s+reduces\b"] if with_everywhere else [])
    text = lead + " ".join(words)
    matcher = AnchoredMatcher(families, re.I)
    big = re.compile("|".join(f"(?:{p})" for p in families), re.I)
    assert [m.span() for m, _ in matcher.finditer(text)] == [m.span() for m in big.finditer(text) if m.end() > m.start()], text
    assert bool(matcher.at_start) and (bool(matcher.everywhere) == with_everywhere)


@pytest.mark.parametrize(
    ("families", "text", "plain"),
    [
        ([r"not\s+medical\s+advice"], "This cannot medical advice be", True),  # no \b: inside "cannot"
        ([r"\(Smith\)"], "see (Smith) now", True),  # starts with a non-word character
        ([r"(?:may|can)\s+calm"], "_may calm", True),
        ([r"\d+\s*mg"], "x 5 mg and 10mg", True),
        ([r"[-]\s*pain", r"\bpain"], "a - pain and pain", True),
        ([r"\bnot\s+medical\s+advice", r"(?<!\w)helps?\b"], "cannot medical advice; not medical advice helps", False),
        ([r"\b\w+ly\s+reduces\b", r"^\W*disclaimer"], "-- Disclaimer: it quickly reduces", False),
        ([r"(?:\bmay|\bcan)\s+calm", r"\b(?:x|y)?pain"], "may calm pain ypain", False),
        ([r"(?:\bmay|can)\s+calm"], "pecan calm", True),  # one branch has no \b
        # anchored and unanchored families merged: leftmost first, the earlier family at a tie
        ([r"\bpain\s+\w+", r"ain\s+relief"], "pain relief, again relief", True),
        ([r"ain\s+relief", r"\bpain"], "pain relief", True),
        ([r"(?:x|\bp)ain", r"\bpain\s+relief"], "pain relief xain", True),
        ([r"\bpain\s+relief", r"(?:x|\bp)ain"], "pain relief xain pain", True),
        ([r"^\W*note", r"te\b", r"\bnote\s+this"], "-- note this; quote", True),
    ],
)
def test_anchored_matcher_families_that_may_start_inside_a_word(families, text, plain):
    """A family whose match can start where no word starts (no \\b before its
    first word, or a non-word character first) cannot be tried at word starts
    only: it is searched for plainly and its matches merged with the anchored
    families' by position and family order, with the same results as the
    alternation. Families anchored at word starts keep the fast path."""
    from linter.matching.phrases import AnchoredMatcher

    matcher = AnchoredMatcher(families, re.I)
    big = re.compile("|".join(f"(?:{p})" for p in families), re.I)
    assert matcher.plain == plain
    assert [m.span() for m, _ in matcher.finditer(text)] == [m.span() for m in big.finditer(text) if m.end() > m.start()]
    assert [m.span() for m, _ in matcher.finditer(text)]  # each case has a match


_CUE_PHRASES = ["not", "can't", "more research is needed", "side effects", "talk to your doctor", "whether"]
_CUE_TEXT_WORDS = ["not", "nothing", "NOT", "can't", "can", "t", "more", "research", "is", "needed", "side-effects",
                   "side", "effects", "talk", "to", "your", "doctor", "whether", "Whether", "ſide", "K", "é", ",", "."]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_CUE_TEXT_WORDS), max_size=12), st.sampled_from([" ", "-", "\n", "’"]))
@example(["nothing", "more", "research", "is", "needed"], " ")
@example(["side", "effects"], "-")
@example(["ſide", "effects"], " ")
def test_a_cue_list_is_skipped_only_where_it_cannot_match(words, joiner):
    """A claim's cue lists (negations, doubt, risk ...) are searched only in
    sentences holding one of their first words; where that says no, the regex
    finds nothing either (whole words, any case, hyphens, apostrophes, and
    characters the regex engine folds unlike str.lower)."""
    from linter.matching import words_of
    from linter.matching import Compiler

    _Cue = Compiler().cue
    cue = _Cue(_CUE_PHRASES)
    text = joiner.join(words)
    if cue.regex.search(text) is not None:
        assert cue.search(text, words_of(text)) is not None, text
        assert list(cue.finditer(text, words_of(text))), text
    assert _Cue([]).search(text, words_of(text)) is None
    assert _Cue(["été"]).first is None and _Cue(["été"]).may_match(frozenset())  # non-ASCII first words: no gate


_CITE_TOKENS = ["Smith", "et", "al.", "(2020)", "(Smith, 2020)", "(19", "(20", "1999)", "doi:", "10.1000/x1", "10.",
                "1000/x", "PMID:", "12345678", "PMCID", "PMC1234567", "(see", "Jones", "2018,", "p.", "4)", "and", "Lee",
                "reduces", "anxiety", "(", ")", "pm", "doi:10.1234/abc"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_CITE_TOKENS), max_size=10), st.sampled_from([" ", "", "\n"]))
@example(["Smith", "et", "al.", "(2020)"], " ")
@example(["doi:", "10.1000/x1"], "")
def test_a_citation_in_the_text_is_found_as_by_the_four_searches(tokens, joiner):
    """The substring tests in front of the DOI, PMID and author-year searches
    only skip searches that would find nothing."""
    from linter.kinds import claim_citation as cc

    text = joiner.join(tokens)
    expected = any(rx.search(text) for rx in (cc._DOI, cc._PMID, cc._AUTHOR_YEAR, cc._NARRATIVE))
    assert cc._cites_in_text(text) == expected, text


@pytest.mark.parametrize(
    "pattern, required",
    [
        (r"\bnot\s+(?:intended|meant)\s+to\b", {"intended", "meant"}),  # not the first word itself
        (r"\b(?:relieves|eases)\s+(?:\w+\s+){0,2}(?:pain|anxiety)\b", {"pain", "anxiety"}),
        (r"\b(?:pain|anxiety)\s+(?:was|is)\s+(?:barely|no\s+longer)\s+(?:noticeable|there)\b", {"barely", "longer"}),
        (r"(?:(?:may|can)\s+(?:ease|calm)\b|\b(?:eases|calms)\s+(?:pain|anxiety))", {"ease", "calm", "pain", "anxiety"}),
        (r"\bhelps?\b", None),  # nothing past the first word
        (r"\bpain\s+(?:is|was)\b", None),  # short words tell nothing
    ],
)
def test_required_words_come_from_past_the_first_word(pattern, required):
    """A family's gate: words one of which every match holds after its first word
    (that word is where the family is tried, so it would gate nothing)."""
    from linter.matching.analysis import _analyse

    _, got, _, _ = _analyse(pattern, re.I)
    assert (set(got) if got else None) == required


@pytest.mark.parametrize(
    "patterns, text",
    [
        ([r"\bpain\s+İyi\b"], "x pain İyi"),  # "İ" lowercases to two characters: no gate from it
        ([r"\bpain\s+(?:no\s+)+İyi\b"], "x pain no İyi"),
        ([r"\bpain"], "x painless"),  # a first word that is a prefix of the text's word
        ([r"\breduc\w*\s+pain"], "x reduces pain"),
        ([r"\bοδοσ\b"], "x ΟΔΟΣ"),  # str.lower() writes a final sigma the regex engine does not
        ([r"\bpain\s+ſo\s+bad\b"], "x pain so bad"),  # a pattern letter the engine folds to another
        ([r"\bpain\s+so\s+bad\b"], "x pain ſo bad"),
    ],
)
def test_anchored_matcher_on_letters_that_lowercase_unlike_the_regex_engine(patterns, text):
    """Gates and first words read with str.lower() must not shut out what
    re.IGNORECASE matches."""
    from linter.matching.phrases import AnchoredMatcher

    big = re.compile("|".join(f"(?:{p})" for p in patterns), re.I)
    want = [m.span() for m in big.finditer(text) if m.end() > m.start()]
    assert want
    assert [m.span() for m, _ in AnchoredMatcher(patterns, re.I).finditer(text)] == want


def test_a_cue_whose_first_word_may_go_on_is_not_gated():
    """A phrase's first word ends at a mark that re.IGNORECASE equates with a
    letter (U+0345 and iota): the text's word goes on, so no gate."""
    from linter.matching import words_of
    from linter.matching import Compiler

    _Cue = Compiler().cue

    cue, text = _Cue(["no\u0345 way"]), "Ok no\u0399 way it helps"
    assert cue.regex.search(text) is not None
    assert cue.search(text, words_of(text)) is not None


@pytest.mark.parametrize(
    ("families", "flags", "text"),
    [
        ([r"(?a:\bfoo)"], re.I, "éfoo"),  # an ASCII \b holds inside "éfoo"
        ([r"(?a:(?<!\w))foo"], 0, "éfoo"),
        ([r"\bfoo"], re.A, "éfoo x foo"),
        ([r"(?m)^\W*x"], 0, "a\n-x"),  # inline MULTILINE: "^" is not the text's start only
        ([r"\bs\w"], re.I, "ſo"),  # "ſ" is "s" to re.IGNORECASE, not to str.lower
        ([r"\bix"], re.I, "a İx"),  # "İ" lowercases to two characters
        ([r"\bs\w", r"\bſ"], re.I, "ſs"),
        ([r"^\W*note", r"\bs\w"], re.I, "ſo note"),  # the text-start block looks the first word up too
    ],
)
def test_anchored_matcher_flags_and_case_folding(families, flags, text):
    """The anchored matcher against the plain alternation: ASCII-only word
    boundaries, inline flags, and words whose lowercase is not what
    re.IGNORECASE compares. Each set gives the alternation's matches."""
    from linter.matching.phrases import AnchoredMatcher

    matcher = AnchoredMatcher(families, flags)
    if len(families) == 1:
        big = re.compile(families[0], flags)  # "(?m)" must open the pattern
    else:
        big = re.compile("|".join(f"(?:{p})" for p in families), flags)
    expected = [m.span() for m in big.finditer(text) if m.end() > m.start()]
    assert expected
    assert [m.span() for m, _ in matcher.finditer(text)] == expected
