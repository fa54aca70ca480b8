"""The learned claim decision: the shipped model, its context features, the
document gate, the options that shape it, and the training script's data
handling (label spans, borderline marks)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import json
from pathlib import Path

import pytest

from claim_support import claim_rule
from linter.config.rules import load_rule_file
from linter.engine import lint_text
from linter.kinds.claim_model import BUILTIN, ClaimModel, context_features, sections_not_about_health, tokens_and_words

ROOT = Path(__file__).resolve().parents[1]
RULE_FILE = ROOT / "rules" / "health" / "claim-needs-citation.yaml"
REAL = ROOT.parent / "shared" / "real-articles"


_rule = claim_rule


def _claims(text: str, rule=None) -> list:
    rule = rule or load_rule_file(RULE_FILE)[0]
    return [f for f in lint_text(text, [rule]) if f.rule == "claim-needs-citation"]


def test_the_shipped_model_loads_and_is_complete():
    data = json.loads(BUILTIN.read_text(encoding="utf-8"))
    assert {"weights", "bias", "threshold", "second", "document", "meta"} <= set(data)
    assert data["meta"]["script"] == "training/claims.py"
    model = ClaimModel.load()
    assert 0 < model.threshold < 1 and model.weights2 and model.doc_weights
    assert any(f.startswith("f=") for f in model.weights)  # the phrase families are features


def test_tokens_and_words():
    toks, words = tokens_and_words("Take 400 mg of Magnesium; it doesn't hurt.")
    assert toks == ["take", "000", "mg", "of", "magnesium", "it", "doesn", "t", "hurt"]
    assert words == frozenset({"take", "400", "mg", "of", "magnesium", "it", "doesn", "t", "hurt"})
    assert tokens_and_words("İstanbul")[1] is None  # lowercasing changes the length: unknown


def test_word_class_features_come_from_the_rules_lexicons():
    """Verb and target classes carry what a sentence says to sites whose words
    the model never saw; a user's extra verb or target joins its class."""
    from linter.kinds.claim_citation import class_features
    from linter.kinds.claim_model import tokens

    check = _rule().check
    feats = class_features(check.word_classes, tokens("Improves posture and eases back pain"))
    assert {"v=improve", "v=amb", "t=cond", "vt=improve+cond", "v0=improve"} <= set(feats)
    assert "a0=cmp" not in feats
    assert {"a0=cmp", "t=well"} <= set(class_features(check.word_classes, tokens("Better sleep quality")))
    assert "a0=cmp" in class_features(check.word_classes, tokens("Reduced injury rates"))  # a participle of a claim verb
    # a leading number is not the first word: "3. Reduces Inflammation", "2.1. Better sleep"
    assert "v0=reduce" in class_features(check.word_classes, tokens("3. Reduces Inflammation"))
    assert "a0=cmp" in class_features(check.word_classes, tokens("2.1. Better sleep"))
    assert class_features(check.word_classes, tokens("Preheat the oven to 180 degrees")) == []
    assert class_features(check.word_classes, []) == []
    mine = _rule(improve_verbs=["declutter"], conditions=["brain drizzle"]).check
    assert "v0=improve" in class_features(mine.word_classes, tokens("Declutters the mind"))


def test_context_features_read_neighbours_headings_leads_and_list_items():
    shapes = ["heading", "para", "list", "list", "list", "para"]
    scores = [0.9, 0.1, 0.8, 0.2, 0.6, 0.5]
    ctx = context_features(shapes, scores)
    assert "p2=" not in " ".join(ctx[0]) and "n2=0" in ctx[0]  # no sentence before the first
    assert "h2=4" in ctx[1] and "p2=4" in ctx[1]
    # list items: their heading, their lead sentence, the mean of the other items
    assert {"h2=4", "l2=0", "r2=2"} <= set(ctx[2])  # others: (0.2 + 0.6) / 2 = 0.4
    assert "r2=3" in ctx[3]  # (0.8 + 0.6) / 2 = 0.7
    assert "n2=" not in " ".join(ctx[5])


HEALTH = """# Magnesium for sleep

Magnesium is a mineral found in leafy greens, nuts and seeds. Many adults take it
as a supplement in the evening.

Magnesium calms the nervous system and relieves muscle cramps at night.

Many users report deeper sleep and fewer headaches after a week.

## What it does for you

- Reduces anxiety before bed
- Eases restless legs
- Improves sleep quality
"""


def test_claims_in_a_health_article_are_found_with_their_words_and_type():
    found = _claims(HEALTH)
    matched = " ".join(f.match for f in found)
    assert "relieves muscle cramps" in matched
    assert "Reduces anxiety before bed" in matched
    assert "Magnesium is a mineral" not in matched
    f = next(f for f in found if "relieves" in f.match)
    assert f.match.startswith("Magnesium calms") and f.match.endswith("at night.")  # the sentence
    assert "Uncited efficacy claim ('" in f.message
    testimonial = next(f for f in found if "users report" in f.match)
    assert "testimonial" in testimonial.message


def test_a_citation_in_the_sentence_answers_the_claim():
    cited = HEALTH.replace(
        "relieves muscle cramps at night.", "relieves muscle cramps at night ([study](https://pubmed.ncbi.nlm.nih.gov/1/))."
    )
    assert not any("relieves" in f.match for f in _claims(cited))


