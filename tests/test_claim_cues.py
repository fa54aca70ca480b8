"""Which cues govern a claim (claim-needs-citation's ``x=`` features): the
concessive "whether" that addresses the reader, and the "whether" that asks."""

from __future__ import annotations

from pathlib import Path

import pytest

from claim_support import claim_rule
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


GOOD_TO_KNOW = """# Ginger for travel

## Good to know

- Ginger supports healthy digestion and helps ease occasional gas.
- More research is needed to determine whether ginger helps with migraine-related nausea.
- Ginger calms an upset stomach.
- While more research is needed, ginger eases motion sickness.
"""


def test_a_claim_that_a_research_cue_governs_is_no_finding_whatever_its_neighbours(rule):
    """Among claims, the model scores the research-needed item above its threshold
    (its neighbours are claims); a research cue that governs every claim of a
    sentence rules it out. Where a clause break ends the cue's reach ("While more
    research is needed, ginger eases ..."), the sentence still claims."""
    found = [f.match for f in lint_text(GOOD_TO_KNOW, [rule]) if f.rule == "claim-needs-citation"]
    assert found == [
        "Ginger supports healthy digestion and helps ease occasional gas.",
        "Ginger calms an upset stomach.",
        "While more research is needed, ginger eases motion sickness.",
    ]
    check = rule.check
    rows = list(check.sentence_features(lint_doc(GOOD_TO_KNOW)))
    scores = check.model.scores([(r[5], r[1]) for r in rows], [r[4] for r in rows])
    research = next(i for i, r in enumerate(rows) if r[0].text.startswith("More research"))
    assert scores[research] >= check.model.threshold  # the rule, not the score, decides


def lint_doc(text):
    from linter.document import Document
    from linter.source import Source

    return Document.parse(Source.from_text("a.md", text))


@pytest.fixture(scope="module")
def low_threshold_rule():
    """The built-in rule with ``threshold: 0.2``: a test of what the rule rules out
    whatever the model scores does not depend on where a retrained model puts a
    sentence near its own threshold."""
    return claim_rule(threshold=0.2)


@pytest.mark.parametrize(
    "sentence",
    [
        "No evidence shows ginger cures cancer, but ginger eases nausea.",
        "It is unclear whether ginger prevents cancer, but it reduces nausea and vomiting.",
    ],
)
def test_a_research_cue_does_not_rule_out_a_claim_after_a_clause_break(low_threshold_rule, sentence):
    """One phrase-family match can run past the clause break ("cures cancer, but
    ginger eases nausea"), so the cue seems to govern the whole of it; the claim
    after the break is ungoverned, so the rule does not rule the sentence out and
    the model's score decides (these score above 0.2)."""
    text = f"# Ginger and nausea\n\n- {sentence}\n"
    found = [f.match for f in lint_text(text, [low_threshold_rule]) if f.rule == "claim-needs-citation"]
    assert sentence in found  # (the heading too, at this threshold)


def _read_sentences(rule, text: str) -> list[str]:
    from linter.document import Document
    from linter.source import Source

    doc = Document.parse(Source.from_text("a.md", text))
    return [s.text for s in rule.check._in_scope(doc)]


def test_a_reference_label_paragraph_opens_a_reference_list_up_to_the_next_heading(rule):
    text = ("# Massage\n\nMassage reduces soreness after a race.\n\n**References:**\n\n"
            "1. Hopper D, et al. Dynamic soft tissue mobilisation increases hamstring flexibility.\n\n"
            "Sources:\n\nPenn Medicine: 4 Ways That Collagen Can Improve Your Health\n\n"
            "## After the race\n\nCollagen improves joint health.\n")
    read = _read_sentences(rule, text)
    assert "Massage reduces soreness after a race." in read and "Collagen improves joint health." in read
    assert not any("Hopper" in s or "Penn Medicine" in s or s.startswith(("References", "Sources")) for s in read)
    # a sentence that only starts with the word is no label
    assert "Sources of magnesium help sleep." in _read_sentences(rule, "# M\n\nSources of magnesium help sleep.\n")


def test_another_label_ends_a_reference_list_a_label_opened(rule):
    """"**Sources:**" over a list of foods, then "**Studies Show:**": the second
    label ends what the first opened, so its claims are read; a reference list
    that runs to the next heading is still skipped whole."""
    text = ("# Omega-3 for dogs\n\n**Sources:**\n\n- **Fish Oil** - Salmon, sardine\n- Algae oil\n\n"
            "**Studies Show:**\n\n- Omega-3 reduces joint stiffness in dogs\n- Improves skin barrier function\n\n"
            "**References:**\n\n1. Roush JK. Fish oil eases arthritis in dogs. 2010.\n\n"
            "Smith J. Omega-3 improves coat health. 2012.\n")
    read = _read_sentences(rule, text)
    assert "Omega-3 reduces joint stiffness in dogs" in read and "Improves skin barrier function" in read
    assert not any("Salmon" in s or "Roush" in s or "Smith J" in s for s in read)
    # labels that group a reference list ("**Studies:**", "**Websites:**", a publisher)
    # do not end it: what came before them reads as references
    grouped = ("# Magnesium\n\nMagnesium eases cramps.\n\n**Sources:**\n\n**Studies:**\n\n"
               "- Abbasi B et al. Magnesium supplementation improves insomnia. J Res Med Sci. 2012.\n\n"
               "**Websites:**\n\n- Sleep Foundation. Magnesium relieves anxiety. Accessed March 2024.\n\n"
               "Harvard Health Publishing:\n\nMagnesium helps sleep, https://www.health.harvard.edu/x\n")
    read = _read_sentences(rule, grouped)
    assert read == ["Magnesium", "Magnesium eases cramps."]
    # a group label right after the opening one, entries known by their authors' initials
    books = ("# Sleep\n\nMagnesium eases cramps.\n\n**Sources:**\n\n**Books:**\n\n"
             "- Walker M. Why We Sleep: magnesium improves deep sleep. Scribner.\n\n"
             "**Websites:**\n\n- Mayo Clinic. Magnesium relieves muscle cramps. Retrieved 2024.\n")
    assert _read_sentences(rule, books) == ["Sleep", "Magnesium eases cramps."]
    # an amount or a year in a sentence is no reference: the claims under the label are read
    claims = ("# Vitamin D\n\n**Sources:**\n\n- Salmon, egg yolks\n\n**Benefits:**\n\n"
              "- Taking 2000 IU a day prevents colds\n- A 2018 study found that zinc shortens colds\n")
    read = _read_sentences(rule, claims)
    assert "Taking 2000 IU a day prevents colds" in read and "A 2018 study found that zinc shortens colds" in read


