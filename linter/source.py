"""Source text and its line index: the ground truth every position is derived from.

Offsets are indexes into ``Source.text`` (a Python str, so they count Unicode code
points). The UTF-8 byte order mark is not part of ``text``; line endings are kept as
written (LF, CRLF or lone CR). Lines and columns are 1-based, columns in code points,
which is what SARIF, LSP clients with utf-32 positions and most editors' "column"
displays expect.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from functools import lru_cache

from .record import Record

BOM = "\ufeff"

# markdown-it-py's normalize rule treats \r\n, \r and \n alike as line breaks; the
# line index must cut lines in the same places so that token.map line numbers agree.
_EOL = re.compile(r"\r\n|\r|\n")


@lru_cache(maxsize=16)
def _wide(encoding: str) -> bool:
    """Whether ``encoding`` writes NUL bytes in plain text (UTF-16, UTF-32)."""
    try:
        return b"\x00" in "a".encode(encoding)
    except (LookupError, UnicodeError):
        return False


class DecodeError(ValueError):
    """The bytes of a file are not text in the expected encoding."""


class Source(Record):
    FIELDS = ("path", "text", "had_bom", "_starts", "_ends")

    def __init__(self, path: str, text: str, had_bom: bool = False, _starts: array | None = None, _ends: array | None = None):
        self.path = path
        self.text = text
        self.had_bom = had_bom
        self._starts = _starts
        self._ends = _ends

    def __repr__(self) -> str:
        return f"Source(path={self.path!r}, text={self.text!r}, had_bom={self.had_bom!r})"

    @property
    def line_starts(self) -> array:
        """Offset where each line starts (built on first use: a cached result
        needs no line index)."""
        if self._starts is None:
            self._index()
        return self._starts

    @property
    def line_ends(self) -> array:
        """Offset of each line's end (its line break, or the end of the text)."""
        if self._ends is None:
            self._index()
        return self._ends

    @classmethod
    def from_bytes(cls, path: str, data: bytes, encoding: str = "utf-8") -> "Source":
        # A NUL marks a binary file. UTF-16 and UTF-32 write NUL bytes in plain
        # text, so there it is looked for among the decoded characters.
        wide = _wide(encoding)
        if not wide and b"\x00" in data:
            if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # a byte-order mark: text, in UTF-16 (or UTF-32)
                bom = "utf-32" if data[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff") else "utf-16"
                raise DecodeError(f"{bom.upper()} text (it starts with a byte-order mark); pass --encoding {bom} or re-save it as UTF-8")
            raise DecodeError("binary file (contains NUL bytes)")
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            raise DecodeError(
                f"not valid {encoding} text (byte 0x{data[exc.start]:02x} at line {line}); "
                "re-save the file as UTF-8 or pass --encoding"
            ) from None
        if wide and "\x00" in text:
            raise DecodeError("binary file (contains NUL characters)")
        return cls.from_text(path, text)

    @classmethod
    def from_text(cls, path: str, text: str, strip_bom: bool = True) -> "Source":
        """A source for ``text``; a leading BOM is removed (and noted) unless
        ``strip_bom`` is false: text that already lost its BOM keeps a second one."""
        had_bom = strip_bom and text.startswith(BOM)
        if had_bom:
            text = text[1:]
        return cls(path=path, text=text, had_bom=had_bom)

    def _index(self) -> None:
        # typed arrays: a 20 MB article has ~400,000 lines; lists of ints would cost
        # ~36 bytes a line, these 8.
        starts = array("q", [0])
        ends = array("q")
        for m in _EOL.finditer(self.text):
            ends.append(m.start())
            starts.append(m.end())
        ends.append(len(self.text))
        self._starts = starts
        self._ends = ends

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def line_text(self, line0: int) -> str:
        """Text of a 0-based line without its line ending."""
        return self.text[self.line_starts[line0] : self.line_ends[line0]]

    def normalized(self) -> str:
        """The text as markdown-it-py sees it: every line ending turned into ``\\n``.

        Each line keeps its characters and length, so (line, column) is the same in
        both texts; only whole-text offsets differ.
        """
        if "\r" not in self.text:
            return self.text  # already so: no copy of a possibly large text
        return "\n".join(self.text[s:e] for s, e in zip(self.line_starts, self.line_ends))

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset. An offset inside a CRLF pair or at
        a line's end maps to the column just past the line's last character."""
        line0 = bisect_right(self.line_starts, offset) - 1
        col = min(offset, self.line_ends[line0]) - self.line_starts[line0]
        return line0 + 1, col + 1

    def offset(self, line0: int, col0: int) -> int:
        """Offset of a 0-based line and 0-based column."""
        return self.line_starts[line0] + col0
