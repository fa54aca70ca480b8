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
"""

from __future__ import annotations

import re
from re import _constants as C  # noqa: N812 - the parser's opcodes
from re import _parser as P  # noqa: N812 - stable since 3.11; only read here

from .alternations import trie_regex

_WORD = re.compile(r"\w+")
# Characters that re.IGNORECASE equates with a letter that str.lower() does not
# turn them into (the long s is an "s" to the regex engine): text with one of
# them takes the regex finder, whose matching is exactly the families'.
try:
    from re._casefix import _EXTRA_CASES  # CPython's table of such characters

    _FOLDS_DIFFER = re.compile("[" + re.escape("".join(chr(c) for c in _EXTRA_CASES if c > 127)) + "]")
except ImportError:  # pragma: no cover - another Python: any non-ASCII text
    _FOLDS_DIFFER = re.compile(r"[^\x00-\x7f]")
_LIMIT = 20000  # give up enumerating beyond this many first words (then: every word)


def words_of(text: str) -> frozenset | None:
    """The lowercased ``\\w+`` runs of ``text``, or None when lowercasing may not
    give what a re.IGNORECASE pattern sees (lengths change, or a character the
    regex engine folds differently: see ``_FOLDS_DIFFER``). A phrase regex whose
    matches all start with one of some words can only match a text with one of
    them among its words."""
    low = text.lower()
    if not lowers_alike(text, low):
        return None
    return frozenset(_WORD.findall(low))


def lowers_alike(text: str, low: str) -> bool:
    """Whether ``low`` (``text.lower()``) has the characters a re.IGNORECASE
    pattern compares ``text`` by: same length (not so for "İ"), and none that
    the regex engine folds differently. Checked on the lowered text: str.lower()
    writes a final sigma "ς" where the engine folds "Σ" to "σ"."""
    return text.isascii() or (len(low) == len(text) and _FOLDS_DIFFER.search(low) is None)


def _simple_lower(ch: str) -> str | None:
    """A pattern literal's lowercase as the words of a lowercased text show it, or
    None when they may not ("İ" lowercases to two characters; "ſ" and "µ" fold
    to other letters in the regex engine)."""
    low = ch.lower()
    if ch.isascii():
        return low
    if len(low) != 1 or _FOLDS_DIFFER.match(low):
        return None
    return low


def _is_word_char(ch: str) -> bool:
    """The regex engine's ``\\w`` for one character of a str (alphanumeric or _)."""
    return ch.isalnum() or ch == "_"


class _Unknown(Exception):
    pass


# The walks below follow every path through a pattern, and a rule author's
# pattern can have exponentially many: "(?:a)?" twenty times has a million. Each
# analysis of one pattern takes at most this many steps (the built-in packs need
# under 3,000 per pattern); past it, the answer is "unknown", which costs speed
# (the family is tried at every word), never a match.
STEPS = 100_000