def test_a_page_of_labels_costs_linear_time(rule):
    """Each label looks at what follows it once (one backward pass), not again per label."""
    from cpu_budget import cpu_budget

    page = "# Magnesium\n\nMagnesium relieves cramps.\n\n" + "Sources:\n\n" * 20000
    with cpu_budget(5.0):
        assert _read_sentences(rule, page) == ["Magnesium", "Magnesium relieves cramps."]


def test_a_reference_label_in_a_quote_opens_a_reference_list_up_to_the_quote_end(rule):
    text = ("# Turmeric\n\nTurmeric reduces inflammation.\n\n> **Sources:**\n>\n"
            "> 1. Smith J. Curcumin eases joint pain. 2020.\n\n"
            "Curcumin eases arthritis pain within weeks.\n\n> A quote.\n\nGinger relieves nausea.\n")
    read = _read_sentences(rule, text)
    assert not any("Smith" in s or s.startswith("Sources") for s in read)
    assert "Curcumin eases arthritis pain within weeks." in read and "Ginger relieves nausea." in read
    # a heading inside the quote ends it as one outside does
    quoted = "# T\n\n> Sources:\n>\n> Smith J. Curcumin eases pain.\n>\n> ## Dosage\n>\n> Ginger relieves nausea.\n"
    read = _read_sentences(rule, quoted)
    assert not any("Smith" in s for s in read) and "Ginger relieves nausea." in read


def test_an_image_alt_text_alone_is_read_with_its_own_feature(rule):
    from linter.document import Document
    from linter.source import Source

    text = "# CBD\n\n![Man with chronic pain](a.jpg)\n\nSee ![a chart](c.png) and CBD relieves pain fast.\n"
    rows = rule.check.sentence_features(Document.parse(Source.from_text("a.md", text)))
    feats = {row[0].text: row[1] for row in rows}
    assert "s=image_alt" in feats["Man with chronic pain"]
    assert all("s=image_alt" not in f for t, f in feats.items() if t != "Man with chronic pain")


def test_first_person_experience_is_a_feature_only_with_a_change_for_the_better(rule):
    """``first_person`` + ``experience_outcomes``: a personal post's "my digestion
    is a lot better" is weighed as experience (``c=experience``), apart from
    "users report" (``c=testimonial``); a first-person word alone ("my anxiety is
    worst"), a change for the worse ("less energy"), a denied one ("no better"),
    or a capital "ME" is not."""
    from linter.document import Document
    from linter.source import Source

    sentences = {
        "My digestion is a lot better since I went vegan.": True,
        "I no longer get bloated after meals.": True,
        "Meditation helped me sleep through the night.": True,
        "My anxiety is worst in the morning.": False,
        "Since I started my new job, my sleep has been worse.": False,
        "Since starting sertraline I'm far less anxious.": True,
        "My pain is no better after six weeks of physio.": False,
        "It made no difference to my blood pressure.": False,
        "Since I started the pill I've had more headaches and less energy.": False,
        "ME/CFS symptoms got better with pacing.": False,
        "In Phase I trials, pain improved and patients felt better.": False,
        "Type I diabetes got better with the new pump.": False,
        "After taking a look at the research, ginger reduces nausea.": False,
        "Users report deeper sleep with magnesium.": False,
        "Magnesium is a mineral.": False,
    }
    text = "# Going vegan\n\n" + "\n\n".join(sentences) + "\n"
    rows = rule.check.sentence_features(Document.parse(Source.from_text("a.md", text)))
    feats = {row[0].text: row[1] for row in rows}
    for sentence, experience in sentences.items():
        assert ("c=experience" in feats[sentence]) is experience, sentence
    assert "c=testimonial" in feats["Users report deeper sleep with magnesium."]
    # a finding for it is typed testimonial, as "users report" is
    assert rule.check._claim_type("My digestion is a lot better since I went vegan.") == "testimonial"
    assert rule.check._claim_type("After taking a look at the research, ginger reduces nausea.") == "efficacy"
    # the writer's opinion is the writer's claim, not a testimonial
    assert rule.check._claim_type("In my opinion, magnesium is better than melatonin for insomnia.") != "testimonial"
