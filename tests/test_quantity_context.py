"""The quantity kind's per-quantity decision (issue 15, "doses are doses"): each option
on its own, with a small rule, and the built-in no-dose-numbers rule on the cases its
definition names (tests/real/README.md, "What is a dose")."""

from __future__ import annotations

import pytest

from linter.config.rules import build_rule
from linter.document import Document
from linter.engine import lint_document
from linter.source import Source

BASE = {"id": "dose", "kind": "quantity", "message": "{match}", "units": ["mg", "g", "ml"],
        "unit_words": ["capsule", "capsules", "teaspoon", "teaspoons"], "number_words": ["one", "two"]}


def matches(text: str, **options) -> list[str]:
    rule = build_rule({**BASE, **options}, "<test>")
    return [f.match for f in lint_document(Document.parse(Source.from_text("a.md", text)), [rule])]


def test_without_decision_options_every_quantity_counts():
    assert matches("Add 250 g flour and take 5 mg.") == ["250 g", "5 mg"]


def test_a_leading_zero_is_a_size_not_an_amount():
    assert matches("We sell 00 capsules (500 mg each), 0.5 g and 10 g.", unit_words=["capsules"]) == [
        "500 mg", "0.5 g", "10 g"]


def test_per_units_are_part_of_the_quantity():
    text = "Creatine: 20 g/day, then 5 g/d. Protein: 1.6 g/kg. Lab: 100 mg/dL."
    assert matches(text) == []  # a unit followed by a slash was not a quantity at all
    assert matches(text, per_units=["day", "d", "kg"]) == ["20 g/day", "5 g/d", "1.6 g/kg"]


def test_rate_units_are_part_of_the_quantity_but_not_a_dose_by_themselves():
    text = "Patch: 21 mg/24 hr. Infusion: 0.5 mg/kg/h. Ride: 60 g/h of carbs and 500 ml/h."
    ride = dict(dose_units=["mg"], not_followed_by=[r"\s+of\s+carbs\b"])
    # a per_units form is a dose whatever its unit, and nothing after it is read
    assert matches(text, per_units=["kg", "h", "hr"], **ride) == ["21 mg/24 hr", "0.5 mg/kg/h", "60 g/h", "500 ml/h"]
    # a rate: its unit decides (mg is a dose unit, g and ml are not), and what
    # not_followed_by says is not a quantity after the unit is not one after the rate
    assert matches(text, per_units=["kg"], rate_units=["h", "hr"], **ride) == ["21 mg/24 hr", "0.5 mg/kg/h"]
    assert matches("Ride: 60 g/h of carbs.", rate_units=["h"], not_followed_by=[r"\s+of\s+carbs\b"]) == []
    assert matches("Ride: 60 g/h of carbs.", rate_units=["h"]) == ["60 g/h"]


def test_a_rate_is_not_context_by_itself():
    page = "# Sourdough\n\nFeed the starter 50 g/week and keep it cold.\n"
    gate = dict(context_terms=["supplement"], dose_units=["mg"], dose_terms=["feed"])
    assert matches(page, per_units=["week"], **gate) == ["50 g/week"]
    assert matches(page, rate_units=["week"], **gate) == []


def test_up_to_two_words_between_number_and_unit():
    text = "Take 2 vegetable soft capsules."
    assert matches(text, unit_adjectives=["vegetable"]) == []
    assert matches(text, unit_adjectives=["vegetable", "soft"]) == ["2 vegetable soft capsules"]


def test_dose_units_and_dose_terms():
    text = "Add 250 g flour. Take 300 mg. Studies used 2 g of glycine."
    assert matches(text, dose_units=["mg"]) == ["300 mg"]
    assert matches(text, dose_units=["mg"], dose_terms=["studies"]) == ["300 mg", "2 g"]


def test_strict_units_are_not_doses_by_a_dosing_word_alone():
    text = "# Chamomile\n\nA cup of tea calms. Drink one cup at night. Tea: 2 teaspoons.\n\n## Dosage\n\n- Tea: 1 cup\n"
    options = dict(unit_words=["cup", "teaspoons"], number_words=["one"], article_units=["cup"], dose_units=["mg"],
                   dose_terms=["tea"], context_before=["drink"], dose_heading_terms=["dosage"])
    assert matches(text, **options) == ["A cup", "one cup", "2 teaspoons", "1 cup"]
    # a cup is the measure of any drink: "tea" near it is not enough, "drink" before it
    # and a heading that gives doses are
    assert matches(text, **options, strict_units=["cup"]) == ["one cup", "2 teaspoons", "1 cup"]


def test_dose_after_and_context_before_make_a_dose():
    text = "Mix 5 g daily. Swallow 2 g with water."
    assert matches(text, dose_units=["mg"]) == []
    assert matches(text, dose_units=["mg"], dose_after=[r"\s+daily\b"], context_before=["swallow"]) == ["5 g", "2 g"]


def test_a_recipe_step_after_context_before_is_no_dose_unless_the_recipe_is_a_remedy():
    text = "Take 2 teaspoons of flour and knead. Take 5 mg daily."
    opts = dict(dose_units=["mg"], context_before=["take"], step_terms=["knead"], remedy_terms=["remedy"])
    assert matches(text, dose_units=["mg"], context_before=["take"]) == ["2 teaspoons", "5 mg"]
    assert matches(text, **opts) == ["5 mg"]
    assert matches("# A remedy for coughs\n\n" + text, **opts) == ["2 teaspoons", "5 mg"]
    # a not_dose_terms word is not a step: "take" still decides
    assert matches(text.replace("knead", "a source of fibre"), dose_units=["mg"], context_before=["take"],
                   not_dose_terms=["a source of"], step_terms=["knead"]) == ["2 teaspoons", "5 mg"]


def test_not_dose_terms_in_the_sentence_or_table_header():
    text = "Take one capsule a day. Each bottle holds 60 mg of it.\n\n| Product | Price |\n|---|---|\n| 30 mg | $9 |\n"
    assert matches(text, dose_units=["mg", "capsule"]) == ["one capsule", "60 mg", "30 mg"]
    assert matches(text, dose_units=["mg", "capsule"], not_dose_terms=["bottle", "price"]) == ["one capsule"]


def test_not_dose_headings_and_a_recipe_for_a_remedy():
    recipe = "# Golden milk\n\n## Ingredients\n\n- 1 teaspoon turmeric\n- 5 mg pepper\n\n## Use\n\nTake 5 mg.\n"
    assert matches(recipe, dose_units=["mg", "teaspoon"], not_dose_headings=["ingredients"]) == ["5 mg"]
    remedy = recipe.replace("# Golden milk", "# A golden milk remedy for colds")
    assert matches(remedy, dose_units=["mg", "teaspoon"], not_dose_headings=["ingredients"],
                   remedy_terms=["remedy"]) == ["1 teaspoon", "5 mg", "5 mg"]


def test_a_short_lead_in_counts_as_a_heading_a_sentence_does_not():
    short = "**Ingredients:**\n\n- 5 mg salt\n"
    long = "Check the ingredient list of your gummies; lower doses work better:\n\n- 5 mg melatonin\n"
    opts = {"dose_units": ["mg"], "not_dose_headings": ["ingredients", "ingredient list"]}
    assert matches(short, **opts) == []
    assert matches(long, **opts) == ["5 mg"]


def test_not_dose_labels():
    text = "**Strength:** 1200 mg per bottle\n\nTake 20 mg."
    assert matches(text, dose_units=["mg"], not_dose_labels=["strength"]) == ["20 mg"]


