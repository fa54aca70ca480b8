"""``about_health`` of the ``required`` kind: a page that names one trigger, fewer
than ``min_triggers``, still needs the text when the claim model's document part
judges it about health (a meditation diary with one "anxiety"); a page about
something else that names one stays free of it, and so does a page too short for
the model to judge; a page the model is sure is not about health needs no text
whatever it names."""

from __future__ import annotations

from pathlib import Path

import pytest

from linter.config.rules import build_rule
from linter.document import Document
from linter.engine import lint_document
from linter.source import Source


def rule(**options):
    return build_rule({"id": "disclaimer", "kind": "required", "message": "needs one ({trigger})",
                       "patterns": ["not medical advice"], "triggers": ["anxiety", "insomnia"],
                       "min_triggers": 2, **options}, "<test>")


def found(text: str, **options) -> list[tuple[int, int, str]]:
    doc = Document.parse(Source.from_text("a.md", text))
    return [(f.line, f.column, f.message) for f in lint_document(doc, [rule(**options)])]


# a personal post about meditation and health (150 distinct words and more), one trigger
DIARY = """# A year of morning meditation

I started sitting for ten minutes each morning last January, after my doctor suggested
it for my anxiety. The first weeks were hard: my mind wandered constantly, my back ached,
and I kept checking the timer. A breathing app helped me count slow breaths, in for four
and out for six, which calmed my heart rate and lowered my stress before work.

By spring my sleep was deeper and I woke less often at night. My blood pressure readings,
which my nurse tracks at every visit, dropped a few points. I also noticed fewer tension
headaches and less stomach trouble on busy days, and my mood stayed steadier through a
difficult winter of illness in the family.

Meditation is no cure. Some mornings I still feel tired, tense and restless, and on bad
weeks my symptoms return. But the practice gives my body and brain a pause, a moment to
notice pain, hunger or worry without reacting, and that small habit changed how I care
for my health, my diet and my rest.

If you want to try it, begin small: two minutes after waking, sitting upright on a chair or
cushion, eyes half closed. Count exhales to ten and start again whenever thoughts drift.
Journaling afterwards, even three lines, showed me patterns in fatigue, appetite, energy
and focus that I had never tracked before, and those notes made conversations with my
therapist and my physician far more useful.
"""

# a page about something else (150 distinct words and more) that names the trigger once
GARDEN = """# Building raised garden beds

Last spring we built three raised beds along the fence, using untreated cedar boards,
galvanised screws and a cordless drill borrowed from a neighbour. Each bed is four feet
wide and eight feet long, so we can reach the middle from either side without stepping on
the soil. We lined the bottoms with cardboard to smother the grass, then filled them with
a mix of compost, topsoil and shredded leaves from the autumn before.

Tomatoes, beans, lettuce and herbs went in first; squash and cucumbers followed once the
nights warmed. A drip line on a timer waters everything at dawn, which saved us from the
anxiety of a dry week away. Mulch keeps weeds down and the soil cool in July.

By August the harvest was more than we could eat. We froze sauce, pickled beans, dried
oregano and gave baskets to friends. Next year we will add a trellis, a fourth bed for
garlic and onions, and a small cold frame for early greens in March.

The budget was modest: roughly two hundred dollars for lumber, hardware, hoses and soil,
plus a weekend of sawing, measuring and levelling on a sloped yard. Our children painted
labels for every row, the dog dug one hole too many, and a family of robins nested in the
hedge beside the compost bin, watching every trip with the wheelbarrow.
"""


# a makeup tutorial that names "acne" once: the model leans towards health (0.71) but is
# not sure, and one trigger asks for the model's certainty
MAKEUP = """# My five-minute everyday makeup routine

I used to spend half an hour on makeup every morning. These days I have a school run, a commute and a very short attention span, so I have cut my routine down to five products and five minutes. Here it is.

## 1. Tinted base

Instead of full foundation I use a light tinted cream with SPF 30. I warm it between my fingers and press it in, starting at the centre of my face and blending outward. It evens out redness without looking heavy, and it lasts until lunch.

## 2. Concealer, only where needed

A small dab under the eyes, around the nose, and on the occasional acne spot. I tap it in with my ring finger, which gives a lighter touch than a brush. Choose a shade half a tone lighter than your base for under the eyes, and an exact match for spots.

## 3. Cream blush

Cream blush looks fresher than powder and is faster to apply. I smile, dot it on the apples of my cheeks, and blend up toward the temples. The same product goes on my lips for a matching, natural look.

## 4. Brows

A clear brow gel brushed upward makes a surprising difference. If your brows are sparse, a thin pencil in short hair-like strokes fills gaps before the gel.

## 5. Mascara

One coat of brown-black mascara, wiggling at the roots and sweeping to the tips. Black can look harsh on light hair and eyes in daylight; brown-black is softer.

## Bonus tips

Keep everything in one small pouch so there is no hunting around. Set a timer for the first week; you will be surprised how quickly the steps become automatic. And on good days, skip half of it. Nobody is checking.
"""


