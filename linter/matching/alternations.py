"""Regex alternations of many literal terms."""

from __future__ import annotations

import re

from .folding import lowers_alike


def terms_regex(terms, case_sensitive: bool = False) -> str:
    """Alternation of literal terms, longest first, bounded by word edges; spaces
    in a term match any run of whitespace (a term may cross a line break)."""
    parts = []
    for term in sorted(set(terms), key=lambda t: (-len(t), t)):  # stable across processes
        esc = r"\s+".join(re.escape(w) for w in term.split())
        left = r"(?<!\w)" if term[:1].isalnum() or term[:1] == "_" else ""
        right = r"(?!\w)" if term[-1:].isalnum() or term[-1:] == "_" else ""
        parts.append(left + esc + right)
    body = "|".join(parts) if parts else r"(?!x)x"
    return body if case_sensitive else f"(?i:{body})"


def trie_regex(words, space: str = r"\s+", fold_case: bool = True, store=None) -> str:
    """One regex alternation for many literal words, prefix-factored into a trie.

    ``re`` tries alternatives one by one at every position, so a flat list of a few
    hundred words costs a few hundred comparisons per character of text; the trie
    costs one per branching letter. A space inside a word matches ``space``.
    Longer words win over their prefixes, as in a longest-first alternation.
    Big lexicons' alternations are kept in ``store`` (building one costs
    milliseconds, and a rule pack has dozens).
    """
    words = [" ".join(w.split()) for w in words]
    if len(words) < 8 or store is None:
        return _trie_regex(words, space, fold_case)
    key = "\n".join([space, str(fold_case), *sorted(set(words))])
    hit = store.get("trie", key)
    if isinstance(hit, str):
        return hit
    built = _trie_regex(words, space, fold_case)
    store.put("trie", key, built)
    return built


# An alternation shorter than this compiles faster than narrowing it costs.
NARROWED_MIN = 400

# What a space inside a word may match, for which a word of several parts is
# looked for whole (``Lexicon.narrowed``): runs of whitespace and hyphens only.
PHRASE_SPACES = frozenset({r"\s+", r"[\s\-]+", " "})
_SEPARATORS = re.compile(r"[\s\-]+")


def phrase_key(lowered: str) -> str:
    """A lowercased text with every run of whitespace and hyphens read as one
    space, edges stripped: a match of a word whose spaces match such runs, read
    so, is in the text read so (``narrowing.Document.holds_phrase``)."""
    return _SEPARATORS.sub(" ", lowered).strip()


class Lexicon:
    """The words of an alternation ``trie_regex`` built, grouped by what a text
    must hold for one of them to match (``narrowed``)."""

    __slots__ = ("words", "space", "fold_case", "_by_first")

    def __init__(self, words, space: str, fold_case: bool):
        self.words = words
        self.space = space
        self.fold_case = fold_case
        self._by_first = None

    def _word(self, word: str) -> str:
        return " ".join(word.split())  # as trie_regex reads it

    def _build(self, kept: list) -> str:
        return _trie_regex(kept, self.space, self.fold_case)

    def _groups(self) -> dict:
        # lowercased first part (up to the first space) -> its (word, phrase)
        # pairs; None: words with a letter the regex engine folds unlike
        # str.lower (or no part), always kept. ``phrase``: a word of several
        # parts as ``narrowing.Document.holds_phrase`` looks for it whole (None:
        # its first part says all that can be told)
        groups: dict = {}
        whole = self.space in PHRASE_SPACES
        for w in self.words:
            w = self._word(w)
            parts = w.split(None, 1)
            if not parts:
                groups.setdefault(None, []).append((w, None))
                continue
            low = parts[0].lower()
            if not lowers_alike(parts[0], low):
                groups.setdefault(None, []).append((w, None))
                continue
            phrase = None
            if whole and len(parts) > 1:
                lowered = w.lower()
                if lowers_alike(w, lowered):
                    # phrase_key's own answer where it would change nothing (no hyphen,
                    # no run of spaces but single ones): most words, and a regex each
                    phrase = lowered if "-" not in lowered and lowered.split(" ") == lowered.split() else phrase_key(lowered)
            groups.setdefault(low, []).append((w, phrase))
        return groups

    def narrowed(self, document) -> str:
        """The alternation of the words that can occur in a text whose lowercase
        (``str.lower``, which ``folding.lowers_alike`` says the regex engine
        compares it by) is ``document``'s (``narrowing.Document``): a word whose
        first part is not in it cannot match there, case-insensitively or not,
        nor a word of several parts that is not in it whole, read with every run
        of spaces and hyphens as one space (``phrase_key``: what a match of the
        word is too, when its spaces match only spaces and hyphens). In that
        text it matches what the whole alternation matches."""
        if self._by_first is None:
            self._by_first = self._groups()
        held = document.held(self._by_first)
        kept = []
        for first, words in self._by_first.items():
            if first is None:
                kept.extend(w for w, _ in words)
            elif first in held:
                kept.extend(w for w, phrase in words if phrase is None or document.holds_phrase(phrase))
        if not kept:
            return "(?:(?!x)x)"  # a group, as the whole alternation is: a quantifier after it applies to all of it
        return self._build(kept)


