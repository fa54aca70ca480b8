"""A pipe table cell's column and the header cell above it (linter/document/tables.py)."""

from __future__ import annotations

from linter.document import Document
from linter.document.tables import column, column_headers
from linter.source import Source


def _doc(text: str) -> Document:
    return Document.parse(Source.from_text("a.md", text))


def _headers(text: str) -> list[tuple[str, str]]:
    doc = _doc(text)
    found = column_headers(doc)
    return [(b.text, found[id(b)]) for b in doc.blocks if id(b) in found]


def test_each_cell_below_the_header_row_gets_its_columns_header():
    text = "| Product | Best for |\n|---|---|\n| A | Sleep |\n| B | Joint pain |\n"
    assert _headers(text) == [("A", "Product"), ("Sleep", "Best for"), ("B", "Product"), ("Joint pain", "Best for")]


def test_an_empty_cell_makes_no_block_but_keeps_the_columns_apart():
    # the empty first cell of the last row must not shift "Sleep" into the first column
    text = "| Product | Best for |\n|---|---|\n|  | Sleep |\n"
    assert _headers(text) == [("Sleep", "Best for")]
    doc = _doc("Product | Best for\n---|---\nA | Sleep\n")  # no leading pipes
    assert [column(doc, b) for b in doc.blocks] == [0, 1, 0, 1]


def test_a_blank_line_starts_another_table_with_its_own_header():
    text = "| Product | Best for |\n|---|---|\n| A | Sleep |\n\n| Food | Amount |\n|---|---|\n| Oats | 40 g |\n"
    assert _headers(text) == [("A", "Product"), ("Sleep", "Best for"), ("Oats", "Food"), ("40 g", "Amount")]


def test_html_table_cells_and_other_blocks_have_no_column_header():
    text = "<table><tr><th>Best for</th></tr><tr><td>Sleep</td></tr></table>\n\nA paragraph.\n"
    assert _headers(text) == []


def test_a_header_row_of_empty_cells_is_still_the_header_row():
    # the first row with text is a data row: it is no header of the rows below it
    text = "| | |\n|---|---|\n| Brand A | Falling asleep |\n| Brand B | Joint pain |\n"
    assert _headers(text) == [("Brand A", ""), ("Falling asleep", ""), ("Brand B", ""), ("Joint pain", "")]


def test_a_table_in_the_next_list_item_has_its_own_header():
    # no blank line between the two tables: the delimiter row tells where the second starts
    text = "- | Product | Best for |\n  |---|---|\n  | A | Sleep |\n- | Food | Amount |\n  |---|---|\n  | Oats | 40 g |\n"
    assert _headers(text) == [("A", "Product"), ("Sleep", "Best for"), ("Oats", "Food"), ("40 g", "Amount")]


def test_tables_in_a_blockquote_and_escaped_pipes_and_short_rows():
    text = "> | Product \\| brand | Best for | Note |\n> |---|---|---|\n> | A \\| x |\n> | B | Sleep |\n"
    assert _headers(text) == [("A | x", "Product | brand"), ("B", "Product | brand"), ("Sleep", "Best for")]


def test_a_row_of_dashes_below_the_delimiter_row_is_a_row():
    text = "| Product | Best for |\n|---|---|\n| --- | --- |\n| A | Sleep |\n"
    assert _headers(text) == [("---", "Product"), ("---", "Best for"), ("A", "Product"), ("Sleep", "Best for")]
