"""Phrase families compiled with their lexicons narrowed to one document's words
(``AnchoredMatcher.within``): the same matches as the whole families, on any
text the view was made for; a family is narrowed for ``narrowing.RUNS``
documents and then compiled whole once. The same for a ``Regex`` and a cue."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from linter.matching import Compiler, narrowing, phrases
from linter.matching import regex as regex_module
from linter.matching.cues import SPACE, phrase_regex
from linter.store import Store

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


class _KnowsEveryRegex:
    """A cache that knows every pattern compiles (``compile_with``)."""

    def get(self, kind, key):
        return True if kind == "regex" else None

    def put(self, kind, key, value):
        pass


def _doc(text):
    return narrowing.Document.of(text)


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
    view = matcher.within(_doc(sentence + "\n" + other))
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
    assert matcher.lexicons[0] and all(len(lex) >= 400 for family in matcher.lexicons for lex, _ in family)
    text = "It reduces my back pain."
    for run in range(narrowing.RUNS):
        compiled.clear()
        assert [m.group() for m, _ in matcher.within(_doc(text)).finditer(text)] == ["reduces my back pain"]
        assert compiled and all(len(p) < len(families[0]) / 4 for p in compiled), "narrowed to this text's words"
        assert "condition" not in "".join(compiled)
    compiled.clear()
    assert [m.group() for m, _ in matcher.within(_doc(text)).finditer(text)] == ["reduces my back pain"]
    assert families[0] in compiled  # the whole family, once
    compiled.clear()
    view = matcher.within(_doc("verb3 the condition7"))
    assert [m.group() for m, _ in view.finditer("verb3 the condition7")] == ["verb3 the condition7"]
    assert families[0] not in compiled
    for text in ("for anxiety", "anxiety is gone"):  # every family with a lexicon uses up its budget
        for _ in range(narrowing.RUNS):
            list(matcher.within(_doc(text)).finditer(text))
    assert not matcher.narrowable  # the budget is spent
    assert matcher.within(_doc("for anxiety is gone")) is matcher  # then no more views


@pytest.mark.parametrize("text", ["ease ſleep debt", "İt eases pain"])
def test_text_whose_lowercase_the_engine_reads_otherwise_is_not_narrowed(text):
    c = Compiler()
    matcher = c.phrases(_families(c), re.I)
    view = matcher.within(_doc(text))
    assert view is matcher
    assert [m.span() for m, _ in view.finditer(text)] == [m.span() for m in _alternation(_families(Compiler())).finditer(text)]


def test_a_lexicon_after_a_backslash_is_left_whole():
    """A lexicon's text after an odd number of backslashes is not a group of the
    pattern (its parenthesis is escaped): it is left as it is; after an even
    number it is a group, and narrowed."""
    c = Compiler()
    cond = c.trie(CONDITIONS, space=SPACE)
    document = narrowing.Document.of("x pain")
    lexicons = narrowing.lexicons_in(c.lexicons, cond)
    assert document.narrowed("\\" + cond, lexicons) is None
    narrowed = document.narrowed("\\\\" + cond, lexicons)
    assert narrowed.startswith("\\\\(") and cond not in narrowed and "pain" in narrowed


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_TEXT_WORDS), max_size=16))
@example(["ease", "ſleep", "debt"])
@example(["verb3", "the", "kazovi", "condition7"])
def test_a_regex_and_a_cue_narrowed_find_what_the_whole_ones_find(words):
    c = Compiler(Store(_KnowsEveryRegex(), shipped=False))  # patterns compiled on first use, as in a warm run
    families = _families(c)
    text = " ".join(words)
    for pattern in families:
        regex = c.regex(pattern, re.I)
        view = regex.within(_doc(text + "\nmore"))
        assert (view is not regex) == (len(pattern) >= 400 and narrowing.Document.of(text) is not None)
        assert [m.span() for m in view.finditer(text)] == [m.span() for m in re.finditer(pattern, text, re.I)]
    cue = c.cue(CONDITIONS)
    from linter.matching import words_of

    view = cue.within(_doc(text))
    assert (view is not cue) == (narrowing.Document.of(text) is not None)
    assert view.present(text, words_of(text)) == (re.search(phrase_regex(Compiler(), CONDITIONS), text, re.I) is not None)
    assert [m.span() for m in view.finditer(text, None)] == [m.span() for m in cue.finditer(text, None)]


def test_a_regex_is_narrowed_while_its_budget_lasts(monkeypatch):
    compiled = []
    real_compile = re.compile
    monkeypatch.setattr(regex_module.re, "compile", lambda p, f=0: compiled.append(p) or real_compile(p, f))
    c = Compiler()
    pattern = _families(c)[0]
    regex = c.regex(pattern, re.I)
    regex = regex_module.Regex(pattern, re.I)  # as when the store knows it compiles: compiled on first use
    regex.allow_narrowing(narrowing.lexicons_in(c.lexicons, pattern))
    for run in range(narrowing.RUNS):
        compiled.clear()
        view = regex.within(_doc("It reduces my back pain."))
        assert view is not regex
        assert [m.group() for m in view.finditer("It reduces my back pain.")] == ["reduces my back pain"]
        assert compiled and all(len(p) < len(pattern) / 4 for p in compiled)
    compiled.clear()
    view = regex.within(_doc("It reduces my back pain."))
    assert [m.group() for m in view.finditer("It reduces my back pain.")] == ["reduces my back pain"]
    assert compiled == [pattern]
    assert regex.within(_doc("verb3 the condition7")) is regex  # compiled whole: no more views


_TERMS = [f"{w} tea" for w in _MADE_UP] + ["on an empty stomach", "(with food)", "per day", "x-ray", " spaced ", "ſip", "K-cup", "a"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["on", "an", "empty", "stomach", "(with", "food)", "per", "day", "x-ray", "sip", "ſip",
                                 "K-cup", "k-cup", "kazovi", "tea", "a", "spaced", "unspacedly", "—", "."]), max_size=14))
@example(["take", "it", "on", "an", "empty", "stomach"])
@example(["unspacedly"])  # " spaced " has no word edges: it matches inside a word
@example(["ſip"])
def test_a_terms_alternation_narrowed_finds_what_the_whole_one_finds(words):
    """Terms (``Compiler.terms``) are narrowed as a lexicon is, each keeping its
    own word edges: a term that opens or closes with punctuation, a term with
    spaces around it, letters the engine folds unlike str.lower."""
    c = Compiler(Store(_KnowsEveryRegex(), shipped=False))
    body = c.terms(_TERMS)
    assert len(body) >= 400 and body in c.lexicons
    text = " ".join(words)
    for pattern in (body, r"\s*(?:" + body + r")\s*:", "(?:" + body + r")\s+\w+"):
        regex = c.regex(pattern)
        view = regex.within(_doc(text))
        assert (view is not regex) == (narrowing.Document.of(text) is not None)
        assert [m.span() for m in view.finditer(text)] == [m.span() for m in re.finditer(pattern, text)], pattern


_PHRASE_TEXTS = ["high", "blood", "pressure", "High-blood", "BLOOD-\n-pressure", "back", "pain", "back-pain", "joint",
                 "pain-free", "free", "days", "sleep", "debt", "ſleep", "anti", "inflammatory", "anti-inflammatory", "-", "—",
                 "reduces", "eases", "help", "manage", "my", "the", "for", "\n", "\t"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PHRASE_TEXTS), max_size=12), st.sampled_from([" ", "  ", "-", " - ", "\n"]))
@example(["reduces", "my", "high", "blood", "pressure"], " - ")
@example(["reduces", "my", "High-blood", "pressure"], " ")
@example(["eases", "BLOOD-\n-pressure"], " ")
def test_a_word_of_several_parts_is_looked_for_whole(words, sep):
    """A lexicon's word of several parts is kept when the document holds it
    whole, its spaces read as any run of spaces and hyphens (what the lexicon's
    space matches), not only its first part: the same matches as the whole
    families, on texts whose words are joined by spaces, hyphens or line breaks."""
    c = Compiler()
    families = _families(c)
    text = sep.join(words)
    view = c.phrases(families, re.I).within(_doc(text))
    want = [(m.span(), m.group()) for m in _alternation(families).finditer(text) if m.end() > m.start()]
    assert [(m.span(), m.group()) for m, _ in view.finditer(text)] == want, text
    for space in (SPACE, r"\s+"):
        lex = c.trie(CONDITIONS, space=space)
        for pattern in (lex, r"\b" + lex + r"\b"):
            regex = c.regex(pattern, re.I).within(_doc(text))
            assert [m.span() for m in regex.finditer(text)] == [m.span() for m in re.finditer(pattern, text, re.I)]


def test_a_word_whose_first_part_alone_the_document_holds_is_left_out():
    """"high blood pressure" needs "high", "blood" and "pressure" in that order
    (with spaces or hyphens between) to stay in the narrowed lexicon; its first
    part "high" is not enough."""
    c = Compiler()
    cond = c.trie(CONDITIONS, space=SPACE)
    lexicons = narrowing.lexicons_in(c.lexicons, cond)
    absent = narrowing.Document.of("high pressure and blood tests; back, then pain")
    narrowed = absent.narrowed(cond, lexicons)
    assert "high" not in narrowed and "back" not in narrowed and re.fullmatch(narrowed, "pain", re.I)
    present = narrowing.Document.of("HIGH -\n blood-pressure and back  pain")
    narrowed = present.narrowed(cond, lexicons)
    for phrase in ("HIGH -\n blood-pressure", "back  pain", "pain"):
        assert re.fullmatch(narrowed, phrase, re.I), phrase
    # a lexicon whose space may match more than spaces and hyphens is narrowed by first parts only
    dotted = c.trie(CONDITIONS, space=r"[\s.]+")
    narrowed = absent.narrowed(dotted, narrowing.lexicons_in(c.lexicons, dotted))
    assert "high" in narrowed and "back" in narrowed


def test_a_lexicon_narrowed_to_nothing_stays_a_group():
    """Narrowed to no word, a lexicon is still one group: a quantifier after it
    applies to all of it, as to the whole alternation."""
    c = Compiler(Store(_KnowsEveryRegex(), shipped=False))
    lex = c.trie([f"w{i:03d}word" for i in range(80)])
    assert len(lex) >= 400
    matcher = c.phrases([r"\bfoo\s*" + lex + "?x"], re.I)
    assert [m.group() for m, _ in matcher.within(_doc("foo x")).finditer("foo x")] == ["foo x"]
    regex = c.regex(lex + "?x", re.I)
    assert [m.span() for m in regex.within(_doc("x")).finditer("x")] == [(0, 1)]


def test_a_family_whose_lexicons_are_all_escaped_is_compiled_whole():
    c = Compiler()
    lex = c.trie(CONDITIONS, space=SPACE)
    family = r"\bfoo(" + "\\" + lex  # the lexicon's opening parenthesis escaped (its closing one ends "foo(")
    matcher = c.phrases([family], re.I)
    text = "foo(:pain"
    assert [m.span() for m, _ in matcher.within(_doc(text)).finditer(text)] == [m.span() for m in re.finditer(family, text, re.I)]


def test_a_view_of_a_view_is_made_from_the_whole_matcher():
    c = Compiler(Store(_KnowsEveryRegex(), shipped=False))
    families = _families(c)
    first = c.phrases(families, re.I).within(_doc("reduces pain"))
    again = first.within(_doc("verb3 kazovi"))
    assert [m.group() for m, _ in again.finditer("verb3 kazovi")] == ["verb3 kazovi"]
    regex = c.regex(families[0], re.I)
    view = regex.within(_doc("reduces pain"))
    assert [m.group() for m in view.within(_doc("verb3 kazovi")).finditer("verb3 kazovi")] == ["verb3 kazovi"]
    cue = c.cue(CONDITIONS).within(_doc("pain"))
    assert cue.within(_doc("kazovi")).present("kazovi", None)


def test_a_long_document_is_not_narrowed():
    assert narrowing.Document.of("pain " * (narrowing.MAX_CHARS // 5)) is not None
    assert narrowing.Document.of("pain " * (narrowing.MAX_CHARS // 5 + 1)) is None
    assert narrowing.Document.of("ſleep") is None  # a letter the engine folds unlike str.lower


@pytest.mark.parametrize("runs", [0, 10**6])
def test_the_health_rules_find_the_same_narrowed_or_not(monkeypatch, runs):
    """The health pack on real articles and the seeds, every pattern narrowed
    for every document or none at all: the same findings."""
    from pathlib import Path

    from linter.config.packs import pack_dir
    from linter.config.rules import load_rule_paths
    from linter.engine import lint_text

    root = Path(__file__).resolve().parents[1]
    files = sorted((root / "seeds").glob("*.md"))
    real = root.parent / "shared" / "real-articles" / "health"
    for folder in ("Synctherapy--SyncTherapy", "robinroyhansen--cbd-portal", "daperk--astrowind"):
        files += sorted((real / folder).glob("*.md"))[:4]
    texts = [f.read_text(encoding="utf-8") for f in files]

    def findings():
        rules = load_rule_paths([pack_dir("health")], Store(_KnowsEveryRegex(), shipped=False))
        return [[(f.rule, f.start, f.end, f.message) for f in lint_text(t, rules, "a.md")] for t in texts]

    monkeypatch.setattr(narrowing, "RUNS", 0)
    whole = findings()
    monkeypatch.setattr(narrowing, "RUNS", runs)
    assert findings() == whole
    assert sum(map(len, whole)) > 100


# a rule's regexes joined as one alternation (``Compiler.alternatives``): long enough to narrow
_REGEXES = [
    r"\s+(?:suggestion|size)s?\b",  # every match holds "suggestion" or "size"
    r"\b(?i:water|agua)\s*[(:]\s*",  # every match starts with "water" or "agua"
    r"\s*/\s*d[lL]\b",  # no word every match holds: always kept
    r"\b(?:oranges?|kiwis?)\b[^.;:!?]{0,40}\b(?:has|contains?)\s+",  # a first word and a later one
    *(rf"\s+{w}(?:ed|ing)?\b" for w in _MADE_UP),
]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["5", "mg", "g", "/", "dL", "size", "Sizes", "suggestion", "Water", "AGUA", "(", ":",
                                 "orange", "Kiwis", "has", "contain", "contains", "kazovi", "kazovied", "ruteviing",
                                 "ſize", "the", "."]), max_size=16))
@example(["5", "mg", "size"])
@example(["Kiwis", "has", "5", "mg"])
@example(["Kiwis", "5", "mg"])
def test_an_alternation_of_regexes_narrowed_finds_what_the_whole_one_finds(words):
    c = Compiler(Store(_KnowsEveryRegex(), shipped=False))
    alternation = c.alternatives(_REGEXES)
    text = " ".join(words)
    for pattern in (rf"\d\s*(?:mg|g)(?!{alternation})", rf"(?:{alternation})\Z", alternation):
        regex = c.regex(pattern)
        view = regex.within(_doc(text))
        assert (view is not regex) == (narrowing.Document.of(text) is not None)
        for at in range(len(text) + 1):
            assert bool(view.search(text[:at])) == bool(re.search(pattern, text[:at]))
        assert [m.span() for m in view.finditer(text)] == [m.span() for m in re.finditer(pattern, text)]


def test_a_regex_whose_words_the_document_lacks_is_left_out():
    c = Compiler()
    alternation = c.alternatives(_REGEXES)
    lexicons = narrowing.lexicons_in(c.lexicons, alternation)
    narrowed = _doc("Water: 5 mg, a kiwi with 2 mg").narrowed(alternation, lexicons)
    # its first word; no word known. Not: no "size" or "suggestion"; "kiwi" but no "has" or "contain"
    assert narrowed == r"(?:\b(?i:water|agua)\s*[(:]\s*)|(?:\s*/\s*d[lL]\b)"
    assert "oranges" in _doc("a kiwi has 2 mg").narrowed(alternation, lexicons)
    nothing = _doc("5 mg").narrowed(rf"x(?!{alternation})", narrowing.lexicons_in(c.lexicons, alternation))
    assert nothing == r"x(?!(?:\s*/\s*d[lL]\b))"
    assert c.alternatives(_REGEXES[:1]) not in c.lexicons  # one regex, or a short alternation: nothing to narrow


_PARTS = ["pain", "pa", "p", "ain", "blood", "bloo", "xyz", "anti-inflammatory", "ſore", "sore", "zzz", "in ", "", None]


@given(st.lists(st.sampled_from(["Pain", "blood", "anti-inflammatory", "sore", "in", "x", "ſ", "-", " "]), max_size=12))
def test_held_is_holds_for_each_part(words):
    document = narrowing.Document(" ".join(words).lower())
    assert document.held(_PARTS) == {p for p in _PARTS if p is not None and document.holds(p)}


def test_the_checks_of_a_document_share_one_narrowing():
    """Each check narrows its patterns to the document's texts with the joiner of a
    table row's cells: one text, so one narrowing.Document (its three-character
    substrings and narrowed lexicons read once) for the claim and the dose rule."""
    from linter.config.packs import pack_dir
    from linter.config.rules import load_rule_paths
    from linter.document import Document
    from linter.source import Source

    rules = {r.id: r for r in load_rule_paths([pack_dir("health")], Store(_KnowsEveryRegex(), shipped=False))}
    doc = Document.parse(Source.from_text("a.md", "# Sleep\n\nAshwagandha may reduce anxiety. Take 300 mg.\n\n| a | b |\n|---|---|\n| 5 mg | x |\n"))
    claim, dose = rules["claim-needs-citation"].check, rules["no-dose-numbers"].check
    shared = claim.narrowing_for(doc, [claim.claim])
    assert shared is not None and dose.narrowing_for(doc, [dose.regex]) is shared
    assert shared.lowered.endswith("\n | ")  # the joiner of a row's cells, as the decider reads a row
    assert narrowing.Document.of("another text") is not shared


@given(st.lists(st.sampled_from(["pain", "Back", "-", "  ", "\t", "x-ray", "ſore", " ", "İ"]), min_size=1, max_size=6))
def test_a_lexicon_reads_each_word_as_phrase_key_does(parts):
    from linter.matching.alternations import Lexicon, phrase_key

    word = " ".join(parts)
    for space in (r"\s+", r"[\s\-]+"):
        for first, pairs in Lexicon([word], space, True)._groups().items():
            for w, phrase in pairs:
                if phrase is not None:
                    assert phrase == phrase_key(w.lower())


def test_a_regex_is_narrowed_when_first_used_not_when_its_view_is_made(monkeypatch):
    """A check makes views of all its patterns for a document and uses some (a
    cue whose first words the document lacks is never searched): the view reads
    the document's words only when it is first matched with."""
    c = Compiler(Store(_KnowsEveryRegex(), shipped=False))
    pattern = _families(c)[0]
    regex = c.regex(pattern, re.I)
    narrowed = []
    real = narrowing.Document.narrowed
    monkeypatch.setattr(narrowing.Document, "narrowed", lambda self, *a: narrowed.append(a) or real(self, *a))
    unused = regex.within(_doc("It reduces my back pain."))
    view = regex.within(_doc("It reduces my back pain."))
    assert unused is not regex and view is not regex and narrowed == []
    assert [m.group() for m in view.finditer("It reduces my back pain.")] == ["reduces my back pain"]
    assert len(narrowed) == 1 and len(view.pattern) < len(pattern) / 4