class Terms(Lexicon):
    """The terms of a ``terms_regex`` alternation, narrowed as a ``Lexicon`` is
    (each term as written: its first and last characters decide its word edges)."""

    __slots__ = ()

    def __init__(self, terms, case_sensitive: bool):
        super().__init__(list(terms), r"\s+", not case_sensitive)  # the space terms_regex puts between words

    def _word(self, word: str) -> str:
        return word

    def _build(self, kept: list) -> str:
        return terms_regex(kept, not self.fold_case)


class Alternatives:
    """Regexes joined as one alternation (``Compiler.alternatives``), narrowed
    to a document (``narrowing.Document``) by leaving out each regex that cannot
    match in it: one whose matches all start with one of some words, or all
    contain one of some words (``analysis.leading_words``), none of which the
    document's lowercased text holds. Such a regex matches nowhere in that text,
    so the rest match what the whole alternation matches there, inside a
    lookahead or not. A rule's regexes ("not followed by a nutrient word", "not
    after a food that provides ...") are written once each, not as a lexicon,
    and a document needs a few of them."""

    __slots__ = ("patterns", "_needs")

    def __init__(self, patterns: list, flags: int, store):
        from .analysis import leading_words

        self.patterns = patterns
        # per regex, the word sets one word of each of which its matches hold; read
        # where the rule is built, so that the store (and the shipped entries) keeps
        # them as it keeps the phrase families' (a warm run computes nothing new)
        self._needs = []
        for p in patterns:
            words, required, _, _ = leading_words(p, flags, store)
            self._needs.append([w for w in (words, required) if w is not None])

    def narrowed(self, document) -> str:
        kept = [p for p, needs in zip(self.patterns, self._needs)
                if all(any(document.holds(w) for w in words) for words in needs)]
        if not kept:
            return "(?:(?!x)x)"
        return "|".join(f"(?:{p})" for p in kept)


class WordOutside:
    """A word character outside some scripts (``Compiler.word_outside``), narrowed
    to a plain ``\\w`` for a document that holds no character of theirs: there the
    two match the same, and a class of thousands of code points (the Chinese,
    Japanese and Korean blocks) costs ``re`` milliseconds to compile."""

    __slots__ = ("ranges",)

    def __init__(self, ranges):
        self.ranges = tuple(ranges)

    def narrowed(self, document) -> str:
        return word_outside(self.ranges) if document.holds_in(self.ranges) else r"\w"


def word_outside(ranges) -> str:
    """``(?:(?![ranges])\\w)`` for (first, last) code point pairs, each in the
    Basic Multilingual Plane (``\\uXXXX``)."""
    from ..codepoints import class_body

    return rf"(?:(?![{class_body(ranges)}])\w)"


def _trie_regex(words, space: str, fold_case: bool) -> str:
    trie: dict = {}
    for w in words:  # spaces already normalised by trie_regex
        if not w:
            continue
        node = trie
        for ch in w.lower() if fold_case else w:
            node = node.setdefault(ch, {})
        node[""] = {}
    if not trie:
        return r"(?!x)x"

    def emit(node) -> str:
        ends = "" in node
        branches = []
        for ch in sorted(k for k in node if k):
            piece = space if ch == " " else re.escape(ch)
            branches.append(piece + emit(node[ch]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return "(?:" + emit(trie) + ")"