BACKPACK = """# The best laptop backpacks

A good backpack spreads the load across both shoulders, which relieves strain on a
long commute and helps reduce fatigue when you walk across campus. Padded straps
support your back, and a chest strap keeps the bag steady on a bike.

We tested twelve bags over three months of daily use: zippers, seams, water
resistance and how well each one holds a fifteen-inch laptop, chargers and a water
bottle. The roll-top models kept a laptop dry in heavy rain; the cheaper zip models
did not. Side pockets matter more than you would think on a train.

Our pick has a lifetime warranty, a luggage pass-through and a hidden pocket for a
passport, and it still looks good in an office.
"""


def _real(rel: str) -> str:
    path = REAL / rel
    if not path.is_file():
        pytest.skip("../shared/real-articles is not beside the checkout")
    return path.read_text(encoding="utf-8")


def test_a_document_not_about_health_gets_no_claim_findings():
    model = ClaimModel.load()
    from linter.document import Document
    from linter.kinds.claim_model import document_words
    from linter.source import Source

    review = _real("non-health/devinschumacher--bestalternativesreview.com/Laptop-Backpack.md")
    words = document_words(Document.parse(Source.from_text("b.md", review)))
    assert len(words) >= model.MIN_DOCUMENT_WORDS
    assert model.about_health(words) < model.doc_threshold
    found = _claims(review)
    # without the document gate the same text would be read sentence by sentence
    assert len(_claims(review, _rule(model=""))) > 3
    # only a section the model reads as about health on its own may be read: the
    # buyer's guide, whose "Comfort and Ergonomics" part speaks of shoulders and back
    lines = review.splitlines()
    for f in found:
        above = [ln for ln in lines[: f.line] if ln.startswith("## ")]
        assert above and above[-1] == "## Buyer's Guide"
    assert len(found) <= 1


def test_a_short_document_is_always_read():
    assert any("relieves strain" in f.match for f in _claims(BACKPACK, _rule(threshold=0.05)))


def test_options_shape_the_decision():
    strict = _rule(threshold=0.999)
    assert len(_claims(HEALTH, strict)) < len(_claims(HEALTH))
    exempt = _rule(exempt_terms=["restless legs"])
    assert not any("restless" in f.match for f in _claims(HEALTH, exempt))
    forced = _rule(extra_claim_terms=["leafy greens"])
    assert any("leafy greens" in f.match for f in _claims(HEALTH, forced))
    families = _rule(model="")
    assert _claims(HEALTH, families)  # the phrase families alone still decide


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ("    threshold: 1.5\n", "threshold must be a probability between 0 and 1"),
        ("    model: no-such-model.json\n", "model 'no-such-model.json' is not a file"),
    ],
)
def test_bad_options_are_config_errors(tmp_path, run_cli, settings, message):
    (tmp_path / ".contentlint.yaml").write_text(
        "extends: [health]\nrules:\n  claim-needs-citation:\n" + settings, encoding="utf-8"
    )
    (tmp_path / "a.md").write_text("Ginger relieves nausea.\n", encoding="utf-8")
    code, out, err = run_cli(str(tmp_path / "a.md"), cwd=tmp_path)
    assert code == 2, out + err
    assert message in err and "Traceback" not in err


def test_a_german_article_is_read_through_its_gloss():
    german = (
        "# Magnesium\n\nMagnesium ist ein Mineralstoff, der für die Muskeln und die Nerven wichtig ist. "
        "Es lindert Krämpfe und hilft bei Schlafproblemen, sagen viele Anwender. Die meisten Menschen nehmen "
        "genug davon mit der Nahrung auf, aber bei Stress oder Sport kann der Bedarf steigen. Wenn du unsicher "
        "bist, sprich mit deiner Ärztin oder deinem Arzt, bevor du ein Präparat einnimmst.\n"
    )
    # the English model reads the German sentence's gloss ("It relieves cramps and helps with ...")
    found = [f.match for f in _claims(german)]
    assert "Es lindert Krämpfe und hilft bei Schlafproblemen, sagen viele Anwender." in found
    assert not any("Ärztin" in m for m in found)  # advice to see a doctor is no claim


# -- the training script's data handling -------------------------------------------

_spec = importlib.util.spec_from_file_location("train_claims", ROOT / "training" / "claims.py")
train = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(train)


def test_borderline_marks_and_label_spans(tmp_path):
    labels = tmp_path / "labels.yaml"
    labels.write_text(
        "a.md:\n  claim-needs-citation:\n"
        '    - {line: 2, text: "eases cramps"}\n'
        '    - {line: 3, text: "may calm you", type: hedged}  # borderline: vague target\n',
        encoding="utf-8",
    )
    assert train.borderline_items(labels) == {(3, "may calm you")}
    text = "# T\r\nGinger eases cramps.\nTea may calm you.\n"
    spans = train.label_spans(text, [{"line": 2, "text": "eases cramps"}, {"line": 3, "text": "may calm you"}],
                              {(3, "may calm you")})
    assert [text[a:b] for a, b, _ in spans] == ["eases cramps", "may calm you"]
    assert [soft for _, _, soft in spans] == [False, True]