_CJK = ((0x3040, 0x30FF), (0x4E00, 0x9FFF), (0xAC00, 0xD7AF))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["200", "mg", "毫克", "每次", "ミリグラム", "밀리그램", "B12", "x", " ", "-", "é", "ſ", "😊"]),
                max_size=12))
@example(["每次", "200", "毫克"])
@example(["B12", "mg"])
def test_a_word_outside_some_scripts_narrowed_finds_what_the_whole_one_finds(parts):
    c = Compiler(Store(_KnowsEveryRegex(), shipped=False))
    word = c.word_outside(_CJK)
    regex = c.regex(rf"(?<!{word})\d+\s*(?:mg|毫克)(?!{word})" + "(?:" + "|".join(f"x{i}" for i in range(200)) + ")?")
    text = "".join(parts)
    view = regex.within(_doc(text))
    assert [m.span() for m in view.finditer(text)] == [m.span() for m in regex.load().finditer(text)]


def test_a_word_outside_some_scripts_is_plain_where_the_document_has_none_of_them():
    c = Compiler(Store(_KnowsEveryRegex(), shipped=False))
    word = c.word_outside(_CJK)
    assert word == r"(?:(?![\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af])\w)"
    pattern = rf"(?<!{word})\d+(?:mg)?(?!{word})" + "(?:" + "|".join(f"x{i}" for i in range(200)) + ")?"
    assert _doc("Take 200mg 😊 daily.").narrowed(pattern, narrowing.lexicons_in(c.lexicons, pattern)).startswith(r"(?<!\w)\d+")
    assert word in _doc("每次200mg").narrowed(pattern, narrowing.lexicons_in(c.lexicons, pattern))
    assert re.search(pattern, "每次200mg") and not re.search(r"(?<!\w)\d+mg", "每次200mg")