def test_product_headings_and_product_names():
    text = ("### Now Biotin 1000 mg Capsules\n\nI used Now 1000 mg biotin for months. Each capsule has "
            "1000 mg of biotin. I also tried Bronson Biotin 500 mg tablets.\n")
    assert matches(text, dose_units=["mg"]) == ["1000 mg", "1000 mg", "1000 mg", "500 mg"]
    # the heading and the product name in prose go; "1000 mg of biotin" is an amount taken
    assert matches(text, dose_units=["mg"], product_headings=True) == ["1000 mg", "500 mg"]
    assert matches(text, dose_units=["mg"], product_headings=True, product_names=True) == ["1000 mg"]


def test_product_columns():
    # the column is read from the source's pipes: an empty cell before it makes no block
    text = ("| Product | | Daily | Strength |\n|---|---|---|---|\n| 30 mg oil | | 30 mg | 450 mg |\n"
            "| Brand A | | 50 mg | |\n\nProduct: take 20 mg.\n")
    assert matches(text, dose_units=["mg"]) == ["30 mg", "30 mg", "450 mg", "50 mg", "20 mg"]
    # a whole header cell names the column, any case; "Strength" is not a column of names
    assert matches(text, dose_units=["mg"], product_columns=["PRODUCT"]) == ["30 mg", "450 mg", "50 mg", "20 mg"]
    assert matches(text.replace("| Product |", "| Product dose |"), dose_units=["mg"], product_columns=["product"]) == [
        "30 mg", "30 mg", "450 mg", "50 mg", "20 mg"]


@pytest.mark.parametrize("table", [
    # rows with and without a leading pipe in one table (GFM allows it)
    "| Product | Dose |\n|---|---|\nGolden Root 30 mg | 500 mg |\n| Curcu Max | 1000 mg\n",
    "Product | Dose\n---|---\n| Golden Root 30 mg | 500 mg |\nCurcu Max | 1000 mg\n",
    # in a list item and in a blockquote
    "- | Product | Dose |\n  |---|---|\n  | Golden Root 30 mg | 500 mg |\n  | Curcu Max | 1000 mg |\n",
    "> Product | Dose\n> ---|---\n> | Golden Root 30 mg | 500 mg |\n> Curcu Max | 1000 mg\n",
])
def test_product_columns_with_and_without_leading_pipes(table):
    assert matches(table, dose_units=["mg"], product_columns=["product"]) == ["500 mg", "1000 mg"]


@pytest.mark.parametrize("table", [
    "<table>\n<tr><th>Daily dose</th><th>Product</th></tr>\n<tr><td>500 mg</td><td>Golden Root</td></tr>\n</table>\n",
    "<table>\n<tr>\n<th>Product</th>\n<th>Daily dose</th>\n</tr>\n<tr>\n<td>Golden Root</td>\n<td>500 mg</td>\n</tr>\n</table>\n",
])
def test_product_columns_are_not_read_in_html_tables(table):
    # no pipes to count, and a row need not be a line: a dose there stays a dose
    assert matches(table, dose_units=["mg"], product_columns=["product"]) == ["500 mg"]


def test_a_blank_line_between_two_tables_makes_them_two():
    # the second table's header row is its own, not the first table's
    text = ("| Food | Calories |\n|---|---|\n| Oats | 40 g |\n\n| Supplement | Daily dose |\n|---|---|\n"
            "| Curcumin | 500 mg |\n\n| Product | Note |\n|---|---|\n| Golden 30 mg | good |\n")
    options = {"dose_units": ["mg", "g"], "not_dose_terms": ["calories"], "product_columns": ["product"]}
    assert matches(text, **options) == ["500 mg"]
    quoted = "".join(f"> {line}\n" if line else ">\n" for line in text.splitlines())
    assert matches(quoted, **options) == ["500 mg"]


def test_count_units_above_max_count_are_packages():
    text = "Take two capsules. The jar has 60 capsules."
    assert matches(text, dose_units=["capsules"]) == ["two capsules", "60 capsules"]
    assert matches(text, dose_units=["capsules"], count_units=["capsules"], max_count=20) == ["two capsules"]


def test_not_preceded_by():
    text = "It has 144 mg of magnesium per 3-capsule serving."
    assert matches(text, dose_units=["mg", "capsule"]) == ["144 mg", "3-capsule"]
    assert matches(text, dose_units=["mg", "capsule"], not_preceded_by=[r"\bper\s+"]) == ["144 mg"]


def test_every_option_is_in_the_readme_table_of_kinds():
    from pathlib import Path

    from linter.kinds.quantity import QuantityCheck

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| `quantity` |"))
    assert [o for o in QuantityCheck.OPTIONS if f"`{o}`" not in row] == []


def test_an_unknown_option_value_is_a_config_error():
    from linter.errors import ConfigError

    with pytest.raises(ConfigError):
        build_rule({**BASE, "max_count": "many"}, "<test>")


# the built-in rule, on the definition's cases ------------------------------------------


@pytest.fixture(scope="module")
def doses(health_rules):
    rule = next(r for r in health_rules if r.id == "no-dose-numbers")

    def run(text: str) -> list[str]:
        return [f.match for f in lint_document(Document.parse(Source.from_text("a.md", text)), [rule])]

    return run


@pytest.mark.parametrize("text, expected", [
    ("Creatine: 20 g/day for a week, then 5 g/d.", ["20 g/day", "5 g/d"]),
    ("Nicotine patches: start on 21 mg/24 hr, or 25 mg/16 hours; methotrexate 15 mg/week.",
     ["21 mg/24 hr", "25 mg/16 hours", "15 mg/week"]),
    # rates of food and drink on a health page, and on pages not about health
    ("Electrolytes matter on a long ride: aim for 60 g/h of carbohydrate and drink 500 ml/h of water.", []),
    ("# Our ride over the pass\n\nI ate a gel every 40 minutes, about 60 g/h, and drank 500 ml/h.\n", []),
    ("# Sourdough\n\nFeed the starter 50 g/week and keep it in the fridge.\n", []),
    ("Most adults take 400 mg daily.", ["400 mg"]),
    ("Take 2 vegetable capsules with food.", ["2 vegetable capsules"]),
    ("Studies used 500 mg of magnesium.", ["500 mg"]),
    ("<div><p>Take 300 mg of ashwagandha at night.</p></div>\n", ["300 mg"]),
    ("# Banana bread\n\nGood for health, they say.\n\n## Ingredients\n\n- 250 g flour\n- 2 tsp baking powder\n", []),
    ("Sleep better. Preheat the oven to 180°C; mix 250 g flour with 1 tsp cinnamon.", []),
    # a food log: a serving of a cooked food is food ("serving" is no dosing word here)
    ("Blood sugar log: I ate one serving of freshly cooked oatmeal with eggs cooked in 2 tablespoons of butter.", []),
    ("Blood sugar log: I take one serving of the greens powder daily.", ["one serving"]),
    ("Magnesium helps sleep. It comes in a 30 ml bottle; 60 capsules per bottle.", []),
    ("Our 1000mg CBD oil is the best seller for anxiety.", []),
    ("## Nutrition facts\n\n| Protein | 4 g |\n|---|---|\n| Magnesium | 30 mg |\n", []),
])
def test_builtin_rule_on_the_definition(doses, text, expected):
    assert doses(text) == expected


