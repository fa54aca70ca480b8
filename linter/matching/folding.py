"""Case folding as a re.IGNORECASE pattern sees it, told with public APIs.

The regex engine compares characters by their simple lowercase, and also
equates lowercase letters that share an uppercase or a case folding ("s" and
the long s "ſ", "µ" and "μ", "σ" and "ς"). ``str.lower`` does not turn one into
the other, so a text holding one of them cannot have its words compared as
lowercase strings: such text takes the matchers' regex paths instead.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import defaultdict

_WORD = re.compile(r"\w+")

# ``fold_differences()`` as it reads on the Unicode versions listed (the same
# characters CPython's regex engine keeps in its own table); a test checks it.
FOLDS_DIFFER_CHARS = (
    "\u00b5\u0131\u017f\u0345\u0390\u03b0\u03b2\u03b5\u03b8\u03b9\u03ba\u03bc\u03c0\u03c1\u03c2\u03c3\u03c6\u03d0\u03d1\u03d5\u03d6\u03f0\u03f1\u03f5"
    "\u0432\u0434\u043e\u0441\u0442\u044a\u0463\u1c80\u1c81\u1c82\u1c83\u1c84\u1c85\u1c86\u1c87\u1c88\u1e61\u1e9b\u1fbe\u1fd3\u1fe3\ua64b\ufb05\ufb06"
)
CHECKED_UNICODE = frozenset({"14.0.0", "15.0.0", "15.1.0"})

if unicodedata.unidata_version in CHECKED_UNICODE:
    FOLDS_DIFFER = re.compile("[" + re.escape(FOLDS_DIFFER_CHARS) + "]")
else:  # pragma: no cover - a Unicode version the table was not checked on: any non-ASCII text
    FOLDS_DIFFER = re.compile(r"[^\x00-\x7f]")


def fold_differences() -> str:
    """The non-ASCII lowercase characters that share an uppercase or a case
    folding with another lowercase character, computed from ``str`` methods
    over every code point (half a second: hence the table above)."""
    by_upper: dict = defaultdict(set)
    by_fold: dict = defaultdict(set)
    for start in range(0, sys.maxunicode + 1, 256):
        chunk = "".join(map(chr, range(start, min(start + 256, sys.maxunicode + 1))))
        if chunk.lower() == chunk and chunk.upper() == chunk and chunk.casefold() == chunk:
            continue  # no cased character here
        for c in chunk:
            low = c.lower()
            if len(low) == 1:
                by_upper[low.upper()].add(low)
                by_fold[low.casefold()].add(low)
    out: set = set()
    for groups in (by_upper, by_fold):
        for group in groups.values():
            if len(group) > 1:
                out |= group
    return "".join(sorted(c for c in out if ord(c) > 127))


def words_of(text: str) -> frozenset | None:
    """The lowercased ``\\w+`` runs of ``text``, or None when lowercasing may not
    give what a re.IGNORECASE pattern sees (lengths change, or a character the
    regex engine folds differently: see ``FOLDS_DIFFER``). A phrase regex whose
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
    return text.isascii() or (len(low) == len(text) and FOLDS_DIFFER.search(low) is None)


def simple_lower(ch: str) -> str | None:
    """A pattern literal's lowercase as the words of a lowercased text show it, or
    None when they may not ("İ" lowercases to two characters; "ſ" and "µ" fold
    to other letters in the regex engine)."""
    low = ch.lower()
    if ch.isascii():
        return low
    if len(low) != 1 or FOLDS_DIFFER.match(low):
        return None
    return low


def is_word_char(ch: str) -> bool:
    """The regex engine's ``\\w`` for one character of a str (alphanumeric or _)."""
    return ch.isalnum() or ch == "_"