@pytest.mark.parametrize("front_matter", [
    "---\ntitle: 7 Home Remedies For Cough\n---\n",
    '+++\ntitle = "Home \\u0052emedies for a cough"\n+++\n',  # the title only as TOML reads it
])
def test_the_page_title_a_rule_reads_is_in_what_it_narrows_to(monkeypatch, front_matter):
    """The dose rule tells a recipe for a remedy by the page's title, which only
    the front matter holds: its patterns narrowed to the document find the same."""
    from linter.config.packs import pack_dir
    from linter.config.rules import load_rule_paths
    from linter.engine import lint_text

    text = front_matter + "\n## Ingredients\n\n- 1 teaspoon dried ginger\n- 2 teaspoons honey\n\nMix and sip.\n"

    def doses():
        rules = load_rule_paths([pack_dir("health")], Store(_KnowsEveryRegex(), shipped=False))
        return [text[f.start:f.end] for f in lint_text(text, rules, "a.md") if f.rule == "no-dose-numbers"]

    monkeypatch.setattr(narrowing, "RUNS", 0)
    assert doses() == ["1 teaspoon", "2 teaspoons"]
    monkeypatch.setattr(narrowing, "RUNS", 10**6)
    assert doses() == ["1 teaspoon", "2 teaspoons"]