class _Steps:
    """The steps left for one pattern's analysis."""

    __slots__ = ("left",)

    def __init__(self, left: int = STEPS):
        self.left = left

    def take(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise _Unknown


def _expand(items: list, prefix: str, out: set, steps: _Steps) -> None:
    """Add to ``out`` every possible first word (lowercased \\w run) of ``items``."""
    steps.take()
    for idx, (op, av) in enumerate(items):
        rest = items[idx + 1 :]
        if op is C.AT:
            continue
        if op is C.LITERAL:
            ch = chr(av)
            if _is_word_char(ch):
                low = _simple_lower(ch)
                if low is None:
                    raise _Unknown
                prefix += low
                continue
            if not prefix:
                raise _Unknown
            out.add(prefix)
            return
        if op is C.SUBPATTERN:
            _expand(list(av[-1].data) + rest, prefix, out, steps)
            return
        if op is C.BRANCH:
            for branch in av[1]:
                _expand(list(branch.data) + rest, prefix, out, steps)
                if len(out) > _LIMIT:
                    raise _Unknown
            return
        if op in (C.MAX_REPEAT, C.MIN_REPEAT):
            lo, hi, sub = av
            if hi == 1:
                if lo == 0:
                    _expand(rest, prefix, out, steps)
                _expand(list(sub.data) + rest, prefix, out, steps)
                return
            if prefix:
                out.add(prefix)  # a repeated part: the first word ends or continues unknowably
                return
            raise _Unknown
        if op is C.ASSERT_NOT or op is C.ASSERT:
            continue  # lookarounds do not consume
        if prefix:
            out.add(prefix)
            return
        raise _Unknown
    if not prefix:
        raise _Unknown
    out.add(prefix)


def leading_words(pattern: str, flags: int = 0, store=None) -> tuple[frozenset | None, frozenset | None, bool, bool]:
    """(first words, required words, at text start, at word start) of
    ``pattern``: the lowercased words a match can start with and a set of words
    one of which every match contains after its first word (see
    ``_required_words``), each None when it cannot be known; whether it can match
    only at the start of the text; and whether every match starts where a word
    starts (see ``_at_word_start``). Reading them off the parsed pattern costs
    about as much as compiling it, so the answer is kept in ``store`` (and
    shipped for the built-in packs)."""
    flags = int(flags)  # RegexFlag arithmetic in the parser is slow
    if store is None:
        return _analyse(pattern, flags)
    from ..cache import digest

    key = digest("anchors", pattern, str(flags))
    hit = store.get("anchors", key)
    if isinstance(hit, dict) and "at_word_start" in hit and "at_start" in hit:
        return (
            *(None if hit[k] is None else frozenset(hit[k]) for k in ("words", "required")),
            bool(hit["at_start"]),
            bool(hit["at_word_start"]),
        )
    words, required, at_start, at_word_start = _analyse(pattern, flags)
    entry = {k: None if v is None else sorted(v) for k, v in (("words", words), ("required", required))}
    store.put("anchors", key, {**entry, "at_start": at_start, "at_word_start": at_word_start})
    return words, required, at_start, at_word_start


def _analyse(pattern: str, flags: int) -> tuple[frozenset | None, frozenset | None, bool, bool]:
    try:
        parsed = P.parse(pattern, flags)
        items = list(parsed.data)
    except (RecursionError, re.error, OverflowError):
        return None, None, False, False
    steps = _Steps()
    try:
        out: set = set()
        _expand(items, "", out, steps)
        words = frozenset(out)
    except (_Unknown, RecursionError):
        words = None
    flags |= parsed.state.flags  # with inline flags at the start: "(?m)^x", "(?a)\bx"
    # "^..." without MULTILINE can only match at the start of the text
    at_start = not flags & re.M and bool(items) and items[0][0] is C.AT and items[0][1] in (C.AT_BEGINNING, C.AT_BEGINNING_STRING)
    try:
        # an ASCII-only \b holds between "é" and "f", inside a text's \w+ run
        steps = _Steps()
        at_word_start = (
            not flags & re.A and _at_word_start(items, steps) and (words is not None or _word_char_first(items, steps))
        )
    except (_Unknown, RecursionError):
        at_word_start = False
    try:
        required = _required_words(items, _Steps())
    except (_Unknown, RecursionError):
        required = None
    return words, required, at_start, at_word_start


_NOT_AFTER_WORD = [(C.IN, [(C.CATEGORY, C.CATEGORY_WORD)])]  # the body of (?<!\w)


def _at_word_start(items: list, steps: _Steps) -> bool:
    """Whether, on every path through the pattern, a word boundary (``\\b``, or
    ``(?<!\\w)``) is asserted before the first character is consumed. With a word
    character first (``_expand`` found first words, or ``_word_char_first``), a
    match then starts where a ``\\w+`` run of the text starts: where the matcher
    tries it. ``not medical advice`` has no boundary and matches inside
    "cannot medical advice"; a family like that is searched for plainly."""
    steps.take()
    for idx, (op, av) in enumerate(items):
        rest = items[idx + 1 :]
        if op is C.AT:
            if av is C.AT_BOUNDARY:
                return True
            continue
        if op is C.ASSERT_NOT and av[0] == -1 and list(av[1].data) == _NOT_AFTER_WORD:
            return True
        if op is C.ASSERT or op is C.ASSERT_NOT:
            continue
        if op is C.SUBPATTERN:
            if av[1] & C.SRE_FLAG_ASCII:  # (?a:...): ASCII \b, see _analyse
                return False
            return _at_word_start(list(av[-1].data) + rest, steps)
        if op is C.BRANCH:
            return all(_at_word_start(list(branch.data) + rest, steps) for branch in av[1])
        if op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] == 0:
            return _at_word_start(rest, steps) and _at_word_start(list(av[2].data) + rest, steps)
        return False
    return False  # it can match the empty string with no boundary


