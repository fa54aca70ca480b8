"""markdown-it-pyrs (Rust) as the faster parser: the same prose view as
``prose.build_blocks`` builds from markdown-it-py's tokens, or ``None`` when this
document must go to markdown-it-py instead.

markdown-it-pyrs is a port of the same markdown-it parser, ~10x faster than
markdown-it-py, and its nodes carry byte-offset source maps. Used only where the
result is the same (``tests/test_parser_backends.py`` compares both backends'
blocks, links, atoms and the source position of every prose character on the
CommonMark examples, the corpora and generated documents). What needs care:

- a text node's source map is right at its start but not always at its end (the
  text before a hard line break runs to the paragraph's end): a text node must be
  a verbatim slice of the source from its start (escaped pipes in a table cell
  aside), or the whole document falls back;
- offsets are UTF-8 bytes in the ``\\n``-normalised text: mapped to code points
  line by line, then to the source (CRLF kept);
- what the tree does not show falls back: link reference definitions (their
  labels are read from markdown-it-py's env), containers nested deeper than
  markdown-it-py's limit (``parser._tokenize_flat``), tab-indented lines (the
  tree's offsets count a tab's columns there), and documents markdown-it-pyrs
  could not parse;
- markdown-it-pyrs follows an older CommonMark than markdown-it-py 4 (0.31):
  inline HTML comments and emphasis next to a non-ASCII symbol fall back.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right

from . import NOT_PROSE
from .prose import _SCOPES, PLACEHOLDER, Atom, Block, Link, _add_text, _placeholder

try:
    import markdown_it_pyrs
except ImportError:  # the optional extra is not installed
    markdown_it_pyrs = None

# Fallback triggers a cheap scan can see: a link reference definition anywhere
# ("[label]:", not a footnote "[^1]:"); NUL (markdown-it-py replaces it); a tab
# in a line's indentation or container markers (markdown-it-pyrs's offsets count
# the tab's expanded columns there).
# (Three searches, each guarded by a substring test: one alternation with a
# line anchor would be tried at every character.)
_REFERENCE_DEFINITION = re.compile(r"\[(?!\^)[^\]\n]*\]:")
_TAB_INDENT = re.compile(r"^[ >*+\-\d.)]*\t", re.M)


def _fallback_syntax(norm: str) -> bool:
    return (
        "\x00" in norm
        or ("]:" in norm and _REFERENCE_DEFINITION.search(norm) is not None)
        or ("\t" in norm and _TAB_INDENT.search(norm) is not None)
    )
# markdown-it-py's maxNesting is 20 levels (a list counts two); deeper content is
# read flat there. Stay well inside it.
_MAX_DEPTH = 12

_PARSER = None


def available() -> bool:
    return markdown_it_pyrs is not None


def _parser():
    global _PARSER
    if _PARSER is None:
        _PARSER = markdown_it_pyrs.MarkdownIt("commonmark").enable_many(["table", "strikethrough", "footnote", "front_matter"])
    return _PARSER


class _Fallback(Exception):
    """This document is not one the Rust tree maps exactly: use markdown-it-py."""


_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")


class _Offsets:
    """UTF-8 byte offsets of the normalised text -> code point offsets of the source.

    Each run of non-ASCII characters is recorded with the bytes it adds; a byte
    offset is mapped by subtracting the extra bytes of the runs before it (one
    bisect). CRLF files then go from the normalised text to the source line by
    line (each line keeps its length)."""

    __slots__ = ("run_ends", "run_starts", "char_starts", "extra", "runs", "crlf", "norm_starts", "src_starts")

    def __init__(self, source, norm: str):
        self.run_ends, self.run_starts, self.char_starts, self.extra, self.runs = array("q"), array("q"), array("q"), array("q"), []
        extra = 0
        for m in _NON_ASCII_RUN.finditer(norm):
            run = m.group()
            self.run_starts.append(m.start() + extra)
            self.char_starts.append(m.start())
            extra += len(run.encode("utf-8")) - len(run)
            self.run_ends.append(m.end() + extra)
            self.extra.append(extra)
            self.runs.append(run)
        self.crlf = norm is not source.text
        if self.crlf:
            self.norm_starts = array("q", [0])
            pos = norm.find("\n")
            while pos >= 0:
                self.norm_starts.append(pos + 1)
                pos = norm.find("\n", pos + 1)
            self.src_starts = source.line_starts

    @classmethod
    def needed(cls, source, norm: str):
        """None when byte offsets already are source offsets (ASCII, LF)."""
        return None if norm is source.text and norm.isascii() else cls(source, norm)

    def __call__(self, b: int) -> int:
        k = bisect_right(self.run_ends, b)
        if k < len(self.run_ends) and self.run_starts[k] < b:
            # inside a run of non-ASCII text: decode the part of it before b
            into = self.runs[k].encode("utf-8")[: b - self.run_starts[k]].decode("utf-8", "strict")
            c = self.char_starts[k] + len(into)
        else:
            c = b - (self.extra[k - 1] if k else 0)
        if self.crlf:
            i = bisect_right(self.norm_starts, c) - 1
            c = self.src_starts[i] + (c - self.norm_starts[i])
        return c


_EMPHASIS_BEFORE_NON_ASCII = re.compile(r"[*_][^\x00-\x7f]")
_EMPHASIS_AFTER_NON_ASCII = re.compile(r"[^\x00-\x7f][*_]")


def _spec_differences(norm: str) -> bool:
    """Emphasis next to a non-ASCII symbol (``*£*``), which CommonMark 0.31
    (markdown-it-py 4) counts as punctuation and the markdown-it version inside
    markdown-it-pyrs does not (found by comparing both on the spec examples).
    The other difference, inline HTML comments (0.31 also accepts ``<!-->`` and
    comments with ``--`` inside, as in a suppression's reason), shows in the tree
    itself: such a comment is left as text there, see ``_inline``."""
    if not norm.isascii():
        import unicodedata

        for regex, at in ((_EMPHASIS_BEFORE_NON_ASCII, 1), (_EMPHASIS_AFTER_NON_ASCII, 0)):
            for m in regex.finditer(norm):
                if unicodedata.category(m.group()[at])[0] == "S":
                    return True
    return False


def parse(source, norm: str):
    """(blocks, front matter text, its lines, non-prose spans, outline) or None."""
    if markdown_it_pyrs is None or _fallback_syntax(norm) or _spec_differences(norm):
        return None
    try:
        root = _parser().tree(norm)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # noqa: BLE001 - a Rust panic (pyo3 raises a BaseException): markdown-it-py decides
        return None
    try:
        return _Builder(source, norm).build(root)
    except (_Fallback, UnicodeDecodeError, IndexError, RecursionError):
        return None


_CONTAINERS = {"list_item": "list_item", "blockquote": "blockquote", "footnote_def": "footnote"}
_LISTS = {"bullet_list": "bullet_list_open", "ordered_list": "ordered_list_open"}
_INLINE_CONTAINERS = ("em", "strong", "s", "strikethrough")


class _Builder:
    def __init__(self, source, norm: str):
        self.source = source
        self.text = source.text
        self.off = _Offsets.needed(source, norm)
        self.starts = source.line_starts
        self.blocks: list[Block] = []
        self.non_prose: list = []
        self.outline: list = []
        self.front_matter = None
        self.front_matter_lines = None
        self.containers: list[str] = []

    def line_of(self, offset: int) -> int:
        return bisect_right(self.starts, offset) - 1

    def build(self, root):
        self._blocks(root.children, 0)
        return self.blocks, self.front_matter, self.front_matter_lines, self.non_prose, self.outline

    # -- block level ------------------------------------------------------------
    def _blocks(self, nodes, depth: int) -> None:
        if depth > _MAX_DEPTH:
            raise _Fallback
        run: list = []  # inline children of a tight list item (a hidden paragraph)
        for node in nodes:
            name = node.name
            if name in _INLINE_NAMES:
                run.append(node)
                continue
            if run:
                self._block("paragraph", run, None)
                run = []
            if name == "paragraph":
                self._block("paragraph", node.children, node)
            elif name == "heading" or name == "lheading":
                self.outline.append(("heading_open", ""))
                self._block("heading", node.children, node, node.meta["level"])
            elif name in _CONTAINERS:
                self.containers.append(_CONTAINERS[name])
                self._blocks(node.children, depth + 1)
                self.containers.pop()
            elif name in _LISTS:
                self.outline.append((_LISTS[name], ""))
                self._blocks(node.children, depth + 1)
            elif name == "table":
                for part in node.children:  # thead, tbody
                    for row in part.children:
                        for cell in row.children:
                            self._block("table_cell", cell.children, cell)
            elif name in NOT_PROSE:
                s, e = self._span(node)
                first = self.line_of(s)
                last = self.line_of(max(e - 1, s))
                self.non_prose.append((name, first, last + 1))
                if name == "front_matter" and self.front_matter is None:
                    # as mdit-py-plugins reads it: the lines between the fences
                    self.front_matter = "\n".join(self.source.line_text(i) for i in range(first + 1, last))
                    self.front_matter_lines = (first, last + 1)
            elif name == "footnote_container":
                self._blocks(node.children, depth)
            elif name in ("hr", "footnote_ref_anchor"):
                pass
            else:
                raise _Fallback  # a node this mapping does not know
        if run:
            self._block("paragraph", run, None)

    def _start(self, node) -> int:
        span = node.srcmap
        if span is None:
            raise _Fallback
        return span[0] if self.off is None else self.off(span[0])

    def _span(self, node) -> tuple[int, int]:
        span = node.srcmap
        if span is None:
            raise _Fallback
        off = self.off
        if off is None:
            return span
        return off(span[0]), off(span[1])

    def _block(self, kind: str, children, node, level: int = 0) -> None:
        if not children:
            if node is not None:
                self.outline.append(("inline", ""))
            return
        first = self._start(children[0])
        line0 = self.line_of(self._start(node)) if node is not None else self.line_of(first)
        scopes = set(self.containers)
        scopes.add(kind)
        if kind == "heading":
            scopes.add(f"h{level}")
        key = frozenset(scopes)
        block = Block(kind=kind, scopes=_SCOPES.setdefault(key, key), line=line0)
        self._inline(block, children)
        block._finish()
        self.outline.append(("inline", self._first_line(first, children, kind == "table_cell")))
        if block.text.strip():
            self.blocks.append(block)

    def _first_line(self, start: int, children, cell: bool) -> str:
        """The first line of the inline content (at most 40 characters), as
        ``Document.outline`` records it from markdown-it-py's inline content."""
        end = self.source.line_ends[self.line_of(start)]
        last = children[-1]
        if last.srcmap is None:  # a footnote's back-reference anchor
            last = children[-2]
        s = self._start(last)
        if s < end:  # the content ends on its first line
            if last.name == "text":
                content = last.meta["content"]
                # in a table cell every "|" of a text was written "\\|"
                end = min(end, s + len(content) + (content.count("|") if cell else 0))
            else:
                end = min(end, self._span(last)[1])
        line = self.text[start:end]
        return (line.replace("\\|", "|") if cell else line)[:40]

    # -- inline level -------------------------------------------------------------
    def _inline(self, block: Block, children, depth: int = 0) -> None:
        if depth > _MAX_DEPTH:
            raise _Fallback  # markdown-it-py stops reading inline markup deeper than this
        text = self.text
        n = len(children)
        for i, child in enumerate(children):
            name = child.name
            if name == "text":
                content = child.meta["content"]
                if "<!--" in content:
                    raise _Fallback  # a comment markdown-it-py reads as HTML (CommonMark 0.31)
                s = self._start(child)
                if text.startswith(content, s):
                    _add_text(block, content, s, text)
                elif "|" in content and block.kind == "table_cell":
                    self._escaped_pipes(block, content, s)
                else:
                    raise _Fallback
            elif name == "text_special":
                s, e = self._span(child)
                content = child.meta["content"]
                block._add(content, s, e, text[s:e] == content)
            elif name == "softbreak" or name == "hardbreak":
                s, e = self._span(child)
                if not (name == "hardbreak" and text[s] == "\\"):
                    # markdown-it-py's break starts at the newline, not at the
                    # trailing spaces before it
                    s = self.source.line_ends[self.line_of(s)]
                # it ends where the next line's content starts
                nxt = self._start(children[i + 1]) if i + 1 < n else e
                block._add("\n", s, nxt, False)
            elif name == "code_inline":
                s, e = self._span(child)
                _placeholder(block, s, e, "code")
            elif name == "html_inline":
                s, e = self._span(child)
                _placeholder(block, s, e, "html")
            elif name in _INLINE_CONTAINERS:
                self._inline(block, child.children, depth + 1)
            elif name == "link":
                start = block._len
                self._inline(block, child.children, depth + 1)
                block.links.append(Link(start, block._len, child.meta.get("url", ""), "link"))
                block.regions.append((start, block._len, "link_text"))
            elif name == "autolink":
                start = block._len
                for inner in child.children:
                    s, e = self._span(inner)
                    _placeholder(block, s, e, "url")
                block.links.append(Link(start, block._len, child.meta.get("url", ""), "autolink"))
            elif name == "image":
                start = block._len
                self._inline(block, child.children, depth + 1)
                block.regions.append((start, block._len, "image_alt"))
            elif name == "footnote_ref":
                s, e = self._span(child)
                pos = block._len
                block.atoms[pos] = Atom(pos, "footnote_ref", str(child.meta.get("label", "")))
                block._add(PLACEHOLDER, s, e, False)
            elif name == "footnote_ref_anchor":
                pass
            else:
                raise _Fallback

    def _escaped_pipes(self, block: Block, content: str, s: int) -> None:
        """A table cell's ``\\|`` reads ``|``: the text is added in pieces that
        start at each pipe, past its backslash (as ``prose._map_in_line`` maps
        markdown-it-py's cell content)."""
        text = self.text
        first, *rest = content.split("|")
        if not text.startswith(first, s):
            raise _Fallback
        _add_text(block, first, s, text)
        s += len(first)
        for chunk in rest:
            if not text.startswith("\\|" + chunk, s):
                raise _Fallback
            _add_text(block, "|" + chunk, s + 1, text)
            s += 2 + len(chunk)


_INLINE_NAMES = frozenset(
    (
        "text", "text_special", "softbreak", "hardbreak", "code_inline", "html_inline", "em", "strong", "s",
        "strikethrough", "link", "autolink", "image", "footnote_ref",
    )
)
