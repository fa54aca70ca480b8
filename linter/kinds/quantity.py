"""quantity: a number or a range of numbers followed by a unit from a list.

Built for dose numbers ("1-2 grams", "between 200 and 400 mg", "one to two
capsules", "2,000 IU", "1/2 teaspoon", "600 **mg**") but any unit list works
(calories, prices ...). The finding spans exactly the number(s) and the unit.

    kind: quantity
    units: [mg, g, mcg, IU, mL]          # symbols, case-sensitive
    unit_words: [gram, grams, capsule]   # words, any case
    number_words: [one, two, half a]     # spelled numbers, any case
    range_words: [to, or]                # besides -, – and —; "between X and Y" always
    not_followed_by: ['\\s*/\\s*d[lL]\\b']  # e.g. lab values: 100 mg/dL is not a dose
    context_terms: [supplement, dose, daily]  # only in documents that mention one of these
    min_context: 1
    context_units: [mg, IU, capsules]    # ... or that have a quantity in one of these units
    context_before: [take, swallow]      # ... or one right after one of these words

``context_terms`` keeps a kitchen unit in a recipe ("450 g bread flour") from reading
as a dose: a document with none of the terms (health words, dosing phrases) and no
quantity in a ``context_units`` unit or right after a ``context_before`` word ("Take
5 g") gives no findings. Empty (the default): every document.
"""

from __future__ import annotations

import re

from .. import regex_cache
from ..config.schema import Field
from .base import Check, Hit, mentions, terms_regex, trie_regex

_DIGITS = (
    r"(?:\d+\s+\d+/\d+"  # 1 1/2
    r"|\d+/\d+"  # 1/2
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?"  # 2,000 or 1,500.5
    r"|\d*\.\d+|\d+"  # .5 1.5 300
    r")(?:\s?[½¼¾⅓⅔⅛])?|[½¼¾⅓⅔⅛]"
)


def _alternation(words, case_sensitive: bool) -> str:
    body = trie_regex(words, fold_case=not case_sensitive)
    return body if case_sensitive else f"(?i:{body})"


class QuantityCheck(Check):
    OPTIONS = {
        "units": Field("str-or-list", default=[], doc="unit symbols, matched case-sensitively (mg, IU, mL)"),
        "unit_words": Field("str-or-list", default=[], doc="unit words, any case (gram, grams, capsule)"),
        "number_words": Field("str-or-list", default=[], doc="spelled numbers, any case (one, two, half a)"),
        "range_words": Field("str-or-list", default=["to", "or"], doc="words joining a range, besides dashes"),
        "unit_adjectives": Field("str-or-list", default=[], doc="words allowed between number and unit: heaped, level"),
        "not_followed_by": Field("list", items="regex", default=[], doc="regexes that, right after the unit, mean this is not a quantity"),
        "context_terms": Field("str-or-list", default=[], doc="terms (any case) a document must mention for the rule to apply; empty: always"),
        "min_context": Field("int", default=1, doc="how many mentions of context_terms make the rule apply"),
        "context_units": Field("str-or-list", default=[], doc="units (any case) that are context by themselves: mg, IU, capsules"),
        "context_before": Field("str-or-list", default=[], doc="words that, up to two words before a quantity, are context by themselves: take"),
    }
    TEMPLATE_FIELDS = frozenset({"unit"})

    def __init__(self, options, scope):
        super().__init__(options, scope)
        # not the "1" of "2-in-1", "B12" or "1.5.3"
        words = _alternation(options["number_words"], False)
        number = rf"(?:(?<![\w.,/\-]){_DIGITS}|(?<![\w\-]){words}(?!\w))"
        second = rf"(?:{_DIGITS}|{words}(?!\w))"  # after a range joiner
        unit = (
            rf"(?P<unit>(?:{_alternation(options['units'], True)}|{_alternation(options['unit_words'], False)}))"
            r"(?![\w/\-])"  # not "pill-shaped"
        )
        if options["not_followed_by"]:
            unit += "(?!" + "|".join(f"(?:{p})" for p in options["not_followed_by"]) + ")"
        # a unit may also follow the first number of a range: "5 mg to 10 mg"
        opt_unit = rf"(?:\s*(?:{_alternation(options['units'], True)}|{_alternation(options['unit_words'], False)}))?"
        joiner = rf"(?:\s*[-\u2013\u2014]\s*|\s+{_alternation(options['range_words'], False)}\s+)"
        between = rf"(?i:between)\s+{number}{opt_unit}\s+(?i:and)\s+{second}"
        single_or_range = rf"{number}(?:{opt_unit}{joiner}{second})?"
        adjective = (
            rf"(?:\s+{_alternation(options['unit_adjectives'], False)})?" if options["unit_adjectives"] else ""
        )
        # "5 g", "5g", "two-scoop", "one heaped teaspoon"
        self.regex = regex_cache.compile(rf"(?:{between}|{single_or_range})(?:-|{adjective}\s*){unit}")
        self.context = regex_cache.compile(terms_regex(options["context_terms"])) if options["context_terms"] else None
        self.context_units = frozenset(u.lower() for u in options["context_units"])
        self.context_before = (
            regex_cache.compile(r"(?:" + terms_regex(options["context_before"]) + r")\s+(?:[\w’'\-]+\s+){0,2}$")
            if options["context_before"]
            else None
        )

    @staticmethod
    def validate(options) -> str | None:
        if not options["units"] and not options["unit_words"]:
            return "a quantity rule needs 'units' or 'unit_words'"
        return None

    def _in_context(self, doc) -> bool:
        needed = self.options["min_context"]
        return mentions(doc, self.context, needed)[0] >= needed

    def _dose_by_itself(self, block, m) -> bool:
        if m.group("unit").lower() in self.context_units:
            return True
        return self.context_before is not None and self.context_before.search(block.text, max(0, m.start() - 60), m.start()) is not None

    def run(self, doc):
        hits = self.regex_hits(doc, self.regex)
        if self.context is not None:
            hits = list(hits)
            if hits and not self._in_context(doc) and not any(self._dose_by_itself(block, m) for block, m in hits):
                return
        for block, m in hits:
            s, e = block.to_source(m.start(), m.end())
            yield Hit(s, e, {"unit": m.group("unit")})
