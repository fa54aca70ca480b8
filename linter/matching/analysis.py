"""What a regex pattern's matches must start with and contain, read off its
syntax (``syntax.parse``): the lowercased words a match can start with, whether
it starts at a word start or only at the text's start, and words one of which
every match contains after its first word. ``phrases.AnchoredMatcher`` tries a
pattern only where these allow a match. Every answer errs one way: "unknown"
(None, False) costs speed, never a match.
"""

from __future__ import annotations

import re

from . import syntax as S  # noqa: N812 - the tree's opcodes, as in re's own parser
from .folding import is_word_char, simple_lower

_LIMIT = 20000  # give up enumerating beyond this many first words (then: every word)


class _Unknown(Exception):
    pass


# The walks below follow every path through a pattern, and a rule author's
# pattern can have exponentially many: "(?:a)?" twenty times has a million. Each
# analysis of one pattern takes at most this many steps (the built-in packs need
# under 3,000 per pattern); past it, the answer is "unknown", which costs speed
# (the family is tried at every word), never a match.
STEPS = 100_000
# A rule file can hold thousands of patterns, each just under that limit: the
# steps each analysis takes past its first FREE_STEPS (most patterns need fewer;
# the built-in packs' answers are shipped) count against one total for the
# process, and once it is spent an analysis stops at FREE_STEPS.
FREE_STEPS = 1_500
TOTAL_STEPS = 2_000_000


class _Steps:
    """The steps left for one pattern's analysis, and the process's total."""

    __slots__ = ("left",)
    total_left = TOTAL_STEPS

    def __init__(self, left: int = STEPS):
        self.left = left

    def take(self) -> None:
        self.left -= 1
        if self.left < STEPS - FREE_STEPS:
            _Steps.total_left -= 1
            if _Steps.total_left < 0:
                raise _Unknown
        if self.left < 0:
            raise _Unknown


def _expand(items: list, prefix: str, out: set, steps: _Steps) -> None:
    """Add to ``out`` every possible first word (lowercased \\w run) of ``items``."""
    steps.take()
    for idx, (op, av) in enumerate(items):
        rest = items[idx + 1 :]
        if op == S.AT:
            continue
        if op == S.LITERAL:
            ch = chr(av)
            if is_word_char(ch):
                low = simple_lower(ch)
                if low is None:
                    raise _Unknown
                prefix += low
                continue
            if not prefix:
                raise _Unknown
            out.add(prefix)
            return
        if op == S.SUBPATTERN:
            _expand(list(av[-1]) + rest, prefix, out, steps)
            return
        if op == S.BRANCH:
            for branch in av[1]:
                _expand(list(branch) + rest, prefix, out, steps)
                if len(out) > _LIMIT:
                    raise _Unknown
            return
        if op in (S.MAX_REPEAT, S.MIN_REPEAT):
            lo, hi, sub = av
            if hi == 1:
                if lo == 0:
                    _expand(rest, prefix, out, steps)
                _expand(list(sub) + rest, prefix, out, steps)
                return
            if prefix:
                out.add(prefix)  # a repeated part: the first word ends or continues unknowably
                return
            raise _Unknown
        if op == S.ASSERT_NOT or op == S.ASSERT:
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
    if _Steps.total_left < 0:
        # an answer cut short by the process's spent budget is this process's
        # alone: not kept, so another process reads the pattern in full
        return words, required, at_start, at_word_start
    entry = {k: None if v is None else sorted(v) for k, v in (("words", words), ("required", required))}
    store.put("anchors", key, {**entry, "at_start": at_start, "at_word_start": at_word_start})
    return words, required, at_start, at_word_start


def _analyse(pattern: str, flags: int) -> tuple[frozenset | None, frozenset | None, bool, bool]:
    try:
        items, flags = S.parse(pattern, flags)  # with inline flags at the start: "(?m)^x", "(?a)\bx"
    except (S.Unsupported, RecursionError):
        return None, None, False, False
    steps = _Steps()
    try:
        out: set = set()
        _expand(items, "", out, steps)
        words = frozenset(out)
    except (_Unknown, RecursionError):
        words = None
    # "^..." without MULTILINE can only match at the start of the text
    at_start = not flags & re.M and bool(items) and items[0][0] == S.AT and items[0][1] in (S.AT_BEGINNING, S.AT_BEGINNING_STRING)
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