@pytest.mark.parametrize("text, expected", [
    # cups of a remedy, written as a dose: per day, after "drink" or "sip", under "Dosage"
    ("For a sore throat, drink up to three or four cups a day.", ["three or four cups"]),
    ("Most customers drink 1–2 cups per day.", ["1–2 cups"]),
    ("During a stomach bug, sip about ½ to 1 cup after each loose stool.", ["½ to 1 cup"]),
    ("For my anxiety, two cups of chamomile tea in the evening calm me down.", ["two cups"]),
    ("# Valerian\n\n## Dosage\n\n| Form | Amount |\n|---|---|\n| Tea | 1 cup |\n", ["1 cup"]),
    # the measure of any drink, not a dose: a dosing word ("tea", "brew") near it is not enough
    ("L-theanine is the reason a cup of tea can feel calming.", []),
    ("So why not brew a cup of tea and savor the taste and its benefits?", []),
    ("Coffee habits: more than 1 cup on an empty stomach makes me feel like crap.", []),
    ("For sleep, pour 1 cup (240 ml) of hot water over the chamomile and steep.", []),
    # an everyday drink is no remedy, however it is written: coffee, wine
    ("I drink a cup of coffee every morning before work.", []),
    ("Limit caffeine to one or two cups of coffee a day.", []),
    ("Ginger tea helped my nausea. In Hanoi I drank two cups of egg coffee each day.", []),
    ("Ginger tea helped my nausea. At night I drink a cup of rice wine.", []),
    ("Ginger tea helped my nausea. Take 1 cup of ground coffee for a cold brew.", []),
    # a cup as the vessel: a toddler weaned off the bottle
    ("Sleep gets easier without the bottle. Let your toddler drink from a cup at mealtimes, "
     "and offer milk in a cup every morning.", []),
    # what a recipe or a tin makes is no amount taken, also in a recipe for a remedy
    ("# Golden milk, a remedy for colds\n\nThis recipe makes 2 cups. Drink one cup warm.\n", ["one cup"]),
    ("# Darjeeling, good for your health\n\n## Brewing\n\nOne tin makes about 40 cups.\n", []),
    # ... but a coffee extract is a supplement
    ("Take 400 mg of coffee bean extract daily.", ["400 mg"]),
])
def test_builtin_rule_on_cups(doses, text, expected):
    assert doses(text) == expected


@pytest.mark.parametrize("text, expected", [
    # the definition's own example: what the amount is taken for
    ("Honey is an old remedy. A teaspoon of honey for a cough works well.", ["A teaspoon"]),
    ("Honey is an old remedy. A tablespoonful of honey for a cough works well.", ["A tablespoonful"]),
    ("For colds, a cup of elderflower tea three times a day.", ["a cup"]),
    ("Ginger is warming. A teaspoon of ginger syrup for a cold works well.", ["A teaspoon"]),
    # a word that only starts like a condition, a cold day, a French pastry: no condition
    ("Ginger is warming. Stir 2 tablespoons of honey for sleep-deprived parents into the oats.", []),
    ("Ginger is warming. Save 2 tablespoons of honey for a cold day.", []),
    ("Ginger is warming. Set aside 2 tablespoons of butter for pain au chocolat.", []),
    ("Most people take 1000iu of vitamin D daily.", ["1000iu"]),
    # dosing verbs in the past, and given to a pet
    ("For gout pain, I've drunk 2 tablespoons of cherry concentrate in water for years.", ["2 tablespoons"]),
    ("Pumpkin is a home remedy for dogs. For loose stools, people usually give 1-2 tablespoons of pumpkin "
     "mixed into a meal.", ["1-2 tablespoons"]),
    # a recipe word still decides, whatever the food is good for; a gift is no dose
    ("Oat bread for digestion: preheat the oven and mix 250 g flour with 2 tsp yeast.", []),
    ("For my gut health, a neighbour gave me a tablespoon of kefir grains in a jar.", []),
    # "give" is a dosing word, not context by itself: a stew's pot and sauce are given amounts too
    ("# Beef stew\n\nIf the pot looks dry, give it 2 more cups of stock.\n\n"
     "Give the sauce a tablespoon of butter at the end.\n", []),
])
def test_builtin_rule_on_what_a_dose_is_taken_for_and_dosing_verbs(doses, text, expected):
    assert doses(text) == expected


def test_builtin_rule_is_silent_on_a_recipe_site_that_mentions_health(doses):
    page = ("# Sourdough\n\nA healthy bread for your gut health.\n\n## Ingredients\n\n- 500 g flour\n"
            "- 350 g water\n- 10 g salt\n\nFeed the starter daily: add 25 g flour and 25 g water.\n")
    assert doses(page) == []


def test_the_readme_example_of_a_recipe_on_a_health_site(doses):
    latte = ("# Golden turmeric latte\nTurmeric may ease joint pain.\n## Ingredients\n- 250 ml almond milk\n"
             "- 1 tsp turmeric\n## Method\nStir in 1 tsp turmeric and simmer.\nTake 500 mg of curcumin daily.\n")
    remedy = "# Honey and ginger remedy for coughs\n## Ingredients\n- 1 teaspoon honey\n- 2 g dried ginger\n"
    assert doses(latte) == ["500 mg"]
    assert doses(remedy) == ["1 teaspoon", "2 g"]


def test_kitchen_units_in_a_recipe_for_a_remedy_are_doses():
    text = "# A honey remedy for coughs\n\nMix 1 teaspoon of honey into warm water.\n"
    assert matches(text, dose_units=["mg"]) == []
    assert matches(text, dose_units=["mg"], remedy_terms=["remedy"]) == ["1 teaspoon"]


@pytest.mark.parametrize("text, expected", [
    ("Our 1000mg CBD product sells well; the big one has 1500 mg total.", []),
    ("A low dose works, not the 5 to 10mg found in many products.", ["5 to 10mg"]),
])
def test_builtin_rule_product_strengths(doses, text, expected):
    assert doses(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a product's strength named by a heading above is no dose ...
    ("### Now Biotin 1000 mcg Veg Capsules\n\nI have used Now 1000 mcg biotin for months.\n", []),
    # ... unless it is written as one: the amount taken of the product
    ("# Sertraline 50 mg film-coated tablets\n\n## How to take\n\n| Use | Starting dose |\n|---|---|\n"
     "| Depression | 50 mg once a day |\n", ["50 mg"]),
    ("# Biotin 1000 mcg\n\nFor hair, I took 1000 mcg/day for a year.\n", ["1000 mcg/day"]),
])
def test_builtin_rule_a_heading_naming_the_amount(doses, text, expected):
    assert doses(text) == expected


