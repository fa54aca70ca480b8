"""``about_health`` of the ``required`` kind: a page that names one trigger, fewer
than ``min_triggers``, still needs the text when the claim model's document part
judges it about health (a meditation diary with one "anxiety"); a page about
something else that names one stays free of it, and so does a page too short for
the model to judge."""

from __future__ import annotations

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


def test_one_trigger_in_a_page_about_health_is_enough_with_about_health():
    assert found(DIARY) == []  # one trigger, fewer than min_triggers
    assert found(DIARY, about_health=True) == [(1, 3, "needs one (anxiety)")]


def test_one_trigger_in_a_page_about_something_else_or_too_short_to_judge_is_not():
    assert found(GARDEN, about_health=True) == []
    assert found("# Calm\n\nMeditation eases my anxiety.\n", about_health=True) == []