_NOT_AFTER_WORD = [(S.IN, [(S.CATEGORY, S.CATEGORY_WORD)])]  # the body of (?<!\w)


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
        if op == S.AT:
            if av == S.AT_BOUNDARY:
                return True
            continue
        if op == S.ASSERT_NOT and av[0] == -1 and list(av[1]) == _NOT_AFTER_WORD:
            return True
        if op == S.ASSERT or op == S.ASSERT_NOT:
            continue
        if op == S.SUBPATTERN:
            if av[1] & re.A:  # (?a:...): ASCII \b, see _analyse
                return False
            return _at_word_start(list(av[-1]) + rest, steps)
        if op == S.BRANCH:
            return all(_at_word_start(list(branch) + rest, steps) for branch in av[1])
        if op in (S.MAX_REPEAT, S.MIN_REPEAT) and av[0] == 0:
            return _at_word_start(rest, steps) and _at_word_start(list(av[2]) + rest, steps)
        return False
    return False  # it can match the empty string with no boundary


def _word_class(members: list) -> bool:
    """Whether a character class holds word characters only: ``\\w``, ``\\d``,
    word literals and ranges of them ("[xy]", "[a-z0-9]")."""
    for op, av in members:
        if op == S.CATEGORY:
            if av not in (S.CATEGORY_WORD, S.CATEGORY_DIGIT):
                return False
        elif op == S.LITERAL:
            if not is_word_char(chr(av)):
                return False
        elif op == S.RANGE:
            lo, hi = av
            if hi - lo > 0x3000 or not all(is_word_char(chr(c)) for c in range(lo, hi + 1)):
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
        if op == S.AT or op == S.ASSERT or op == S.ASSERT_NOT:
            continue
        if op == S.LITERAL:
            return is_word_char(chr(av))
        if op == S.IN:
            return _word_class(av)
        if op == S.SUBPATTERN:
            return _word_char_first(list(av[-1]) + rest, steps)
        if op == S.BRANCH:
            return all(_word_char_first(list(branch) + rest, steps) for branch in av[1])
        if op in (S.MAX_REPEAT, S.MIN_REPEAT):
            if av[0] == 0:
                return _word_char_first(rest, steps) and _word_char_first(list(av[2]) + rest, steps)
            return _word_char_first(list(av[2]), steps)
        return False
    return False


# Up to this many required words make a gate that is searched for (a regex,
# for text whose words cannot be compared as lowercase ASCII). A gate search per
# sentence and family costs less than trying the family at each of its first
# words (a family starting with a condition lexicon is a candidate at every
# condition word and rarely matches there; a gate read from any later item shuts
# most of those tries), but a search for hundreds of words costs more than the
# tries it saves (measured: 40 beats 100 and 400; bench/README.md).
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
        if op == S.LITERAL and is_word_char(chr(av)):
            low = simple_lower(chr(av))
            if low is not None:
                run += low
                continue
            # a letter the text's lowered words may not show as it is: the run
            # ends before it (what came before is still inside a text word)
        if run:
            options.append({run})
            run = ""
        found = None
        if op == S.SUBPATTERN:
            found = _contained(list(av[-1]), steps)
        elif op == S.BRANCH:
            parts = [_contained(list(branch), steps) for branch in av[1]]
            if all(parts):
                found = set().union(*parts)
        elif op in (S.MAX_REPEAT, S.MIN_REPEAT) and av[0] >= 1:
            found = _contained(list(av[2]), steps)
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
    while k < len(items) and items[k][0] in (S.AT, S.ASSERT, S.ASSERT_NOT):
        k += 1
    if k < len(items) and items[k][0] == S.LITERAL and is_word_char(chr(items[k][1])):
        while k < len(items) and items[k][0] == S.LITERAL and is_word_char(chr(items[k][1])):
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
    while len(items) == 1 and items[0][0] == S.SUBPATTERN:  # the whole pattern in a group
        items = list(items[0][1][-1])
    if len(items) == 1 and items[0][0] == S.BRANCH:
        parts = [_required_words(list(branch), steps) for branch in items[0][1][1]]
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
            if steps.left < 0 or _Steps.total_left < 0:
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
