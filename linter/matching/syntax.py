"""Reading a Python regular expression's syntax into a tree, for ``analysis``.

Python's own parser (``re._parser``) is private: its tree's shape is not a
promise and has changed between versions. This reader covers the syntax rule
patterns use (literals and escapes, classes, groups, alternation, repeats,
anchors, lookarounds, inline flags) and raises ``Unsupported`` for anything
else (back-references, conditionals, verbose mode ...). The analysis answers
"unknown" for such a pattern, which costs speed (it is tried at every word or
searched for plainly), never a match: matching itself is always ``re``'s.

The tree is a list of ``(op, value)`` items:

- ``LITERAL`` (a code point), ``NOT_LITERAL``, ``ANY``;
- ``IN``: a list of members, each ``(LITERAL, code)``, ``(RANGE, (lo, hi))``,
  ``(CATEGORY, name)`` or ``(NEGATE, None)`` (first); ``\\w`` outside a class
  is ``IN`` with one category, ``[x]`` is ``LITERAL`` x;
- ``AT``: one of the ``AT_*`` names (``^``, ``$``, ``\\A``, ``\\Z``, ``\\b``, ``\\B``);
- ``SUBPATTERN``: ``(group number or None, flags added, flags removed, items)``;
- ``BRANCH``: ``(None, [items, ...])``;
- ``MAX_REPEAT`` / ``MIN_REPEAT`` / ``POSSESSIVE_REPEAT``: ``(min, max, items)``,
  max ``MAXREPEAT`` when unbounded;
- ``ASSERT`` / ``ASSERT_NOT``: ``(1 ahead or -1 behind, items)``;
- ``ATOMIC_GROUP``: ``items``.
"""

from __future__ import annotations

import re

LITERAL, NOT_LITERAL, ANY, IN, AT, SUBPATTERN, BRANCH = "LITERAL", "NOT_LITERAL", "ANY", "IN", "AT", "SUBPATTERN", "BRANCH"
MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT = "MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"
ASSERT, ASSERT_NOT, ATOMIC_GROUP = "ASSERT", "ASSERT_NOT", "ATOMIC_GROUP"
RANGE, CATEGORY, NEGATE = "RANGE", "CATEGORY", "NEGATE"
AT_BEGINNING, AT_BEGINNING_STRING, AT_END, AT_END_STRING = "AT_BEGINNING", "AT_BEGINNING_STRING", "AT_END", "AT_END_STRING"
AT_BOUNDARY, AT_NON_BOUNDARY = "AT_BOUNDARY", "AT_NON_BOUNDARY"
CATEGORY_WORD, CATEGORY_NOT_WORD = "CATEGORY_WORD", "CATEGORY_NOT_WORD"
CATEGORY_DIGIT, CATEGORY_NOT_DIGIT = "CATEGORY_DIGIT", "CATEGORY_NOT_DIGIT"
CATEGORY_SPACE, CATEGORY_NOT_SPACE = "CATEGORY_SPACE", "CATEGORY_NOT_SPACE"
MAXREPEAT = float("inf")

_FLAGS = {"a": int(re.A), "i": int(re.I), "L": int(re.L), "m": int(re.M), "s": int(re.S), "u": int(re.U), "x": int(re.X)}
_CATEGORIES = {
    "w": CATEGORY_WORD, "W": CATEGORY_NOT_WORD, "d": CATEGORY_DIGIT,
    "D": CATEGORY_NOT_DIGIT, "s": CATEGORY_SPACE, "S": CATEGORY_NOT_SPACE,
}
_ANCHORS = {"A": AT_BEGINNING_STRING, "Z": AT_END_STRING, "b": AT_BOUNDARY, "B": AT_NON_BOUNDARY}
_CHAR_ESCAPES = {"a": 7, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11}
_HEX = {"x": 2, "u": 4, "U": 8}


class Unsupported(Exception):
    """Syntax this reader does not cover (or that is not valid)."""


def parse(pattern: str, flags: int = 0) -> tuple[list, int]:
    """(items, global flags: ``flags`` with the pattern's leading ``(?i)``-style ones)."""
    if not isinstance(pattern, str):
        raise Unsupported("not a str pattern")
    reader = _Reader(pattern, int(flags))
    items = reader.alternation()
    if reader.pos != len(pattern):
        raise Unsupported("unbalanced parenthesis")
    if reader.flags & _FLAGS["x"]:
        raise Unsupported("verbose mode")
    return items, reader.flags