@pytest.mark.parametrize("text, expected", [
    # the listed dose forms as shops spell them
    ("Take 2 soft gels with dinner.", ["2 soft gels"]),
    ("Take 2 gel caps daily.", ["2 gel caps"]),
    ("Take 1 vegcap daily.", ["1 vegcap"]),
    ("Take 5mls twice daily.", ["5mls"]),
    # one more of them
    ("For a long dinner, take 1 more tablet partway through.", ["1 more tablet"]),
    ("Take 2 extra capsules on heavy training days.", ["2 extra capsules"]),
    # per pound of body weight, but not a recipe's measure per pound of meat
    ("For a dog's stiff joints, give 3.0 to 4.5 mg/lb of EPA.", ["3.0 to 4.5 mg/lb"]),
    ("Protein needs rise to 0.7-1 g/lb in recovery.", ["0.7-1 g/lb"]),
    ("# Dry-brined turkey\n\nSalt the bird two days ahead: use 1 tsp/lb of kosher salt, or 2.5 g/lb of "
     "fine salt. For the sausage, add 1 tbsp/lb of the spice mix.\n", []),
    # a bottle's count is a package, a mushroom's caps are no dose form
    ("Magnesium: 120 vegcaps per bottle.", []),
    ("Amanita notes: I ate 1.5 large caps of the mushroom.", []),
])
def test_builtin_rule_dose_form_spellings_and_adjectives(doses, text, expected):
    assert doses(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Los expertos recomiendan tomar 2 cápsulas en la cena.", ["2 cápsulas"]),
    ("# Remedios caseros para la migraña\n\nMezcla una cucharada de canela con agua.\n", ["una cucharada"]),
    ("Prenez deux gélules par jour avec un verre d'eau.", ["deux gélules"]),
    ("Täglich 2 bis 3 Tabletten einnehmen.", ["2 bis 3 Tabletten"]),
    # a German recipe stays silent; a lab value in Spanish is not a dose
    ("# Enchiladas\n\n### Für 4 Portionen\n\n- **400g** Kidneybohnen\n- 2 EL Olivenöl\n", []),
    ("El colesterol bajó 7.2 miligramos por decilitro.", []),
    ("100 gramos de lentejas aportan el 12% del requerimiento diario de zinc.", []),
])
def test_builtin_rule_in_other_languages(doses, text, expected):
    assert doses(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a substance's abbreviation is no product's name ("DHA 300mg")
    ("Dosing the fish oil as EPA 400mg/DHA 300mg every 3 hours is what I recommend.", ["400mg", "300mg"]),
    # a slash before a unit's per form or a lab unit still ends no amount
    ("Lead above 5 mg/L in water is a problem; cholesterol of 100mg/dL is normal.", []),
    # "1- Tablespoon", as some write it, in a recipe for a drink taken for an effect
    ("# Morning detox drink\n\n## Ingredients\n\n- 1- Tablespoon honey\n- 1- Teaspoon turmeric\n",
     ["1- Tablespoon", "1- Teaspoon"]),
    ("# Pancakes\n\n## Ingredients\n\n- 1- Tablespoon honey\n", []),
    # taking it before sleep is dosing; how often a recipe's step comes is not
    ("- glycine\n  - 3g 1h before sleep\n", ["3g"]),
    ("Knead the dough every few hours; it needs 500g of flour.", []),
    ("For a sore throat broth, add 1 teaspoon of salt every few hours while the stock reduces. "
     "Serve 2 tablespoons of syrup with each meal.", []),
    # a unit's per form in capitals is no second amount
    ("CBD oil for pain has a strength of 50 mg/ML.", []),
    # a listicle's numbered heading names a product
    ("# Best vitamin D\n\n## 1. Nature Made Extra Strength Vitamin D3 5000 IU Softgels\n\nGood value.\n", []),
    # thousands of IU as supplement talk writes them, not other "k" figures
    ("- D: 5k IU\n- increase D to 20K IU for a short period\n", ["5k IU", "20K IU"]),
    ("I walk 10k steps and take no pills.", []),
    # a heading written as a sentence is prose, not a product's name; a product's heading is one
    ("##### More is not always better. Resveratrol works best at 100-250mg. Above it, nosebleeds.\n", ["100-250mg"]),
    ("## Now Foods Magnesium 400mg Capsules\n\nA good brand.\n", []),
    # fractions in words, IUs, infusing a herb, an equivalence between measures
    ("# 7 home remedies for cough\n\n- boil milk with turmeric, half teaspoon\n- one fourth teaspoon of pepper\n",
     ["half teaspoon", "one fourth teaspoon"]),
    ("I decided to take 5000 IUs per day.", ["5000 IUs"]),
    ("Lemon balm eases stress. Infuse 2 tsp lemon balm leaves in hot water.", ["2 tsp"]),
    ("**Measure using a dropper:**\n\n- Half dropper ≈ 0.5ml\n- Full dropper = 1ml\n", []),
    # an energy molecule named in the sentence says nothing about the amount
    ("- [Creatine](https://example.org/creatine) (5 g): Replenishes ATP, the primary energy molecule in muscle.\n", ["5 g"]),
])
def test_builtin_rule_timing_thousands_and_sentence_headings(doses, text, expected):
    assert doses(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a column headed by a dose and its unit gives doses in bare numbers
    ("# My stack\n\n| Substance | Dosage (mg) | Cost per dose |\n| --- | ---: | --- |\n"
     "| [Calcium](#calcium) | 1,000 | 0.02 |\n| Magnesium | 200 | 0.02 |\n| Kanna | 0.5-1 | 0.40 |\n",
     ["1,000", "200", "0.5-1"]),
    ("| Supplement | Daily dose [IU] |\n|---|---|\n| Vitamin D | 2000 |\n", ["2000"]),
    # not a column of amounts that says no dose, nor a cell with more than a number, nor a zero
    ("# Vitamin C in food\n\n| Food | Amount (mg) |\n|---|---|\n| Orange | 70 |\n", []),
    ("| Substance | Dosage (mg) |\n|---|---|\n| Calcium | see label |\n| Zinc | 0 |\n| Iron | 007 |\n", []),
    # nor under nutrition facts, nor on a page with no health word; a table of what
    # things contain gives doses when its header says so
    ("# Banana bread\n\n## Nutrition facts\n\n| Item | Dose (mg) |\n|---|---|\n| Sodium | 480 |\n", []),
    ("# Stack\n\nMy supplements.\n\n| Nutrient | Daily dose (mg) |\n|---|---|\n| Sodium | 480 |\n", ["480"]),
    ("# Garden\n\n| Soil sample | Fertilizer dose (g) |\n|---|---|\n| A | 20 |\n", []),
])
def test_builtin_rule_units_in_a_dose_column_header(doses, text, expected):
    assert doses(text) == expected


@pytest.mark.parametrize("text, expected", [
    # no space between a CJK letter and a number or unit, in either unit spelling
    ("# 镁\n\n每天服用400毫克镁有助于睡眠。建议每日两次，每次200 mg。\n", ["400毫克", "200 mg"]),
    ("# マグネシウム\n\n1日400mgのマグネシウムを摂取してください。\n", ["400mg"]),
    ("# Магний\n\nПринимайте 400 мг магния в день.\n", ["400 мг"]),
    # a Latin letter still joins: B12 and 2mgs-style run-ons are not read across it
    ("# 维生素\n\n维生素B12有助于能量。\n", []),
    ("Take x200 mg daily, or 200 mgx.", []),
])
def test_builtin_rule_milligrams_in_cjk_and_cyrillic_text(doses, text, expected):
    assert doses(text) == expected


@pytest.mark.parametrize("text, expected", [
    # English "pour" is a verb; French "pour" after an amount is "per"
    ("For sleep, pour 10 ml of the valerian tincture into a glass of water and drink it.", ["10 ml"]),
    ("Remède pour la toux : 30 à 40 g pour 1 litre de tisane, à boire trois fois par jour.", ["30 à 40 g"]),
    # water is the vehicle of a remedy, not a water-soluble form or a water extract of it
    ("For joint pain, take 500 mg of water-soluble curcumin daily.", ["500 mg"]),
    ("For immunity, take 300 mg water extract of reishi daily.", ["300 mg"]),
    ("For a cold remedy, dissolve the powder in 250 ml of warm water.", []),
    # a list of amounts is not an amount and its product's volume
    ("For sleep I take 400 mg magnesium, 5 ml lavender syrup and 3 mg melatonin daily.", ["400 mg", "5 ml", "3 mg"]),
    ("CBD for sleep. **Product B:** 1000mg CBD, 30ml = 3.3%", []),
])
def test_builtin_rule_words_shared_with_other_readings(doses, text, expected):
    assert doses(text) == expected


