"""Offsets into a document's text and LSP positions, in the position encoding the
client and server agreed on (``utf-16`` unless the client offered another).

LSP counts lines as the linter's Source does (``\\r\\n``, ``\\r`` and ``\\n`` end a
line, nothing else), so a finding's line is its LSP line. Columns differ: an LSP
``character`` counts code units of the agreed encoding, a Python offset counts
code points, and a character outside the Basic Multilingual Plane (an emoji) is one
code point, two UTF-16 code units and four UTF-8 bytes. pygls converts with its
own line list (``str.splitlines``, which also breaks at U+2028, form feeds and
other characters LSP does not count), so positions are converted here, on the
linter's line index.
"""

from __future__ import annotations

from bisect import bisect_right

from ..source import Source

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def _units(text: str, encoding: str) -> int:
    """Code units ``text`` takes in ``encoding``. Lone surrogates (JSON can carry
    them) count as one unit each, as the client counts them."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


class LineIndex:
    """Where each line of ``text`` starts and ends, for converting offsets (code
    points into ``text``) to (line, character) in ``encoding`` and back."""

    def __init__(self, text: str, encoding: str = UTF16):
        self.text = text
        self.encoding = encoding
        # the linter's own line index, over the text as the client holds it (BOM kept)
        lines = Source("", text)
        self.starts = lines.line_starts
        self.ends = lines.line_ends

    def position(self, offset: int) -> tuple[int, int]:
        """0-based (line, character) of an offset; an offset inside a line break
        is the end of its line."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        col_end = min(offset, self.ends[line])
        if self.encoding == UTF32:
            return line, col_end - start
        return line, _units(self.text[start:col_end], self.encoding)

    def offset(self, line: int, character: int) -> int:
        """The offset of a position. A line past the end is the end of the text;
        a character past the line's end (or inside a character's code units) is
        clamped to the line's end (or that character's start), as LSP asks."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[line], self.ends[line]
        character = max(0, character)
        if self.encoding == UTF32:
            return min(start + character, end)
        units = 0
        for i in range(start, end):
            units += _units(self.text[i], self.encoding)
            if units > character:
                return i
        return end

    def line_end(self, line: int) -> int:
        """Offset of the end of a 0-based line (before its line break)."""
        return self.ends[min(max(line, 0), len(self.ends) - 1)]

    @property
    def line_count(self) -> int:
        return len(self.starts)
