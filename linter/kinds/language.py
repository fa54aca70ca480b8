"""language: report, once per document, prose in a language the rules do not read.

The health rules' lexicons and patterns are English; on a German or Spanish
article they find nothing, which would read as a clean bill. This kind says so
instead, at the document's first line after any front matter (its title, where a
writer looks for something about the whole document).

    kind: language
    languages: [en]      # the languages the rules read (codes: en de es fr pt pl it nl)
    min_share: 0.4       # how sure the detector must be (its top language's share of function words)
    message: "Document looks {language} ({code}): ... not checked."

The detector is ``linter/document/language.py`` (function-word profiles of eight
languages); a document with too few function words to tell is not reported.
"""

from __future__ import annotations

from ..fields import Field
from ..document.language import NAMES
from .base import Check, Hit, first_line_span


class LanguageCheck(Check):
    OPTIONS = {
        "languages": Field("str-or-list", default=["en"], choices=tuple(NAMES),
                           doc="language codes the rules read; a document in any other is reported"),
        "min_share": Field("float", default=0.4, doc="report only when the detected language's share of function words is at least this"),
    }
    TEMPLATE_FIELDS = frozenset({"language", "code", "share"})

    @staticmethod
    def validate(options) -> str | None:
        if not 0 <= options["min_share"] <= 1:
            return "'min_share' must be between 0 and 1"
        return None

    def run(self, doc):
        lang = doc.language
        if lang is None:
            return
        code, share = lang
        if code in self.options["languages"] or share < self.options["min_share"]:
            return
        s, e = first_line_span(doc)
        yield Hit(s, e, {"language": NAMES[code], "code": code, "share": f"{share:.2f}"}, document=True)