def test_number_words_of_other_languages_that_are_english_words_are_not_numbers(doses):
    assert doses("Nausea was due to 600 mg doses, the media to 5 mg range.") == ["600 mg", "5 mg"]


@pytest.mark.parametrize("text, expected", [
    ("Vitamin C helps. An orange provides about 70 mg of vitamin C.", []),
    ("Caffeine focus: a cup of coffee has 95 mg of caffeine.", []),
    ("Check the label: a fish oil capsule often contains only 300 mg of EPA.", ["300 mg"]),
])
def test_builtin_rule_nutrient_content_of_foods(doses, text, expected):
    assert doses(text) == expected


def test_article_units_count_a_or_an_as_one():
    text = "Mix a teaspoon of honey into tea. Add an heaped teaspoon more. It comes in a capsule form; take a capsule."
    assert matches(text) == []  # "a" is no number
    got = matches(text, article_units=["teaspoon"], unit_adjectives=["heaped"])
    assert got == ["a teaspoon", "an heaped teaspoon"]  # not "a capsule": not an article unit
    # a spelled number that holds "a" is read whole, once
    assert matches("Take half a teaspoon.", number_words=["half a"], article_units=["teaspoon"]) == ["half a teaspoon"]
    # "a" inside a word, or after a hyphen, is no number
    assert matches("Use data teaspoon sizes and extra-a teaspoon.", article_units=["teaspoon"]) == []


def test_a_front_matter_title_names_a_recipe_for_a_remedy():
    body = "## Ingredients\n\n- 1 teaspoon dried ginger\n- 2 teaspoons honey\n"
    opts = dict(dose_units=["mg"], not_dose_headings=["ingredients"], remedy_terms=["remedy"])
    assert matches("---\ntitle: Gingerbread\n---\n\n" + body, **opts) == []
    for title in ('title: "A ginger remedy for coughs"', "title: 'A ginger remedy for coughs'",
                  "layout: post\ntitle: A ginger remedy for coughs"):
        assert matches(f"---\n{title}\n---\n\n" + body, **opts) == ["1 teaspoon", "2 teaspoons"], title
    # a nested "title:" (of an image, an author) is not the page's
    assert matches("---\nimage:\n  title: A ginger remedy\n---\n\n" + body, **opts) == []


@pytest.mark.parametrize("title", [
    "title: >-\n  A ginger remedy\n  for coughs",
    "title: |\n  A ginger remedy for coughs\n\n  (and colds)",
    "title: A ginger\n  remedy for coughs",
    "title:\n  'A ginger remedy for coughs'",
    'title: "A ginger\n  remedy for coughs"',
])
def test_a_front_matter_title_on_several_lines_names_a_recipe_for_a_remedy(title):
    body = "## Ingredients\n\n- 1 teaspoon dried ginger\n- 2 teaspoons honey\n"
    opts = dict(dose_units=["mg"], not_dose_headings=["ingredients"], remedy_terms=["remedy"])
    assert matches(f"---\n{title}\nlayout: post\n---\n\n" + body, **opts) == ["1 teaspoon", "2 teaspoons"]
    # the next top-level key is not part of the title
    assert matches(f"---\ntitle: >-\n  Gingerbread\nremedy: none\n---\n\n" + body, **opts) == []


@pytest.mark.parametrize("text, expected", [
    # "a teaspoon of honey for a cough" is the definition's own example of a dose
    ("# Colds\n\nFor a cough, take a teaspoon of honey at bedtime.\n", ["a teaspoon"]),
    ("Turmeric may ease joint pain. Take a tablespoon of turmeric paste daily.", ["a tablespoon"]),
    ("Its anxiety relief is well known. It comes in a capsule form, and the set comes with a dropper.", []),
    ("# Sourdough\n\nA healthy loaf. Drop a teaspoon of starter into water: if it floats, it is ready.\n", []),
    # a recipe for a remedy named in the front matter, under a heading of ingredients
    ("---\ntitle: DIY Rosemary Hair Growth Oil\n---\n\nMassage it into your scalp daily.\n\n## Ingredients\n\n"
     "- Add 15-20 drops of rosemary oil.\n", ["15-20 drops"]),
    ("# Bleeding gums\n\nFloss daily.\n\n## Salt Water Rinse\n\n- Mix 1/2 teaspoon salt in warm water\n", ["1/2 teaspoon"]),
    # a product's name is no recipe for a remedy: its ingredients are no doses
    ("# Calm Paws Hemp Oil for Dogs\n\nGive it daily.\n\n## Ingredients\n\n- 30 mL hemp seed oil\n", []),
    # a title that says what the recipe relieves or cures names a remedy
    ("---\ntitle: Curing a cold\n---\n<p>I went herbal. Mine was:</p>\n<p>Ingredients</p>\n<ul>\n<li>3 cups of water</li>\n"
     "<li>&frac12; tsp cinnamon</li>\n<li>&frac14; tsp cloves</li>\n</ul>\n", ["&frac12; tsp", "&frac14; tsp"]),
    ("# Alleviating joint pain naturally: golden milk\n\nTurmeric helps.\n\n**Ingredients:** 1 tsp turmeric, "
     "1/2 tsp ginger.\n", ["1 tsp", "1/2 tsp"]),
    # meat is cured too: a brine's "curing" is no remedy
    ("# Pickled beef tongue\n\n## Ingredients\n\n### For the brine (curing)\n\n- 8 cups water\n"
     "- 2 teaspoons ground ginger\n- 1/2 cup brown sugar\n", []),
    ("# Curing bacon at home\n\nGinger is optional.\n\n## Ingredients\n\n- 2 teaspoons ground ginger\n", []),
    # tablespoons written "Tbs", under a heading that gives doses
    ("# Nettle\n\n## Preparation & Dosing\n\n- Leaves: 1 Tbs. or more per cup of boiling water.\n", ["1 Tbs"]),
])
def test_builtin_rule_on_remedies_written_with_a_and_in_titles(doses, text, expected):
    assert doses(text) == expected


def test_a_remedy_term_followed_by_a_duration_is_a_step_not_a_remedy():
    text = "# Chickpeas\n\nWe eat them daily.\n\n## Rinse for a minute\n\nToss with 2 teaspoons of oil.\n"
    opts = dict(dose_units=["mg"], dose_terms=["dose"], remedy_terms=["rinse for"])
    assert matches(text, **opts) == ["2 teaspoons"]  # the term alone reads the step as a remedy
    guard = [r"(?i:\s+(?:an?|\d+)\s+(?:minutes?|hours?)\b)"]
    assert matches(text, **opts, remedy_not_followed_by=guard) == []
    # the same term naming what it is for still makes a recipe for a remedy, also after a step
    for heading in ("Rinse for sore gums", "Rinse for a minute, a rinse for sore gums"):
        assert matches(text.replace("Rinse for a minute", heading), **opts, remedy_not_followed_by=guard) == [
            "2 teaspoons"], heading


@pytest.mark.parametrize("text, expected", [
    ("# Chickpeas\n\nWe eat them daily.\n\n## Rinse for a minute\n\nDrain, then toss with 2 tablespoons of olive oil.\n", []),
    ("# Cast iron care\n\nUse it daily.\n\n## Spray for 2-3 seconds\n\nSpray 1 tablespoon of oil over the pan.\n", []),
    ("# Beans\n\nEat them daily.\n\n## Soak For At Least 8 Hours\n\nCover with water and add 1 tablespoon of salt.\n", []),
    ("# Sore gums\n\nFloss daily.\n\n## Salt water rinse for sore gums\n\n- Mix 1/2 teaspoon salt in warm water\n",
     ["1/2 teaspoon"]),
    ("# Tired feet\n\nWalk daily.\n\n## Epsom salt soak for tired feet\n\nStir 2 tablespoons of Epsom salt into the water.\n",
     ["2 tablespoons"]),
])
def test_builtin_rule_a_remedy_term_followed_by_a_duration(doses, text, expected):
    assert doses(text) == expected