def test_drop_features_leaves_out_only_the_named_groups():
    feats = ["w=magnesium", "w=helps sleep", "v=improve", "vt=improve+well", "c=hedge", "x=negation",
             "h=sleep", "h=claim", "l=tips", "s=paragraph", "d=hi", "f=improve", "r=claim"]
    row = ("repo", "a.md", feats, 1, 3, "text", False, "para")

    def kept(*groups):
        return train.drop_features([row], list(groups))[0][2]

    assert kept() == feats
    assert kept("pairs") == [f for f in feats if f != "w=helps sleep"]
    assert kept("words", "classes") == ["c=hedge", "x=negation", "h=sleep", "h=claim", "l=tips", "s=paragraph",
                                        "d=hi", "f=improve", "r=claim"]
    assert kept("heading", "lead", "cues", "exemptions", "shape", "share") == [
        "w=magnesium", "w=helps sleep", "v=improve", "vt=improve+well", "f=improve", "r=claim"]
    assert kept("families", "rule") == [f for f in feats if f not in ("f=improve", "r=claim")]
    assert train.drop_features([(*row[:2], ["k=best", "h=sleep"], *row[3:])], ["columns"])[0][2] == ["h=sleep"]
    assert kept("context") == feats  # the second stage, not a first-stage feature
    assert train.drop_features([row], ["pairs"])[0][3:] == row[3:]


def test_each_feature_counts_once_as_in_training():
    model = ClaimModel.load()
    from linter.kinds.claim_model import ngram_features

    data = json.loads(BUILTIN.read_text(encoding="utf-8"))
    # every weight as training fitted it: "w=word", "w=word next", and the rest
    every = {**data["weights"], **{"w=" + w: v for w, v in data["words"].items()},
             **{f"w={a} {b}": v for a, nxt in data["pairs"].items() for b, v in nxt.items()}}
    a, b = next((a, b) for a, nxt in sorted(data["pairs"].items()) for b in sorted(nxt))  # a word pair with a weight
    toks = [a, b, a, b, "helps", "sleep"]
    flat = set(ngram_features("w=", toks)) | {"c=target"}
    expected = model._margin(every, model.bias, flat)
    assert abs(model.margin(toks, ["c=target", "c=target"]) - expected) < 1e-9
    # a file with every weight in "weights" (w=...) scores the same
    legacy = ClaimModel(every, data["bias"], data["threshold"], data["second"], data["document"])
    assert abs(legacy.margin(toks, ["c=target"]) - expected) < 1e-9
    # and names the same claim words
    feats = sorted(flat | {"w=" + a})
    assert model.reasons(feats) == legacy.reasons(feats) and any(f.startswith("w=") for f, _ in model.reasons(feats))


@pytest.mark.parametrize(
    ("model_json", "message"),
    [
        ('{"weights": {"w=a": "x"}, "bias": 0, "threshold": 0.5}', "weights['w=a'] must be a number"),
        ('{"weights": {"w=a": 1.5, "w=b": NaN, "w=c": 0}, "bias": 0, "threshold": 0.5}', "weights['w=b'] must be a number"),
        ('{"weights": {"w=a": 1.5, "w=b": true}, "bias": 0, "threshold": 0.5}', "weights['w=b'] must be a number"),
        ('{"weights": {"w=a": 1.5, "w=b": -2e6}, "bias": 0, "threshold": 0.5}', "weights['w=b'] must be a number"),
        ('{"weights": {}, "words": {"a": 1, "b": "x"}, "pairs": {}, "bias": 0, "threshold": 0.5}', "words['b'] must be a number"),
        ('{"weights": {}, "words": {}, "pairs": {"a": {"b": NaN}}, "bias": 0, "threshold": 0.5}', "pairs['a']['b'] must be a number"),
        ('{"weights": {}, "words": {}, "pairs": [], "bias": 0, "threshold": 0.5}', "pairs must be a mapping"),
        ('{"weights": {"w=a": 1}, "words": {}, "pairs": {}, "bias": 0, "threshold": 0.5}', "keeps no w= weights"),
        ('{"weights": [], "bias": 0, "threshold": 0.5}', "weights must be a mapping"),
        ('{"weights": {}, "bias": 1e400, "threshold": 0.5}', "bias must be a number"),
        ('{"weights": {}, "bias": 0, "threshold": 7}', "threshold must be a number from 0 to 1"),
        ('{"weights": {}, "bias": 0, "threshold": 0.5, "document": {"weights": [], "bias": 0, "threshold": 0.5}}',
         "document.weights must be a mapping"),
    ],
)
def test_a_broken_model_file_is_a_config_error(tmp_path, run_cli, model_json, message):
    (tmp_path / "m.json").write_text(model_json, encoding="utf-8")
    test_bad_options_are_config_errors(tmp_path, run_cli, f"    model: {tmp_path / 'm.json'}\n", message)


@pytest.mark.parametrize("key", ["extra_claim_terms", "exempt_terms"])
def test_empty_terms_are_config_errors(tmp_path, run_cli, key):
    test_bad_options_are_config_errors(tmp_path, run_cli, f"    {key}: ['  ']\n", f"items of '{key}' in settings of rule "
                                       "'claim-needs-citation' must not be empty")


