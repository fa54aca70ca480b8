"""Prose inside HTML blocks: the text a browser would show, tied to source offsets.

Markdown sites (WordPress exports, affiliate pages) put whole sections in raw HTML
(``<div><p>...</p><ul><li>...</li></ul></div>``). Its text is read like any other
prose: one ``Block`` per block-level element (``p``, ``li``, ``td``, ``h2`` ...),
with the scope that element stands for (``list_item``, ``table_cell``,
``heading``), links (``<a href>``) kept for citations, entities decoded (each
mapped to its whole source, as in Markdown text), line breaks read as ``\\n``,
code (``<code>``, ``<pre>``, ``<kbd>``, ``<samp>``) as one placeholder as inline
code is, and nothing from tags, attributes, comments, scripts or styles.

The tokenizer is a few regexes, written here rather than taken from
``html.parser``: the standard library's parser rescans to the end of the input for
every unclosed ``<`` (a 60 KB block of ``<b `` took half a minute), and with
character references left undecoded it hands the rest of a block over as text
after a bare ``&#``. Every token here is found in one left-to-right pass (so a
``>`` inside a quoted attribute value ends its tag early: rare in content, and
quote-aware matching would rescan). Only
HTML blocks at the top level are read: a block inside a list or a quote has
container markers in its source lines that are not part of its HTML.
"""

from __future__ import annotations

import re
from html import unescape

from .prose import HREF as _HREF
from .prose import HTML_BREAKS as _BREAKS
from .prose import PLACEHOLDER, Atom, Block, Link

# elements whose content a reader does not read as prose
_SKIP = frozenset("script style template noscript svg math iframe object head title select textarea button".split())
# elements whose content is code: one placeholder, as inline code in Markdown
_CODE = frozenset("code pre kbd samp".split())
# elements with no end tag (an image's alt text describes a picture: not read)
_VOID = frozenset("img hr meta link input wbr source col area base embed param track br".split())
_HEADINGS = frozenset(f"h{i}" for i in range(1, 7))

# one token at a time: a comment, a declaration or processing instruction, a tag
# (each to its end, or, unfinished, to the end of the block, which a browser does
# not show either), a character reference, a line break, a run of text; a "<" that
# opens none of these, or a lone "&", is text. Each token consumes what it scans,
# so the pass is linear.
_TOKEN = re.compile(
    r"(?P<comment><!--.*?(?:-->|\Z))"
    r"|(?P<decl><[!?][^>]*(?:>|\Z))"
    r"|(?P<tag></?(?P<name>[A-Za-z][A-Za-z0-9-]*)(?P<attrs>[^>]*)(?:>|\Z))"
    r"|(?P<ref>&(?:\#[0-9]{1,8}|\#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{1,31});?)"
    r"|(?P<eol>\r\n|\r|\n)"
    r"|(?P<text>[^<&\r\n]+|[<&])",
    re.S,
)


class _Reader:
    def __init__(self, base: int, line_of):
        self.base = base  # source offset of the chunk's first character
        self.line_of = line_of
        self.blocks: list[Block] = []
        self.stack: list[str] = []
        self.skip = 0
        self.code: int | None = None  # chunk offset where code content began
        self.code_depth = 0
        self.block: Block | None = None
        self.link: tuple[int, str] | None = None

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

    def _close_link(self) -> None:
        if self.link is not None and self.block is not None:
            start, href = self.link
            self.block.links.append(Link(start, self.block._len, href))
            self.block.regions.append((start, self.block._len, "link_text"))
        self.link = None

    def flush(self) -> None:
        self._close_link()
        b = self.block
        if b is not None:
            b._finish()
            if b.text.strip():
                self.blocks.append(b)
        self.block = None

    def _open_block(self, at: int) -> Block:
        if self.block is None:
            kind, scopes = self._scopes()
            self.block = Block(kind=kind, scopes=scopes, line=self.line_of(self.base + at))
        return self.block

    def add(self, content: str, start: int, end: int, exact: bool) -> None:
        if self.skip or self.code is not None or not content:
            return
        if self.block is None and not content.strip():
            return
        self._open_block(start)._add(content, self.base + start, self.base + end, exact)

    def start_tag(self, name: str, attrs: str, at: int, self_closing: bool) -> None:
        if name in _SKIP:
            if not self_closing:
                self.skip += 1
            return
        if self.skip:
            return
        if self.code is not None:
            if name in _CODE:
                self.code_depth += 1
            return
        if name in _BREAKS:
            self.flush()
        if name in _CODE and not self_closing:
            self.code = at
            self.code_depth = 1
            return
        if name == "a":
            self._close_link()  # a link does not nest: a new one ends the last
            m = _HREF.search(attrs)
            if m is not None:
                href = unescape(next(g for g in m.groups() if g is not None))
                self.link = (self._open_block(at)._len, href)
            return
        if name not in _VOID and not self_closing:
            self.stack.append(name)

    def end_tag(self, name: str, at: int, end: int) -> None:
        if name in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        if self.code is not None:
            if name in _CODE:
                self.code_depth -= 1
                if self.code_depth == 0:
                    start = self.code
                    self.code = None
                    if at > start:  # the code's content, as one placeholder
                        b = self._open_block(start)
                        b.atoms[b._len] = Atom(b._len, "code")
                        b._add(PLACEHOLDER, self.base + start, self.base + at, False)
            return
        if name == "a":
            self._close_link()
            return
        if name in _BREAKS:
            self.flush()
        if name in self.stack:
            while self.stack and self.stack.pop() != name:
                pass


def _read(chunk: str, reader: _Reader) -> None:
    for m in _TOKEN.finditer(chunk):
        kind = m.lastgroup
        s, e = m.start(), m.end()
        if kind == "text":
            reader.add(m.group(), s, e, True)
        elif kind == "eol":
            reader.add("\n", s, e, m.group() == "\n")
        elif kind == "ref":
            raw = m.group()
            decoded = unescape(raw)
            reader.add(decoded, s, e, decoded == raw)
        elif kind == "tag":
            if not m.group().endswith(">"):
                break  # unfinished: nothing after it is shown
            name = m.group("name").lower()
            if m.group().startswith("</"):
                reader.end_tag(name, s, e)
            else:
                attrs = m.group("attrs")
                reader.start_tag(name, attrs, e if name in _CODE else s, attrs.rstrip().endswith("/"))
        # comments and declarations are not text
    reader.flush()


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
        reader = _Reader(start, lambda off: source.position(off)[0] - 1)
        _read(text[start:end], reader)
        out.extend(reader.blocks)
    return out
