"""Cue phrase lists searched only in texts that hold one of their first words.

A claimed sentence is checked against several cue lists (negations, doubt,
advice ...), and most sentences hold none of a list's first words: a set test
on the sentence's words (``phrases.words_of``) answers most checks without a
search.
"""

from __future__ import annotations

import copy
import re

SPACE = r"[\s\-]+"  # a space inside a phrase matches spaces or hyphens
_ONE_WORD = re.compile(r"[a-z0-9]+")


def phrase_regex(compiler, phrases) -> str:
    """Any of ``phrases`` as a whole-word alternation (see ``Compiler.trie``)."""
    return r"\b" + compiler.trie(phrases, space=SPACE) + r"\b"


def first_words(phrases) -> frozenset | None:
    """The first words (lowercased ``\\w`` runs) of a phrase list's matches. A
    match of ``phrase_regex`` starts at a word boundary and its first word run
    ends where the phrase's does (a space, a hyphen, an apostrophe or the closing
    ``\\b``), so it is a whole word of the text. None if a phrase starts with
    anything else, or with non-ASCII letters (whose case folding may differ)."""
    out = set()
    for phrase in phrases:
        phrase = " ".join(phrase.split()).lower()
        m = re.match(r"\w+", phrase)
        if m is None or not m.group().isascii():
            return None
        after = phrase[m.end() : m.end() + 1]
        if after and not after.isascii() and (after.upper() != after or after.lower() != after):
            return None  # a mark with case ("\u0345" folds to the letter iota): the word may go on
        out.add(m.group())
    return frozenset(out)


class Cue:
    """A cue phrase list as a regex, searched only in texts that contain one of
    its first words. ``words`` below: the text's words (``phrases.words_of``),
    or None when they cannot be told."""

    __slots__ = ("regex", "first", "singles", "_multi")

    def __init__(self, phrases, compiler):
        self.regex = compiler.regex(phrase_regex(compiler, phrases), re.I) if phrases else None
        self.first = first_words(phrases) if phrases else frozenset()
        # one-word phrases of word characters only: present exactly when the word
        # is among the text's words (what ``present`` asks), no search needed
        single = [p for p in phrases if _ONE_WORD.fullmatch(" ".join(p.split()).lower())]
        one = set(single)
        multi = [p for p in phrases if p not in one]
        self.singles = frozenset(" ".join(p.split()).lower() for p in single)
        self._multi = compiler.regex(phrase_regex(compiler, multi), re.I) if multi else None

    @property
    def narrowable(self) -> bool:
        """Whether ``within`` can still narrow this cue's patterns."""
        return any(r is not None and r.narrowable for r in (self.regex, self._multi))

    def within(self, document) -> "Cue":
        """This cue for the texts of one document (``Regex.within``)."""
        regex = self.regex.within(document) if self.regex is not None else None
        multi = self._multi.within(document) if self._multi is not None else None
        if regex is self.regex and multi is self._multi:
            return self
        view = copy.copy(self)
        view.regex, view._multi = regex, multi
        return view

    def may_match(self, words: frozenset | None) -> bool:
        if self.regex is None:
            return False
        return words is None or self.first is None or not self.first.isdisjoint(words)

    def finditer(self, text: str, words):
        return self.regex.finditer(text) if self.may_match(words) else ()

    def search(self, text: str, words):
        return self.regex.search(text) if self.may_match(words) else None

    def present(self, text: str, words) -> bool:
        """Whether some phrase of the list is in ``text``; the same answer as
        ``search``, mostly without one."""
        if self.regex is None:
            return False
        if words is None:
            return self.regex.search(text) is not None
        if not self.singles.isdisjoint(words):
            return True
        if self._multi is None or (self.first is not None and self.first.isdisjoint(words)):
            return False
        return self._multi.search(text) is not None
