"""``Regex``: a compiled pattern that a rule holds, compiled when first used.

Compiling is most of what building a rule set costs (the claim rule's phrase
families are thousands of characters each, and ``re`` parses and assembles each
one in Python on every run). A rule set holds many patterns a given run never
uses, so a pattern is compiled where the rule is built only the first time the
store sees it: that is where a bad pattern must fail, with the rule's file and
line. Once the store records that it compiled (on this interpreter), later runs
compile it on first use, and not at all when nothing needs it.
"""

from __future__ import annotations

import re
import sys

from . import narrowing

# Below this many characters compiling costs less than a store lookup.
MIN_LENGTH = 24

# Which patterns compile can change between interpreter versions.
_INTERPRETER = f"{sys.implementation.cache_tag}:{sys.hexversion}"


class Regex:
    """``re.Pattern``'s matching methods, bound to the compiled pattern on first
    call (after that a call costs what the pattern's own method does)."""

    def __init__(self, pattern: str, flags: int = 0, compiled: re.Pattern | None = None):
        self.pattern = pattern
        self.flags = flags
        self.lexicons = ()  # the lexicons it holds (``narrowable``)
        self.budget = None
        if compiled is not None:
            self._bind(compiled)

    def allow_narrowing(self, lexicons) -> None:
        """Let ``within`` narrow these lexicons (``narrowing.lexicons_in``)."""
        if lexicons:
            self.lexicons = lexicons
            self.budget = narrowing.Budget()

    @property
    def narrowable(self) -> bool:
        """Whether ``within`` can still narrow this pattern."""
        return self.budget is not None and self.budget.left > 0 and "compiled" not in self.__dict__

    def within(self, document: "narrowing.Document | None") -> "Regex":
        """This pattern for the texts of one document (``narrowing.Document``;
        None: not narrowed): what it finds in them is what this finds. Compiled
        with its lexicons narrowed to the document while its budget lasts and it
        is not compiled whole; else this."""
        if document is None or not self.narrowable or not self.budget.take():
            return self
        return _Narrowed(document, self)

    def _bind(self, compiled: re.Pattern) -> re.Pattern:
        self.compiled = compiled
        self.search = compiled.search
        self.match = compiled.match
        self.fullmatch = compiled.fullmatch
        self.finditer = compiled.finditer
        self.findall = compiled.findall
        self.sub = compiled.sub
        self.split = compiled.split
        return compiled

    def load(self) -> re.Pattern:
        """The compiled pattern."""
        compiled = self.__dict__.get("compiled")
        return compiled if compiled is not None else self._bind(re.compile(self.pattern, self.flags))

    def search(self, *args):
        return self.load().search(*args)

    def match(self, *args):
        return self.load().match(*args)

    def fullmatch(self, *args):
        return self.load().fullmatch(*args)

    def finditer(self, *args):
        return self.load().finditer(*args)

    def findall(self, *args):
        return self.load().findall(*args)

    def sub(self, *args):
        return self.load().sub(*args)

    def split(self, *args):
        return self.load().split(*args)

    def __repr__(self) -> str:
        return f"Regex({self.pattern[:40]!r}, {self.flags})"


class _Narrowed(Regex):
    """A ``Regex`` narrowed to one document (made by ``within``, which took one
    document of the whole pattern's budget): narrowed and compiled on first use
    (a check narrows all its patterns for a document, and uses some: a cue whose
    first words the document does not hold is never searched), unless the whole
    pattern is compiled by then."""

    def __init__(self, document: "narrowing.Document", whole: Regex):
        self.flags = whole.flags
        self.lexicons = ()
        self.budget = None
        self.whole = whole
        self._document = document

    @property
    def pattern(self) -> str:
        """The pattern narrowed to the document (the whole one where no lexicon it
        holds can be replaced: each after a backslash)."""
        pattern = self.__dict__.get("_pattern")
        if pattern is None:
            pattern = self._pattern = self._document.narrowed(self.whole.pattern, self.whole.lexicons) or self.whole.pattern
        return pattern

    def within(self, document: "narrowing.Document | None") -> Regex:
        return self.whole.within(document)

    @property
    def narrowable(self) -> bool:
        return self.whole.narrowable

    def load(self) -> re.Pattern:
        compiled = self.__dict__.get("compiled")
        if compiled is not None:
            return compiled
        if "compiled" not in self.whole.__dict__ and self.pattern != self.whole.pattern:
            return self._bind(re.compile(self.pattern, self.flags))
        return self._bind(self.whole.load())


def compile_with(store, pattern: str, flags: int = 0) -> Regex:
    """``pattern`` as a ``Regex``: compiled now (a bad pattern raises
    ``re.error`` here) unless ``store`` records that it compiled before."""
    flags = int(flags)  # as re does: RegexFlag arithmetic in the parser is slow
    if len(pattern) < MIN_LENGTH:
        return Regex(pattern, flags, re.compile(pattern, flags))
    key = f"{_INTERPRETER}:{flags}:{pattern}"
    if store.get("regex", key) is True:
        return Regex(pattern, flags)
    compiled = re.compile(pattern, flags)
    store.put("regex", key, True)
    return Regex(pattern, flags, compiled)
