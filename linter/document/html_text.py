"""Prose inside HTML blocks: the text a browser would show, tied to source offsets.

Markdown sites (WordPress exports, affiliate pages) put whole sections in raw HTML
(``<div><p>...</p><ul><li>...</li></ul></div>``). Its text is read like any other
prose: one ``Block`` per block-level element (``p``, ``li``, ``td``, ``h2`` ...),
with the scope that element stands for (``list_item``, ``table_cell``,
``heading``), links (``<a href>``) kept for citations, entities decoded (each
mapped to its whole source, as in Markdown text), line breaks read as ``\\n``,
code (``<code>``, ``<pre>``, ``<kbd>``, ``<samp>``) as one placeholder as inline
code is, and nothing from tags, attributes, comments, scripts or styles. An HTML
block inside a quote or a list item (a WordPress export's ``> <p>...</p>``) is
read from its source lines with each line's container markers ("> ", the item's
indent) read as part of the line break before them, and its blocks take the
container's scope.

The tokenizer is a few regexes, written here rather than taken from
``html.parser``: the standard library's parser rescans to the end of the input for
every unclosed ``<`` (a 60 KB block of ``<b `` took half a minute), and with
character references left undecoded it hands the rest of a block over as text
after a bare ``&#``. Every token here is found in one left-to-right pass (so a
``>`` inside a quoted attribute value ends its tag early: rare in content, and
quote-aware matching would rescan).
"""

from __future__ import annotations

import re
from html import unescape

from .prose import HREF as _HREF
from .prose import HTML_BREAKS as _BREAKS
from .prose import INVISIBLE as _ZERO_WIDTH
from .prose import PLACEHOLDER, Atom, Block, Link

# elements whose content a reader does not read as prose
_SKIP = frozenset("script style template noscript svg math iframe object head title select textarea button".split())
# elements whose content is code: one placeholder, as inline code in Markdown
_CODE = frozenset("code pre kbd samp".split())
# an element a browser does not show until a script does (a tab, an accordion's
# panel): the "hidden" attribute, or an inline style of display: none or
# visibility: hidden. A hidden block's text is read (it is published, and a reader
# may open it), in blocks of their own with the scope "hidden", which do not
# decide the page's language
_ATTRIBUTE = re.compile(r"""\s*([^\s"'=/>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]*))?""")
_CSS_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def _hidden(attrs: str) -> bool:
    if "hidden" not in attrs.lower() and "none" not in attrs.lower():
        return False
    for m in _ATTRIBUTE.finditer(attrs):
        name = m.group(1).lower()
        if name == "hidden" or (name == "style" and m.group(2) and _CSS_HIDDEN.search(m.group(2))):
            return True
    return False


# elements with no end tag (an image's alt text describes a picture: not read)
_VOID = frozenset("img hr meta link input wbr source col area base embed param track br".split())
_HEADINGS = frozenset(f"h{i}" for i in range(1, 7))

# one token at a time: a comment (ended as a browser ends it: "<!-->" and "<!--->"
# are whole comments, and "--!>" ends one as "-->" does), a declaration or
# processing instruction, a tag
# (each to its end, or, unfinished, to the end of the block, which a browser does
# not show either), a character reference, a line break, a run of text; a "<" that
# opens none of these, or a lone "&", is text. Each token consumes what it scans,
# so the pass is linear.
_TOKEN = re.compile(
    r"(?P<comment><!--(?:>|->|.*?(?:--!?>|\Z)))"
    r"|(?P<decl><[!?][^>]*(?:>|\Z))"
    r"|(?P<tag></?(?P<name>[A-Za-z][A-Za-z0-9-]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)(?:>|\Z))"
    r"|(?P<ref>&(?:\#[0-9]{1,8}|\#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{1,31});?)"
    r"|(?P<eol>\r\n|\r|\n)"
    r"|(?P<text>[^<&\r\n]+|[<&])",
    re.S,
)


class _Reader:
    def __init__(self, base: int, line_of, containers: frozenset = frozenset()):
        self.base = base  # source offset of the chunk's first character
        self.line_of = line_of
        self.containers = containers  # the Markdown containers the HTML block is in
        self.blocks: list[Block] = []
        self.stack: list[str] = []
        self.skip = 0
        self.hidden: tuple[str, int] | None = None  # a hidden element's name and its nesting depth
        self.code: int | None = None  # chunk offset where code content began
        self.code_depth = 0
        self.block: Block | None = None
        self.link: tuple[int, str] | None = None

    def _scopes(self) -> tuple[str, frozenset]:
        kind = "paragraph"
        scopes = {"html", *self.containers}
        if self.hidden is not None:
            scopes.add("hidden")
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
        if self.hidden is not None:
            if name == self.hidden[0] and name not in _VOID and not self_closing:
                self.hidden = (name, self.hidden[1] + 1)
        elif self.code is None and name in _BREAKS and name not in _VOID and _hidden(attrs):
            # a hidden block (a div, a section: a tab, a panel) is read apart; a hidden
            # inline element is read as part of its sentence
            self.flush()
            self.hidden = (name, 1)
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
        self._end_tag(name, at, end)
        if self.hidden is not None and name == self.hidden[0] and not self.skip:
            depth = self.hidden[1] - 1
            if depth:
                self.hidden = (name, depth)
            else:
                self.flush()  # the hidden text ends its block
                self.hidden = None

    def _end_tag(self, name: str, at: int, end: int) -> None:
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


