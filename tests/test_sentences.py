"""The sentence splitter: where sentences end, and what that costs on hostile text."""

from __future__ import annotations

import pytest

from cpu_budget import cpu_budget
from linter.document import Document
from linter.source import Source


def sentences(text: str) -> list[str]:
    return [s.text for s in Document.parse(Source.from_text("a.md", text)).sentences]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Kratom helps. It is legal.", ["Kratom helps.", "It is legal."]),
        ("Wait... what? Yes!", ["Wait... what?", "Yes!"]),
        ("See Dr. Smith. Then rest.", ["See Dr. Smith.", "Then rest."]),
        # a contraction's last letter is no initial: "weren't." ends a sentence, "J." does not
        ("They weren't. Magnesium helps.", ["They weren't.", "Magnesium helps."]),
        ("It didn\u2019t. Rest helps.", ["It didn\u2019t.", "Rest helps."]),
        ("Ask J. Smith. Then rest.", ["Ask J. Smith.", "Then rest."]),
        ("The guide by 'J. Smith' says rest helps.", ["The guide by 'J. Smith' says rest helps."]),
        ('He said "stop." Then he left.', ['He said "stop."', "Then he left."]),
        ("It helps.[3] Really.", ["It helps.[3]", "Really."]),
        ("Odd ..x. Next one.", ["Odd ..x.", "Next one."]),
        # a number that opens a heading or paragraph numbers it by hand: not a sentence;
        # a number that ends a sentence ("He was 5.") or a year ("In 2020.") still ends one
        ("### 3. Faster Recovery", ["3. Faster Recovery"]),
        ("### 2.1. Faster Recovery", ["2.1. Faster Recovery"]),
        ("Less anxiety. 10. More calm.", ["Less anxiety.", "10. More calm."]),
        ("Less anxiety. \u00b2. More calm.", ["Less anxiety.", "\u00b2.", "More calm."]),
        ("Less anxiety. 2. More calm.", ["Less anxiety.", "2. More calm."]),
        ("He was 5. Then he grew.", ["He was 5.", "Then he grew."]),
        ("It was 2020. A year of change.", ["It was 2020.", "A year of change."]),
        # HTML tags in a paragraph: a stop before a tag ends a sentence; a tag of
        # an element that starts a block in a browser ends one by itself; tags at
        # either end of a sentence are not part of it
        ("It helps.<br><br>For example, it works.", ["It helps.", "For example, it works."]),
        ("It helps<br>it works", ["It helps", "it works"]),
        ("Intro text.<h2>Why it works</h2> It works. <p>More</p>", ["Intro text.", "Why it works", "It works.", "More"]),
        ("<b>It helps.</b> It <em>works</em>.", ["It helps.", "It <em>works</em>."]),
        ("It helps in <b>days</b> and <span>weeks</span> too.", ["It helps in <b>days</b> and <span>weeks</span> too."]),
        ("It helps.<em>and</em> it works.", ["It helps.<em>and</em> it works."]),  # a lowercase word after the tag goes on
        # a citation written in HTML right after the stop belongs to the sentence before it
        ("It helps.<sup><a href='https://www.ncbi.nlm.nih.gov/x'>1</a></sup> It is sold.",
         ["It helps.<sup><a href='https://www.ncbi.nlm.nih.gov/x'>1", "It is sold."]),  # (closing tags trimmed)
        ("It helps.<a href='https://doi.org/x'>[2, 5]</a> Next.", ["It helps.<a href='https://doi.org/x'>[2, 5]", "Next."]),
        ("It helps.<a href='https://example.com'>Read more</a> here.", ["It helps.", "Read more</a> here."]),
        # a number that is not a link's whole text is no reference mark
        ("Read the guide below.<a href='/guide'>5 foods</a> that help sleep are there.",
         ["Read the guide below.", "5 foods</a> that help sleep are there."]),
        ("It helps.<a href='https://pubmed.ncbi.nlm.nih.gov/1'>[2]</a>It also calms.",
         ["It helps.<a href='https://pubmed.ncbi.nlm.nih.gov/1'>[2]", "It also calms."]),
    ],
)
def test_sentence_ends(text, expected):
    doc = Document.parse(Source.from_text("a.md", text))
    assert [doc.source.text[slice(*s.block.to_source(s.start, s.end))] for s in doc.sentences] == expected


@pytest.mark.parametrize("tail", ["x and pain.", '")x more.', "!?and more."])
def test_a_run_of_dots_costs_linear_time(tail):
    """40,000 dots not followed by a space: every dot was tried as the start of a
    sentence end, each try reading the rest of the run (about 60 s; 16,000 dots
    took 10 s and made the claim rule stop). Now a match starts only at a run's
    first mark: milliseconds, against a budget of 1 s of CPU."""
    text = "Kratom treats anxiety " + "." * 40_000 + tail + " Ginger relieves nausea.\n"
    doc = Document.parse(Source.from_text("a.md", text))
    with cpu_budget(1.0, "splitting sentences"):
        found = [s.text for s in doc.sentences]
    assert found[-1] == "Ginger relieves nausea."
    assert found[0].startswith("Kratom treats anxiety ....")
