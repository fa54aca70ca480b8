"""Patterns compiled for one document: each lexicon they hold cut to the words
that occur in it.

Compiling is most of what one short run costs: the health rules' patterns hold
lexicons of hundreds of words (``Compiler.trie`` builds them), and ``re`` parses
and assembles a pattern in Python on every run. A document names a few of those
words. A lexicon word whose first part (up to its first space) is not a
substring of the document's lowercased text cannot match anywhere in it, in any
case, nor can a word of several parts that the text does not hold whole, each
run of spaces and hyphens read as one space (when that is all the lexicon's
spaces match: "high blood pressure" in a text with "high" and no "blood
pressure"); cut to the words that can, a pattern finds what the whole one finds
in that document and compiles in a fraction of the time.

``Document`` (one per document) answers "this pattern, narrowed" and keeps the
narrowed lexicons; ``Budget`` (one per pattern) counts the documents a pattern
was narrowed for: after ``RUNS`` of them the whole pattern is compiled once and
serves every later document, so runs over many files compile each pattern once
(plus a few small ones).
"""

from __future__ import annotations

from ..codepoints import any_in, points
from .alternations import phrase_key
from .folding import lowers_alike

# Documents a pattern is compiled narrowed for before the whole pattern is compiled.
RUNS = 2
# A longer document is not narrowed: each of a lexicon's first words is looked
# for in its text, which for a long document costs more than compiling whole.
MAX_CHARS = 64_000


def lexicons_in(lexicons: dict, pattern: str) -> list:
    """(alternation text, ``alternations.Lexicon``) of the lexicons in
    ``lexicons`` that ``pattern`` holds, longest first."""
    return sorted(((t, spec) for t, spec in lexicons.items() if t in pattern), key=lambda lex: -len(lex[0]))


_LAST: dict = {}  # the text ``Document.of`` was last asked for -> its Document


class Document:
    """Narrowing for one document, made by ``of`` from a text holding every
    text a check matches in it; kept by the check for the document and handed
    to each pattern's ``within``, so that each lexicon is narrowed once."""

    __slots__ = ("lowered", "_text", "_tries", "_grams", "_phrases", "_chars")

    def __init__(self, lowered: str, text: str | None = None):
        self.lowered = lowered
        self._text = lowered if text is None else text  # as written: ``holds_in`` reads it
        self._tries: dict = {}  # alternation text -> narrowed
        self._grams = None  # the lowered text's three-character substrings, made on first use
        self._phrases = None  # the lowered text as ``holds_phrase`` reads it, made on first use
        self._chars = None  # the text's distinct code points, sorted, made on first use

    def _three(self) -> set:
        grams = self._grams
        if grams is None:
            low = self.lowered
            grams = self._grams = {low[i : i + 3] for i in range(len(low) - 2)}
        return grams

    def holds(self, part: str) -> bool:
        """Whether the lowered text holds ``part``. Most of a lexicon's parts are
        not in a given document, and a set lookup of a part's first three
        characters rules most of those out without scanning the text."""
        if len(part) >= 3:
            grams = self._three()
            if part[:3] not in grams or part[-3:] not in grams:
                return False
        return part in self.lowered

    def held(self, parts) -> set:
        """The strings of ``parts`` (None among them is skipped) that the lowered
        text holds: ``holds`` for each, in one pass (a lexicon has thousands)."""
        grams = self._three()
        low = self.lowered
        return {p for p in parts if p is not None and (len(p) < 3 or (p[:3] in grams and p[-3:] in grams)) and p in low}

    def holds_phrase(self, phrase: str) -> bool:
        """Whether the lowered text, each run of whitespace and hyphens read as
        one space (``alternations.phrase_key``), holds ``phrase`` (read so too)."""
        text = self._phrases
        if text is None:
            text = self._phrases = phrase_key(self.lowered)
        return phrase in text

    def holds_in(self, ranges) -> bool:
        """Whether the text as written (not lowercased) holds a character in one
        of ``ranges`` ((first, last) code point pairs, both included)."""
        chars = self._chars
        if chars is None:
            chars = self._chars = points(self._text)
        return any_in(chars, ranges)

    @classmethod
    def of(cls, text: str) -> "Document | None":
        """None when nothing is narrowed for ``text``: its lowercase may not show
        what the regex engine compares (``folding.lowers_alike``), or it is
        longer than ``MAX_CHARS``."""
        if len(text) > MAX_CHARS:
            return None
        last = _LAST.get(text)
        if last is not None:
            return last
        low = text.lower()
        document = cls(low, text) if lowers_alike(text, low) else None
        if document is not None:
            # the checks of one run narrow to the same text, one after another: the
            # text's three-character substrings and lexicons narrowed are read once
            _LAST.clear()
            _LAST[text] = document
        return document

    def narrowed(self, pattern: str, lexicons) -> str | None:
        """``pattern`` with each of ``lexicons`` (``lexicons_in``) that it holds
        narrowed to this document, or None if it holds none. Only occurrences not
        after a backslash are replaced (a lexicon is put into a pattern as a group;
        after an odd number of backslashes its parenthesis would be escaped)."""
        spans = []  # (start, end, replacement), not overlapping; longer lexicons first
        for text, lexicon in lexicons:
            at = pattern.find(text)
            while at >= 0:
                end = at + len(text)
                head = pattern[:at]
                escaped = (len(head) - len(head.rstrip("\\"))) % 2 == 1
                if not escaped and all(end <= s or at >= e for s, e, _ in spans):
                    cut = self._tries.get(text)
                    if cut is None:
                        cut = self._tries[text] = lexicon.narrowed(self)
                    spans.append((at, end, cut))
                at = pattern.find(text, end)
        if not spans:
            return None
        out, last = [], 0
        for start, end, replacement in sorted(spans):
            out.append(pattern[last:start])
            out.append(replacement)
            last = end
        out.append(pattern[last:])
        return "".join(out)


class Budget:
    """How many more documents a pattern is compiled narrowed for."""

    __slots__ = ("left",)

    def __init__(self):
        self.left = RUNS

    def take(self) -> bool:
        if self.left <= 0:
            return False
        self.left -= 1
        return True