def _tokens(chunk: str, markers: dict | None):
    """``_TOKEN``'s matches in ``chunk``; with ``markers`` (chunk offset of a
    line's start -> the length of its container markers), each line's markers
    are left out, and a line break's match ends after the next line's markers."""
    if not markers:
        yield from _TOKEN.finditer(chunk)
        return
    pos = markers.get(0, 0)
    end = len(chunk)
    while pos < end:
        m = _TOKEN.match(chunk, pos)
        pos = m.end()
        yield m
        if m.lastgroup == "eol" and pos in markers:
            pos += markers[pos]


def _read(chunk: str, reader: _Reader, markers: dict | None = None) -> None:
    for m in _tokens(chunk, markers):
        kind = m.lastgroup
        s, e = m.start(), m.end()
        if kind == "text":
            reader.add(m.group(), s, e, True)
        elif kind == "eol":
            skip = markers.get(e, 0) if markers else 0
            reader.add("\n", s, e + skip, m.group() == "\n" and not skip)
        elif kind == "ref":
            raw = m.group()
            decoded = unescape(raw)
            if not _ZERO_WIDTH.fullmatch(decoded):  # "&shy;", "&#8203;" show nothing
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


_NO_COMMENTS = _SKIP | _CODE


def comment_starts(source, non_prose) -> set[int]:
    """The source offsets where an HTML comment starts in the HTML blocks of
    ``source`` (``non_prose``: the document's), as a browser reads them: not
    inside a tag (an attribute's value, quoted ">" and all), nor in the text of a
    script, a style or a textarea, nor in code (read as code, as Markdown's is)."""
    out: set[int] = set()
    text, starts, ends = source.text, source.line_starts, source.line_ends
    for kind, line0, line1 in non_prose:
        if kind != "html_block" or line0 >= len(starts):
            continue
        end = ends[min(line1, len(ends)) - 1]
        skip = 0
        for m in _TOKEN.finditer(text, starts[line0], end):
            group = m.lastgroup
            if group == "comment" and not skip:
                out.add(m.start())
            elif m.group("tag") and m.group("name").lower() in _NO_COMMENTS:
                if m.group().startswith("</"):
                    skip = max(0, skip - 1)
                elif not m.group().rstrip(">").endswith("/"):
                    skip += 1
    return out


def html_blocks(source, non_prose, inside: dict | None = None) -> list[Block]:
    """Blocks of the text shown by the HTML blocks of ``source``; ``inside``: per
    first line of an HTML block in a quote or a list item, its content as the
    parser gave it (container markers removed) and its containers' scopes."""
    out: list[Block] = []
    starts = source.line_starts
    ends = source.line_ends
    text = source.text
    inside = inside or {}

    def line_of(off: int) -> int:
        return source.position(off)[0] - 1

    for kind, line0, line1 in non_prose:
        if kind != "html_block" or line0 >= len(starts):
            continue
        start = starts[line0]
        end = ends[min(line1, len(ends)) - 1]
        found = inside.get(line0)
        if found is None:
            first = text[start : ends[line0]]
            if not first.lstrip(" ").startswith("<") or len(first) - len(first.lstrip(" ")) > 3:
                continue  # not at the top level, though the parser's levels did not say so
            reader = _Reader(start, line_of)
            _read(text[start:end], reader)
        else:
            markers = _markers(text, starts, ends, line0, line1, start, found[0])
            if markers is None:
                continue  # its lines are not its content behind markers (tabs the parser expanded)
            reader = _Reader(start, line_of, found[1])
            _read(_blanked(text[start:end], markers), reader, markers)
        out.extend(reader.blocks)
    return out


def _blanked(chunk: str, markers: dict) -> str:
    """``chunk`` with each line's container markers as spaces (the same length), so
    that a tag across lines is read whole."""
    parts, last = [], 0
    for at, n in sorted(markers.items()):
        parts += [chunk[last:at], " " * n]
        last = at + n
    parts.append(chunk[last:])
    return "".join(parts)


def _markers(text, starts, ends, line0, line1, start, content: str) -> dict | None:
    """Chunk offset of each line's start -> the length of its container markers:
    the part of the source line before its line of ``content``. None when a line
    does not end with its content line."""
    lines = content.split("\n")
    out = {}
    for k, i in enumerate(range(line0, min(line1, len(starts)))):
        line = text[starts[i] : ends[i]]
        want = lines[k] if k < len(lines) else ""
        if not line.endswith(want):
            return None
        if len(line) > len(want):
            out[starts[i] - start] = len(line) - len(want)
    return out
