"""capitalization: headings (or any scope) in title case or sentence case.

    kind: capitalization
    message: "Use sentence case: '{expected}'."
    style: sentence            # sentence | title | lower | upper
    exceptions: [PTSD, FDA, Kratom, CBD, iPhone]   # written exactly like this
    scope: [heading]

Words in all capitals (acronyms) and words with inner capitals (iPhone) are left
alone; so is anything after a colon's first word in sentence case. The fix
(unsafe: it may touch a proper noun) rewrites the heading text.
"""

from __future__ import annotations

import re

from ..fields import Field
from ..findings import Fix
from ..document.prose import PLACEHOLDER
from .base import Check, Hit, plain_in_source

MINOR_WORDS = (
    "a an the and but or nor for so yet as at by in of off on per to up via vs from into onto with over than"
).split()
_WORD = re.compile(r"[^\W\d_][\w'’\-]*")


class CapitalizationCheck(Check):
    OPTIONS = {
        "style": Field("str", default="sentence", choices=("sentence", "title", "lower", "upper")),
        "exceptions": Field("str-or-list", default=[], doc="words written exactly like this"),
        "minor_words": Field("str-or-list", default=MINOR_WORDS, doc="words in lower case in title case"),
    }
    TEMPLATE_FIELDS = frozenset({"expected", "style"})
    DEFAULT_SCOPE = ("heading",)

    def __init__(self, options, scope, compiler=None):
        super().__init__(options, scope, compiler)
        self.exceptions = {e.lower(): e for e in options["exceptions"] if " " not in e}
        phrases = [e for e in options["exceptions"] if " " in e]
        self.phrases = {" ".join(p.lower().split()): p for p in phrases}
        self.phrase_re = (
            self.compiler.regex("|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases), re.I) if phrases else None
        )
        self.minor = {w.lower() for w in options["minor_words"]}

    def expected(self, text: str) -> str:
        style = self.options["style"]
        out, pos, index = [], 0, 0
        after_colon = False
        for m in _WORD.finditer(text):
            out.append(text[pos : m.start()])
            if ":" in text[pos : m.start()]:
                after_colon = True
            out.append(self._word(m.group(), index, style, after_colon))
            after_colon = False
            pos = m.end()
            index += 1
        out.append(text[pos:])
        result = "".join(out)
        if self.phrase_re is not None:  # multi-word exceptions: "Southeast Asia"
            for m in self.phrase_re.finditer(text):
                canonical = self.phrases.get(" ".join(m.group().lower().split()), m.group())
                if len(canonical) == m.end() - m.start():
                    result = result[: m.start()] + canonical + result[m.end() :]
        return result

    def _word(self, word: str, index: int, style: str, after_colon: bool) -> str:
        if word.lower() in self.exceptions:
            return self.exceptions[word.lower()]
        if style == "upper":
            return word.upper()
        if word.isupper() and len(word) > 1 or any(c.isupper() for c in word[1:]):
            return word  # acronym (PTSD) or inner capitals (iPhone)
        if style == "lower":
            return word.lower()
        if style == "sentence":
            if index == 0:
                return word[:1].upper() + word[1:]
            if after_colon:  # either is fine after a colon: "Sleep: what helps" / "Sleep: What helps"
                return word if word[1:].islower() or len(word) == 1 else word.lower()
            return word.lower()
        if index > 0 and word.lower() in self.minor and not after_colon:
            return word.lower()
        return "-".join(p[:1].upper() + p[1:] for p in word.split("-"))

    def run(self, doc):
        for block in self.scope.blocks(doc):
            text = block.text.strip()
            if not text:
                continue
            start = len(block.text) - len(block.text.lstrip())
            end = len(block.text.rstrip())
            have = block.text[start:end]
            want = self.expected(have)
            if want == have:
                continue
            s, e = block.to_source(start, end)
            fix = Fix.unsafe(s, e, want) if plain_in_source(doc, s, e, have) else None
            shown = " ".join(_with_code(doc, block, start, want).split())
            yield Hit(s, e, {"expected": shown, "style": self.options["style"]}, fix=fix)


def _with_code(doc, block, start: int, want: str) -> str:
    """``want`` with each placeholder (inline code, HTML, a URL) written as its
    source text, so the message quotes `Grep`, not U+FFFC."""
    if PLACEHOLDER not in want:
        return want
    parts = want.split(PLACEHOLDER)
    at = [i for i, ch in enumerate(block.text) if ch == PLACEHOLDER and i >= start][: len(parts) - 1]
    out = [parts[0]]
    for i, part in zip(at, parts[1:]):
        a, b = block.to_source(i, i + 1)
        out += [doc.source.text[a:b], part]
    return "".join(out)