def test_one_trigger_in_a_page_about_health_is_enough_with_about_health():
    assert found(DIARY) == []  # one trigger, fewer than min_triggers
    assert found(DIARY, about_health=True) == [(1, 3, "needs one (anxiety)")]


def test_one_trigger_in_a_page_about_something_else_or_too_short_to_judge_is_not():
    assert found(GARDEN, about_health=True) == []
    assert found(MAKEUP, about_health=True, triggers=["acne"]) == []
    assert found("# Calm\n\nMeditation eases my anxiety.\n", about_health=True) == []



REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "real-articles"


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-articles is not beside the checkout")
def test_triggers_do_not_count_in_a_page_the_model_is_sure_is_not_about_health(health_rules):
    """A headphone review (a real page, not about health) names "sleep" and other
    triggers, enough by count; the model is sure it is about something else (below
    ``SURE_NOT_ABOUT_HEALTH``), so the built-in rule, with ``about_health``, asks for
    no disclaimer; the same rule without the option does. The diary with two
    triggers still needs one."""
    from linter.config.rules import build_rule as build
    from linter.kinds.claim_model import document_words, load_builtin
    from linter.kinds.required import RequiredCheck

    builtin = next(r for r in health_rules if r.id == "medical-disclaimer")
    off = build({**builtin.options, "id": "d", "kind": "required", "message": "{trigger}", "about_health": False}, "<test>")
    path = REAL / "non-health" / "devinschumacher--bestalternativesreview.com" / "The-Best-Plt-Headphones.md"
    doc = Document.parse(Source.from_text(str(path), path.read_text(encoding="utf-8")))
    assert load_builtin(builtin.check.compiler.store).about_health(document_words(doc)) < RequiredCheck.SURE_NOT_ABOUT_HEALTH
    assert len(lint_document(doc, [off])) == 1
    assert lint_document(doc, [builtin]) == []
    diary = DIARY + "\nSome nights my anxiety still wins.\n"
    assert found(diary, about_health=True) == [(1, 3, "needs one (anxiety)")]


def test_the_sure_not_bar_decides_in_a_page_with_triggers_enough(monkeypatch):
    """Without ../shared: the garden page with "anxiety" twice scores about 0.2; it
    needs the text while the bar is below that score and not once the bar is above it
    (the mechanism; the real headphone review above shows the shipped bar)."""
    from linter.kinds.claim_model import document_words, load_builtin
    from linter.kinds.required import RequiredCheck

    garden = GARDEN + "\nThe only anxiety left is the slugs.\n"
    score = load_builtin().about_health(document_words(Document.parse(Source.from_text("a.md", garden))))
    assert 0.05 < score < 0.7
    monkeypatch.setattr(RequiredCheck, "SURE_NOT_ABOUT_HEALTH", score - 0.01)
    assert found(garden, about_health=True) == [(1, 3, "needs one (anxiety)")]
    monkeypatch.setattr(RequiredCheck, "SURE_NOT_ABOUT_HEALTH", score + 0.01)
    assert found(garden, about_health=True) == []
    assert found(garden) == [(1, 3, "needs one (anxiety)")]  # the option off: no model


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-articles is not beside the checkout")
def test_a_paragraph_of_health_words_in_such_a_page_still_needs_the_text(health_rules):
    """The sure-not-about-health bar covers health words in passing: the headphone
    review with a paragraph naming four more (anxiety, depression, blood pressure,
    insomnia) needs a disclaimer again, though the model still scores it low."""
    from linter.kinds.claim_model import document_words, load_builtin
    from linter.kinds.required import RequiredCheck

    builtin = next(r for r in health_rules if r.id == "medical-disclaimer")
    path = REAL / "non-health" / "devinschumacher--bestalternativesreview.com" / "The-Best-Plt-Headphones.md"
    aside = ("\n\nA pharmacist once sold me a herbal tonic that she said treats anxiety and depression "
             "and lowers blood pressure; after a week my insomnia was gone.\n")
    doc = Document.parse(Source.from_text(str(path), path.read_text(encoding="utf-8") + aside))
    assert load_builtin(builtin.check.compiler.store).about_health(document_words(doc)) < RequiredCheck.SURE_NOT_ABOUT_HEALTH
    assert len(lint_document(doc, [builtin])) == 1
