"""Matching many regex families quickly, by the word each match must start with.

A claim rule is a few dozen phrase families, each beginning with one of a few
hundred words. As one big alternation, Python's regex engine tries every family
at every character of every sentence. Here each family's possible first words are
read off its parsed pattern once; a sentence is split into words, and a family is
tried (``match`` at that position) only where its first word stands. Families
whose first word cannot be known (a pattern starting with ``\\w+``) are tried at
every word. Results are the same as ``finditer`` over the alternation: leftmost
match first, the earlier family winning at the same position. That holds because
every family's match starts where a word starts (a ``\\b`` before a word
character) or at the text's start; a set with a family that may start elsewhere
("not medical advice" inside "cannot medical advice", "(Smith)") is searched for
plainly, and its matches are merged with the others' by position and family
(``AnchoredMatcher.unanchored``).

Compiling the families is most of what one short run costs (each holds lexicons
of hundreds of words, and ``re`` parses and assembles a pattern in Python).
``within(text)`` gives the matcher for one document: a family is compiled with
each lexicon narrowed to the words that occur in the document (``narrowing``).
"""

from __future__ import annotations

import copy
import re

from . import narrowing
from .alternations import trie_regex
from .analysis import leading_words
from .folding import lowers_alike, words_of

_WORD = re.compile(r"\w+")

