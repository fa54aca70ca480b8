"""required: the document must contain a block matching one of the patterns,
when it mentions any of the trigger terms (or always, with no triggers).

Used for the medical disclaimer. Only prose blocks count: a disclaimer that
exists only in a code block or an HTML comment is not one a reader sees. One
finding per document, at the line where its prose starts (its title, usually:
the finding is about the whole document, and a writer looks there, not at
whichever health word happened to come first), with the first trigger term
(``{trigger}``: why the rule applies) and the text to add in the message.

    kind: required
    triggers: [anxiety, depression, dosage]      # any case, word-bounded
    once_triggers: [skincare, scalp]             # triggers that count once, however often named
    language_triggers: {en: [pain], de: [Schmerzen]}  # triggers counted only in sections in that language
    min_triggers: 2                              # mentions needed before it applies
    about_health: true                           # ... or one, in a page the claim model is sure is about health;
                                                 # none in passing in a page it is sure is not
    patterns: ['not (?:intended as )?medical advice', 'for informational purposes only']
    suggestion: "This article is for informational purposes only ..."
    language_suggestions: {de: "Dieser Artikel dient ausschließlich der Information ..."}
    languages: [en]                              # only documents in these languages (default: any)

``languages`` limits the rule to documents whose prose is in one of these
languages (``Document.language``; a document too short to tell counts as any):
patterns written in English cannot find a German disclaimer. The requirement is
about the whole document, so it follows the document's language, not each
section's: a mostly-German article with an English section is not asked for an
English disclaimer (its disclaimer would be German, and such English sections
are mostly quoted titles and summaries). Within a document it reads, the
triggers are counted only in the sections in these languages
(``Document.sections``): "Kratom" in the German section of an English article
does not make the English article need a disclaimer.

``language_triggers`` are terms that are health words in one language and
something else in another: "pain" is bread in French, "Dose" a tin in German.
Each counts only in the sections whose language (``Section.language``) is its
key, or in any section when the language cannot be told.
"""

from __future__ import annotations

import re

from ..fields import Field
from ..findings import Fix
from ..document.language import NAMES
from .base import Check, Hit, Reading, first_line_span, in_languages, mention_keys, mentions


def _by_language(what: str, fits):
    """The check of an option that maps language codes to values ``fits`` accepts."""
    def check(value) -> str | None:
        for code, item in value.items():
            if code not in NAMES:
                return f"unknown language '{code}' (one of {', '.join(NAMES)})"
            if not fits(item):
                return f"must map each language to {what} ('{code}' does not)"
        return None
    return check


def _text(value) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _terms(value) -> bool:
    return isinstance(value, list) and all(_text(t) for t in value)


