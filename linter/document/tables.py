"""Where a Markdown table cell sits: its column, and the header cell above it.

A pipe table's cells are blocks of kind ``table_cell``; an empty cell makes no
block, so a cell's column is read from its source line, not from its place
among its row's blocks. HTML tables' cells (scope ``html``) have no pipes and
their rows need not be lines: they get no column.
"""

from __future__ import annotations

import re

_PIPE = re.compile(r"(?<!\\)\|")
# a row's leading pipe, after what may stand before it: indentation, blockquote
# marks, a list item's marker (a row cannot start with one: it would end the table)
_LEADING_PIPE = re.compile(r"[ \t>]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+[ \t>]*)?\|")
# a delimiter row ("|---|:--:|", "---|---"), after what may stand before it as above
_DELIMITER_ROW = re.compile(
    r"[ \t>]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+[ \t>]*)?"
    r"(?=[^|]*\|)\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$"
)


def closing_pipe(doc, line: int, at: int) -> int:
    """Where the cell that holds source offset ``at`` on 0-based ``line`` ends: just
    past the unescaped pipe that closes it, or at the line's end when none does."""
    src = doc.source
    line_end = src.line_starts[line] + len(src.line_text(line))
    pipe = _PIPE.search(src.text, at, line_end)
    return pipe.end() if pipe else line_end


def column(doc, block) -> int:
    """A table cell's column: the unescaped pipes before it on its source line,
    less the row's leading pipe, which GFM lets one row have and the next leave out."""
    src = doc.source
    line_start = src.line_starts[block.line]
    pipes = len(_PIPE.findall(src.text, line_start, block.to_source(0, 1)[0]))
    return pipes - 1 if _LEADING_PIPE.match(src.text, line_start) else pipes


def column_headers(doc) -> dict[int, str]:
    """For each cell of a pipe table below its header row (by ``id`` of the
    block): the text of the header cell of its column ("Best for"), or "" when
    that header cell is empty. A line with no text between two cells (a blank
    line, or ">" alone in a blockquote) ends a table, and a delimiter row starts
    one: the header row is the line above it, which may hold only empty cells,
    and a table in the next list item may follow with no blank line between."""
    src = doc.source
    cell_lines = {b.line for b in doc.blocks if b.kind == "table_cell"}

    def delimiter(k: int) -> bool:  # a row of cells "---" is a row, not a delimiter
        return k not in cell_lines and k < len(src.line_starts) and _DELIMITER_ROW.match(src.line_text(k)) is not None

    out: dict[int, str] = {}
    header: dict[int, str] = {}
    header_line = None
    previous = None
    for b in doc.blocks:
        if b.kind != "table_cell" or "html" in b.scopes:
            previous = None
            continue
        if b.line != header_line and delimiter(b.line + 1):
            header_line, header = b.line, {}
        elif previous is None or any(
            (delimiter(k) and k - 1 != header_line) or not src.line_text(k).replace(">", "").strip() for k in range(previous.line + 1, b.line)
        ):
            # a table whose header row is empty: the delimiter row above tells where it starts
            header_line = next((k - 1 for k in range(b.line - 1, -1, -1) if delimiter(k)), b.line)
            header = {}
        if b.line == header_line:
            header[column(doc, b)] = b.text
        else:
            out[id(b)] = header.get(column(doc, b), "")
        previous = b
    return out