class AnchoredMatcher:
    """Pattern families matched as their alternation would be (see the module's
    text), each tried only where a word it can start with stands. ``store``
    keeps what reading the patterns costs (see ``leading_words``)."""

    def __init__(self, patterns: list[str], flags: int = 0, store=None, lexicons=()):
        self.patterns = patterns
        self.store = store
        self.flags = flags
        self._compiled: list = [None] * len(patterns)  # compiled when first needed
        # per family: the lexicons it holds (``narrowing.lexicons_in``); how many
        # more documents the families are compiled narrowed for
        self.lexicons = [narrowing.lexicons_in(lexicons, p) if lexicons else [] for p in patterns]
        self._budget = narrowing.Budget() if any(self.lexicons) else None
        self._whole = self  # the matcher whose whole families views share
        self._document = None  # a view's ``narrowing.Document`` (None: not a view)
        self.by_word: dict[str, list[int]] = {}
        self.everywhere: list[int] = []
        self.at_start: list[int] = []  # "^..." families: tried at the text's start only
        self._gate_words: list = []
        # Families whose matches may start inside a word (or at a non-word
        # character) cannot be tried at word starts only: they are searched for
        # plainly, and their matches merged with the others' by position.
        self.unanchored: list[int] = []
        for i, p in enumerate(patterns):
            words, required, at_start, at_word_start = leading_words(p, flags, store)
            self._gate_words.append(required)
            if not (at_start or at_word_start):
                self.unanchored.append(i)
                continue
            if words is not None:
                for w in words:
                    self.by_word.setdefault(w, []).append(i)
            elif at_start:
                self.at_start.append(i)
            else:
                self.everywhere.append(i)
        self._longest = max(map(len, self.by_word), default=0)  # no longer part of a word can be a first word
        # Gates of ASCII words of 3 letters or more (all that _required_words
        # keeps) are checked against the text's words (see _word_gates); any
        # other by a regex search (see _gate).
        self._word_gated = [bool(g) and all(w.isascii() and len(w) >= 3 for w in g) for g in self._gate_words]
        self._by_trigram: dict[str, list[tuple[str, int]]] = {}  # gate word's first 3 letters -> (word, family)
        for i, g in enumerate(self._gate_words):
            if self._word_gated[i]:
                for w in g:
                    self._by_trigram.setdefault(w[:3], []).append((w, i))
        self._memo: dict[str, tuple] = {}  # word -> (families that may start there, families whose gate it opens)
        self._finder = None  # built on first use (see _word_starts)
        self._any_word = None  # every family tried at word starts (see _unlowered_entry)
        self._gates: list = [None] * len(patterns)  # required-word searches, built on first use

    def _gate(self, i: int):
        """A search for family ``i``'s required words (any case, anywhere: a
        necessary condition only), or False when it has none."""
        gate = self._gates[i]
        if gate is None:
            words = self._gate_words[i]
            if words:
                gate = re.compile(trie_regex(words, " ", True, self.store), re.I)
            else:
                gate = False
            self._gates[i] = gate
        return gate

    def _gate_open(self, i: int, text: str, start: int, ahead: dict) -> bool:
        """Whether family ``i``'s required words occur in ``text`` from ``start``
        on, by a regex search (``ahead``: where each family's next one is, for
        this text; -1: nowhere)."""
        gate = self._gates[i]
        if gate is None:
            gate = self._gate(i)
        if not gate:
            return True
        at = ahead.get(i)
        if at is None or 0 <= at < start:
            hit = gate.search(text, start)
            at = ahead[i] = hit.start() if hit else -1
        return at >= 0

    def within(self, document: "narrowing.Document | None") -> "AnchoredMatcher":
        """This matcher for the texts of one document (``narrowing.Document``;
        None: not narrowed): what it finds in them is what this finds. Its
        families are compiled narrowed to the document while their budgets last;
        then the whole family is compiled, once, for every view."""
        whole = self._whole
        if document is None or not whole.narrowable:
            return whole
        whole._budget.take()  # a document of the budget, whichever families it tries
        view = copy.copy(whole)
        view._compiled = list(whole._compiled)
        view._document = document
        return view

    @property
    def narrowable(self) -> bool:
        """Whether ``within`` can still narrow (some family holds a lexicon, and
        the budget of documents lasts)."""
        budget = self._whole._budget
        return budget is not None and budget.left > 0

    def _regex(self, i: int):
        regex = self._compiled[i]
        if regex is None:
            whole = self._whole
            if self._document is not None and whole._compiled[i] is None and self.lexicons[i]:
                pattern = self._document.narrowed(self.patterns[i], self.lexicons[i])
                if pattern is not None:
                    regex = self._compiled[i] = re.compile(pattern, self.flags)
                    return regex
            regex = whole._compiled[i]
            if regex is None:
                regex = whole._compiled[i] = re.compile(self.patterns[i], self.flags)
            self._compiled[i] = regex
        return regex

    def _unlowered_entry(self, word: str) -> tuple:
        """``_entry`` for a word as the text has it. A word that lowercasing does
        not turn into what re.IGNORECASE compares ("ſo" is "so" to the regex
        engine, "İx" lowercases to three characters) may start any family."""
        low = word.lower()
        if lowers_alike(word, low):
            return self._entry(low)
        if self._any_word is None:
            self._any_word = sorted({i for found in self.by_word.values() for i in found} | set(self.everywhere))
        return (self._any_word, ())

    def _entry(self, word: str) -> tuple:
        """(families that may start at a lowercased word, families whose required
        words it contains), memoised: words repeat."""
        got = self._memo.get(word)
        if got is None:
            got = (self._lookup(word), self._word_gates(word))
            if len(self._memo) < 200_000:  # bounded: a 50 MB article has many words
                self._memo[word] = got
        return got

    def _word_gates(self, word: str) -> tuple:
        """The word-gated families one of whose required words occurs in ``word``.
        A required word is a run of word characters, so where a regex search
        finds it in a text it lies inside one of the text's words: a family's
        gate is open from a position on exactly when some word from there on
        contains one of its required words."""
        found = set()
        by_trigram = self._by_trigram
        for k in range(len(word) - 2):
            for w, i in by_trigram.get(word[k : k + 3], ()):
                if word.startswith(w, k):
                    found.add(i)
        return tuple(found)

    def _lookup(self, word: str) -> list[int]:
        """A first word read off a pattern may be a prefix of the text's word
        ("reduc" + "es"), so look up every prefix of the word too."""
        by_word = self.by_word
        found = by_word.get(word)
        out = list(found) if found else []
        for n in range(1, min(len(word), self._longest + 1)):
            more = by_word.get(word[:n])
            if more:
                out.extend(more)
        if self.everywhere:
            out.extend(self.everywhere)
        return sorted(set(out)) if len(out) > 1 else out

    def _word_starts(self, text: str):
        """The words where some family may start (match objects; the caller looks
        each word up), and whether they are all the words of the lowercased text
        (then word gates apply). The words of the lowercased text, found by one ``\\w+``
        scan, are what a trie regex of every first word finds at word starts,
        at a quarter of its cost (a regex that must test every character). Text
        where lowercasing changes lengths or differs from the regex engine's case
        folding takes that trie regex instead."""
        if self.everywhere or not self.by_word:
            return _WORD.finditer(text), False
        low = text.lower()
        if lowers_alike(text, low):
            return _WORD.finditer(low), True
        if self._finder is None:
            self._finder = re.compile(r"(?<!\w)(?=" + trie_regex(self.by_word, " ", True, self.store) + r")\w+", re.I)
        return self._finder.finditer(text), False

    @property
    def plain(self) -> bool:
        """Whether some family is searched for plainly (see ``unanchored``)."""
        return bool(self.unanchored)

    def _search(self, i: int, text: str, pos: int):
        """Family ``i``'s leftmost non-empty match at or after ``pos``, or None."""
        regex = self._regex(i)
        m = regex.search(text, pos)
        while m is not None and m.end() == m.start():
            m = regex.search(text, m.start() + 1) if m.start() < len(text) else None
        return m

    def finditer(self, text: str, words: list | None = None):
        """(match, family index) pairs, left to right, not overlapping: at the
        leftmost position where some family matches (non-empty), the earliest
        family there, then on from the match's end. The word-anchored families'
        matches and the unanchored families' (searched for plainly) are two
        streams of such matches, merged by (position, family).

        ``words``: a list that, once every match is taken, holds the ``\\w+``
        runs of the lowercased text in order, the words the matcher scanned, for
        a caller that needs them too; left empty when it scans no such words
        (text whose lowercase is not what the regex engine compares)."""
        floor = [0]  # where the next match may start: the end of the last one yielded
        anchored = self._anchored_finditer(text, floor, words)
        return self._merged(text, floor, anchored) if self.unanchored else anchored

    def _merged(self, text: str, floor: list, anchored):
        """``finditer`` with unanchored families: the anchored stream's next
        match (peeked with the floor kept where it was) against the unanchored
        families' next ones, the leftmost, then the earlier family, first."""
        nxt: dict = {}  # unanchored family -> its next match from the floor (None: none)

        def peek():
            at = floor[0]
            got = next(anchored, None)  # moves the floor to its match's end
            floor[0] = at
            return got

        def upcoming():
            best = None
            for j in self.unanchored:
                m = nxt.get(j, False)
                if m is False or (m is not None and m.start() < floor[0]):
                    m = nxt[j] = self._search(j, text, floor[0])
                if m is not None and (best is None or m.start() < best[0].start()):
                    best = (m, j)
            return best

        peeked = peek()
        while True:
            if peeked is not None and peeked[0].start() < floor[0]:
                peeked = peek()  # overlapped by an unanchored match
                continue
            up = upcoming()
            if peeked is None and up is None:
                return
            if up is None or (peeked is not None and (peeked[0].start(), peeked[1]) < (up[0].start(), up[1])):
                m, i = peeked
                peeked = None
            else:
                m, i = up
            floor[0] = m.end()
            yield m, i
            if peeked is None:
                peeked = peek()

    def _anchored_finditer(self, text: str, floor: list, scanned: list | None = None):
        """The word-anchored families' matches, left to right, each at or after
        ``floor[0]``, which this moves to the end of each match it yields (a
        caller that takes another match instead sets it there: then this goes on
        from there)."""
        first_word_done = False
        if text and (self.at_start or self.everywhere):
            first = _WORD.match(text)
            if first is None:
                # families that may start before any word ("^\W*disclaimer")
                # get the text's start too
                tried = sorted(self.at_start + self.everywhere)
            elif self.at_start:
                tried = sorted(set(self._unlowered_entry(first.group())[0]) | set(self.at_start))
                first_word_done = True
            else:
                tried = ()
            for i in tried:
                m = self._regex(i).match(text, 0)
                if m is not None and m.end() > m.start():
                    floor[0] = m.end()
                    yield m, i
                    break
        ahead: dict = {}  # family -> where its next required word is (-1: nowhere)
        memo = self._memo
        word_gated = self._word_gated
        words = []  # (start, families) of the words where some family may start
        last: dict = {}  # word-gated family -> start of the last word that opens its gate
        found, lowered = self._word_starts(text)
        keep = scanned.append if scanned is not None and lowered else None
        for w in found:
            word = w.group()
            if keep is not None:
                keep(word)
            entry = memo.get(word) if lowered else None
            if entry is None:
                entry = self._unlowered_entry(word)
            families, opens = entry
            if opens or families:
                start = w.start()
                for i in opens:
                    last[i] = start
                if families:
                    words.append((start, families))
        for start, families in words:
            if start < floor[0] or (first_word_done and start == 0):
                continue
            for i in families:
                if word_gated[i] and lowered:
                    if last.get(i, -1) < start:
                        continue  # none of its required words from here on
                elif not self._gate_open(i, text, start, ahead):
                    continue
                m = self._regex(i).match(text, start)
                if m is not None and m.end() > m.start():
                    floor[0] = m.end()
                    yield m, i
                    break
