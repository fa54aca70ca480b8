"""occurrence: a term or pattern at most (or at least) N times per unit.

    kind: occurrence
    message: "'{match}' appears {count} times in this {per}; at most {max}."
    terms: [kratom]            # or patterns: [...]
    max: 8                     # report each occurrence past the 8th
    min: 1                     # or: report when there are fewer than 1
    per: document              # document | block (paragraph, heading, cell ...) | sentence
"""

from __future__ import annotations

import re

from ..fields import Field
from ..matching import terms_regex
from .base import Check, Hit


class OccurrenceCheck(Check):
    OPTIONS = {
        "terms": Field("str-or-list", default=[]),
        "patterns": Field("list", items="regex", default=[]),
        "case_sensitive": Field("bool", default=False),
        "max": Field("int", default=None, doc="report occurrences beyond this many"),
        "min": Field("int", default=None, doc="report when there are fewer than this many"),
        "per": Field("str", default="document", choices=("document", "block", "sentence")),
    }
    TEMPLATE_FIELDS = frozenset({"count", "max", "min", "per"})

    def __init__(self, options, scope, compiler=None):
        super().__init__(options, scope, compiler)
        flags = 0 if options["case_sensitive"] else re.I
        parts = [terms_regex(options["terms"], True)] if options["terms"] else []
        parts += [f"(?:{p})" for p in options["patterns"]]
        self.regex = self.compiler.regex("|".join(parts), flags)

    @staticmethod
    def validate(options) -> str | None:
        if not options["terms"] and not options["patterns"]:
            return "an occurrence rule needs 'terms' or 'patterns'"
        if options["max"] is None and options["min"] is None:
            return "an occurrence rule needs 'max' or 'min'"
        return None

    def _units(self, doc):
        """(block, start, end) ranges, grouped into the counting units."""
        per = self.options["per"]
        blocks = list(self.scope.blocks(doc))
        if per == "document":
            yield [(b, 0, len(b.text)) for b in blocks]
        elif per == "block":
            for b in blocks:
                yield [(b, 0, len(b.text))]
        else:
            wanted = {id(b) for b in blocks}
            for s in doc.sentences:
                if id(s.block) in wanted:
                    yield [(s.block, s.start, s.end)]

    def run(self, doc):
        o = self.options
        per = o["per"]
        for unit in self._units(doc):
            hits = []
            for block, start, end in unit:
                for m in self.regex.finditer(block.text, start, end):
                    if m.end() > m.start() and self.scope.accepts(block, m.start(), m.end()):
                        hits.append(block.to_source(m.start(), m.end()))
            values = {"count": len(hits), "max": o["max"], "min": o["min"], "per": o["per"]}
            if o["max"] is not None and len(hits) > o["max"]:
                for s, e in hits[o["max"] :]:
                    yield Hit(s, e, values)
            if o["min"] is not None and len(hits) < o["min"] and unit:
                block, start, end = unit[0]
                if end > start:
                    s, e = block.to_source(start, end)
                    yield Hit(s, min(e, doc.source.line_ends[doc.source.position(s)[0] - 1]), values, document=per == "document")
