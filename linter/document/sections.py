"""Sections: the prose under one heading, up to the next heading of any level.

The prose before the first heading is a section too (the first one, with no
heading; empty when the document opens with a heading). Headings nest by level:
a section's ``parent`` is the nearest section above it whose heading has a lower
level ("## Deutsch" holds "### Wirkung"), None for top-level sections and the
first one. Headings in HTML blocks (``<h2>``) count as Markdown headings do;
a heading with no text ("##" alone, an image alone) has no block and starts no
section; footnote definitions belong to the section they are written in.

Each section starts at a source offset (the first character of its heading's
text, after any "##"; 0 for the first section), so that a rule can tell which section a finding falls in
(``kinds.base.Reading``). ``language.py`` fills in each section's language.
"""

from __future__ import annotations

from ..record import Record
from .prose import Block


class Section(Record):
    __slots__ = FIELDS = ("heading", "level", "start", "blocks", "parent", "detected", "language")

    def __init__(self, heading: Block | None, level: int, start: int, parent: "Section | None" = None):
        self.heading = heading  # the heading block (also first in ``blocks``); None for the first section
        self.level = level  # 1-6; 0 for the first section
        self.start = start  # source offset where the section begins
        self.blocks: list[Block] = []  # in source order
        self.parent = parent
        self.detected: tuple[str, float] | None = None  # (code, share) from its own words, or None: too few to tell
        self.language: str | None = None  # the language rules read it as (own, else inherited); None: any

    def __repr__(self) -> str:  # blocks and parent would print the whole document
        return f"Section(level={self.level}, start={self.start}, detected={self.detected!r}, language={self.language!r})"


def _level(block: Block) -> int:
    for n in range(1, 7):
        if f"h{n}" in block.scopes:
            return n
    return 1


def split(doc) -> list[Section]:
    """The document's sections in source order (see the module docstring)."""
    sections = [Section(None, 0, 0)]
    open_: list[Section] = []  # the enclosing headings' sections, outermost first
    # by first line; blocks on one line (an HTML block) keep their order
    for block in sorted(doc.blocks, key=lambda b: b.line):
        if block.kind == "heading" and "footnote" not in block.scopes:
            level = _level(block)
            while open_ and open_[-1].level >= level:
                open_.pop()
            section = Section(block, level, block.source_start(0), open_[-1] if open_ else None)
            sections.append(section)
            open_.append(section)
        sections[-1].blocks.append(block)
    return sections