def test_a_health_section_is_read_in_a_page_that_is_mostly_about_something_else():
    from linter.document import Document
    from linter.kinds.claim_model import document_words
    from linter.source import Source

    recipe = REAL / "non-health" / "pajamaman7--tbuckets-recipes" / "beef_stew.md"
    if not recipe.is_file():
        pytest.skip("../shared/real-articles is not beside the checkout")
    page = recipe.read_text(encoding="utf-8") + "\n\n" + HEALTH.replace("# ", "## ", 1)
    model = ClaimModel.load()
    assert model.about_health(document_words(Document.parse(Source.from_text("p.md", page)))) < model.doc_threshold
    found = _claims(page)
    assert any("relieves muscle cramps" in f.match for f in found)  # the health section, read on its own
    assert all(page.index(f.match) > page.index("Magnesium for sleep") for f in found)


def test_extra_claim_terms_apply_in_any_document():
    forced = _rule(extra_claim_terms=["miracle cure"])
    readme = _real("non-health/rust-lang--regex/README.md")
    page = readme + "\n\nThis crate is a miracle cure for a sore back.\n"
    assert _claims(readme, forced) == []
    assert [f.match for f in _claims(page, forced)] == ["This crate is a miracle cure for a sore back."]


def test_a_page_with_nothing_read_still_gets_its_forced_claims():
    """A page no part of which is about health skips the sentence features; a
    sentence an extra claim term forces is still a finding, named by the words
    the full features would name."""
    from linter.document import Document
    from linter.source import Source

    forced = _rule(extra_claim_terms=["miracle cure"])
    page = _real("non-health/rust-lang--regex/README.md") + "\n\nThis crate is a miracle cure that relieves back pain.\n"
    doc = Document.parse(Source.from_text("p.md", page))
    check, model = forced.check, forced.check.model
    assert len(sections_not_about_health(doc, model)) == len(doc.blocks)  # nothing read
    [row] = [r for r in check.sentence_features(doc) if "miracle" in r[0].text]
    [finding] = _claims(page, forced)
    assert finding.match == "This crate is a miracle cure that relieves back pain."
    assert f"('{check._claim_words(model, row[5], row[2])}')" in finding.message
    assert "relieves back pain" in finding.message


def test_document_words_are_the_tokens_of_each_block():
    from linter.document import Document
    from linter.kinds.claim_model import document_words, text_words, tokens
    from linter.source import Source

    tricky = ["ΟΔΟΣ", "Σ", "İstanbul 2nd", "x\u0663y", "ſo", ""]
    assert text_words(tricky) == {t for text in tricky for t in tokens(text)}
    paths = sorted(REAL.rglob("*.md"))[::7]
    if not paths:
        pytest.skip("../shared/real-articles is not beside the checkout")
    for path in paths:
        doc = Document.parse(Source.from_bytes(str(path), path.read_bytes()))
        assert document_words(doc) == {t for b in doc.blocks for t in tokens(b.text)}, path


def test_shared_block_features_score_as_one_list_on_real_articles():
    """The rule weighs the features every sentence of a block shares once a
    block; scores must be those of each sentence's features in one list (as
    training reads them), and the shared ones never repeat a sentence's own."""
    from linter.document import Document
    from linter.source import Source

    paths = sorted((REAL / "health").rglob("*.md"))[::5]
    if not paths:
        pytest.skip("../shared/real-articles is not beside the checkout")
    check = _rule().check
    model = check.model
    compared = 0
    for path in paths:
        doc = Document.parse(Source.from_bytes(str(path), path.read_bytes()))
        rows = check._for_document(doc)._sentence_features(doc)
        flat = check.sentence_features(doc)
        assert [r[0] for r in rows] == [r[0] for r in flat]
        assert all(set(r[6]).isdisjoint(r[1]) and len(set(r[6])) == len(r[6]) for r in rows)
        assert all(sorted(f[1]) == sorted([*r[6], *r[1]]) for r, f in zip(rows, flat))
        shapes = [r[4] for r in rows]
        grouped = model.scores([(r[5], r[1], r[6]) for r in rows], shapes)
        plain = model.scores([(r[5], r[1]) for r in flat], shapes)
        assert all(abs(a - b) < 1e-9 for a, b in zip(grouped, plain)), path
        compared += len(rows)
    assert compared > 1000