class RequiredCheck(Check):
    OPTIONS = {
        "patterns": Field("list", items="regex", required=True, doc="regexes; one match in one block satisfies the rule"),
        "triggers": Field("str-or-list", default=[], doc="terms that make the requirement apply; empty: always"),
        "min_triggers": Field("int", default=1, doc="how many trigger mentions make the requirement apply"),
        "not_triggers": Field("str-or-list", default=[], doc="phrases that hold a trigger and are no mention of it (idioms: 'pain point', 'a pain to set up'); the words inside them do not count"),
        "once_triggers": Field("str-or-list", default=[], doc="trigger terms that count once however often a document names them: words a page about something else may repeat (a makeup tutorial's 'moisturizer')"),
        "suggestion": Field("str", default="", doc="the text to add, shown in the message"),
        "language_suggestions": Field("map", default={}, check=_by_language("a text", _text),
                                      doc="language code -> the text to add to a document in that language (default: suggestion)"),
        "position": Field("str", default="end", choices=("start", "end"), doc="where the text belongs"),
        "language_triggers": Field("map", default={}, check=_by_language("a list of terms", _terms),
                                   doc="language code (en de es fr pt pl it nl) -> trigger terms counted only in sections in that language"),
        "languages": Field("str-or-list", default=[], choices=tuple(NAMES),
                           doc="only documents in these languages (en de es fr pt pl it nl), triggers counted in sections in them; empty: any"),
        "about_health": Field("bool", default=False,
                              doc="true: a document with at least one trigger but fewer than min_triggers applies too when the built-in claim model's document part is sure it is about health; a document it is sure is not about health, naming three different triggers or fewer, does not apply (English pages of 150 distinct words and more)"),
    }
    TEMPLATE_FIELDS = frozenset({"trigger", "suggestion"})
    DEFAULT_SCOPE = ("paragraph", "blockquote", "list_item", "table_cell", "footnote", "heading")

    def __init__(self, options, scope, compiler=None):
        super().__init__(options, scope, compiler)
        # tried only where a pattern's first word stands (see matching/phrases.py): a
        # disclaimer search runs over every paragraph of every article
        self.patterns = self.compiler.phrases(list(options["patterns"]), re.I)
        # a prefix trie, not a flat alternation: counting the mentions scans every block
        # of a long article that has fewer than min_triggers of them
        terms = [*options["triggers"], *options["once_triggers"]]
        by_language = options["language_triggers"]
        every = [*terms, *(t for ts in by_language.values() for t in ts)]
        # idioms are in every trie, so that one is matched whole (the longer term wins
        # at a place) and then not counted: "pain point" is no mention of "pain"
        self.idioms = list(options["not_triggers"])
        self.not_triggers = mention_keys(self.idioms)
        self.triggers = self._trie(every)
        # per language: the terms of every language and its own (a section whose
        # language cannot be told is read with all of them, ``self.triggers``)
        self.by_language = {code: self._trie([*terms, *ts]) for code, ts in by_language.items()}
        self.plain = self._trie(terms)  # a section in a language with no terms of its own
        self.once = mention_keys(options["once_triggers"])
        # every trigger counted once: how many different ones a page names (``mentions``)
        self.each_once = mention_keys(every)

    def _trie(self, terms):
        return self.compiler.regex(rf"(?i:(?<!\w){self.compiler.trie([*terms, *self.idioms])}(?!\w))") if terms else None

    def run(self, doc):
        if not in_languages(doc, self.options["languages"]):
            return
        # last block first: a disclaimer usually closes an article, and any one
        # match anywhere settles the rule
        for block in reversed(list(self.scope.blocks(doc))):
            for _ in self.patterns.finditer(block.text):
                return
        first = None
        if self.triggers is not None:
            blocks = list(Reading(doc, self.options["languages"]).blocks(doc))
            # the trigger lexicons cut to the document's words (``Regex.within``)
            document = self.narrowing_for(doc, [self.triggers, self.plain, *self.by_language.values()])
            triggers = self.triggers.within(document)
            per_block = None
            if self.by_language:
                plain = self.plain.within(document) if self.plain is not None else None
                by_language = {code: regex.within(document) if regex is not None else None
                               for code, regex in self.by_language.items()}
                per_block = {id(b): by_language.get(s.language, plain) if s.language else triggers
                             for s in doc.sections for b in s.blocks}
            count, first = mentions(doc, triggers, self.options["min_triggers"], blocks, self.once, per_block,
                                    self.not_triggers)
            if not count:
                return
            if self.options["about_health"]:
                score = self._health_score(doc)
                if (score is not None and score < self.SURE_NOT_ABOUT_HEALTH
                        and mentions(doc, triggers, self.PASSING_TRIGGERS + 1, blocks, self.each_once, per_block,
                                     self.not_triggers)[0]
                        <= self.PASSING_TRIGGERS):
                    return
                if count < self.options["min_triggers"] and (score is None or score < self.SURE_ABOUT_HEALTH):
                    return
            elif count < self.options["min_triggers"]:
                return
        trigger = " ".join(first[1].group().split()) if first is not None else ""
        s, e = first_line_span(doc)
        suggestion = self._suggestion(doc)
        fix = self._fix(doc, suggestion)
        yield Hit(s, e, {"trigger": trigger, "suggestion": suggestion}, fix=Fix.safe(*fix) if fix else None, document=True)

    # how sure the document model must be before one trigger makes a page need the
    # text: surer than the claim rule's gate (a wrong "yes" there only reads more; here
    # it is a finding): a makeup tutorial's one "acne" scored 0.71, the health pages
    # with one trigger in the labelled sets 0.90 and more (bench/README.md)
    SURE_ABOUT_HEALTH = 0.85
    # ... and how sure that a page is not about health before its triggers do not
    # count: the pages not about health that named two or three scored 0.01 and less
    # (a travel diary's "sleep" and "meditation", headphone reviews); a review's page on
    # a child's glucose monitor 0.08; the labelled pages that need the text, 0.28 and
    # more (bench/README.md)
    SURE_NOT_ABOUT_HEALTH = 0.05
    # ... when it names a few health words in passing ("sleep" and "fatigue" in a
    # headphone review, "CBD" and "sober" in a bar guide), not a paragraph of them
    PASSING_TRIGGERS = 3

    def _health_score(self, doc) -> float | None:
        """The claim model's document part's probability that ``doc`` is about
        health; None for a page it does not judge (not English, or too few distinct
        words: ``MIN_DOCUMENT_WORDS``)."""
        if not in_languages(doc, ("en",)):
            return None
        from .claim_model import document_words, load_builtin

        model = load_builtin(self.compiler.store)
        words = document_words(doc)
        return model.about_health(words) if len(words) >= model.MIN_DOCUMENT_WORDS else None

    def _suggestion(self, doc) -> str:
        """The text to add: in the document's language when ``language_suggestions``
        has one (a German article gets a German disclaimer), else ``suggestion``."""
        by_language = self.options["language_suggestions"]
        if by_language:
            from ..document.language import MIN_SHARE

            lang = doc.language
            if lang is not None and lang[1] >= MIN_SHARE and lang[0] in by_language:
                return by_language[lang[0]]
        return self.options["suggestion"]

    def _fix(self, doc, suggestion: str):
        """Insert the suggestion as its own paragraph at the configured position
        (after any front matter, or at the end). Line breaks follow the file's."""
        text = " ".join(suggestion.split())
        if not text:
            return None
        src = doc.source
        eol = "\r\n" if "\r\n" in src.text else ("\r" if "\r" in src.text else "\n")
        if self.options["position"] == "start":
            at = src.line_starts[doc.front_matter_lines[1]] if doc.front_matter_lines and doc.front_matter_lines[1] < src.line_count else 0
            if doc.front_matter_lines and doc.front_matter_lines[1] >= src.line_count:
                return (len(src.text), len(src.text), eol + eol + text + eol)
            # a blank line already there (usually after front matter) parts the text from what follows
            blank_after = src.text.startswith(("\n", "\r"), at)
            return (at, at, (eol if at else "") + text + eol + ("" if blank_after else eol))
        body = src.text.rstrip("\r\n \t")
        end = len(src.text)
        trailing = src.text[len(body):]
        if trailing.count("\n") + trailing.count("\r") - trailing.count("\r\n") >= 2:
            fix = (end, end, text + eol)
        elif trailing.endswith(("\n", "\r")):
            fix = (end, end, eol + text + eol)
        else:
            fix = (end, end, eol + eol + text + eol)
        last_line = src.position(len(body))[0]  # 1-based: the last line with text
        if any(kind in ("fence", "html_block") and end_line >= last_line for kind, _, end_line in doc.non_prose):
            return fix if _appended_as_prose(doc, fix) else None
        return fix


def _appended_as_prose(doc, fix) -> bool:
    """Whether text appended after a fence or HTML block that ends the file is read
    as prose: not when the block is still open (an unclosed fence, an HTML comment
    never closed), where a reader would not see it. Decided by parsing the fixed
    text, which the rule does only for a document that needs the text and ends
    in such a block."""
    from ..document import Document
    from ..source import Source

    at, _, inserted = fix
    src = doc.source
    fixed = Source.from_text(src.path, src.text[:at] + inserted + src.text[at:], strip_bom=False)
    line0 = fixed.position(at + len(inserted) - len(inserted.lstrip("\r\n")))[0] - 1
    return not any(start <= line0 < end for kind, start, end in Document.parse(fixed).non_prose)

