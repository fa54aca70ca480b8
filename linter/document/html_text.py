"""Prose inside HTML blocks: the text a browser would show, tied to source offsets.

Markdown sites (WordPress exports, affiliate pages) put whole sections in raw HTML
(``<div><p>...</p><ul><li>...</li></ul></div>``). Its text is read like any other
prose: one ``Block`` per block-level element (``p``, ``li``, ``td``, ``h2`` ...),
with the scope that element stands for (``list_item``, ``table_cell``,
``heading``), links (``<a href>``) kept for citations, entities decoded (each
mapped to its whole source, as in Markdown text), and nothing from tags,
attributes, comments, scripts or styles.

The standard library's ``html.parser`` does the tokenizing (it is tolerant of the
broken HTML such pages hold, and reports where each piece starts). Only HTML blocks
at the top level are read: a block inside a list or a quote has container markers
in its source lines that are not part of its HTML.
"""

from __future__ import annotations

from html import unescape
from html.parser import HTMLParser

from .prose import Block, Link

# elements whose start or end ends a run of text (a new block begins)
_BREAKS = frozenset(
    "address article aside blockquote br dd details dialog div dl dt fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th thead "
    "tr ul caption".split()
)
_SKIP = frozenset("script style template noscript svg math iframe object head title select textarea button".split())
# elements with no end tag (an image's alt text describes a picture: not read)
_VOID = frozenset("a img hr meta link input wbr source col area base embed param track".split())
_HEADINGS = {f"h{i}": i for i in range(1, 7)}


class _Reader(HTMLParser):
    def __init__(self, text: str, base: int, source_text: str, first_line: int, line_of):
        super().__init__(convert_charrefs=False)
        self.text = text
        self.base = base  # source offset of text[0]
        self.source_text = source_text
        self.line_of = line_of
        self.first_line = first_line
        self.nl = [0]
        for i, ch in enumerate(text):
            if ch == "\n":
                self.nl.append(i + 1)
        self.blocks: list[Block] = []
        self.stack: list[str] = []
        self.skip = 0
        self.block: Block | None = None
        self.link: tuple[int, str] | None = None
        self.closing = False

    # -- positions -----------------------------------------------------------
    def _here(self) -> int:
        line, col = self.getpos()
        return self.nl[line - 1] + col

    # -- blocks ----------------------------------------------------------------
    def _scopes(self) -> tuple[str, frozenset]:
        kind = "paragraph"
        scopes = {"html"}
        for tag in self.stack:
            if tag == "li":
                scopes.add("list_item")
            elif tag in ("td", "th"):
                kind = "table_cell"
            elif tag == "blockquote":
                scopes.add("blockquote")
            elif tag in _HEADINGS:
                kind = "heading"
                scopes.add(tag)
        scopes.add(kind)
        return kind, frozenset(scopes)

    def _flush(self) -> None:
        b = self.block
        if b is not None:
            if self.link is not None:
                start, href = self.link
                b.links.append(Link(start, b._len, href))
                b.regions.append((start, b._len, "link_text"))
                self.link = None
            b._finish()
            if b.text.strip():
                self.blocks.append(b)
        self.block = None

    def _block(self, at: int) -> Block:
        if self.block is None:
            kind, scopes = self._scopes()
            self.block = Block(kind=kind, scopes=scopes, line=self.line_of(self.base + at))
        return self.block

    def _add(self, content: str, start: int, end: int, exact: bool) -> None:
        if self.skip or not content:
            return
        if self.block is None and not content.strip():
            return
        self._block(start)._add(content, self.base + start, self.base + end, exact)

    # -- parser events ---------------------------------------------------------
    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skip += 1
            return
        if tag in _BREAKS:
            self._flush()
        if tag == "br":
            return
        if tag == "a":
            href = next((v for k, v in attrs if k == "href" and v), None)
            if href is not None and not self.skip:
                self.link = (self._block(self._here())._len, href)
        if tag not in _VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        if tag in _BREAKS:
            self._flush()

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if tag == "a":
            if self.link is not None and self.block is not None:
                start, href = self.link
                self.block.links.append(Link(start, self.block._len, href))
                self.block.regions.append((start, self.block._len, "link_text"))
            self.link = None
            return
        if tag in _BREAKS:
            self._flush()
        if tag in self.stack:
            while self.stack:
                if self.stack.pop() == tag:
                    break

    def handle_data(self, data):
        if self.closing and data.startswith("<"):
            self.skip += 1  # an unfinished tag at the end of the block: the rest is not text
            return
        start = self._here()
        if self.text[start : start + len(data)] != data:
            return  # never guess a position
        self._add(data, start, start + len(data), True)

    def _reference(self, marker_len: int, name: str) -> None:
        """``&name;`` or ``&#name;``: the decoded character, mapped to the whole reference."""
        start = self._here()
        end = start + marker_len + len(name)
        if self.text[end : end + 1] == ";":
            end += 1
        decoded = unescape(self.text[start:end])
        self._add(decoded, start, end, decoded == self.text[start:end])

    def handle_entityref(self, name):
        self._reference(1, name)

    def handle_charref(self, name):
        self._reference(2, name)

    def close(self):
        self.closing = True
        super().close()
        self._flush()


def html_blocks(source, non_prose) -> list[Block]:
    """Blocks of the text shown by the top-level HTML blocks of ``source``."""
    out: list[Block] = []
    starts = source.line_starts
    ends = source.line_ends
    text = source.text
    for kind, line0, line1 in non_prose:
        if kind != "html_block" or line0 >= len(starts):
            continue
        start = starts[line0]
        first = text[start : ends[line0]]
        if not first.lstrip(" ").startswith("<") or len(first) - len(first.lstrip(" ")) > 3:
            continue  # inside a list or a quote: container markers are in the lines
        end = ends[min(line1, len(ends)) - 1]
        chunk = text[start:end]
        reader = _Reader(chunk, start, text, line0, lambda off: source.position(off)[0] - 1)
        try:
            reader.feed(chunk)
            reader.close()
        except (AssertionError, ValueError):  # html.parser gives up on some broken markup
            continue
        out.extend(reader.blocks)
    return out
