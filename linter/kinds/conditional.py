"""conditional: if A appears, B must appear too. The classic use: an acronym
must be defined ("post-traumatic stress disorder (PTSD)") somewhere in the text.

    kind: conditional
    message: "'{key}' is used but never defined; spell it out once: 'Full Name ({key})'."
    first: '\\b([A-Z]{2,6})s?\\b'                 # what needs the condition; group 1 is the key
    second: '\\b(?:[A-Za-z][\\w-]*\\s+){1,6}\\(([A-Z]{2,6})\\)'   # where keys are satisfied
    exceptions: [FDA, USA, OK, TV]                # keys that need nothing

One finding per key, at its first use.
"""

from __future__ import annotations

import re

from ..fields import Field
from .base import Check, Hit


class ConditionalCheck(Check):
    OPTIONS = {
        "first": Field("regex", required=True, doc="what needs the condition; group 1 (or the match) is the key"),
        "second": Field("regex", required=True, doc="what satisfies it; group 1 (or the match) is the key"),
        "exceptions": Field("str-or-list", default=[], doc="keys that need nothing"),
        "case_sensitive": Field("bool", default=True),
    }
    TEMPLATE_FIELDS = frozenset({"key"})

    def __init__(self, options, scope, compiler=None):
        super().__init__(options, scope, compiler)
        flags = 0 if options["case_sensitive"] else re.I
        self.first = self.compiler.regex(options["first"], flags)
        self.second = self.compiler.regex(options["second"], flags)
        self.exceptions = set(options["exceptions"])

    @staticmethod
    def _key(m: re.Match) -> str:
        return m.group(1) if m.re.groups else m.group()

    def run(self, doc):
        blocks = list(self.scope.blocks(doc))
        satisfied = {self._key(m) for b in blocks for m in self.second.finditer(b.text)}
        defined_at = {}
        for b in blocks:
            for m in self.second.finditer(b.text):
                defined_at.setdefault(self._key(m), (b, m.start(1) if m.re.groups else m.start()))
        reported = set()
        for b in blocks:
            for m in self.first.finditer(b.text):
                key = self._key(m)
                if not key or key in self.exceptions or key in reported or key in satisfied:
                    continue
                if not self.scope.accepts(b, m.start(), m.end()):
                    continue
                reported.add(key)
                s, e = b.to_source(m.start(), m.end())
                yield Hit(s, e, {"key": key})