def test_scores_are_the_weights_of_the_features_as_training_names_them():
    """The rule weighs a sentence's words, word pairs and context by lookups of
    its own (a set of words against the word table, the context's weights by
    bucket); the scores must equal, exactly, the weights of the feature strings
    training fits (``ngram_features``, ``context_features``) summed as
    ``_margin`` sums them, and the document gate the loop over its words."""
    import math

    from linter.document import Document
    from linter.kinds.claim_model import MARGIN_BOUND, _sigmoid, ngram_features, split_weights, text_words
    from linter.source import Source

    paths = sorted((REAL / "health").rglob("*.md"))[::6] + sorted((REAL / "non-health").rglob("*.md"))[::40]
    if not paths:
        pytest.skip("../shared/real-articles is not beside the checkout")
    check = _rule().check
    model = check.model
    data = json.loads(BUILTIN.read_text(encoding="utf-8"))
    every = {**data["weights"], **{"w=" + w: v for w, v in data["words"].items()},
             **{f"w={a} {b}": v for a, nxt in data["pairs"].items() for b, v in nxt.items()}}
    assert split_weights(every)[2] == data["weights"]
    compared = 0
    for path in paths:
        doc = Document.parse(Source.from_bytes(str(path), path.read_bytes()))
        words = text_words(b.text for b in doc.blocks)
        if len(words) >= model.MIN_DOCUMENT_WORDS:
            assert model.about_health(words) == _sigmoid(model._margin(model.doc_weights, model.doc_bias, words))
        flat = check.sentence_features(doc)
        if not flat:
            continue
        shapes = [r[4] for r in flat]
        margins = [model._margin(every, model.bias, set(ngram_features("w=", r[5])) | set(r[1])) for r in flat]
        ctx = context_features(shapes, [_sigmoid(m) for m in margins])
        expected = [_sigmoid(model._margin(model.weights2, model.bias2 + model.first2 * max(-MARGIN_BOUND, min(MARGIN_BOUND, m)), c))
                    for m, c in zip(margins, ctx)]
        assert [model.margin(r[5], r[1]) for r in flat] == margins, path
        assert model.scores([(r[5], r[1]) for r in flat], shapes) == expected, path
        compared += len(flat)
    assert compared > 1000


def test_the_tokens_a_sentence_gets_from_the_matchers_scan_are_its_tokens():
    """A sentence whose features are wanted takes its tokens from the phrase
    matcher's scan of its lowercased words (``finditer(text, words)``); they
    must be what ``tokens_and_words`` gives, digits read as 0 included, and the
    scan must leave the list empty where it does not read lowercased words."""
    import re

    from linter.document import Document
    from linter.source import Source

    check = _rule().check
    tricky = ["Magnesium eases 2 cramps in 10 days.", "ſo it relieves pain", "İstanbul helps sleep", "ΟΔΟΣ relieves stress",
              "Ten-minute walks reduce anxiety_2x", ""]
    for text in tricky:
        scanned: list = []
        found = list(check.claim.finditer(text, scanned))
        assert [(m.span(), i) for m, i in found] == [(m.span(), i) for m, i in check.claim.finditer(text)]
        low = text.lower()
        if scanned or text == "":
            assert scanned == re.findall(r"\w+", low), text
        else:
            assert tokens_and_words(text)[1] is None or text == "", text  # only text not read as lowercase words
    paths = sorted((REAL / "health").rglob("*.md"))[::8] + [ROOT / "tests" / "corpus" / "magnesium-sleep.md"]
    compared = 0
    for path in paths:
        doc = Document.parse(Source.from_bytes(str(path), path.read_bytes()))
        for row in check._for_document(doc)._sentence_features(doc):
            assert row[5] == tokens_and_words(row[0].text)[0], (path, row[0].text)
            compared += 1
    assert compared > 500


def test_context_sources_are_every_score_the_context_features_read():
    import random

    from linter.kinds.claim_model import context_sources

    rng = random.Random(7)
    for _ in range(300):
        n = rng.randint(1, 14)
        shapes = [rng.choice(("heading", "para", "list", "cell")) for _ in range(n)]
        wanted = {i for i in range(n) if rng.random() < 0.3}
        sources = context_sources(shapes, wanted)
        assert wanted <= sources
        scores = [rng.random() for _ in range(n)]
        other = [x if i in sources else rng.random() for i, x in enumerate(scores)]
        before, after = context_features(shapes, scores), context_features(shapes, other)
        assert all(before[i] == after[i] for i in wanted), (shapes, wanted)


def _same(row):  # a row's features, shape, tokens, shared features, and where its matches are
    return row[1], row[4], row[5], row[6], [(m.span(), family) for m, family in row[3]]


def test_the_features_of_some_sentences_are_those_of_every_sentence():
    """The rule may compute the features of some sentences only (those read and
    those their context reads): each is what computing every sentence gives,
    the claim of a heading or lead sentence left out included (looked for when
    a later block reads it)."""
    import random

    from linter.document import Document
    from linter.source import Source

    paths = sorted((REAL / "health").rglob("*.md"))[::9]
    if not paths:
        pytest.skip("../shared/real-articles is not beside the checkout")
    check = _rule().check
    rng = random.Random(3)
    lazy = 0
    for path in paths:
        doc = Document.parse(Source.from_bytes(str(path), path.read_bytes()))
        view = check._for_document(doc)
        every = view._sentence_features(doc)
        needed = {i for i in range(len(every)) if rng.random() < 0.3}
        some = view._sentence_features(doc, needed)
        assert [r[0] for r in some] == [r[0] for r in every] == view._in_scope(doc)
        assert all((r[1] is None) == (i not in needed) for i, r in enumerate(some))
        assert all(_same(some[i]) == _same(every[i]) for i in needed), path
        assert [r[5] for r in some] == [r[5] for r in every]
        # wanted rows whose heading's claim was looked for late
        headings = [i for i, r in enumerate(every) if r[4] == "heading"]
        lazy += sum(1 for i in needed if "h=claim" in some[i][6]
                    and max((h for h in headings if h < i), default=i) not in needed)
    assert lazy