def _word_class(members: list) -> bool:
    """Whether a character class holds word characters only: ``\\w``, ``\\d``,
    word literals and ranges of them ("[xy]", "[a-z0-9]")."""
    for op, av in members:
        if op is C.CATEGORY:
            if av not in (C.CATEGORY_WORD, C.CATEGORY_DIGIT):
                return False
        elif op is C.LITERAL:
            if not _is_word_char(chr(av)):
                return False
        elif op is C.RANGE:
            lo, hi = av
            if hi - lo > 0x3000 or not all(_is_word_char(chr(c)) for c in range(lo, hi + 1)):
                return False
        else:  # NEGATE and anything else
            return False
    return bool(members)


def _word_char_first(items: list, steps: _Steps) -> bool:
    """Whether every match's first character is a word character, for patterns
    whose first words are unknown (``\\b\\w+ly``): a word literal, ``\\w``, or a
    group or repeat (at least once) of those."""
    steps.take()
    for idx, (op, av) in enumerate(items):
        rest = items[idx + 1 :]
        if op is C.AT or op is C.ASSERT or op is C.ASSERT_NOT:
            continue
        if op is C.LITERAL:
            return _is_word_char(chr(av))
        if op is C.IN:
            return _word_class(av)
        if op is C.SUBPATTERN:
            return _word_char_first(list(av[-1].data) + rest, steps)
        if op is C.BRANCH:
            return all(_word_char_first(list(branch.data) + rest, steps) for branch in av[1])
        if op in (C.MAX_REPEAT, C.MIN_REPEAT):
            if av[0] == 0:
                return _word_char_first(rest, steps) and _word_char_first(list(av[2].data) + rest, steps)
            return _word_char_first(list(av[2].data), steps)
        return False
    return False


# Up to this many required words make a gate that is searched for (a regex,
# for text whose words cannot be compared as lowercase ASCII). A gate search per
# sentence and family costs less than trying the family at each of its first
# words (families starting with a condition lexicon were tried 30,000 times on
# 300 articles without a single match before their gates were read from any
# later item), but a search for hundreds of words costs more than the tries it
# saves (measured: 40 beats 100 and 400).
LIMIT = 40
# A gate of ASCII words of 3 letters or more is read off the text's words instead
# (a memo per distinct word, see AnchoredMatcher._word_gates), whose cost does
# not grow with the number of gate words: such gates may be larger.
WORD_GATE_LIMIT = 2000


def _usable(out) -> bool:
    """Whether a set of required words is worth a gate: none short (is, to tell
    nothing), and few enough for its kind of check."""
    if not out or min(map(len, out)) < 3:
        return False
    return len(out) <= LIMIT or (len(out) <= WORD_GATE_LIMIT and all(w.isascii() for w in out))


def _better(out, best) -> bool:
    return best is None or (len(out), -min(map(len, out))) < (len(best), -min(map(len, best)))


def _contained(items: list, steps: _Steps) -> set | None:
    """Words one of which every match of ``items`` contains: a run of word
    literals ("longer" in "no\\s+longer"), or one such set from each alternative of
    a group, or from a part repeated at least once; the fewest and longest found.
    None if there is none."""
    steps.take()
    options = []
    run = ""
    for op, av in items:
        if op is C.LITERAL and _is_word_char(chr(av)):
            low = _simple_lower(chr(av))
            if low is not None:
                run += low
                continue
            # a letter the text's lowered words may not show as it is: the run
            # ends before it (what came before is still inside a text word)
        if run:
            options.append({run})
            run = ""
        found = None
        if op is C.SUBPATTERN:
            found = _contained(list(av[-1].data), steps)
        elif op is C.BRANCH:
            parts = [_contained(list(branch.data), steps) for branch in av[1]]
            if all(parts):
                found = set().union(*parts)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1:
            found = _contained(list(av[2].data), steps)
        if found:
            options.append(found)
    if run:
        options.append({run})
    best = None
    for out in options:
        if _usable(out) and _better(out, best):
            best = out
    return best