def test_article_of_units_count_a_or_an_as_one_before_of_and_a_word():
    text = ("Give him a capsule of gabapentin. It comes in a capsule form; a capsule or two; "
            "a capsule of 5 grains; a full capsule of fish oil; data capsule of x.")
    assert matches(text) == []
    assert matches(text, article_of_units=["capsule"], unit_adjectives=["full"]) == ["a capsule"]
    # only the units listed: "a teaspoon of" is an article unit's, not this option's
    assert matches("Add a teaspoon of honey and a capsule of zinc.", article_of_units=["capsule"]) == ["a capsule"]


def test_count_after_units_read_a_count_in_brackets_after_the_unit():
    text = "I take more gummies (2 or 3) in summer, fewer gummies (1-2) in winter; gummies (120) per tub; gummies (1, 2)."
    assert matches(text, unit_words=["gummies"]) == []
    assert matches(text, unit_words=["gummies"], count_after_units=["gummies"]) == [
        "gummies (2 or 3)", "gummies (1-2)", "gummies (120)"]
    # a count above max_count is a package, as written before the unit
    assert matches(text, unit_words=["gummies"], count_after_units=["gummies"], dose_units=["gummies"],
                   count_units=["gummies"], max_count=20) == ["gummies (2 or 3)", "gummies (1-2)"]
    # a unit after the number inside the brackets is no count of the unit before them
    assert matches("Two capsules (500 mg) a day.", count_after_units=["capsules"]) == ["Two capsules", "500 mg"]


def test_not_dose_after_unless_a_dose_after_form_or_a_recipe_for_a_remedy():
    shape = [r"\s+of\s+the\s+mixture\b(?=[^.]*\broll\b)"]
    opts = dict(dose_units=["mg"], dose_terms=["take"], context_before=["take"], article_units=["teaspoon"])
    text = "# Date balls\n\nTake a teaspoon of the mixture and roll it into a ball.\n"
    assert matches(text, **opts) == ["a teaspoon"]  # "take" alone makes it a dose
    assert matches(text, **opts, not_dose_after=shape) == []
    # followed by a dose_after form, or in a recipe for a remedy: a dose
    daily = [r"\s+of\s+the\s+mixture\s+daily\b"]
    assert matches(text.replace("and roll", "daily, and roll"), **opts, not_dose_after=shape + [r"\s+of\s+the\s+mixture\s+daily"],
                   dose_after=daily) == ["a teaspoon"]
    assert matches(text.replace("Date balls", "Honey ball remedy"), **opts, not_dose_after=shape,
                   remedy_terms=["remedy"]) == ["a teaspoon"]


@pytest.mark.parametrize("text, expected", [
    # "a"/"an" before a dose form, "of" and what is taken
    ("So once a day, Ash would give Anise a capsule of gabapentin before bed.", ["a capsule"]),
    ("For nausea and other symptoms, sniff a drop of peppermint oil on a tissue.", ["a drop"]),
    ("It comes in a capsule form, and a drop in blood pressure follows.", []),
    ("Checking blood sugar daily takes a drop of blood from a finger.", []),
    ("The drug gave a drop of about 10 points in blood pressure at 5 mg daily.", ["5 mg"]),
    # a fall written with a spelled number or an estimate, not an amount
    ("On magnesium, readings showed a drop of ten points; others saw a drop of several points.", []),
    ("Blood pressure fell, a drop of as much as twenty points in people taking the supplement.", []),
    # none at all, not an amount
    ("Magnesium helps sleep, and so does this: I haven't had a drop of alcohol since January.", []),
    ("While taking magnesium supplements, not a drop of alcohol. Not one drop of wine.", []),
    ("Not even a drop of caffeine after noon, with or without supplements.", []),
    ("For a cough, take a drop of honey; I had a drop of CBD oil under the tongue.", ["a drop", "a drop"]),
    # a drop of what a recipe or a household uses, on a page about supplements
    ("Magnesium supplements: add a drop of vanilla extract to the powder, or a drop of food coloring.", []),
    ("Clean the supplement dropper with a drop of dish soap and rinse it under a drop of water.", []),
    ("One full dropper of one oil may hold a different amount than a full dropper of another oil.",
     ["One full dropper"]),
    # a count of a dose form in brackets after it
    ("For creatine in summer I may do more gummies (2 or 3), in winter fewer gummies (1 or 2).",
     ["gummies (2 or 3)", "gummies (1 or 2)"]),
    ("Magnesium capsules (120) come in each bottle. Take capsules (500 mg) with food.", ["500 mg"]),
    # a diet's macronutrient target is no amount of a substance taken
    ("On keto, as long as I keep net carbs under 20g daily, I can have a treat.", []),
    ("A ketogenic diet is low in carbohydrate — usually under 50 g a day.", []),
    ("For blood pressure, keep sodium under 2,300 mg a day.", []),
    ("Protein needs rise to 1.6-2.2 g/kg in recovery.", ["1.6-2.2 g/kg"]),
    ("For constipation take 5 g of psyllium fiber daily.", ["5 g"]),
    # what a compound is made of: a chemistry aside, not an amount taken
    ("Magnesium supplements vary. In one molecule of magnesium oxide, 60% is magnesium; "
     "and 100 mg of pure magnesium oxide has 60 mg of elemental magnesium.", []),
    ("For cramps take 500 mg of magnesium glycinate, which provides 100 mg of elemental magnesium.",
     ["500 mg", "100 mg"]),
    # ... also without the comma: a relative clause about what is taken is no chemistry aside
    ("For cramps take 500 mg of magnesium glycinate which provides 100 mg of elemental magnesium.",
     ["500 mg", "100 mg"]),
    ("Adults can take 1000 mg of fish oil that provides 300 mg of EPA and DHA.", ["1000 mg", "300 mg"]),
    # a portion of what a recipe makes, shaped: not a dose, also after "take"
    ("# Coconut ladoo\n\nTake a teaspoon of the mixture and roll it into a small ball.\n", []),
    ("# Healthy date truffles\n\nGood for energy. Take a tablespoon of the mixture and shape it into a ball.\n", []),
    ("# Coconut ladoo\n\nTake a teaspoon of the mixture and make a small ball between your palms.\n", []),
    ("# Fritters\n\nFor health, take a tablespoon of the mixture and fry it until golden.\n", []),
    # rolled around the mouth: a remedy's dose, not a shape
    ("# Oil pulling for gum health\n\nTake a tablespoon of the mixture and roll it around your mouth for ten minutes.\n",
     ["a tablespoon"]),
    ("# Sore throat\n\nTake a teaspoon of the mixture, let it melt, and roll it over the back of your tongue.\n",
     ["a teaspoon"]),
    ("# Sleep blend for stress\n\nPut a drop of the mixture on a roll-on and apply it at night.\n", ["a drop"]),
    ("# Honey and ginger for coughs\n\nTake a teaspoon of the mixture three times a day for a cough.\n",
     ["a teaspoon"]),
    ("# Honey and ginger\n\nTake a teaspoon of the mixture daily for a cough.\n", ["a teaspoon"]),
])
def test_builtin_rule_on_doses_written_with_a_and_in_brackets_and_on_targets(doses, text, expected):
    assert doses(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("For a cough, take half of a teaspoon of honey.", ("half of a teaspoon", 1, 19)),
    ("For a cough, take half a teaspoon of honey.", ("half a teaspoon", 1, 19)),
    ("For a cough, take half\nof a teaspoon of honey.", ("half\nof a teaspoon", 1, 19)),
    ("For the dog's joints, give a quarter of a capsule daily.", ("a quarter of a capsule", 1, 28)),
    # a fraction written with the fraction slash (U+2044), or as one character
    ("For a cough, take 1⁄2 tsp of honey.", ("1⁄2 tsp", 1, 19)),
    ("For a cough, take 1 1⁄2 tsp of honey.", ("1 1⁄2 tsp", 1, 19)),
    ("For a cough, take ⅜ tsp of honey.", ("⅜ tsp", 1, 19)),
    # an HTML entity is found as written in the source
    ("For a cough, take &frac12; tsp of honey.", ("&frac12; tsp", 1, 19)),
    ("For a cough, take 1&#189; tsp of honey.", ("1&#189; tsp", 1, 19)),
    ("<ul>\n<li>For a cough, take &frac14; tsp of honey.</li>\n</ul>\n", ("&frac14; tsp", 2, 23)),
])
def test_builtin_rule_finds_a_fraction_of_a_unit_whole(health_rules, text, expected):
    from linter.engine import lint_source

    rule = next(r for r in health_rules if r.id == "no-dose-numbers")
    source = Source.from_text("a.md", text)
    [f] = lint_source(source, [rule])
    assert (f.match, f.line, f.column) == expected
    assert source.text[f.start:f.end] == f.match
    lines = source.text.split("\n")
    assert lines[f.line - 1][f.column - 1:].startswith(f.match.split("\n")[0])
    assert lines[f.end_line - 1][: f.end_column - 1].endswith(f.match.split("\n")[-1])