def test_sentences_not_read_are_not_scored_and_the_read_ones_score_the_same():
    """In a page only part of which is about health, the sentences read score
    what they score when every sentence is scored."""
    from linter.document import Document
    from linter.kinds.claim_model import context_sources
    from linter.source import Source

    recipe = REAL / "non-health" / "pajamaman7--tbuckets-recipes" / "beef_stew.md"
    if not recipe.is_file():
        pytest.skip("../shared/real-articles is not beside the checkout")
    stew = recipe.read_text(encoding="utf-8")
    health = HEALTH.replace("# ", "## ", 1)
    pages = [stew + "\n\n" + health, health + "\n\n" + stew]
    pages += [p.read_text(encoding="utf-8") for p in sorted((REAL / "non-health").rglob("*.md"))[::3]]
    check = _rule().check
    model = check.model
    partial = 0
    for page in pages:
        doc = Document.parse(Source.from_text("p.md", page))
        view = check._for_document(doc)
        unread = sections_not_about_health(doc, model)
        if not unread or len(unread) == len(doc.blocks):
            continue
        partial += 1
        sentences = view._in_scope(doc)
        shapes = [view._shape(s.block) for s in sentences]
        read = [i for i, s in enumerate(sentences) if id(s.block) not in unread]
        needed = context_sources(shapes, read)
        assert len(needed) < len(sentences)
        some = view._sentence_features(doc, needed)
        every = view._sentence_features(doc)
        scored = model.scores([(r[5], r[1], r[6]) if r[1] is not None else None for r in some], shapes)
        full = model.scores([(r[5], r[1], r[6]) for r in every], shapes)
        assert [scored[i] for i in read] == [full[i] for i in read]
    assert partial >= 3


def test_an_empty_document_does_not_load_the_model():
    from linter.kinds import claim_model

    rule = _rule(model=str(BUILTIN))
    claim_model._LOADED.clear()
    assert _claims("<!-- nothing to read -->\n", rule) == []
    assert claim_model._LOADED == {}


def test_a_finding_of_the_model_alone_names_its_words():
    """A sentence no phrase family matches, found by the model: the finding names
    the words whose weights decided it, not "the sentence as a whole"."""
    path = ROOT / "tests" / "corpus" / "elderberry-colds.md"
    found = [f for f in _claims(path.read_text(encoding="utf-8")) if "cough syrups" in f.match]
    assert found and "the sentence as a whole" not in found[0].message
    assert "better" in found[0].message


def test_the_words_a_finding_names_read_in_the_sentence_s_order():
    """The word pair and word that weighed most, in text order: the words between
    them when they lie close, else each, joined by "..."."""
    from types import SimpleNamespace

    check = _rule().check
    toks = "turmeric for joint pain".split()
    model = SimpleNamespace(reasons=lambda feats, n: [("w=for joint", 2.0), ("w=turmeric", 1.0)])
    assert check._claim_words(model, toks, None) == "turmeric for joint"
    far = "turmeric is a spice that many cooks keep and it is said to be good for joint pain".split()
    model = SimpleNamespace(reasons=lambda feats, n: [("w=for joint", 2.0), ("w=turmeric", 1.0)])
    assert check._claim_words(model, far, None) == "turmeric ... for joint"


def test_a_margin_does_not_depend_on_the_order_of_its_features():
    """Sets iterate in an order that changes from run to run (hash seeds): the
    weights are summed exactly, so a score is the same in every run."""
    import random

    model = ClaimModel.load()
    feats = sorted(f for f in model.weights if not f.startswith("w="))[:60]
    uni, _ = model._tables()
    toks = sorted(uni)[:60]
    rng = random.Random(7)
    first = model.margin(toks, feats)
    for _ in range(20):
        rng.shuffle(feats)
        assert model.margin(toks, feats) == first
        assert ClaimModel._margin(model.weights, model.bias, feats) == ClaimModel._margin(model.weights, model.bias, sorted(feats))


def test_a_table_cell_is_read_with_its_column_header():
    """A cell under "Best for" carries that header's words (``k=``), as a list
    item carries its lead sentence's: "Falling asleep" there is a benefit."""
    from linter.document import Document
    from linter.source import Source

    text = "# Magnesium picks\n\n| Product | Best for |\n|---|---|\n| Brand A | Falling asleep |\n"
    doc = Document.parse(Source.from_text("a.md", text))
    rows = _rule().check._sentence_features(doc)
    shared = {r[0].text: set(r[6]) for r in rows}
    assert {"k=best", "k=for"} <= shared["Falling asleep"]
    assert "k=product" in shared["Brand A"]
    assert not any(f.startswith("k=") for f in shared["Best for"])  # the header row has no header above it