def test_a_word_outside_letters_with_case_is_told_from_the_text_as_written():
    # the narrowing's text is lowercased; whether a document holds a range's letters is
    # read from the text as written ("DOSE": A-Z, though "dose" holds none)
    c = Compiler(Store(_KnowsEveryRegex(), shipped=False))
    word = c.word_outside(((0x41, 0x5A),))
    pattern = rf"(?<!{word})\d+(?:mg)?" + "(?:" + "|".join(f"x{i}" for i in range(200)) + ")?"
    regex = c.regex(pattern)
    for text in ("DOSE200mg", "dose200mg", "Dose 200mg"):
        assert [m.group() for m in regex.within(_doc(text)).finditer(text)] == [m.group() for m in re.finditer(pattern, text)]


def test_a_word_outside_takes_ranges_a_class_can_write():
    with pytest.raises(ValueError, match="U\\+1F600"):
        Compiler(Store(_KnowsEveryRegex(), shipped=False)).word_outside(((0x1F600, 0x1F64F),))


_LANGUAGE_TEXTS = [
    # doses in Chinese, Japanese and Korean text: the dose rule's CJK word class narrowed or whole
    "# 镁\n\n镁补充剂可以帮助睡眠。每次200毫克，每天两次。睡前服用400 mg效果更好。\n",
    "# ビタミンD\n\nビタミンDは骨の健康を助けます。毎日1000IUを飲んでください。1回2粒、500mgです。\n",
    "# 마그네슘\n\n마그네슘은 수면에 도움이 됩니다. 하루 500mg을 드세요. 300 mg씩 두 번.\n",
    "Magnesium helps sleep. Take 400 mg (每次400毫克) at night; B12 1000mcg daily.\n",
    # a page the disclaimer rule reads with each section's language triggers
    "# Schlaf\n\nMagnesium hilft bei Schlafstörungen und Angststörungen. Die Dosierung: 300 mg.\n\n"
    "## Sommeil\n\nLe magnésium aide contre l'anxiété et la dépression. Prenez 300 mg par jour.\n\n"
    "## Sueño\n\nEl magnesio ayuda con la ansiedad y el insomnio; consulte a su médico.\n",
    "# Sleep\n\nValerian eases insomnia and anxiety, a treatment many use for depression.\n\n"
    "## Bezsenność\n\nMagnez pomaga na bezsenność i depresję. Dawka: 200 mg dziennie.\n",
]


@pytest.mark.parametrize("text", _LANGUAGE_TEXTS)
def test_the_health_rules_find_the_same_narrowed_or_not_in_other_languages(monkeypatch, text):
    """The dose rule on Chinese, Japanese and Korean text and the disclaimer rule
    with its per-language triggers, every pattern narrowed or none: the same."""
    from linter.config.packs import pack_dir
    from linter.config.rules import load_rule_paths
    from linter.engine import lint_text

    def findings():
        rules = load_rule_paths([pack_dir("health")], Store(_KnowsEveryRegex(), shipped=False))
        return [(f.rule, f.start, f.end, f.message) for f in lint_text(text, rules, "a.md")]

    monkeypatch.setattr(narrowing, "RUNS", 0)
    whole = findings()
    monkeypatch.setattr(narrowing, "RUNS", 10**6)
    assert findings() == whole
    assert whole  # each text gives the rules something to find
