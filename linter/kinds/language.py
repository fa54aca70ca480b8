"""language: report prose in a language the rules do not read, once per
document and once per section where the language changes.

The health rules' lexicons and patterns are English; on a German or Spanish
article, or on the German section of an English one, they find nothing, which
would read as a clean bill. This kind says so instead:

- a document in such a language gets one finding at its first line after any
  front matter (its title, where a writer looks for something about the whole
  document), ``{part}`` "Document";
- a section (``Document.sections``: the prose under one heading) whose own words
  are in such a language gets one at its heading (the first line of its prose
  for the part before the first heading), ``{part}`` "Section" -- unless the
  language is one already reported: the German sections of a German document
  are covered by the document's finding (also under an English section),
  "### Wirkung" by that of "## Deutsch" above it.

    kind: language
    languages: [en]      # the languages the rules read (codes: en de es fr pt pl it nl)
    glossed: [de, es]    # read only through a gloss; {reading} says which of the two
    glossed_reading: "the claim rule reads {language} only through a gloss"
    unread_reading: "the rules do not read {language}"
    min_share: 0.4       # how sure the detector must be (its top language's share of function words)
    message: "{part} looks {language} ({code}): {reading}."

The detector is ``linter/document/language.py`` (function-word profiles of eight
languages, and the scripts of eleven more: Chinese, Japanese, Korean, Russian,
Ukrainian, Arabic, Persian, Hindi, Greek, Hebrew, Thai); a document or section
with too little text to tell is not reported.
"""

from __future__ import annotations

from ..fields import Field
from ..document.language import MIN_SHARE, NAMES
from .base import Check, Hit, first_line_span, line_span


class LanguageCheck(Check):
    OPTIONS = {
        "languages": Field("str-or-list", default=["en"], choices=tuple(NAMES),
                           doc="language codes the rules read; a document or section in any other is reported"),
        "min_share": Field("float", default=0.4, doc="report only when the detected language's share of function words is at least this"),
        "glossed": Field("str-or-list", default=[], choices=tuple(NAMES),
                         doc="language codes the rules read only through a word-for-word English gloss: {reading} is glossed_reading for these, unread_reading for the others"),
        "glossed_reading": Field("str", default="the rules read {language} only through a word-for-word English gloss",
                                 doc="{reading} for a language in glossed ({language}: its name)"),
        "unread_reading": Field("str", default="the rules do not read {language}, so nothing in it was checked",
                                doc="{reading} for any other language ({language}: its name)"),
    }
    TEMPLATE_FIELDS = frozenset({"language", "code", "share", "part", "reading"})

    @staticmethod
    def validate(options) -> str | None:
        if not 0 <= options["min_share"] <= 1:
            return "'min_share' must be between 0 and 1"
        return None

    def run(self, doc):
        languages, min_share = self.options["languages"], self.options["min_share"]
        lang = doc.language  # None: too few function words in its first words; a later section may have them
        covered = None  # the language the document's finding names: no section is reported for it again
        if lang is not None and lang[0] not in languages and lang[1] >= min_share:
            s, e = first_line_span(doc)
            yield Hit(s, e, _values(lang, "Document", self.options), document=True)
            said = covered = lang[0]
        else:
            said = lang[0] if lang is not None and lang[0] in languages and lang[1] >= MIN_SHARE else None
        # what a reader of each section has been told (or may assume) its language is
        told: dict[int, str | None] = {}
        for section in doc.sections:
            around = told[id(section.parent)] if section.parent is not None else said
            told[id(section)] = around
            own = section.detected
            if own is None:
                continue
            if own[0] in languages:
                if own[1] >= MIN_SHARE:
                    told[id(section)] = own[0]
                continue
            if own[1] < min_share or own[0] == around or own[0] == covered:
                continue
            told[id(section)] = own[0]
            s, e = _span(section)
            yield Hit(s, e, _values(own, "Section", self.options))


def _values(lang: tuple[str, float], part: str, options) -> dict:
    code, share = lang
    name = NAMES[code]
    reading = options["glossed_reading"] if code in options["glossed"] else options["unread_reading"]
    return {"language": name, "code": code, "share": f"{share:.2f}", "part": part,
            "reading": reading.replace("{language}", name)}


def _span(section) -> tuple[int, int]:
    """A section's heading as ``line_span`` gives it; the first line of its prose
    when it has no heading (a section told has blocks, and no block is empty)."""
    return line_span(section.heading if section.heading is not None else section.blocks[0])