def test_an_extra_labelled_set_is_read_as_groups_of_its_own(tmp_path, monkeypatch):
    """``training/claims.py --extra ARTICLES LABELS``: a set kept outside ../shared
    (as bench/fetch_fresh.py writes it); its repositories are held out as groups
    of their own and reported apart from the real corpus."""
    articles, labels = tmp_path / "articles", tmp_path / "labels"
    (articles / "health" / "o--r").mkdir(parents=True)
    (articles / "health" / "o--r" / "a.md").write_text("# Ginger\n\nGinger eases nausea.\n", encoding="utf-8")
    (articles / "non-health" / "c--k").mkdir(parents=True)
    (articles / "non-health" / "c--k" / "b.md").write_text("# Bread\n\nLet it rest.\n", encoding="utf-8")
    labels.mkdir()
    (labels / "x.yaml").write_text("health/o--r/a.md:\n  medical-disclaimer: missing\n  claim-needs-citation:\n"
                                   '    - {line: 3, text: "eases nausea"}\n', encoding="utf-8")
    monkeypatch.setattr(train, "EXTRA", [(articles, labels)])
    got = [(g, rel, path, kind) for g, rel, path, lab, kind, _ in train.documents() if g.startswith(("x:", "nh:x:"))]
    assert got == [("x:o--r", "extra0/health/o--r/a.md", articles / "health/o--r/a.md", "real"),
                   ("nh:x:c--k", "extra0/non-health/c--k/b.md", articles / "non-health/c--k/b.md", "non-health")]


_variants_spec = importlib.util.spec_from_file_location("train_variants", ROOT / "training" / "variants.py")
variants = importlib.util.module_from_spec(_variants_spec)
_variants_spec.loader.exec_module(variants)