@pytest.mark.parametrize("text, expected", [
    # an item labelled as a dose is one, under a supplement's "Key Ingredients" and a
    # heading naming the same strength alike; its siblings and the heading are not
    ("## Key Ingredients\n\n### Ashwagandha Root Extract (1300mg)\n\n- **Part used**: root, 1300mg a capsule\n"
     "- **Dose**: 1300mg is a substantial therapeutic dose\n", ["1300mg"]),
    ("## Ingredients\n\n- **Flour**: 250 g\n- **Salt**: 5 g\n", []),
    # a question heading asks about an amount, it names no product ...
    ("### Q: Is 1300mg of ashwagandha too much?\n\nNo, 1300mg is within the range used in studies.\n",
     ["1300mg", "1300mg"]),
    # ... a product's heading does (the test above: "Now Biotin 1000 mcg Veg Capsules")
    ("### Now Biotin 1000 mcg Veg Capsules\n\nNow 1000 mcg biotin is what I buy.\n", []),
    # a remedy named by the item's own label: its step ("simmer") is how the remedy is made
    ("# Elderberry\n\nAn elderberry remedy for colds and flu.\n\n- **Decoction**: 1 tablespoon berries per cup of water, simmer 15 minutes\n"
     "- **Jam**: 2 tablespoons of sugar per cup of berries, simmer 15 minutes\n", ["1 tablespoon"]),
    # taken when wanted, right after the amount; a recipe's "of milk as needed" is not
    ("Elderberry is an herbal syrup.\n\n- **Syrup**: berries cooked with honey, 1-2 tablespoons as needed\n", ["1-2 tablespoons"]),
    ("Elderberry is an herbal syrup.\n\nMix in 2 tablespoons of milk as needed.\n", []),
    # drop sets are a way of lifting; ear drops are a remedy; distilled water is its vehicle
    ("Magnesium helps recovery. Lateral raises: 3 drop sets to failure.\n", []),
    ("# Homemade ear drops for dogs\n\nEar infections cause pain. Mix 2 tablespoons of coconut oil with garlic, and one cup of "
     "distilled water.\n", ["2 tablespoons"]),
])
def test_builtin_rule_own_labels_question_headings_and_remedy_steps(doses, text, expected):
    assert doses(text) == expected


def test_content_columns():
    table = "| Element | Brand A | Brand B |\n|---|---|---|\n| Sodium | 650 mg | 1000 mg |\n"
    assert matches(table, dose_units=["mg"]) == ["650 mg", "1000 mg"]
    assert matches(table, dose_units=["mg"], content_columns=["element"]) == []
    # a header cell that says dose or serving gives doses
    dosed = "| Element | Daily dose |\n|---|---|\n| Sodium | 650 mg |\n"
    assert matches(dosed, dose_units=["mg"], content_columns=["element"], dose_heading_terms=["dose"]) == ["650 mg"]
    # only the first column's header counts
    other = "| Brand | Element |\n|---|---|\n| A | 650 mg |\n"
    assert matches(other, dose_units=["mg"], content_columns=["element"]) == ["650 mg"]


@pytest.mark.parametrize("text, expected", [
    ("Electrolytes help cramps.\n\n| Element | Pedialyte Sport | LMNT |\n|:-:|:-:|:-:|\n"
     "| Sodium | 650 mg | 1000 mg |\n| Magnesium | 55 mg | 60 mg |\n", []),
    ("Saw palmetto supplement.\n\n| Ingredient | Amount per serving |\n|---|---|\n| Saw palmetto extract | 320 mg |\n",
     ["320 mg"]),
    ("| Supplement | Dose |\n|---|---|\n| Magnesium | 300 mg |\n", ["300 mg"]),
    # a recipe that treats something is a remedy's
    ("# Treating a sore throat\n\nHerbal honey soothes a cough.\n\n- Two teaspoons of honey.\n- One mug of milk.\n",
     ["Two teaspoons"]),
])
def test_builtin_rule_tables_of_contents_and_treating(doses, text, expected):
    assert doses(text) == expected


@pytest.mark.parametrize("text", [
    # a product's or a food's name in a header cell is no dosing word, though the same
    # word in a sentence is one ("tea", "supplement", "collagen"); nor is a nutrition
    # label's "% Daily Value"
    "Caffeine affects sleep.\n\n| Compound | Green tea | Black tea | Coffee |\n|---|---|---|---|\n| Caffeine | 28 mg | 47 mg | 95 mg |\n",
    "Magnesium helps cramps.\n\n| Mineral | Supplement A | Supplement B |\n|---|---|---|\n| Magnesium | 100 mg | 250 mg |\n",
    "Protein helps recovery.\n\n| Nutrient | Whey | Collagen |\n|---|---|---|\n| Leucine | 2500 mg | 600 mg |\n",
    "Iron matters for energy.\n\n| Nutrient | Amount | % Daily Value |\n|---|---|---|\n| Magnesium | 400 mg | 95% |\n| Zinc | 11 mg | 100% |\n",
])
def test_builtin_rule_a_table_of_contents_named_by_products_gives_no_doses(doses, text):
    assert doses(text) == []


def test_content_columns_header_says_dose_by_dose_columns_only():
    base = dict(dose_units=["mg"], content_columns=["element"], dose_terms=["tea", "serving"],
                dose_heading_terms=["dose"], dose_columns=["per serving"])
    named = "| Element | Green tea |\n|---|---|\n| Caffeine | 28 mg |\n"
    assert matches(named, **base) == []
    served = "| Element | Amount per serving |\n|---|---|\n| Sodium | 650 mg |\n"
    assert matches(served, **base) == ["650 mg"]
    dosed = "| Element | Daily dose |\n|---|---|\n| Sodium | 650 mg |\n"
    assert matches(dosed, **base) == ["650 mg"]


