"""pattern: terms or regular expressions that must not appear in a scope.

    id: no-miracle-cure
    kind: pattern
    severity: error
    message: "'{match}' promises too much"
    terms: [miracle cure, guaranteed results]   # word-bounded, any case
    patterns: ['\\b100% (?:safe|natural)\\b']   # Python regexes on the prose text
    exceptions: [miracle cure myth]             # matches inside these are fine
"""

from __future__ import annotations

import re

from ..fields import Field
from ..matching import terms_regex
from .base import Check, Hit


class PatternCheck(Check):
    OPTIONS = {
        "terms": Field("str-or-list", default=[], doc="literal words or phrases, matched at word boundaries"),
        "patterns": Field("list", items="regex", default=[], doc="regular expressions (Python syntax)"),
        "case_sensitive": Field("bool", default=False),
        "exceptions": Field("str-or-list", default=[], doc="terms whose occurrences are not findings even if they contain a match"),
    }

    def __init__(self, options, scope, compiler=None):
        super().__init__(options, scope, compiler)
        parts = []
        if options["terms"]:
            parts.append(terms_regex(options["terms"], options["case_sensitive"]))
        for p in options["patterns"]:
            parts.append(f"(?:{p})" if options["case_sensitive"] else f"(?i:{p})")
        self.regex = self.compiler.regex("|".join(parts)) if parts else None
        self.exceptions = (
            self.compiler.regex(terms_regex(options["exceptions"], options["case_sensitive"])) if options["exceptions"] else None
        )

    @staticmethod
    def validate(options) -> str | None:
        if not options["terms"] and not options["patterns"]:
            return "a pattern rule needs 'terms' or 'patterns'"
        return None

    def run(self, doc):
        if self.regex is None:
            return
        for block, m in self.regex_hits(doc, self.regex):
            if self.exceptions is not None and any(
                e.start() <= m.start() and m.end() <= e.end() for e in self.exceptions.finditer(block.text)
            ):
                continue
            s, e = block.to_source(m.start(), m.end())
            yield Hit(s, e)
