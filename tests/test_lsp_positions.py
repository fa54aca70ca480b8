"""LSP positions of the language server (linter/lsp/positions.py) and the span an
edit replaces (linter/lsp/actions.py): astral-plane characters, CRLF, lone CR,
tabs, and characters that Python but not LSP counts as line breaks."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lsp_support import lsp_position, offset_of

from linter.lsp.positions import LineIndex

TEXT = "a\t\U0001F600b\r\nc\u2028d\x0ce\re\U0001F600\U0001F600f\n\n"


@pytest.mark.parametrize(
    "encoding, expected",
    [
        # 'b' after a tab and an emoji; 'd' after U+2028 (not a line break in LSP);
        # 'e' after a lone CR; 'f' after two emoji; the empty last line
        ("utf-16", [(0, 4), (1, 2), (2, 0), (2, 5), (4, 0)]),
        ("utf-8", [(0, 6), (1, 4), (2, 0), (2, 9), (4, 0)]),
        ("utf-32", [(0, 3), (1, 2), (2, 0), (2, 3), (4, 0)]),
    ],
)
def test_positions_in_each_encoding(encoding, expected):
    index = LineIndex(TEXT, encoding)
    offsets = [TEXT.index("b"), TEXT.index("d"), TEXT.index("e\U0001F600"), TEXT.index("f"), len(TEXT)]
    assert [index.position(o) for o in offsets] == expected
    assert [index.offset(*p) for p in expected] == offsets


def test_inside_a_line_break_is_the_end_of_the_line():
    index = LineIndex("ab\r\ncd")
    assert index.position(3) == (0, 2)  # between CR and LF
    assert index.offset(0, 99) == 2  # past the end of a line: its end
    assert index.offset(9, 0) == 6  # past the last line: the end of the text


def test_a_position_inside_a_surrogate_pair_is_the_character_start():
    index = LineIndex("x\U0001F600y", "utf-16")
    assert index.offset(0, 2) == 1  # the middle of the emoji's two code units


texts = st.text(alphabet=st.sampled_from(["a", "\t", "\r", "\n", "\u2028", "\x0c", "é", "\u4e2d", "\U0001F600"]), max_size=40)


@given(texts, st.sampled_from(["utf-8", "utf-16", "utf-32"]))
def test_every_offset_matches_a_character_by_character_count(text, encoding):
    index = LineIndex(text, encoding)
    for offset in range(len(text) + 1):
        assert index.position(offset) == lsp_position(text, offset, encoding)
        inside_crlf = 0 < offset < len(text) and text[offset - 1] == "\r" and text[offset] == "\n"
        if not inside_crlf:
            line, character = index.position(offset)
            assert index.offset(line, character) == offset_of(text, line, character, encoding)