class _Reader:
    def __init__(self, pattern: str, flags: int):
        self.p = pattern
        self.pos = 0
        self.flags = flags
        self.groups = 0

    def _peek(self) -> str:
        return self.p[self.pos] if self.pos < len(self.p) else ""

    def _take(self) -> str:
        if self.pos >= len(self.p):
            raise Unsupported("unexpected end of pattern")
        ch = self.p[self.pos]
        self.pos += 1
        return ch

    def alternation(self) -> list:
        branches = [self.sequence()]
        while self._peek() == "|":
            self.pos += 1
            branches.append(self.sequence())
        if len(branches) == 1:
            return branches[0]
        return [(BRANCH, (None, branches))]

    def sequence(self) -> list:
        items: list = []
        while True:
            ch = self._peek()
            if ch in ("", "|", ")"):
                return items
            if ch in "*+?" or (ch == "{" and self._repeat_bounds(peek=True) is not None):
                if not items or items[-1][0] == AT:
                    raise Unsupported("nothing to repeat")
                items[-1] = self._repeat(items[-1])
                continue
            atom = self.atom()
            if atom is not None:
                items.append(atom)

    def _repeat_bounds(self, peek: bool = False):
        """(min, max) of a ``{m,n}`` at the reading position, or None when the
        brace is a literal one (as ``re`` reads it)."""
        m = re.match(r"\{(\d*)(?:(,)(\d*))?\}", self.p[self.pos :])
        if m is None or m.group(0) == "{}":
            return None
        lo, comma, hi = m.group(1), m.group(2), m.group(3)
        low = int(lo) if lo else 0
        high = (int(hi) if hi else MAXREPEAT) if comma else low
        if not comma and not lo:
            return None
        if not peek:
            self.pos += len(m.group(0))
        return low, high

    def _repeat(self, item) -> tuple:
        ch = self._take()
        if ch == "*":
            low, high = 0, MAXREPEAT
        elif ch == "+":
            low, high = 1, MAXREPEAT
        elif ch == "?":
            low, high = 0, 1
        else:
            self.pos -= 1
            low, high = self._repeat_bounds()
            if high < low:
                raise Unsupported("min repeat greater than max repeat")
        if item[0] in (MAX_REPEAT, MIN_REPEAT, POSSESSIVE_REPEAT):
            raise Unsupported("multiple repeat")
        op = MAX_REPEAT
        if self._peek() == "?":
            self.pos += 1
            op = MIN_REPEAT
        elif self._peek() == "+":
            self.pos += 1
            op = POSSESSIVE_REPEAT
        return (op, (low, high, [item]))

    def atom(self):
        ch = self._take()
        if ch == "(":
            return self.group()
        if ch == "[":
            return self.char_class()
        if ch == ".":
            return (ANY, None)
        if ch == "^":
            return (AT, AT_BEGINNING)
        if ch == "$":
            return (AT, AT_END)
        if ch == "\\":
            return self.escape()
        return (LITERAL, ord(ch))

    def escape(self):
        ch = self._take()
        if ch in _ANCHORS:
            return (AT, _ANCHORS[ch])
        if ch in _CATEGORIES:
            return (IN, [(CATEGORY, _CATEGORIES[ch])])
        if ch.isdigit() and ch != "0":
            # a back-reference (or an octal escape of three digits)
            rest = self.p[self.pos : self.pos + 2]
            if ch in "01234567" and len(rest) == 2 and all(c in "01234567" for c in rest):
                self.pos += 2
                return (LITERAL, int(ch + rest, 8))
            raise Unsupported("back-reference")
        return (LITERAL, self._char_escape(ch))

    def _char_escape(self, ch: str) -> int:
        """The code point of an escape that stands for one character (``ch``:
        the character after the backslash, already read)."""
        if ch in _HEX:
            digits = self.p[self.pos : self.pos + _HEX[ch]]
            if len(digits) != _HEX[ch] or not all(c in "0123456789abcdefABCDEF" for c in digits):
                raise Unsupported("bad escape")
            self.pos += _HEX[ch]
            code = int(digits, 16)
            if code > 0x10FFFF:
                raise Unsupported("bad escape")
            return code
        if ch == "0":
            digits = ""
            while len(digits) < 2 and self._peek() in tuple("01234567"):
                digits += self._take()
            return int("0" + digits, 8)
        if ch in _CHAR_ESCAPES:
            return _CHAR_ESCAPES[ch]
        if ch == "N":
            raise Unsupported("named character")
        if ch.isascii() and ch.isalnum():
            raise Unsupported("bad escape")  # re refuses unknown ASCII letter escapes
        return ord(ch)

    def char_class(self):
        members: list = []
        negate = self._peek() == "^"
        if negate:
            self.pos += 1
        first = True
        while True:
            ch = self._take()
            if ch == "]" and not first:
                break
            first = False
            if ch == "\\":
                esc = self._take()
                if esc in _CATEGORIES:
                    members.append((CATEGORY, _CATEGORIES[esc]))
                    continue
                if esc == "b":
                    lo = 8  # backspace, inside a class
                elif esc.isdigit() and esc != "0":
                    rest = self.p[self.pos : self.pos + 2]
                    if esc in "01234567" and len(rest) == 2 and all(c in "01234567" for c in rest):
                        self.pos += 2
                        lo = int(esc + rest, 8)
                    else:
                        raise Unsupported("bad escape in a class")
                else:
                    lo = self._char_escape(esc)
            else:
                lo = ord(ch)
            if self._peek() == "-" and self.p[self.pos + 1 : self.pos + 2] not in ("]", ""):
                self.pos += 1
                hi_ch = self._take()
                if hi_ch == "\\":
                    esc = self._take()
                    if esc in _CATEGORIES:
                        raise Unsupported("bad character range")
                    hi = 8 if esc == "b" else self._char_escape(esc)
                else:
                    hi = ord(hi_ch)
                if hi < lo:
                    raise Unsupported("bad character range")
                members.append((RANGE, (lo, hi)))
            else:
                members.append((LITERAL, lo))
        if not negate and len(members) == 1 and members[0][0] == LITERAL:
            return members[0]
        if negate and len(members) == 1 and members[0][0] == LITERAL:
            return (NOT_LITERAL, members[0][1])
        return (IN, ([(NEGATE, None)] if negate else []) + members)

    def group(self):
        if self._peek() != "?":
            self.groups += 1
            group = self.groups
            items = self.alternation()
            self._close()
            return (SUBPATTERN, (group, 0, 0, items))
        self.pos += 1
        ch = self._take()
        if ch == ":":
            items = self.alternation()
            self._close()
            return (SUBPATTERN, (None, 0, 0, items))
        if ch == "P":
            kind = self._take()
            if kind != "<":
                raise Unsupported("named back-reference or unknown group")
            end = self.p.find(">", self.pos)
            if end < 0 or not self.p[self.pos : end].isidentifier():
                raise Unsupported("bad group name")
            self.pos = end + 1
            self.groups += 1
            group = self.groups
            items = self.alternation()
            self._close()
            return (SUBPATTERN, (group, 0, 0, items))
        if ch == "#":
            end = self.p.find(")", self.pos)
            if end < 0:
                raise Unsupported("unterminated comment")
            self.pos = end + 1
            return None
        if ch in "=!":
            items = self.alternation()
            self._close()
            return (ASSERT if ch == "=" else ASSERT_NOT, (1, items))
        if ch == "<":
            kind = self._take()
            if kind not in "=!":
                raise Unsupported("named group in another syntax")
            items = self.alternation()
            self._close()
            return (ASSERT if kind == "=" else ASSERT_NOT, (-1, items))
        if ch == ">":
            items = self.alternation()
            self._close()
            return (ATOMIC_GROUP, items)
        if ch == "(":
            raise Unsupported("conditional group")
        # inline flags: (?aiLmsux) for the whole pattern, (?aiLmsux-imsx:...) for a group
        self.pos -= 1
        add = remove = 0
        while self._peek() in _FLAGS:
            add |= _FLAGS[self._take()]
        if self._peek() == "-":
            self.pos += 1
            while self._peek() in _FLAGS:
                remove |= _FLAGS[self._take()]
        end = self._take()
        if end == ")" and not remove and add:
            if self._before_first_item():
                self.flags |= add
                return None
            raise Unsupported("global flags not at the start of the pattern")
        if end == ":" and (add or remove):
            items = self.alternation()
            self._close()
            return (SUBPATTERN, (None, add, remove, items))
        raise Unsupported("unknown group")

    def _before_first_item(self) -> bool:
        """Whether the flags group just read opens the pattern (only flags
        groups before it), where ``re`` accepts global flags."""
        return re.fullmatch(r"(?:\(\?[aiLmsux]+\))+", self.p[: self.pos]) is not None

    def _close(self) -> None:
        if self._take() != ")":
            raise Unsupported("missing )")