def test_the_variants_script_reads_its_variants_and_names_a_wrong_held_out_set(tmp_path):
    """``training/variants.py``: a variant's settings, and a held-out set that is
    not among the --extra sets is a usage error (exit 2) before any work."""
    assert variants.parse_variant("base=") == ("base", {"C": 0.3, "mg": 2, "bl": False, "scale": {}})
    assert variants.parse_variant("v=C:1,mg:3,bl:1,w=:0.5,h=:2") == (
        "v", {"C": 1.0, "mg": 3, "bl": True, "scale": {"w=": 0.5, "h=": 2.0}})
    with pytest.raises(SystemExit):
        variants.parse_variant("v=C")
    labels = tmp_path / "fresh99" / "labels"
    labels.mkdir(parents=True)
    proc = subprocess.run([sys.executable, str(ROOT / "training" / "variants.py"), "--extra", str(tmp_path), str(labels),
                           "--held-out", "fresh98"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "--held-out fresh98: not among the --extra sets (fresh99)" in proc.stderr


def test_the_variants_script_scales_the_features_it_is_told_to():
    pytest.importorskip("scipy")
    m = variants.scaled_matrix([["w=a", "h=b", "c=x"], ["w=a", "zz"]], {"w=a": 0, "h=b": 1, "c=x": 2}, {"w=": 0.5})
    assert m.toarray().tolist() == [[0.5, 1.0, 1.0], [0.5, 0.0, 0.0]]


def _rows_of(text: str, path: str = "extra0/health/o--r/a.md", group: str = "x:o--r", claims=()):
    """Training rows (as ``train.examples`` makes them) of one article; a sentence
    is a claim when it holds one of ``claims``."""
    from linter.document import Document
    from linter.kinds.claim_model import ngram_features
    from linter.source import Source

    doc = Document.parse(Source.from_text(path, text))
    rows = []
    for s, other, _first, _m, shape, toks in _rule().check.sentence_features(doc):
        y = int(any(c in s.text for c in claims))
        rows.append((group, path, ngram_features("w=", toks) + other, y, 1, s.text, False, shape))
    return rows, doc


ARTICLE = ("# Ginger for nausea\n\nGinger eases nausea in pregnancy. Many people drink ginger tea. "
           "Peppermint oil soothes an upset stomach.\n\n## How to make the tea\n\n- Slice the root thinly.\n"
           "- Steep it for ten minutes.\n- Ginger tea calms the stomach after meals.\n")


def test_a_prior_model_s_margins_and_second_stage_are_the_rule_s():
    """``training/claims.py --prior``: the offset of each training sentence is the
    shipped first stage's margin as the rule sums it, and the out-of-fold report
    reads probabilities through the shipped second stage as the rule does."""
    data = json.loads(BUILTIN.read_text(encoding="utf-8"))
    model = _rule().check.model
    rows, doc = _rows_of(ARTICLE)
    flat = _rule().check.sentence_features(doc)
    margins = train.prior_margins(rows, data)
    assert margins == [model.margin(r[5], r[1]) for r in flat]
    assert train.second_stage_scores(rows, margins, data) == model.scores([(r[5], r[1]) for r in flat], [r[4] for r in flat])
    assert len(set(margins)) > 3  # the sentences are told apart


def test_corrections_to_a_prior_move_only_what_the_new_sites_teach(tmp_path, monkeypatch):
    """``--prior``: the written model is the prior's first stage plus corrections
    fitted on the --extra sets; a feature the new sets do not hold keeps its
    weight, the new sets' claim words gain weight, and the file loads as a model
    whose metadata names the prior."""
    pytest.importorskip("scipy")
    pytest.importorskip("sklearn")
    import argparse

    prior = json.loads(BUILTIN.read_text(encoding="utf-8"))
    rows = []
    for n in range(12):  # twelve sites that all say "fizzwort" heals (a word the prior does not know)
        site_rows, _ = _rows_of(ARTICLE.replace("Peppermint oil soothes an upset stomach.", "Fizzwort heals the gut lining."),
                                f"extra0/health/o{n}--r/a.md", f"x:o{n}--r", claims=("eases nausea", "Fizzwort heals", "calms the"))
        rows += site_rows
    monkeypatch.setattr(train, "examples", lambda check, extra_only=False: rows if extra_only else [])
    monkeypatch.setattr(train, "document_rows", lambda extra_only=False: [])
    monkeypatch.setattr(train, "EXTRA", [(tmp_path / "articles", tmp_path / "labels")])
    out = tmp_path / "model.json"
    args = argparse.Namespace(prior_C=1.0, min_count=2, min_groups=2, min_precision=0.8, report_only=False, out=out,
                              prior_commit="abc1234", prior=BUILTIN, folds=None, prune=0.05)
    assert train.main_prior(args, prior) == 0
    new = json.loads(out.read_text(encoding="utf-8"))
    loaded = ClaimModel.load(out)
    before, after = train.full_weights(prior), train.full_weights(new)
    assert after["w=fizzwort"] > 0.1 and "w=fizzwort" not in before
    untouched = [f for f in before if f not in {g for r in rows for g in r[2]}]
    assert len(untouched) > 1000 and all(after.get(f) == before[f] for f in untouched)
    assert new["second"] == prior["second"] and new["document"] == prior["document"]
    assert new["meta"]["prior"]["commit"] == "abc1234" and "--extra" in new["meta"]["trained_on"]
    assert new["meta"]["prior"]["meta"] == prior["meta"] and new["meta"]["prior"]["file"] == "linter/models/claims.json"
    # a correction smaller than --prune is left out: the prior's weight stays as it was
    small = [f for f in before if f in after and after[f] != before[f] and abs(after[f] - before[f]) < 0.05]
    assert not small
    assert loaded.threshold == new["threshold"]
    from scipy.sparse import csr_matrix

    with pytest.raises(ValueError, match="both kinds"):  # one class: nothing to correct towards
        train.fit_offset(csr_matrix([[1.0], [0.0]]), [0, 0], [0.0, 0.0], 1.0)


def test_a_prior_needs_new_sets_and_a_model_file(tmp_path):
    """``--prior`` without an --extra set, or naming a file that is not a model,
    is a one-line usage error (exit 2), not a traceback."""
    bad = tmp_path / "bad.json"
    bad.write_text('{"bias": 1}', encoding="utf-8")
    script = str(ROOT / "training" / "claims.py")
    got = subprocess.run([sys.executable, script, "--prior", str(BUILTIN)], capture_output=True, text=True)
    assert got.returncode == 2 and "--prior needs at least one --extra set" in got.stderr
    articles = tmp_path / "a"
    (articles / "health").mkdir(parents=True)
    (tmp_path / "l").mkdir()
    (tmp_path / "l" / "x.yaml").write_text("{}\n", encoding="utf-8")
    extra = ["--extra", str(articles), str(tmp_path / "l")]
    got = subprocess.run([sys.executable, script, "--prior", str(bad), "--prior-commit", "abc1234", *extra],
                         capture_output=True, text=True)
    assert got.returncode == 2 and f"--prior {bad}:" in got.stderr and "Traceback" not in got.stderr
    for argv, message in ((["--prior", str(BUILTIN), *extra], "--prior needs --prior-commit"),
                          (["--prior", str(BUILTIN), "--prior-commit", "abc1234", "--C", "0.1", *extra], "--C does not apply with --prior"),
                          (["--report-only", "--folds", "1"], "needs 2 folds or more"),
                          (["--report-only", "--folds", "x"], "needs a whole number of folds"),
                          # OLD must be the model file of the commit named, so that the model can be made again
                          (["--prior", str(BUILTIN), "--prior-commit", "0000000", *extra], "is not linter/models/claims.json at commit"),
                          # ... and then the sets must hold two source repositories to measure anything
                          (["--prior", str(BUILTIN), "--prior-commit", "HEAD", *extra], "two source repositories or more")):
        got = subprocess.run([sys.executable, script, *argv], capture_output=True, text=True)
        assert got.returncode == 2 and message in got.stderr and "Traceback" not in got.stderr, (argv, got.stderr)


def test_folds_sets_the_first_stage_s_cross_validation(monkeypatch):
    """``--folds N``: the first stage is cross-validated in N folds of source
    repositories (the default holds each repository out alone)."""
    seen = []
    rows, _ = _rows_of(ARTICLE, claims=("eases nausea",))
    monkeypatch.setattr(train, "document_rows", lambda extra_only=False: [])
    monkeypatch.setattr(train, "fit_documents", lambda docs: ([], {"bias": 0.0, "weights": {}}))
    monkeypatch.setattr(train, "examples", lambda check, extra_only=False: rows)
    monkeypatch.setattr(train, "cross_validate", lambda rows, C, min_count, folds=None, **kw: seen.append(folds) or [0.5] * len(rows))
    monkeypatch.setattr(train, "report", lambda *a, **kw: None)
    for argv, want in ((["--report-only", "--drop", "context"], None), (["--report-only", "--drop", "context", "--folds", "7"], 7)):
        monkeypatch.setattr(sys, "argv", ["claims.py", *argv])
        assert train.main() == 0
        assert seen.pop() == want