@pytest.mark.parametrize("text, expected", [
    # a recipe's "as needed" is how much to add until the dish is right, not a dose ...
    ("Spinach is full of vitamins.\n\n## Instructions\n\nBlend everything. Add 2 tablespoons as needed to thin it.\n", []),
    ("Spinach is full of vitamins.\n\n## Instructions\n\nStir in broth, 1/4 cup as needed, until smooth.\n", []),
    ("Spinach is full of vitamins.\n\n## Instructions\n\nSeason with 1 teaspoon as needed.\n", []),
    # ... a remedy's is one
    ("Elderberry is an herbal syrup.\n\n- **Syrup**: berries cooked with honey, 1-2 tablespoons as needed\n", ["1-2 tablespoons"]),
    ("Elderberry is an herbal syrup.\n\nA spoonful of syrup, 1-2 teaspoons as needed, to soothe a cough.\n", ["1-2 teaspoons"]),
])
def test_builtin_rule_as_needed_in_a_recipe_step_is_no_dose(doses, text, expected):
    assert doses(text) == expected


@pytest.mark.parametrize("text, expected", [
    # drinks down the side, their contents across: no doses
    ("Electrolytes help cramps.\n\n| Drink | Sodium | Potassium | Sugar |\n|---|---|---|---|\n"
     "| LMNT | 1000 mg | 200 mg | 0 g |\n", []),
    # a short caption above a table is read as its heading: a label's facts are no doses ...
    ("Vitamin C supports immunity.\n\n**Supplement Facts**\n\n| | Amount per serving |\n|---|---|\n"
     "| Vitamin C | 90 mg |\n", []),
    ("Vitamin C supports immunity.\n\nNutrition Facts:\n\n| Nutrient | Per serving |\n|---|---|\n"
     "| Vitamin C | 90 mg |\n", []),
    # ... and a caption that gives doses still does
    ("Zinc shortens colds.\n\n**Dosage:**\n\n| Form | Amount |\n|---|---|\n| Zinc | 25 mg |\n", ["25 mg"]),
])
def test_builtin_rule_drink_tables_and_table_captions(doses, text, expected):
    assert doses(text) == expected


def test_unit_columns_option():
    from linter.errors import ConfigError

    table = "| Substance | Dosage (mg) | Weight (g) |\n|---|---|---|\n| Zinc | 15 | 3 |\n"
    assert matches(table) == []  # the option unset: bare numbers are no quantities
    assert matches(table, unit_columns=["dosage"]) == ["15"]
    # an empty term would make every header with a unit in brackets give doses
    for bad in ("", [""], ["dosage", "  "]):
        with pytest.raises(ConfigError, match="unit_columns"):
            build_rule({**BASE, "unit_columns": bad}, "<test>")


# a page about brewing tea that names health once: not about health, by the claim
# model's document part (150 distinct words and more)
TEA_GUIDE = """# Brewing oolong the gongfu way

Gongfu brewing uses a small pot, many short steeps and a lot of leaf. This guide walks
through the kit, the water, the timing and a few mistakes I made when I started out.

A gaiwan is a lidded bowl. Porcelain keeps the flavour clean, while clay teapots slowly
season over years. Small cups are filled with 50 ml of tea at a time, and a fairness
pitcher evens out each pour so every guest gets the same strength. A kettle with a
thermometer helps, though a regular one works if you wait a minute after the boil.

Use soft, filtered water. Weigh the leaf: rolled oolongs unfurl a lot, so start light.
Rinse the leaves once with hot water and discard it; the rinse wakes them up. Then brew
for ten seconds, pour everything out, and add five seconds for each later infusion.
Some people say this tea has health benefits, but I drink it for the taste.

I used to steep far too long, which made the cup bitter and dark. Another mistake was
cheap leaf from a supermarket shelf: stale, dusty and flat. Buy from a vendor who lists
the harvest season, the garden and the roast level. Store it airtight, away from light,
spices and coffee. Finally, relax: gongfu is a ritual for friends, a pause in the
afternoon, a reason to sit down, talk, and watch the leaves open in the bowl.
"""


def test_about_health_reads_quantities_in_a_page_not_about_health_only_when_dosing_by_themselves(health_rules):
    """``about_health``: a tea-brewing guide that names health once gives no
    dose for "50 ml of tea" (a dosing word, 'tea', is not enough there); "500 mg"
    is still one by itself; the same sentence in a page about health is a dose,
    and so it is with the option off."""
    from linter.config.rules import build_rule

    builtin = next(r for r in health_rules if r.id == "no-dose-numbers")
    off = build_rule({**builtin.options, "id": "d", "kind": "quantity", "message": "{match}", "about_health": False}, "<test>")

    def found(text, rule):
        return [f.match for f in lint_document(Document.parse(Source.from_text("a.md", text)), [rule])]

    assert found(TEA_GUIDE, builtin) == []
    assert found(TEA_GUIDE, off) == ["50 ml"]
    assert found(TEA_GUIDE + "\nSome sellers add 500 mg of matcha dust.\n", builtin) == ["500 mg"]
    # a paragraph that names a context term is read as on any page
    aside = "\nI add 2 g of ashwagandha powder to my tea, and give the dog 1 teaspoon of salmon oil.\n"
    assert found(TEA_GUIDE + aside, builtin) == ["2 g", "1 teaspoon"]
    remedy = "# Chamomile tea for sleep\n\nChamomile eases anxiety and helps sleep. Drink 50 ml of tea before bed.\n"
    assert found(remedy, builtin) == ["50 ml"]


def test_about_health_is_true_or_false():
    from linter.config.rules import build_rule
    from linter.errors import ConfigError

    with pytest.raises(ConfigError, match="about_health"):
        build_rule({**BASE, "about_health": "builtin"}, "<test>")


def test_panel_columns_option():
    """A table whose header row has a ``panel_columns`` term is a label's Supplement
    or Nutrition Facts panel: no doses in it, in a cell with a unit or a bare number
    under a ``unit_columns`` header, unless the cell's own column header has a
    ``dose_heading_terms`` term; a column beside it that says "usage" does not count."""
    from linter.errors import ConfigError

    panel = "| Nutrient | Amount per serving | % DV | Usage notes |\n|---|---|---|---|\n| Zinc | 15 mg | 136% | with food |\n"
    decided = {"dose_units": ["mg"], "dose_heading_terms": ["dose", "usage"]}
    assert matches(panel, **decided) == ["15 mg"]
    assert matches(panel, **decided, panel_columns=["daily value", "dv"]) == []
    dosing = "| Supplement | Daily dose | %DV |\n|---|---|---|\n| Zinc | 15 mg | 136% |\n"
    assert matches(dosing, **decided, panel_columns=["dv"]) == ["15 mg"]
    # bare numbers under a header that names a unit: a panel's "Amount (mg)" is no dose column
    bare = "| Nutrient | Amount (mg) | %DV |\n|---|---|---|\n| Zinc | 15 | 136% |\n"
    assert matches(bare, **decided, unit_columns=["amount"]) == ["15"]
    assert matches(bare, **decided, unit_columns=["amount"], panel_columns=["dv"]) == []
    for bad in ("", [""], ["dv", "  "]):
        with pytest.raises(ConfigError, match="panel_columns"):
            build_rule({**BASE, "panel_columns": bad}, "<test>")
