"""TOML front matter: the ``+++`` block Hugo and Zola open an article with.

    +++
    title = "Magnesium and sleep"
    date = 2024-01-01
    +++

A block rule of its own because mdit-py-plugins' ``front_matter_plugin`` reads
only ``---``. It follows that plugin's conventions (first line of the file only,
not indented; the block hidden from rendering, its text in ``token.content``;
a block that is never closed is not front matter) with what Hugo and Zola both
read as TOML front matter: the opening line is ``+++`` alone and the block ends
at the next line that is ``+++`` alone, at column 0 (trailing spaces allowed on
both). The token is a ``front_matter`` token like YAML's, with ``markup``
``+++``, so everything that skips or reads front matter treats both alike;
``Document.front_matter_format`` tells them apart.
"""

from __future__ import annotations

MARKER = "+++"


def _is_fence(state, line: int) -> bool:
    """Whether ``line`` is ``+++`` at column 0 with nothing after it but spaces."""
    start = state.bMarks[line]
    if state.tShift[line] != 0 or not state.src.startswith(MARKER, start):
        return False
    return state.skipSpaces(start + len(MARKER)) >= state.eMarks[line]


def toml_front_matter(state, start_line: int, end_line: int, silent: bool) -> bool:
    if start_line != 0 or not state.src.startswith(MARKER) or not _is_fence(state, 0):
        return False
    if silent:
        return True
    line = 1
    while line < end_line and not _is_fence(state, line):
        line += 1
    if line >= end_line:
        return False  # never closed: the text is Markdown (engine.front_matter_syntax reports it)
    token = state.push("front_matter", "", 0)
    token.hidden = True
    token.markup = MARKER
    token.block = True
    token.content = state.src[state.bMarks[1] : state.eMarks[line - 1]] if line > 1 else ""
    token.map = [0, line + 1]
    state.line = line + 1
    return True


def toml_front_matter_plugin(md) -> None:
    md.block.ruler.before(
        "table", "front_matter_toml", toml_front_matter, {"alt": ["paragraph", "reference", "blockquote", "list"]}
    )


def never_closed(doc) -> bool:
    """Whether the file opens with a ``+++`` line that no ``+++`` line closes:
    Hugo and Zola stop on such a file, and its text is read here as Markdown."""
    src = doc.source
    return doc.front_matter_lines is None and src.text.startswith(MARKER) and not src.line_text(0)[len(MARKER):].strip(" \t")