def _after_first_word(items: list) -> int:
    """Where the items after a pattern's first word begin: past leading ``\\b``,
    ``^`` and lookarounds, then past a run of word literals ("not") or one item (a
    group of first words). Words from there on make a gate; the first word's own
    would be no gate at all (the family is only tried where it stands)."""
    k = 0
    while k < len(items) and items[k][0] in (C.AT, C.ASSERT, C.ASSERT_NOT):
        k += 1
    if k < len(items) and items[k][0] is C.LITERAL and _is_word_char(chr(items[k][1])):
        while k < len(items) and items[k][0] is C.LITERAL and _is_word_char(chr(items[k][1])):
            k += 1
        return k
    return max(k + 1, 1)


def _required_words(items: list, steps: _Steps) -> frozenset | None:
    """Words one of which every match must contain, past its first item: the first
    words of the pattern's remainder from some later top-level item on, or the
    words some later item contains (``_contained``). A family that starts with a
    lexicon ("{cond} was relieved") is a candidate at every condition word of a
    text; its required words (the participles) are rare, so one check tells at
    once whether it can match anywhere in the rest of the sentence. The least and
    longest words win; short ones (is, to) tell nothing. A pattern that is one
    group of alternatives gets one gate for all: each alternative's own."""
    while len(items) == 1 and items[0][0] is C.SUBPATTERN:  # the whole pattern in a group
        items = list(items[0][1][-1].data)
    if len(items) == 1 and items[0][0] is C.BRANCH:
        parts = [_required_words(list(branch.data), steps) for branch in items[0][1][1]]
        if not all(parts):
            return None
        out = frozenset().union(*parts)
        return out if _usable(out) else None
    best = None
    first = _after_first_word(items)
    # from any later item on: the words a match of the pattern's remainder starts
    # with must occur in the text after the first word (after "\\s+", after a
    # "(?:\\w+\\s+){0,2}" whose words are unknown, after a hyphen ...)
    for j in range(first, len(items)):
        out: set = set()
        try:
            _expand(items[j:], "", out, steps)
        except RecursionError:
            continue
        except _Unknown:
            if steps.left < 0:
                raise
            continue
        if _usable(out) and _better(out, best):
            best = out
    for item in items[first:]:
        try:
            out = _contained([item], steps)
        except RecursionError:
            continue
        if out and _better(out, best):
            best = out
    return frozenset(best) if best else None


class AnchoredMatcher:
    """Pattern families matched as their alternation would be (see the module's
    text), each tried only where a word it can start with stands. ``store``
    keeps what reading the patterns costs (see ``leading_words``)."""

    def __init__(self, patterns: list[str], flags: int = 0, store=None):
        self.patterns = patterns
        self.store = store
        self.flags = flags
        self._compiled: list = [None] * len(patterns)  # compiled when first needed
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
        self.prefixes = {w[:n] for w in self.by_word for n in range(1, len(w) + 1)}
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

    def _regex(self, i: int):
        regex = self._compiled[i]
        if regex is None:
            regex = self._compiled[i] = re.compile(self.patterns[i], self.flags)
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
        found = self.by_word.get(word)
        out = list(found) if found else []
        for n in range(1, len(word)):  # shortest first: no longer part can be one once a part is no prefix
            part = word[:n]
            if part not in self.prefixes:
                break
            more = self.by_word.get(part)
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

    def finditer(self, text: str):
        """(match, family index) pairs, left to right, not overlapping: at the
        leftmost position where some family matches (non-empty), the earliest
        family there, then on from the match's end. The word-anchored families'
        matches and the unanchored families' (searched for plainly) are two
        streams of such matches, merged by (position, family)."""
        floor = [0]  # where the next match may start: the end of the last one yielded
        anchored = self._anchored_finditer(text, floor)
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

    def _anchored_finditer(self, text: str, floor: list):
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
        for w in found:
            word = w.group()
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
