"""Matching text quickly: every speed-up behind the objects rule kinds match with.

A rule kind builds its patterns through a ``Compiler`` (handed to it with the
store of the run) and matches with what that returns; how the matching is made
fast stays in this package:

- ``Compiler.regex``: one pattern (``regex.Regex``), compiled when first used
  once the store knows it compiles.
- ``Compiler.phrases``: many pattern families matched as one leftmost-first
  alternation, each tried only where a word it can start with stands
  (``phrases.AnchoredMatcher``; the words are read off each pattern by
  ``analysis``, from its syntax as ``syntax`` reads it, and kept in the store;
  ``folding`` tells where lowercased words stand for what the engine compares).
- ``Compiler.cue``: a phrase list searched only in texts that hold one of its
  first words (``cues.Cue``).
- ``Compiler.trie``: many literal words as one prefix-factored alternation
  (``alternations``), kept in the store.
- ``Compiler.alternatives``: a rule's regexes as one alternation, narrowed to
  the ones whose words a document holds.
- ``within(text)`` on a ``Regex``, a matcher or a cue: the same object for one
  document's texts, its lexicons narrowed to the words that occur there
  (``narrowing``): a run over one file compiles a fraction of the pattern text.

A new speed-up goes here, behind one of these objects (or a new one), and only
through public Python APIs; a new kind's patterns are built with a Compiler.
"""

from __future__ import annotations

from ..store import Store
from . import narrowing
from .alternations import NARROWED_MIN, terms_regex
from .folding import lowers_alike, words_of
from .phrases import AnchoredMatcher
from .regex import Regex, compile_with

__all__ = ["Compiler", "Regex", "AnchoredMatcher", "terms_regex", "words_of", "lowers_alike"]


class Compiler:
    """Builds a rule's compiled-pattern objects, reading and keeping what that
    costs in ``store`` (none: only the built-in packs' shipped entries)."""

    __slots__ = ("store", "lexicons")

    def __init__(self, store: Store | None = None):
        self.store = store if store is not None else Store()
        # each big alternation ``trie`` or ``terms`` returned -> its
        # ``alternations.Lexicon`` (or ``Terms``): what ``within`` narrows to one
        # document's words (``narrowing``)
        self.lexicons: dict = {}

    def regex(self, pattern: str, flags: int = 0) -> Regex:
        """``pattern`` compiled (``re.error`` here if it cannot be), or known to
        compile and compiled on first use; the lexicons built with ``trie`` that
        it holds can be narrowed to one document's words (``Regex.within``)."""
        regex = compile_with(self.store, pattern, flags)
        if self.lexicons and len(pattern) >= NARROWED_MIN:
            regex.allow_narrowing(narrowing.lexicons_in(self.lexicons, pattern))
        return regex

    def phrases(self, patterns: list[str], flags: int = 0) -> AnchoredMatcher:
        """Pattern families matched as their alternation would be, by first word;
        the lexicons built with ``trie`` that they hold can be narrowed to one
        document's words (``AnchoredMatcher.within``)."""
        return AnchoredMatcher(patterns, flags, self.store, self.lexicons)

    def cue(self, phrases):
        """A phrase list gated by its first words (see ``cues.Cue``)."""
        from .cues import Cue

        return Cue(phrases, self)

    def terms(self, terms, case_sensitive: bool = False) -> str:
        """Literal terms as one alternation (``alternations.terms_regex``), which
        ``within`` can narrow as a lexicon."""
        from .alternations import Terms

        terms = list(terms)
        built = terms_regex(terms, case_sensitive)
        if not case_sensitive and len(built) >= NARROWED_MIN:  # one (?i:...) group: replaced whole
            self.lexicons[built] = Terms(terms, case_sensitive)
        return built

    def alternatives(self, patterns, flags: int = 0) -> str:
        """Regexes as one alternation, ``(?:p1)|(?:p2)|...``, which ``within``
        can narrow as a lexicon: each regex that needs a word the document does
        not hold is left out (``alternations.Alternatives``). ``flags``: those
        of the pattern the alternation is put in."""
        from .alternations import Alternatives

        patterns = list(patterns)
        built = "|".join(f"(?:{p})" for p in patterns)
        if len(patterns) > 1 and len(built) >= NARROWED_MIN:
            self.lexicons[built] = Alternatives(patterns, flags, self.store)
        return built

    def word_outside(self, ranges) -> str:
        """A word character outside the scripts of ``ranges`` ((first, last) code
        point pairs, each at most U+FFFF), as a pattern's text, which ``within``
        narrows to ``\\w`` for a document holding no character in them
        (``alternations.WordOutside``)."""
        from .alternations import WordOutside, word_outside

        built = word_outside(ranges)
        self.lexicons[built] = WordOutside(ranges)
        return built

    def trie(self, words, space: str = r"\s+", fold_case: bool = True) -> str:
        """Many literal words as one prefix-factored alternation (``alternations.trie_regex``)."""
        from .alternations import Lexicon, trie_regex

        words = list(words)
        built = trie_regex(words, space, fold_case, self.store)
        if len(built) >= NARROWED_MIN:
            self.lexicons[built] = Lexicon(words, space, fold_case)
        return built
