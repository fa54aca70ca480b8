"""quantity: a number or a range of numbers followed by a unit from a list.

Built for dose numbers ("1-2 grams", "between 200 and 400 mg", "one to two
capsules", "2,000 IU", "1/2 teaspoon", "600 **mg**", "20 g/day", "2 vegetable
capsules") but any unit list works (calories, prices ...). The finding spans
exactly the number(s) and the unit (with its per-unit form: "20 g/day"), or the
unit and its count in brackets ("gummies (2 or 3)").

    kind: quantity
    units: [mg, g, mcg, IU, mL]          # symbols, case-sensitive
    unit_words: [gram, grams, capsule]   # words, any case
    number_words: [one, two, half a]     # spelled numbers, any case
    article_units: [teaspoon]            # units that "a"/"an" counts one of: "a teaspoon of honey"
    article_of_units: [capsule]          # ... when "of" and a word follow: "a capsule of gabapentin"
    count_after_units: [gummies]         # a count in brackets after the unit: "gummies (2 or 3)"
    range_words: [to, or]                # besides -, – and —; "between X and Y" always
    unit_adjectives: [heaped, vegetable] # up to two of these between number and unit
    per_units: [day, d, kg]              # "20 g/day", "5 g/d", "1.6 g/kg": part of the quantity
    rate_units: [h, hr, week]            # "21 mg/24 hr", "60 g/h": part of it, a dose only by its unit or sentence
    not_followed_by: ['\\s*/\\s*d[lL]\\b']  # e.g. lab values: 100 mg/dL is not a dose
    context_terms: [supplement, dose, daily]  # only in documents that mention one of these
    min_context: 1
    context_units: [mg, IU, capsules]    # ... or that have a quantity in one of these units
    context_before: [take, swallow]      # ... or one right after one of these words

``context_terms`` is a switch per document: a document with none of the terms
(health words, dosing phrases), no quantity in a ``context_units`` unit and none
right after a ``context_before`` word ("Take 5 g") gives no findings. Empty (the
default): every document. ``about_health: true`` narrows that where the built-in
claim model's document part judges a page not about health, or such a section of
it (``claim_model.sections_not_about_health``; English sections only): there a
quantity counts only by itself (a ``context_units`` unit, a ``context_before``
word) or in a block that names a ``context_terms`` term. A tea-brewing guide that
names health once has words enough for the switch, not a subject.

**Each quantity decided from its own context.** A switch per document fires on
every "250 g" of flour once a recipe page mentions health. With any of the options
below, each quantity is judged where it stands (``_Decider``, in this order):

1. not a dose when a ``not_preceded_by`` regex ends right before it ("per
   3-capsule serving", "Water (1 cup)"), also in a recipe for a remedy, or a
   ``contents_before`` one ("10 ml bottle, 300 mg") and no ``dose_after`` regex
   follows it ("twice daily"); when a
   heading above it, or its list's short lead-in ("**Ingredients:**"), has a
   ``not_dose_headings`` term (a recipe's ingredients, nutrition facts, food
   sources) -- unless the title or a heading has a ``remedy_terms`` term (a
   recipe for a remedy: its amounts are doses); when its block opens with a
   ``not_dose_labels`` label ("Size: 30 ml"). A block that opens with a label
   holding a ``dose_heading_terms`` term ("**Dose**: 1300mg is ...") is a dose
   before any heading is read;
2. a dose when written per day or per kilogram (``per_units``; a rate per hour
   or week, ``rate_units``, is not one by itself: "60 g/h" of carbohydrate on a
   ride), or right before a ``dose_after`` regex ("a day"), also when a heading
   above names the same amount ("Sertraline 50 mg tablets", then "50 mg once a
   day"); otherwise not a dose when a heading above names the same quantity and
   no "of" follows (``product_headings``: "Now Biotin 1000 mcg Capsules", then
   "Now 1000 mcg biotin"; a question heading, "Is 1300mg too much?", names
   none); not a dose right
   before a ``not_dose_after`` regex ("a teaspoon of the mixture and roll it",
   "100 mg of magnesium oxide has 60 mg") unless the page is a recipe for a
   remedy; a dose right after a ``context_before`` word ("take"), unless its
   sentence has a ``step_terms`` word of a recipe's step ("take 2 tablespoons of
   flour and knead") and the recipe is not one for a remedy;
3. not a dose when its sentence (a table cell: its row and the header row) has a
   ``not_dose_terms`` term (package, nutrition, recipe and physiology words; a
   ``step_terms`` word does not count in a recipe for a remedy), when
   it follows a capitalised name or sits in a link's text (``product_names``:
   "Bronson Biotin 10,000 mcg is"), when it is in a table column of products'
   names (``product_columns``: "| 30mg CBD |" under "| Product |") or of their
   sizes and strengths (a ``not_dose_labels`` label as the whole header cell:
   "| 300 mg |" under "| Strength |"), when its
   table's first column is headed by a ``content_columns`` term ("| Element |
   Pedialyte | LMNT |", "| Drink | Sodium |": what products contain) and no header cell has a
   ``dose_heading_terms`` or ``dose_columns`` term ("| Ingredient | Amount per
   serving |" gives doses; a ``dose_terms`` term does not count: "| Compound |
   Green tea | Coffee |" names drinks), when the header row of its table has a
   ``panel_columns`` term and its column's header no ``dose_heading_terms`` term
   ("| Nutrient | Amount per serving | % Daily Value |": a Supplement or Nutrition
   Facts panel, a label's values), when it is
   in a heading (``product_headings``:
   a product's name), or when it counts more than ``max_count`` of a
   ``count_units`` unit (60 capsules: a package);
4. a dose in a ``dose_units`` unit (mg, IU, capsules), or in another unit (g, ml,
   teaspoons) when its sentence has a ``dose_terms`` term (dose, supplement, take,
   tea, daily; not for a ``strict_units`` unit: "a cup of tea can feel calming"),
   the nearest heading above it or the short paragraph right before its table a
   ``dose_heading_terms`` term ("Low dose example", "For a 25mg dose:"), or the
   title, a heading above, its block's own label or its list's lead-in a
   ``remedy_terms`` term ("**Decoction**: 1 tablespoon of berries"; "1. Soursop Leaf
   Decoction for Blood Pressure" then "Ingredients:" over the amounts).

    dose_units: [mg, IU, capsules]
    dose_terms: [dose, supplement, take, daily]
    strict_units: [cup, cups]
    dose_after: ['\\s+(?:daily|a\\s+day)\\b']
    not_dose_after: ['\\s+of\\s+the\\s+(?:dough|batter)\\b']
    not_dose_terms: [per bottle, calories, preheat]
    not_dose_headings: [ingredients, nutrition facts]
    not_dose_labels: [size, strength]
    not_preceded_by: ['\\bper\\s+']
    remedy_terms: [remedy, tea for]
    product_headings: true
    product_names: true
    product_columns: [product, brand]
    content_columns: [nutrient, element]
    dose_columns: [per serving, daily intake]
    panel_columns: [daily value, dv]     # "| Nutrient | Amount per serving | %DV |": a label's panel
    unit_columns: [dose, dosage]         # "| Dosage (mg) |" over "| 200 |": 200 is a dose in mg
    count_units: [capsules, servings]
    max_count: 20

Apart from these steps, a Markdown table column whose header holds a
``unit_columns`` term and a unit in brackets ("| Substance | Dosage (mg) |") gives
doses in bare numbers: each cell under it that is only a number or a range ("| 200
|") is one, in that unit (its header says so; no other word is needed).

All words live in the rule's YAML; this module knows none of them.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from bisect import bisect_left, bisect_right

from ..document.tables import column as table_column
from ..document.tables import column_headers
from ..fields import Field
from .base import Check, Hit, is_question, mentions

# a fraction is written with a slash or the fraction slash (U+2044: "1⁄2", as a
# typesetter or a converter writes it), or as one vulgar-fraction character
_DIGITS = (
    r"(?:\d+(?:\.\d+)?[kK](?=\s?(?i:iu)s?\b)"  # 5k IU: thousands, as supplement talk writes them
    r"|\d+\s+\d+[/⁄]\d+"  # 1 1/2
    r"|\d+[/⁄]\d+"  # 1/2
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?"  # 2,000 or 1,500.5
    r"|\d+,\d{1,2}(?!\d)"  # 3,5 (a decimal comma)
    r"|\d*\.\d+|\d+"  # .5 1.5 300
    r")(?:\s?[½¼¾⅓⅔⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞])?|[½¼¾⅓⅔⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞]"
)


def numbers(number: str, opt_unit: str, joiner: str, second: str) -> str:
    """A number, a range ("1-2", "5 mg to 10") or "between X and Y": the
    alternation ``between X{opt_unit} and Y | X[{opt_unit}{joiner}Y]`` written
    with each part once. Compiling is most of what the rule costs a one-file
    run, and the alternation holds the number and unit parts twice: here
    "between" is an optional group, and a conditional on it picks "and" or the
    joiner after the first number, and makes the second one required after
    "between". The engine tries the same paths in the same order (the group
    first, then without it), so it finds the same matches."""
    return (
        rf"(?:(?P<between>(?i:between)\s+))?{number}"
        rf"(?:{opt_unit}(?(between)\s+(?i:and)\s+|{joiner}){second}|(?(between)(?!x)x))"
    )


# A word character that is not Chinese, Japanese or Korean: those scripts write no
# space around a number ("每次200 mg", "400毫克镁"), so a letter of theirs does not
# join a number or unit into a longer word as a Latin letter does ("B12", "mgs").
# (``Compiler.word_outside``: narrowed to ``\w`` for a document with none of them)
_CJK = ((0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF))


def _alternation(compiler, words, case_sensitive: bool) -> str:
    body = compiler.trie(words, fold_case=not case_sensitive)
    return body if case_sensitive else f"(?i:{body})"


class QuantityCheck(Check):
    OPTIONS = {
        "units": Field("str-or-list", default=[], doc="unit symbols, matched case-sensitively (mg, IU, mL)"),
        "unit_words": Field("str-or-list", default=[], doc="unit words, any case (gram, grams, capsule)"),
        "number_words": Field("str-or-list", default=[], doc="spelled numbers, any case (one, two, half a)"),
        "article_units": Field("str-or-list", default=[], doc="units (any case; also in units or unit_words) that 'a' or 'an' counts one of, as a number: 'a teaspoon of honey'; other units need a number ('a capsule form' is no quantity)"),
        "article_of_units": Field("str-or-list", default=[], doc="units (any case; also in units or unit_words) that 'a' or 'an' counts one of when 'of' and a word follow, as in 'a capsule of gabapentin' (not 'a capsule form', 'a drop in blood pressure')"),
        "count_after_units": Field("str-or-list", default=[], doc="units (any case) that a number or range in brackets right after them counts: 'gummies (2 or 3)' (the quantity spans the unit and the brackets)"),
        "range_words": Field("str-or-list", default=["to", "or"], doc="words joining a range, besides dashes"),
        "unit_adjectives": Field("str-or-list", default=[], doc="words (up to two) allowed between number and unit: heaped, vegetable, of a"),
        "per_units": Field("str-or-list", default=[], doc="what may follow the unit after a slash, as part of the quantity: day, d, kg (20 g/day)"),
        "rate_units": Field("str-or-list", default=[], doc="what may follow the unit after a slash as part of the quantity without making it a dose by itself, as a per_units form does: h, hr, week (21 mg/24 hr; 60 g/h of carbohydrate)"),
        "not_followed_by": Field("list", items="regex", default=[], doc="regexes that, right after the unit, mean this is not a quantity"),
        "not_preceded_by": Field("list", items="regex", default=[], doc="regexes that, ending right before a quantity, make it not a dose: per (the 3-capsule of 'per 3-capsule serving')"),
        "contents_before": Field("list", items="regex", default=[], doc="regexes that, ending right before a quantity, make it what a container holds, not a dose, unless a dose_after phrase follows it: a bottle's size ('10 ml bottle, 300 mg', but '30 ml bottle, 1000 mg twice daily')"),
        "context_terms": Field("str-or-list", default=[], doc="terms (any case) a document must mention for the rule to apply; empty: always"),
        "min_context": Field("int", default=1, doc="how many mentions of context_terms make the rule apply"),
        "about_health": Field("bool", default=False,
                              doc="true: in a document that the built-in claim model's document part judges not about health (a tea-brewing guide that names health once), or such a section of it, a quantity counts only by itself (a context_units unit, a context_before word) or in a block that mentions a context_terms term; English sections only"),
        "context_units": Field("str-or-list", default=[], doc="units (any case) that are context by themselves: mg, IU, capsules"),
        "context_before": Field("str-or-list", default=[], doc="words that, up to two words before a quantity, are context by themselves (and, with dose_terms, make it a dose): take"),
        # deciding each quantity from its own context (all empty: every quantity counts)
        "dose_units": Field("str-or-list", default=[], doc="units (any case) in which a quantity is a dose unless its context says otherwise: mg, IU, capsules"),
        "dose_terms": Field("str-or-list", default=[], doc="terms that, in a quantity's sentence (a table cell: its row and header row), make a quantity in another unit a dose: dose, supplement, take"),
        "strict_units": Field("str-or-list", default=[], doc="units (any case) that a dose_terms word in the sentence does not make a dose: a cup, a drink's own measure, is one only when written as a dose (a per-day form, dose_after, after a context_before word), under a heading or caption that gives doses, or in a recipe for a remedy: cup, cups"),
        "dose_after": Field("list", items="regex", default=[], doc="regexes that, right after a quantity, make it a dose whatever else its sentence says: a day, per day, daily"),
        "not_dose_after": Field("list", items="regex", default=[], doc="regexes that, right after a quantity, make it not a dose unless a dose_after regex matches there or the page is a recipe for a remedy (remedy_terms): a portion of what a recipe makes ('a teaspoon of the mixture'), an amount whose content follows ('100 mg of magnesium oxide has 60 mg')"),
        "not_dose_terms": Field("str-or-list", default=[], doc="terms that, in a quantity's sentence (a table row: also the header row), make it not a dose: per bottle, calories, preheat"),
        "step_terms": Field("str-or-list", default=[], doc="a recipe step's words that, in a quantity's sentence, make it not a dose even after a context_before word, unless the recipe is one for a remedy: knead, bake (take 2 tablespoons of flour and knead)"),
        "not_dose_headings": Field("str-or-list", default=[], doc="terms that, in a heading above a quantity or in its list's lead-in, make it not a dose: ingredients, nutrition facts"),
        "not_dose_labels": Field("str-or-list", default=[], doc="labels that, opening a quantity's block ('Size: 30 ml'), make it not a dose: size, strength"),
        "dose_heading_terms": Field("str-or-list", default=[], doc="terms that, in the nearest heading above a quantity or in the short paragraph right before its table (a caption: 'For a 25mg dose:'), make it a dose in any unit: dose, dosage"),
        "remedy_terms": Field("str-or-list", default=[], doc="terms that, in the title, a heading above or a list's lead-in, make a recipe one for a remedy, whose amounts are doses: remedy, tea for"),
        "remedy_not_followed_by": Field("list", items="regex", default=[], doc="regexes that, right after a remedy_terms term, mean it names no remedy: a duration ('Rinse for 30 seconds' is a step, not a rinse for sore gums)"),
        "product_headings": Field("bool", default=False, doc="a quantity in a heading, or that a heading above also names (a product: 'Biotin 1000 mcg Capsules'), is a product's strength or size unless the heading has a dose_terms word"),
        "count_units": Field("str-or-list", default=[], doc="units that count things (capsules, servings); with max_count, more of them than a person takes at once is a package"),
        "max_count": Field("int", default=20, doc="a quantity in count_units above this (60 capsules) is a package count, not a dose"),
        "product_names": Field("bool", default=False, doc="a quantity right after a capitalised name inside a sentence ('Bronson Biotin 10,000 mcg is') or in a link's text, not followed by 'of', is part of a product's name"),
        "content_columns": Field("str-or-list", default=[], doc="Markdown table first-column headers (a whole header cell, any case) that make the table a list of what products or foods contain ('| Element | Brand A | Brand B |'): its amounts are contents, not doses, unless a header cell has a dose_heading_terms or dose_columns term ('per serving'): nutrient, element, ingredient"),
        "dose_columns": Field("str-or-list", default=[], doc="terms in a header cell that make a content_columns table give doses ('| Ingredient | Amount per serving |'), besides dose_heading_terms; not dose_terms, whose substances ('tea', 'supplement') are products' names in a header: per serving, daily intake"),
        "panel_columns": Field("str-or-list", default=[], doc="terms in a table's header row that make the table a label's Supplement or Nutrition Facts panel ('| Nutrient | Amount per serving | % Daily Value |'): its amounts are label values, not doses, except in a column whose header has a dose_heading_terms term ('| Supplement | Daily dose | % DV |'): daily value, dv"),
        "product_columns": Field("str-or-list", default=[], doc="Markdown table column headers (a whole header cell, any case) whose cells are products' names: a quantity in one ('| 30mg CBD |' under '| Product |') is part of a name, not a dose: product, brand"),
        "unit_columns": Field("str-or-list", default=[], doc="terms (any case) that, in a Markdown table header cell which also gives a unit in brackets ('Dosage (mg)', 'Dose (g)'), make each cell under it that is only a number or a range ('| 200 |', '| 1-2 |') a dose in that unit: dose, dosage"),
    }
    TEMPLATE_FIELDS = frozenset({"unit"})

    def __init__(self, options, scope, compiler=None):
        super().__init__(options, scope, compiler)
        c = self.compiler
        # not the "1" of "2-in-1", "B12" or "1.5.3"; not a size written with a leading
        # zero ("00 capsules", "000 gelatin caps")
        words = _alternation(c, options["number_words"], False)
        word = c.word_outside(_CJK)
        # ... but "1x18mg": a few tablets times their strength (not a pack's "10x50 mg")
        # (a hyphen right before it only when it follows a space or starts the line: a list
        # written "-600-800 IU per day")
        number = rf"(?:(?<![.,/⁄])(?<!\S-)(?:(?<!{word})|(?<=\b[1-4][xX×]))(?!0\d){_DIGITS}|(?<![\w\-]){words}(?!\w))"
        if options["article_units"]:
            # "a teaspoon of honey": "a"/"an" is one, only before these units (and up to
            # two unit adjectives: "a heaped teaspoon"); not "a capsule form", "a drop in"
            adjectives = (rf"(?:{_alternation(c, options['unit_adjectives'], False)}\s+){{0,2}}"
                          if options["unit_adjectives"] else "")
            number = number[:-1] + (rf"|(?<![\w\-])(?i:an?)(?=\s+{adjectives}"
                                    rf"{_alternation(c, options['article_units'], False)}(?!\w)))")
        if options["article_of_units"]:
            # "a capsule of gabapentin": "a"/"an" is one before these units only when "of"
            # and a word (what is taken) follow, with nothing between "a" and the unit
            # ("a full dropper of another oil" compares products)
            number = number[:-1] + (rf"|(?<![\w\-])(?i:an?)(?=\s+{_alternation(c, options['article_of_units'], False)}"
                                    r"\s+(?i:of)\s+[^\W\d_]))")
        second = rf"(?:{_DIGITS}|{words}(?!\w))"  # after a range joiner
        per = ""
        per_words = [*options["per_units"], *options["rate_units"]]
        if per_words:
            # "20 g/day", "5 g/d", "1.6 g/kg", "40 mg/kg/day", "21 mg/24 hr": part of the quantity
            per = rf"(?P<per>(?:\s?/\s?(?:\d+\s?)?{_alternation(c, per_words, False)}(?!\w))+)|"
        # a per form that is a dose by itself: one that names a per_units word, not only rates
        self.dosing_per = frozenset(" ".join(u.lower().split()) for u in options["per_units"])
        unit = rf"(?P<unit>(?:{_alternation(c, options['units'], True)}|{_alternation(c, options['unit_words'], False)}))"
        not_followed = c.alternatives(options["not_followed_by"])
        if not_followed:
            unit += f"(?!{not_followed})"
        # what is not a quantity after its unit is not one after a rate either ("60 g/h of
        # carbohydrate", "500 ml/h of water"); a per_units form is a dose as written
        # ("400 mg/day in total"), so only the lookahead above tests it
        self.after_rate = c.regex(not_followed) if not_followed and options["rate_units"] else None
        # not "pill-shaped"; "one-capsule-a-day" is
        # a slash then an abbreviation joins two amounts ("EPA 400mg/DHA 300mg"), not a unit's per form
        unit += rf"(?:{per}(?!/(?!(?!(?:ML|KG|DL|MG|OZ)\b)[A-Z]{{2}}[A-Za-z]*\b)|-|{word})|(?=-(?:a|per)-day\b))"
        # a unit may also follow the first number of a range: "5 mg to 10 mg"
        opt_unit = rf"(?:\s*(?:{_alternation(c, options['units'], True)}|{_alternation(c, options['unit_words'], False)}))?"
        joiner = rf"(?:\s*[-\u2013\u2014]\s*|\s+{_alternation(c, options['range_words'], False)}\s+)"
        adjective = (
            rf"(?:\s+{_alternation(c, options['unit_adjectives'], False)}){{0,2}}" if options["unit_adjectives"] else ""
        )
        # "5 g", "5g", "two-scoop", "one heaped teaspoon", "2 vegetable capsules"
        # "1- Tablespoon": a hyphen, then a space, as some write it
        pattern = rf"{numbers(number, opt_unit, joiner, second)}(?:-[ \t]?|{adjective}\s*){unit}"
        if options["count_after_units"]:
            # "gummies (2 or 3)": a count in brackets right after the unit, and nothing else in
            # them; whole numerals only (a count), which keeps the pattern short to compile
            pattern += (rf"|(?<![\w\-])(?P<unit_before>{_alternation(c, options['count_after_units'], False)})"
                        rf"\s*\(\s*(?P<count>\d+(?:{joiner}\d+)?)\s*\)")
        self.regex = c.regex(pattern)
        self.context = c.regex(c.terms(options["context_terms"])) if options["context_terms"] else None
        self.context_units = frozenset(u.lower() for u in options["context_units"])
        self.context_before = (
            c.regex(r"(?:" + c.terms(options["context_before"]) + r")\s+(?:[\w’'\-]+\s+){0,2}$")
            if options["context_before"]
            else None
        )
        self.unit_columns = None
        if options["unit_columns"]:
            units = rf"(?:{_alternation(c, options['units'], True)}|{_alternation(c, options['unit_words'], False)})"
            # "Dosage (mg)", "Dose (g/day)", "Daily dose [IU]": the unit is the whole bracket, after a dose word
            self.unit_columns = c.regex(  # compiled on first use: most documents have no table
                rf"(?i:[^()\[\]]{{0,60}}?\b(?:{c.terms(options['unit_columns'])})\b[^()\[\]]{{0,40}})[(\[]\s*(?P<unit>{units})(?:\s*/\s*(?i:day|d))?\s*[)\]]\s*:?\s*")
        self.decides = any(options[k] for k in (
            "dose_units", "dose_terms", "dose_after", "not_dose_terms", "not_dose_headings", "not_dose_labels",
            "product_headings", "product_names", "product_columns", "content_columns", "panel_columns", "count_units", "not_preceded_by",
            "contents_before"))
        if self.decides:
            self.decider = _Decider(options, self.regex, c, self.dosing_per)

    @staticmethod
    def validate(options) -> str | None:
        if not options["units"] and not options["unit_words"]:
            return "a quantity rule needs 'units' or 'unit_words'"
        return None

    def _in_context(self, doc, context) -> bool:
        needed = self.options["min_context"]
        return mentions(doc, context, needed)[0] >= needed

    def _dose_by_itself(self, block, m, before) -> bool:
        if unit_of(m).lower() in self.context_units or _per_dose(m, self.dosing_per):
            return True
        return before is not None and before.search(block.text, max(0, m.start() - 60), m.start()) is not None

    def _about_health(self, doc, hits: list, before, context) -> list:
        """``hits`` less those in a part of ``doc`` not about health
        (``about_health``) that are no dose by themselves and whose block
        mentions no ``context`` term ("2 g of ashwagandha powder in my tea" in a
        knitting post is still read)."""
        if not hits:
            return hits
        from .claim_model import load_builtin, sections_not_about_health

        unread = sections_not_about_health(doc, load_builtin(self.compiler.store))
        if not unread:
            return hits
        # the model reads English: a section in another language is not judged by
        # it (nor one whose language cannot be told, in a page that has such sections)
        sections = doc.sections
        other = any(s.language not in (None, "en") for s in sections)
        judged = {id(b) for s in sections if s.language == "en" or (s.language is None and not other) for b in s.blocks}
        return [(b, m) for b, m in hits
                if id(b) not in unread or id(b) not in judged or self._dose_by_itself(b, m, before)
                or (context is not None and context.search(b.text) is not None)]

    def texts(self, doc) -> str:
        """``Check.texts``, and the page title as read from the front matter
        (``_remedy`` reads it) where the raw front matter does not hold it as
        written (a TOML string with escapes)."""
        text = super().texts(doc)
        title = _page_title(doc)
        return f"{text}\n{title}" if title and title not in (doc.front_matter or "") else text

    def _not_a_rate_quantity(self, block, m) -> bool:
        """Whether ``m``, written per a rate only ("60 g/h"), is followed by what
        ``not_followed_by`` says is not a quantity ("of carbohydrate")."""
        return bool(m.group("per")) and not _per_dose(m, self.dosing_per) and self.after_rate.match(block.text, m.end()) is not None

    def run(self, doc):
        if self.unit_columns is not None:
            yield from self._column_hits(doc)
        # the patterns for this document's texts (``Regex.within``), with the " | "
        # that joins a table row's cells for the decider (``_Outline.row``)
        patterns = [self.regex, self.context_before, self.context]
        if self.decides:
            patterns.extend(self.decider.patterns())
        document = self.narrowing_for(doc, patterns)
        regex = self.regex.within(document)
        before = self.context_before.within(document) if self.context_before is not None else None
        hits = self.regex_hits(doc, regex)
        if self.after_rate is not None:
            hits = [(b, m) for b, m in hits if not self._not_a_rate_quantity(b, m)]
        context = self.context.within(document) if self.context is not None else None
        if context is not None:
            hits = list(hits)
            if hits and not self._in_context(doc, context) and not any(
                self._dose_by_itself(block, m, before) for block, m in hits
            ):
                return
        if self.options["about_health"]:
            hits = self._about_health(doc, list(hits), before, context)
        if self.decides:
            hits = list(hits)
            if not hits:
                return
            outline = _Outline(doc, regex)
            decider = self.decider.within(document)
            hits = [(b, m) for b, m in hits if decider.is_dose(outline, b, m, before)]
        for block, m in hits:
            s, e = block.to_source(m.start(), m.end())
            yield Hit(s, e, {"unit": unit_of(m)})

    def _column_hits(self, doc):
        """The bare numbers of a table column whose header gives a dose's unit
        ("| Substance | Dosage (mg) |", then "| Magnesium | 200 |"): each a dose in
        that unit, unless the document is not in context (``context_terms``; a
        garden's "Fertilizer dose (g)") or the decider says the table is no place
        for doses (under a recipe's ingredients or nutrition facts, a column of
        products: ``_Decider.table_says_no_dose``)."""
        cells = []
        for b in self.scope.blocks(doc):
            if b.kind == "table_cell":
                m = _BARE_NUMBER.fullmatch(b.text)
                if m and not _is_zero(m.group("n")):
                    cells.append((b, m))
        if not cells:
            return
        headers = column_headers(doc)
        found_for: dict[str, re.Match | None] = {}  # one header, read once however many cells it heads
        hits = []
        for block, m in cells:
            header = headers.get(id(block), "")
            if header not in found_for:
                found_for[header] = self.unit_columns.fullmatch(header) if 0 < len(header) <= 120 else None
            found = found_for[header]
            if found and self.scope.accepts(block, m.start("n"), m.end("n")):
                hits.append((block, m, found.group("unit")))
        if not hits:
            return
        if self.context is not None and not any(unit.lower() in self.context_units for _, _, unit in hits):
            # the header's own "dose" is no context: one mention more than the rule needs
            needed = self.options["min_context"] + 1
            if mentions(doc, self.context, needed)[0] < needed:
                return
        outline = _Outline(doc, self.regex) if self.decides else None
        for block, m, unit in hits:
            if outline is not None and self.decider.table_says_no_dose(outline, block):
                continue
            s, e = block.to_source(m.start("n"), m.end("n"))
            yield Hit(s, e, {"unit": unit})


_PER_NUMBER = re.compile(r"\d+")
# a table cell that is only a number or a range of them ("200", "1,000", "0.5-1"), for ``unit_columns``
_BARE_NUMBER = re.compile(rf"\s*(?P<n>(?!0\d)(?:{_DIGITS})(?:\s*[-\u2013]\s*(?:{_DIGITS}))?)\s*")


def _per_dose(m, dosing: frozenset) -> bool:
    """Whether the quantity ``m`` is written per a ``dosing`` word ("20 g/day",
    "40 mg/kg/h"), not only per a rate's ("60 g/h", "21 mg/24 hr")."""
    per = m.group("per") if "per" in m.re.groupindex else None
    if not per:
        return False
    return any(" ".join(_PER_NUMBER.sub(" ", part).lower().split()) in dosing for part in per.split("/")[1:])


def _whole_cell(compiler, words):
    """A regex for a whole table header cell that is one of ``words`` (any case, an
    optional colon), for ``fullmatch``; None for no words."""
    return re.compile(r"\s*(?:" + compiler.terms(words) + r")\s*:?\s*", re.I) if words else None


def _terms(compiler, words):
    return compiler.regex(compiler.terms(words)) if words else None


def unit_of(m) -> str:
    """The unit of a quantity the kind's pattern found: after its number(s), or before
    a count in brackets ("gummies (2 or 3)")."""
    return m.group("unit") if m.group("unit") is not None else m.group("unit_before")


def _amount(m) -> str:
    """The number(s) of a quantity the kind's pattern found, as written."""
    if m.group("unit") is None:
        return m.group("count")
    return m.group()[: m.start("unit") - m.start()]


def _norm_quantity(m) -> str:
    """'10,000 mcg' and '10000mcg' alike: digits and the unit, no separators, no plural s."""
    head = re.sub(r"[\s,]", "", _amount(m)).lower()
    return head + unit_of(m).lower().rstrip("s")


_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")


# a list item's first line: what stands before its marker (indentation, quote marks, outer
# markers) and the marker
_ITEM_MARKER = re.compile(r"((?:[ \t>]|(?:[-+*]|[0-9]{1,9}[.)])[ \t])*)([-+*]|[0-9]{1,9}[.)])(?:[ \t]|$)")


def _item_marker(doc, block):
    """(column of its marker, "ordered" or "bullet") of a list item block that starts
    its item's first line, else None (a later paragraph of an item, a lazy line)."""
    line = doc.source.line_text(block.line)
    m = _ITEM_MARKER.match(line)
    if m is None or block.to_source(0, 1)[0] - doc.source.line_starts[block.line] < m.end(2):
        return None
    return len(m.group(1).expandtabs(4)), "ordered" if m.group(2)[-1] in ".)" else "bullet"


class _Outline:
    """Per block: the headings above it (nearest first), the lead-in paragraph of
    the list it belongs to, the header row of its table, the header cell of its
    column and the paragraph right before the table (its caption), the quantities
    the headings above name, the document's title (its first heading) and the
    title its front matter gives (a static site's page title, often its only one)."""

    def __init__(self, doc, regex):
        # per block: where its sentence ends stand (``sentence``); per sentence, what
        # the decider's searches over it found (``search_once``): a block with
        # hundreds of quantities is read once, not once per quantity
        self._ends: dict[int, tuple[list, list]] = {}
        self._found: dict = {}
        self.headings: dict[int, list] = {}
        self.lead: dict[int, str] = {}
        self.row: dict[int, str] = {}
        self.header: dict[int, str] = {}
        self.column_header: dict[int, str] = {}
        self.first_header: dict[int, str] = {}  # the header of a cell's table's first column
        self.caption: dict[int, str] = {}
        self.named: dict[int, frozenset] = {}
        stack: list[tuple[int, str, frozenset]] = []  # (level, text, quantities)
        last_para = ""
        colon = None  # a list item ending in ":" that leads in: (text, indent, marker kind, the lead before it)
        rows: dict[int, list] = {}
        table_first_line = None
        prev_cell = False
        previous = None  # the block before this one
        caption = ""
        self.title = ""
        self.page_title = _page_title(doc)
        for b in doc.blocks:
            i = id(b)
            if b.kind == "heading":
                level = next((int(sc[1]) for sc in b.scopes if len(sc) == 2 and sc[0] == "h"), 6)
                while stack and stack[-1][0] >= level:
                    stack.pop()
                # a question ("Q: Is 1300mg too much?") asks about an amount; it names no product
                named = (frozenset() if is_question(b.text) or _is_sentence(b.text)
                         else frozenset(_norm_quantity(m) for m in regex.finditer(b.text)))
                stack.append((level, b.text, named))
                if not self.title:
                    self.title = b.text
                last_para = ""
                colon = None
            self.headings[i] = [h for _, h, _ in reversed(stack) if h is not b.text]
            self.named[i] = frozenset().union(*(q for _, h, q in stack if h is not b.text)) if stack else frozenset()
            if b.kind == "table_cell":
                # a blank line (in a blockquote: ">" alone) between two cells ends a table:
                # the next cell opens another
                if prev_cell and any(not doc.source.line_text(k).replace(">", "").strip() for k in range(previous.line + 1, b.line)):
                    prev_cell = False
                if not prev_cell:
                    table_first_line = b.line
                    # a paragraph (not a list item, a heading or another table) right before the table
                    plain = previous is not None and previous.kind == "paragraph" and "list_item" not in previous.scopes
                    caption = previous.text if plain else ""
                rows.setdefault(b.line, []).append(b)
                self.header[i] = table_first_line
                self.caption[i] = caption
                prev_cell = True
                previous = b
                continue
            prev_cell = False
            previous = b
            if "list_item" in b.scopes:
                marker = _item_marker(doc, b)
                if colon is not None and marker is not None and marker[1] == colon[2] and marker[0] <= colon[1]:
                    last_para, colon = colon[3], None  # an item of the list that led in, or of one around it
                self.lead[i] = last_para
                if marker is not None and b.text.rstrip().endswith(":"):
                    # a list item that ends in a colon leads in the list below it (nested in
                    # it, or of the other marker: "1. Ginger tea for coughs\nIngredients:"
                    # before "- 1 tsp honey"), as a paragraph does, up to its next sibling
                    colon = (b.text, marker[0], marker[1], last_para)
                    last_para = b.text
            elif b.kind != "heading":
                last_para = b.text
                colon = None
        self._rows = {line: " | ".join(c.text for c in cells) for line, cells in rows.items()}
        columns = {line: {table_column(doc, c): c.text for c in cells} for line, cells in rows.items()}
        for b in doc.blocks:
            if b.kind == "table_cell":
                header_line = self.header[id(b)]
                self.row[id(b)] = self._rows.get(b.line, "")
                self.header[id(b)] = self._rows.get(header_line, "") if header_line != b.line else ""
                # an HTML table's cells have no pipes, and its rows need not be lines: its
                # columns are not known, and no cell of it is read as in a column of names
                if header_line != b.line and "html" not in b.scopes:
                    header = columns.get(header_line, {})
                    self.column_header[id(b)] = header.get(table_column(doc, b), "")
                    self.first_header[id(b)] = header[min(header)] if header else ""

    def sentence(self, block, start: int, end: int) -> tuple[int, int]:
        """(start, end) of the sentence of ``block.text`` that holds ``start:end``:
        from just past the last sentence end before it (a "." right before
        ``start`` counts) to the next one from ``end``, or the text's ends."""
        text = block.text
        got = self._ends.get(id(block))
        if got is None:
            found = list(_SENTENCE_END.finditer(text))
            got = self._ends[id(block)] = ([m.start() for m in found], [m.end() for m in found])
        starts, ends = got
        if start and text[start - 1] in ".!?":
            s = start
        else:
            k = bisect_right(ends, start)
            s = ends[k - 1] if k else 0
        k = bisect_left(starts, end)
        return s, (starts[k] if k < len(starts) else len(text))

    def search_once(self, key: tuple, regex, text: str):
        """``regex.search(text)``, once per ``key`` (a search, a block and a sentence)."""
        try:
            return self._found[key]
        except KeyError:
            found = self._found[key] = regex.search(text)
            return found

# a top-level "title:" of YAML front matter, its value plain or quoted, on its line or
# continued on the indented lines after it (a folded or literal block, "title: >-"):
# read by a regex, not by parsing the YAML (which only the front-matter rules pay for),
# and here, not in document/front_matter.py, whose import a plain lint run does not pay
_FM_TITLE = re.compile(r"^title:[ \t]*(?P<first>[^\n]*)(?P<more>(?:\n(?:[ \t]*\n)*[ \t]+\S[^\n]*)*)", re.M)
_BLOCK_INDICATOR = re.compile(r"[|>][+\-1-9]{0,2}[ \t]*(?:#.*)?")


def _front_matter_title(front_matter: str | None) -> str:
    """The page title a static site's YAML front matter gives (``title:``), or ""."""
    m = _FM_TITLE.search(front_matter) if front_matter else None
    if not m:
        return ""
    first = m.group("first").rstrip(" \t")
    if _BLOCK_INDICATOR.fullmatch(first):
        first = ""
    text = " ".join([first, *m.group("more").split()]).strip() if m.group("more") else first
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        text = text[1:-1]
    return text


def _page_title(doc) -> str:
    """The page title the front matter gives, or ""."""
    return _toml_title(doc) if doc.front_matter_format == "toml" else _front_matter_title(doc.front_matter)


def _toml_title(doc) -> str:
    """The page title TOML front matter (Hugo, Zola) gives: its top-level ``title``
    string, or "". Read from the parsed front matter, which the engine parses for
    every ``+++`` block anyway (``front_matter_syntax``): a regex cannot tell a
    ``title =`` or a ``[`` line inside a multi-line string or array from a key or a
    table header."""
    data = doc.front_matter_info.data
    title = data.get("title") if isinstance(data, dict) else None
    return " ".join(title.split()) if isinstance(title, str) else ""


# a block's own label: the words before a colon that opens it ("Dose: 1300mg",
# "**Decoction**: 1 tablespoon of berries"; bold is gone from a block's text)
_OWN_LABEL = re.compile(r"\s*([^\W\d_][^:.;!?\n]{0,40}?)\s*:(?!//)")


_TOKENS = re.compile(r"[^\W\d_][\w’'\-]*|\d\w*|[^\w\s]")
_OF = re.compile(r"\s+of\b", re.I)


def _after_a_name(text: str, s: int, m, units: frozenset = frozenset()) -> bool:
    """'Bronson Biotin 10,000 mcg is ...', 'Now 1000 mcg biotin', 'Supplement, 1,000 mg,':
    the quantity follows a capitalised word (3+ letters) that does not open the
    sentence, and no 'of' follows it. A word after "+" that follows a quantity
    ("Mg 200 mg + Theanine 100 mg": ``units``, lowercased) opens the next item of a
    combination; after a name's "+" ("Calcium + Magnesium 500 mg tablets") it is a
    name's word."""
    if _OF.match(text, m.end()):
        return False
    tokens = _TOKENS.findall(text, s, m.start())
    if tokens and tokens[-1] == ",":
        tokens.pop()
    if len(tokens) < 2:
        return False
    word = tokens[-1]
    # a short capitalised abbreviation names a substance, not a product ("EPA 400mg", "DHA 300mg")
    if len(word) <= 4 and word.isupper():
        return False
    if _opens_next_item(tokens, units):
        return False
    # a word that opens an item ("| Theanine") is the substance's name
    return len(word) >= 3 and word[0].isupper() and word.isalpha() and tokens[-2] not in (":", "(", "-", "–", "—", "|")


def _opens_next_item(tokens: list[str], units: frozenset) -> bool:
    """Whether the name that ends ``tokens`` (up to three capitalised words: "Lemon
    Balm") follows a "+" that follows a quantity: "Mg 200 mg + Theanine", "Mg 200
    mg/day + Theanine", "Magnesium 200 mg (as glycinate) + Lemon Balm"."""
    j = len(tokens) - 1
    while j >= 0 and len(tokens) - j <= 3 and tokens[j][:1].isupper() and tokens[j].isalpha():
        j -= 1
    if j == len(tokens) - 1 or j < 1 or tokens[j] != "+":
        return False
    j -= 1
    if tokens[j] == ")":  # a bracketed aside after the quantity
        while j >= 0 and tokens[j] != "(":
            j -= 1
        j -= 1
    while j >= 2 and tokens[j - 1] == "/":  # "mg/kg", "mg/day"
        j -= 2
    return j >= 0 and _ends_quantity(tokens[j], units)


def _ends_quantity(token: str, units: frozenset) -> bool:
    """Whether ``token`` (of ``_TOKENS``) ends a quantity: a unit ("mg") or a number
    written with its unit ("200mg")."""
    token = token.lower()
    return token in units or (token[:1].isdigit() and token.lstrip("0123456789") in units)


_LIST_NUMBER = re.compile(r"\s*\d+[.)]\s+")


def _is_sentence(text: str) -> bool:
    """A heading written as a sentence ("More is not always better. Resveratrol works
    best at 100-250mg."): more than six words and a sentence's end (not a listicle's
    number: "1. Nature Made Vitamin D3 5000 IU Softgels"); it names no product."""
    m = _LIST_NUMBER.match(text)
    if m:
        text = text[m.end():]
    return len(text.split()) > 6 and _SENTENCE_END.search(text) is not None


_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_PER_DAY = re.compile(r"\s*(?:per|a|each)\s+day\b(?![\-‐])", re.I)


def _is_zero(amount: str) -> bool:
    """Whether the digits of an amount as written are all zero, in any script ("0",
    "0.0", "０"): no amount, so no dose."""
    digits = [unicodedata.decimal(ch) for ch in amount if ch.isdecimal()]
    return bool(digits) and not any(digits)


def _count(m) -> float:
    """The largest number written in a quantity (spelled numbers: 0)."""
    nums = [float(n.replace(",", "")) for n in _NUMBER.findall(_amount(m))]
    return max(nums, default=0.0)


class _Decider:
    """Whether a quantity is a dose, from its own context (the rule's YAML holds every word):

    1. not a dose when the words right before it say so (``not_preceded_by``:
       "per", a unit conversion, "Water (1 cup)"), when a heading above it or
       its list's lead-in names a recipe's ingredients, nutrition facts or food
       sources (``not_dose_headings``; not in
       a recipe for a remedy: ``remedy_terms`` in the title or a heading, not
       followed by ``remedy_not_followed_by``: "Rinse for 30 seconds"), when its
       block opens with a label such as "Size:" (``not_dose_labels``);
    2. a dose when it is written per day or per kilogram ("20 g/day"; not only
       per hour or week, ``rate_units``: "60 g/h") or is followed by a dosing
       word ("a day", ``dose_after``), also when a heading above names it;
       otherwise not a dose when a heading above names the same quantity
       (``product_headings``: a product); not a dose when what follows makes it a
       portion of what a recipe makes or an amount whose content follows
       (``not_dose_after``), unless the page is a recipe for a remedy; a dose
       when it follows a dosing word ("take", ``context_before``), unless its
       sentence is a recipe's step (``step_terms``: "and knead") and the recipe
       is not one for a remedy;
    3. not a dose when its sentence (a table row, with the table's header row)
       has a package, nutrition, recipe or physiology word (``not_dose_terms``),
       or when it names a product (after a capitalised name, in a link's text,
       in a heading, in a column headed "Product": ``product_names``,
       ``product_headings``, ``product_columns``);
    4. a dose in a dose unit (``dose_units``: mg, IU, capsules), or in another
       unit (g, ml, teaspoons) when its sentence has a dosing or health word
       (``dose_terms``; not a cup, ``strict_units``, the measure of any drink),
       or the nearest heading above or its table's short caption a
       ``dose_heading_terms`` term.
    """

    def __init__(self, options, regex, c, dosing_per: frozenset):
        self.dosing_per = dosing_per
        self.dose_units = frozenset(u.lower() for u in options["dose_units"])
        self.units = frozenset(u.lower() for u in [*options["units"], *options["unit_words"]])
        self.dose_terms = _terms(c, options["dose_terms"])
        self.strict_units = frozenset(u.lower() for u in options["strict_units"])
        self.dose_after = c.regex(c.alternatives(options["dose_after"])) if options["dose_after"] else None
        self.not_dose_after = c.regex(c.alternatives(options["not_dose_after"])) if options["not_dose_after"] else None
        self.not_dose = _terms(c, options["not_dose_terms"])
        self.steps = _terms(c, options["step_terms"])
        self.not_dose_headings = _terms(c, options["not_dose_headings"])
        self.labels = (
            c.regex(r"\s*(?:" + c.terms(options["not_dose_labels"]) + r")\s*:")
            if options["not_dose_labels"] else None
        )
        # a whole header cell, not a word in it ("Product", not "Product dose")
        self.product_columns = _whole_cell(c, options["product_columns"])
        # a column headed by a label of a product's size or strength ("| Strength |")
        self.label_columns = _whole_cell(c, options["not_dose_labels"])
        self.content_columns = _whole_cell(c, options["content_columns"])
        self.dose_columns = _terms(c, options["dose_columns"])
        self.panel_columns = _terms(c, options["panel_columns"])
        self.remedy = _terms(c, options["remedy_terms"])
        self.remedy_not_followed = (
            c.regex(c.alternatives(options["remedy_not_followed_by"])) if options["remedy_not_followed_by"] else None
        )
        self.dose_headings = _terms(c, options["dose_heading_terms"])
        self.product_headings = options["product_headings"]
        self.not_preceded = (
            c.regex("(?:" + c.alternatives(options["not_preceded_by"]) + r")\Z")
            if options["not_preceded_by"] else None
        )
        self.contents_before = (
            c.regex("(?:" + c.alternatives(options["contents_before"]) + r")\Z")
            if options["contents_before"] else None
        )
        self.product_names = options["product_names"]
        self.max_lead_words = 6
        self.count_units = frozenset(u.lower() for u in options["count_units"])
        self.max_count = options["max_count"]
        self.all_dose = not options["dose_terms"] and not options["dose_units"]

    _REGEXES = ("dose_terms", "dose_after", "not_dose_after", "not_dose", "not_dose_headings", "labels", "remedy", "not_preceded",
                "contents_before",
                "dose_headings", "dose_columns", "panel_columns")

    def patterns(self) -> list:
        return [getattr(self, name) for name in self._REGEXES]

    def within(self, document) -> "_Decider":
        """This decider for one document (a ``narrowing.Document`` of every text
        it reads: blocks, table rows; None: this one): its patterns narrowed to it."""
        if document is None:
            return self
        view = copy.copy(self)
        for name in self._REGEXES:
            regex = getattr(self, name)
            if regex is not None:
                setattr(view, name, regex.within(document))
        return view

    def is_dose(self, outline: _Outline, block, m, before_re) -> bool:
        return self.decide(outline, block, m, before_re)[0]

    def decide(self, outline: _Outline, block, m, before_re) -> tuple[bool, str]:
        """(is it a dose, why): the reason names the step and the words that decided."""
        i = id(block)
        text = block.text
        headings = outline.headings.get(i, [])
        lead = outline.lead.get(i, "")
        # a list's lead-in counts as a label ("**Ingredients:**", "**Dosage:**"), not a sentence
        short_lead = self._label(lead)
        if _is_zero(_amount(m)):
            return False, "zero: no amount ('0 scoops')"
        own = _OWN_LABEL.match(text)
        own_label = self._label(own.group(1)) if own and own.end() <= m.start() else ""
        # 1. the words right before it say what the quantity is ("per", a
        # conversion, "Water (1 cup)"): also in a recipe for a remedy
        if self.not_preceded is not None:
            found = self.not_preceded.search(text[max(0, m.start() - 100) : m.start()])
            if found:
                return False, f"after {found.group().strip()!r}"
        if self.contents_before is not None:
            found = self.contents_before.search(text[max(0, m.start() - 100) : m.start()])
            # what a bottle holds, unless how often follows: "a 30 ml bottle, 1000 mg
            # twice daily" is a dose
            if found and not (self.dose_after is not None
                              and self.dose_after.match(text, m.end(), outline.sentence(block, m.start(), m.end())[1])):
                return False, f"after {found.group().strip()!r}"
        # the block's own label says it is a dose ("**Dose**: 1300mg is ...", under
        # "## Key Ingredients" and a product's heading alike)
        found = own_label and self.dose_headings is not None and self.dose_headings.search(own_label)
        if found and not (unit_of(m).lower() in self.count_units and _count(m) > self.max_count):
            return True, f"labelled as a dose: {found.group()!r}"
        # the section or the block says what the quantity is
        if self.not_dose_headings is not None:
            # nearest first: a "**Dosage:**" lead-in or a "### Dosing" heading under
            # "## Key Ingredients" (a supplement's) says what its amounts are
            # a table's short caption ("**Supplement Facts**") is read as its heading
            caption = self._label(outline.caption.get(i, "")) if block.kind == "table_cell" else ""
            found = self._no_dose_heading([short_lead, caption, *headings])
            if found:
                remedy = self._remedy(outline, headings, lead)
                if remedy:
                    return True, f"a recipe for a remedy ({remedy.group()!r}): {found.group()!r}"
                # an amount per day or per kilogram is taken, not an ingredient's ("2-3g per
                # day" under "The Most Important Ingredients" of a skincare routine)
                # (not a recipe's "300 g a day-old bread", "40 g per day of rolled oats": a dose
                # unit or another dosing word in the sentence)
                if _per_dose(m, self.dosing_per) or self._a_day_taken(outline, block, m):
                    return True, f"an amount a day under {found.group()!r}"
                return False, f"heading/lead-in: {found.group()!r}"
        if self.labels is not None:
            label = self.labels.match(text)
            if label and label.end() <= m.start():
                return False, f"label: {label.group()!r}"
        # 2. written as a dose, also when a heading above names the same amount (a
        # product's strength: "Sertraline 50 mg tablets", then "50 mg once a day")
        if _per_dose(m, self.dosing_per):
            return True, f"per-unit form: {m.group('per')!r}"
        s, e = outline.sentence(block, m.start(), m.end())
        found = self.dose_after is not None and self.dose_after.match(text, m.end(), e)
        if found:
            return True, f"followed by {found.group().strip()!r}"
        if self.product_headings and _norm_quantity(m) in outline.named.get(i, ()) and not _OF.match(text, m.end()):
            return False, "named by a heading above (a product)"
        # what follows makes it a portion of what a recipe makes ("a teaspoon of the
        # mixture") or an amount whose content follows, also after "take", unless the
        # recipe is one for a remedy
        found = self.not_dose_after is not None and self.not_dose_after.match(text, m.end(), e)
        if found:
            remedy = self._remedy(outline, headings, lead)
            if remedy:
                return True, f"a recipe for a remedy ({remedy.group()!r}): {found.group().strip()!r}"
            return False, f"followed by {found.group().strip()!r}"
        sentence = text[s:e]
        if block.kind == "table_cell":
            sentence = outline.row.get(i, sentence) + " | " + outline.header.get(i, "")
        found = before_re is not None and before_re.search(text, max(s, m.start() - 60), m.start())
        if found:
            # "take 2 tablespoons of flour and knead": a recipe's step, unless the recipe is
            # one for a remedy
            # (a recipe's step takes no capsules: "if you eat sourdough, take 1 capsule")
            step = unit_of(m).lower() not in self.dose_units and self._recipe_step(outline, i, s, e, sentence, headings)
            if not step:
                return True, f"after {found.group().strip()!r}"
            return False, f"after {found.group().strip()!r}, but in a recipe's step: {step.group()!r}"
        # 3. its sentence says otherwise
        found = self.not_dose is not None and outline.search_once(("not_dose", i, s, e), self.not_dose, sentence)
        # a recipe's step ("simmer 15 minutes") in a recipe for a remedy is how the remedy is made
        if found and not (self.steps is not None and self.steps.fullmatch(found.group())
                          and self._remedy(outline, headings, own_label)):
            return False, f"sentence: {found.group()!r}"
        if self.product_names and _after_a_name(text, s, m, self.units):
            return False, "after a capitalised name (a product)"
        if self.product_names and block.in_region(m.start(), m.end(), "link_text") and not _OF.match(text, m.end()):
            return False, "in a link's text (a product)"
        column = outline.column_header.get(i, "")
        if self.product_columns is not None and column and self.product_columns.fullmatch(column):
            return False, f"in a column of products' names ({column!r})"
        if (self.label_columns is not None and column and self.label_columns.fullmatch(column)
                and not self._gives_doses(outline, i, headings, short_lead)
                and not (self.dose_terms is not None and self.dose_terms.search(outline.row.get(i, "")))):
            # (a row that says how it is taken, "| Capsule | 500 mg | twice daily |", gives a dose)
            return False, f"in a column of a product's sizes or strengths ({column!r})"
        panel = self._panel(outline, i)
        if panel:
            return False, f"in a label's Supplement or Nutrition Facts panel ({panel.group()!r} in its header)"
        # a table of what products or foods contain ("| Element | Pedialyte | LMNT |"),
        # unless its header says it gives doses ("| Nutrient | Daily dose |", "| Ingredient
        # | Amount per serving |")
        first = outline.first_header.get(i, "")
        if self.content_columns is not None and first and self.content_columns.fullmatch(first):
            # once per table, not once per cell: a table of thousands of cells has one header
            header = outline.header.get(i, "")
            if not any(r is not None and outline.search_once(("dose_columns", name, header), r, header)
                       for name, r in (("headings", self.dose_headings), ("columns", self.dose_columns))):
                return False, f"in a table of contents ({first!r})"
        if self.product_headings and block.kind == "heading" and not is_question(text) and not _is_sentence(text):
            return False, "in a heading, not written as a dose (a product's name)"
        if unit_of(m).lower() in self.count_units and _count(m) > self.max_count:
            return False, f"more than {self.max_count} {unit_of(m)} (a package)"
        # 4. the unit, or a dosing word near it
        if self.all_dose:
            return True, "every quantity"
        if unit_of(m).lower() in self.dose_units:
            return True, f"dose unit {unit_of(m)!r}"
        # a dosing word near a cup of tea does not make the cup a dose ("a cup of tea can
        # feel calming", "brew a cup"): a cup is the measure of any drink
        found = (self.dose_terms is not None and unit_of(m).lower() not in self.strict_units
                 and outline.search_once(("dose_terms", i, s, e), self.dose_terms, sentence))
        if found:
            # a recipe's step outweighs a dosing word too ("I'll take half (100 g) and add
            # water and flour")
            step = self._recipe_step(outline, i, s, e, sentence, headings)
            if step:
                return False, f"dosing word {found.group()!r}, but in a recipe's step: {step.group()!r}"
            return True, f"dosing word {found.group()!r}"
        # the nearest heading above ("### Low Dose Example"), a table's caption
        # ("**For a 25mg dose:**": a label, not a paragraph) or a list's lead-in
        # ("**Dosage:**") says it gives doses
        found = self._gives_doses(outline, i, headings, short_lead)
        if found:
            return True, f"under a heading or caption that gives doses: {found.group()!r}"
        # the title, a heading, the block's own label ("**Decoction**: 1 tablespoon
        # of berries per cup of water") or its list's lead-in names a remedy
        remedy = self._remedy(outline, headings, own_label, lead)
        if remedy:
            return True, f"in a recipe for a remedy ({remedy.group()!r})"
        return False, "no dosing word"

    def _gives_doses(self, outline: _Outline, i, headings, short_lead):
        """The ``dose_heading_terms`` match in the nearest heading above block ``i``,
        its table's caption or its list's lead-in ("**For a 25mg dose:**"), or None."""
        if self.dose_headings is None:
            return None
        for label in (headings[0] if headings else "", self._label(outline.caption.get(i, "")), short_lead):
            found = label and self.dose_headings.search(label)
            if found:
                return found
        return None

    def _panel(self, outline: _Outline, i):
        """The ``panel_columns`` match in the header row of block ``i``'s table (a
        Supplement or Nutrition Facts panel: "| Nutrient | Amount | % Daily Value |"),
        unless the cell's own column header has a ``dose_heading_terms`` term ("|
        Supplement | Daily dose | % DV |" gives doses; a "Usage notes" column beside
        the amounts does not); None."""
        header = outline.header.get(i, "") if self.panel_columns is not None else ""
        found = header and outline.search_once(("panel_columns", header), self.panel_columns, header)
        column = outline.column_header.get(i, "") if found else ""
        if column and self.dose_headings is not None and outline.search_once(
                ("panel_dose_column", column), self.dose_headings, column):
            return None
        return found or None

    def _recipe_step(self, outline: _Outline, i, s, e, sentence: str, headings):
        """The ``step_terms`` match in a quantity's sentence ("and knead"), unless the
        recipe is one for a remedy; None."""
        step = self.steps is not None and outline.search_once(("steps", i, s, e), self.steps, sentence)
        return step if step and not self._remedy(outline, headings) else None

    def table_says_no_dose(self, outline: _Outline, block) -> bool:
        """Whether a table cell stands where amounts are not doses: under a heading,
        caption or lead-in with a ``not_dose_headings`` term (a recipe's ingredients,
        nutrition facts; not in a recipe for a remedy), in a column of products'
        names, or in a Supplement or Nutrition Facts panel (``panel_columns``). (A
        table of contents whose header gives doses, "| Nutrient | Daily dose (mg) |",
        gives doses, as ``content_columns`` reads it.)"""
        i = id(block)
        if self._panel(outline, i):
            return True
        headings = outline.headings.get(i, [])
        caption = self._label(outline.caption.get(i, ""))
        if self.not_dose_headings is not None and self._no_dose_heading([caption, *headings]):
            return not self._remedy(outline, headings)
        column = outline.column_header.get(i, "")
        return bool(column and any(r is not None and r.fullmatch(column) for r in (self.product_columns, self.label_columns)))

    def _no_dose_heading(self, labels):
        """The ``not_dose_headings`` match in the nearest of ``labels`` (lead-in,
        caption, headings, nearest first) that has one, before any that has a
        ``dose_heading_terms`` term ("### Dosing" under "## Key Ingredients"); None."""
        for h in labels:
            if not h:
                continue
            found = self.not_dose_headings.search(h)
            if found:
                return found
            if self.dose_headings is not None and self.dose_headings.search(h):
                return None
        return None

    def _a_day_taken(self, outline: _Outline, block, m) -> bool:
        """An amount "per day" / "a day" right after it, and a dose unit or another
        dosing word in its sentence ("Omega 3 supplements (2-3g per day)")."""
        text = block.text
        day = _PER_DAY.match(text, m.end())
        if not day:
            return False
        if unit_of(m).lower() in self.dose_units:
            return True
        if self.dose_terms is None:
            return False
        s, e = outline.sentence(block, m.start(), m.end())
        return bool(self.dose_terms.search(text[s : m.start()]) or self.dose_terms.search(text[day.end() : e]))

    def _label(self, text: str) -> str:
        """``text`` when it is short enough to be a label (a list's lead-in, a
        table's caption), else ""."""
        return text if len(text.split()) <= self.max_lead_words else ""

    def _remedy(self, outline: _Outline, headings, *labels: str):
        """The ``remedy_terms`` match in the page's title, ``headings`` or ``labels``
        (a lead-in, a block's own label), in that order; None."""
        if self.remedy is None:
            return None
        for t in (outline.page_title, outline.title, *headings, *labels):
            for r in self.remedy.finditer(t) if t else ():
                if self.remedy_not_followed is None or self.remedy_not_followed.match(t, r.end()) is None:
                    return r
        return None
