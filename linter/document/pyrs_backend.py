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
  inline HTML comments and emphasis next to a non-ASCII symbol fall back;
- an emphasis node's map is off when delimiters are left over (``_foo__``):
  where inline content or a line's content starts is read from the first text
  inside, walked back over the opening markup (``_lead``);
- footnotes come in the order they were defined: put in the order of their
  first references, as markdown-it-py does;
- what ``bench/parser_diff.py`` (a differential fuzz) found read differently
  falls back: lazy continuation lines of a quote, a list marker, table or
  footnote definition right after a quote's, a table's or a paragraph's line
  (``_fallback_syntax``), a table row that starts another block, an
  unclosed fence or HTML block followed by a blank line, a footnote reference
  inside a footnote, a footnote defined twice, spaces before a line break after
  markup, bare URLs with a delimiter character, a last line of spaces;
- what fuzzing inline-heavy documents found: whitespace that only one parser
  trims or counts, "<!" and a lowercase letter, footnote definitions that do
  not start their line, a delimiter row under a pipe-less line, left-over
  tildes, front matter the plugins read differently (``_fallback_syntax``).
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right

from .prose import _SCOPES, NOT_PROSE, PLACEHOLDER, Atom, Block, Link, _add_text, _placeholder

try:
    import markdown_it_pyrs
except ImportError:  # the optional extra is not installed
    markdown_it_pyrs = None

# Fallback triggers a cheap scan of the source can see, each search guarded by a
# substring test (one alternation with line anchors would be tried at every
# character):
# - a link reference definition ("[label]:", not a footnote "[^1]:");
# - NUL (markdown-it-py replaces it);
# - a tab in a line's indentation or container markers (markdown-it-pyrs's
#   offsets count the tab's expanded columns there);
# and what bench/parser_diff.py (a differential fuzz) found read differently:
# - a list marker, table row or footnote definition right after a non-blank line
#   where a paragraph may end or go on lazily (``_interrupts_lazily``);
# - a quote's line followed by a line without ">" (a lazy continuation);
# - a footnote defined twice (markdown-it-py keeps the last, markdown-it-pyrs the
#   first), or whose text starts after two or more spaces, or with no label;
# - a bare URL with "*", "_" or "~" in it (split into text differently);
# - "a|b" over "--" (a table to markdown-it-py, a heading to markdown-it-pyrs);
# - a last line of spaces only (an unclosed block takes it in one parser only);
# - U+0085, U+2028, U+2029, vertical tab, form feed or U+001C-U+001F (whitespace
#   to one parser's rules, not the other's: "*\u0085*", "_\u2028_", "[^1]:\x0b*");
# - other whitespace that only Python's str.strip() trims (NBSP, U+3000, form
#   feed ...) at the end of a line, at its start after any container markers,
#   or where a footnote's text starts (".\u00a0", "\u2003", "- \u2003**");
# - three or more tildes after text on their line ("~~a~~~");
# - front matter the plugins read differently ("---\n---a", "- ---*\n*");
# - "<!" and a lowercase letter (a declaration since CommonMark 0.31 only: "<!t 4g");
# - a footnote definition that does not start its line: indented (" [^١]:x"),
#   inside a quote or list item, or inside another's text ("[^a]:[^1]:");
# - a table's delimiter row under a line without a pipe ("x\n|-").
_REFERENCE_DEFINITION = re.compile(r"\[(?!\^)[^\]\n]*\]:")
_TAB_INDENT = re.compile(r"^[ >*+\-\d.)]*\t", re.M)
_INTERRUPTER = re.compile(r"^[ ]{0,3}(?:>[ ]?)*[ ]{0,3}(?:(?P<item>[-+*]|\d{1,9}[.)])(?:[ ]|$)|\||(?P<note>\[\^[^\]\n]+\]:))", re.M)
_LAZY_QUOTE_LINE = re.compile(r"^[ ]{0,3}>.*\n(?![ ]{0,3}>)[ \t]*\S", re.M)
_FOOTNOTE_LABEL = re.compile(r"^[ ]{0,3}(?:>[ ]?)*[ ]{0,3}\[\^([^\]\n]+)\]:", re.M)
_ODD_FOOTNOTE = re.compile(r"\[\^[^\]\n]*\]:[ ]{2,}|\[\^\]")
_URL_WITH_DELIMITER = re.compile(r"(?:https?://|www\.)[^\s<>\[\]()]*[*_~]")
_PIPE_THEN_DASHES = re.compile(r"^[^\n]*\|[^\n]*\n[ ]{0,3}[-:]+[ ]*$", re.M)
_ODD_WHITESPACE = re.compile("[\x0b\x0c\x1c-\x1f\x85\u2028\u2029]")
# Whitespace to Python's str.strip() (which markdown-it-py trims lines and
# paragraphs with) but not to markdown-it-pyrs's ASCII trim: NBSP, em space,
# ideographic space, form feed ...
_UNICODE_SPACE = "".join(c for c in map(chr, range(0x10000)) if c.isspace() and c not in " \t\n\r")
_SPACE_AT_LINE_EDGE = re.compile(
    f"^[ \\t>*+\\-\\d.)]*[{_UNICODE_SPACE}]|[{_UNICODE_SPACE}][ \\t]*$|\\]:[ \\t]*[{_UNICODE_SPACE}]", re.M
)
_LOWER_DECLARATION = re.compile(r"<![a-z]")
_FOOTNOTE_DEFINITION_LIKE = re.compile(r"\[\^[^\]\n]*\]:")
_DELIMITER_ROW_UNDER_PLAIN_LINE = re.compile(r"^[^|\n]*\S[^|\n]*\n[ ]{0,3}(?=[^\n]*\|)(?=[^\n]*-)[-:| ]+$", re.M)
# a pipe-less row of dashes with a colon under a text line ("_\n-:"): a table to
# markdown-it-pyrs only
_COLON_DELIMITER_ROW = re.compile(r"^[^\n]*\S[^\n]*\n[ ]{0,3}(?=[^\n]*:)(?=[^\n]*-)[-: ]+$", re.M)
# a delimiter row under a line that opens an HTML block, or whose pipes are
# escaped ("\\||0\n-|"): one parser reads a table, the other does not
_DELIMITER_ROW_UNDER_HTML_OR_ESCAPED_PIPE = re.compile(
    r"^(?:[ ]{0,3}<|[^\n]*\\\|)[^\n]*\n[ ]{0,3}(?=[^\n]*\|)(?=[^\n]*-)[-:| ]+$", re.M
)


def _fallback_syntax(norm: str) -> bool:
    tail = norm[norm.rfind("\n") + 1 :]
    return (
        "\x00" in norm
        or ("]:" in norm and _REFERENCE_DEFINITION.search(norm) is not None)
        or ("\t" in norm and _TAB_INDENT.search(norm) is not None)
        or _interrupts_lazily(norm)
        or (">" in norm and _LAZY_QUOTE_LINE.search(norm) is not None)
        or ("[^" in norm and (_footnote_defined_twice(norm) or _ODD_FOOTNOTE.search(norm) is not None))
        or (("://" in norm or "www." in norm) and _URL_WITH_DELIMITER.search(norm) is not None)
        or ("|" in norm and _PIPE_THEN_DASHES.search(norm) is not None)
        or bool(tail and not tail.strip())
        or _ODD_WHITESPACE.search(norm) is not None
        or (norm.startswith("-") and _front_matter_differs(norm))
        or ("~~~" in norm and _tildes_inside_a_line(norm))
        or (not norm.isascii() or "\x0b" in norm or "\x0c" in norm or "\x1c" in norm or "\x1d" in norm
            or "\x1e" in norm or "\x1f" in norm) and _SPACE_AT_LINE_EDGE.search(norm) is not None
        or ("<!" in norm and _LOWER_DECLARATION.search(norm) is not None)
        or ("[^" in norm and _footnote_not_at_line_start(norm))
        or ("|" in norm and _DELIMITER_ROW_UNDER_PLAIN_LINE.search(norm) is not None)
        or ("|" in norm and ("<" in norm or "\\|" in norm) and _DELIMITER_ROW_UNDER_HTML_OR_ESCAPED_PIPE.search(norm) is not None)
        or ("-:" in norm or ":-" in norm) and _COLON_DELIMITER_ROW.search(norm) is not None
    )


def _interrupts_lazily(norm: str) -> bool:
    """A line that may start a list item, a table row or a footnote definition
    (after any quote markers), right after a non-blank line that is a quote's or
    (for a list marker) a table's, or, for a footnote definition, anything but
    another definition ("> foo\n1.", "text\n[^1]: ...")."""
    for m in _INTERRUPTER.finditer(norm):
        start = m.start()
        if start == 0:
            continue
        prev = norm[norm.rfind("\n", 0, start - 1) + 1 : start - 1]
        if not prev.strip():
            continue  # after a blank line: a new block either way
        if m.group("note"):
            if not _FOOTNOTE_LABEL.match(prev):
                return True
        else:
            lead = prev.lstrip(" ")
            if lead.startswith(">") or (m.group("item") and lead.startswith("|")):
                return True
    return False


_TILDE_RUN = re.compile(r"~{3,}")
_CONTAINER_PREFIX = re.compile(r"(?:[ ]{0,3}(?:>[ ]?|[*+\-][ ]+|\d{1,9}[.)][ ]+))*[ ]*")


def _tildes_inside_a_line(norm: str) -> bool:
    """Three or more tildes after text on their line ("~~a~~~"): strikethrough's
    left-over tildes are mapped differently. At a line's start (after container
    markers) they open or close a fence, which both read alike."""
    for m in _TILDE_RUN.finditer(norm):
        start = norm.rfind("\n", 0, m.start()) + 1
        if _CONTAINER_PREFIX.fullmatch(norm, start, m.start()) is None:
            return True
    return False


_DASHES_THEN_TEXT = re.compile(r"^-{3,}[ \t]*[^-\s]", re.M)


def _front_matter_differs(norm: str) -> bool:
    """Front matter the two plugins read differently: a first line that is not
    only dashes but holds three ("- ---*": markdown-it-py's plugin sees front
    matter inside the list item), or, after an opening line of dashes, a line of
    dashes with text after them ("---a": a closing line to markdown-it-pyrs only)."""
    first = norm.split("\n", 1)[0].rstrip(" \t")
    if first.strip("-"):
        return "---" in first
    return _DASHES_THEN_TEXT.search(norm) is not None


def _footnote_not_at_line_start(norm: str) -> bool:
    """A footnote definition's "[^x]:" anywhere but at the start of a line:
    indented, inside a quote or list item, or inside another definition's text."""
    return any(m.start() and norm[m.start() - 1] != "\n" for m in _FOOTNOTE_DEFINITION_LIKE.finditer(norm))


def _footnote_defined_twice(norm: str) -> bool:
    labels = _FOOTNOTE_LABEL.findall(norm)
    return len(labels) != len(set(labels))


_FENCE_CLOSE = re.compile(r"[ >]*(`{3,}|~{3,})[ ]*$")
_FENCE_RUN = re.compile(r"(`{3,}|~{3,})")
_HTML_CLOSERS = (("<!--", "-->"), ("<?", "?>"), ("<![CDATA[", "]]>"), ("<!", ">"))
_HTML_RAW = re.compile(r"<(script|pre|style|textarea)(?:\s|>|$)", re.I)


def _unclosed(name: str, first_line: str, last_line: str, several: bool) -> bool:
    """A fence or an HTML block of the kinds that run to a closing marker
    (comments, processing instructions, CDATA, declarations, script, pre,
    style, textarea) whose last line does not close it; or anything else this
    cannot tell (then: yes)."""
    if name == "fence":
        # closed: the last line is a run of the opening's character, at least as
        # long, in the opening's column (a closer indented otherwise may be
        # legal, but this cannot tell inside a list item: then "unclosed")
        opening = _FENCE_RUN.search(first_line)
        closing = _FENCE_CLOSE.match(last_line)
        if not (several and opening and closing):
            return True
        run = closing.group(1)
        return not (run[0] == opening.group(1)[0] and len(run) >= len(opening.group(1)) and closing.start(1) == opening.start(1))
    if name != "html_block":
        return False
    opening = first_line.lstrip(" >-+*0123456789.)")
    raw = _HTML_RAW.match(opening)
    if raw:
        return f"</{raw.group(1).lower()}>" not in last_line.lower()
    for start, end in _HTML_CLOSERS:
        if opening.startswith(start):
            return end not in last_line[last_line.find(start) + len(start) if not several else 0 :]
    return False  # ends at a blank line: no blank line taken in either parser


# A table body row that starts another block: markdown-it-py ends the table there.
_BLOCK_START = re.compile(r"[ ]{0,3}(?:[-+*](?:[ ]|$)|\d{1,9}[.)](?:[ ]|$)|>|#{1,6}(?:[ ]|$)|```|~~~|<|\[\^[^\]\n]+\]:)")

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


_EMPHASIS_BEFORE_NON_ASCII = re.compile(r"[*_~][^\x00-\x7f]")
_EMPHASIS_AFTER_NON_ASCII = re.compile(r"[^\x00-\x7f][*_~]")


def _spec_differences(norm: str) -> bool:
    """Emphasis or strikethrough next to a non-ASCII symbol (``*£*``, ``~~£~~``), which CommonMark 0.31
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
        self.first_refs: dict = {}  # footnote label -> order of its first reference

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
                        if part.name == "tbody" and _BLOCK_START.match(self.source.line_text(self.line_of(self._start(row)))):
                            # markdown-it-py ends a table at a line that starts
                            # another block; this markdown-it-pyrs reads a row
                            raise _Fallback
                        for cell in row.children:
                            self._block("table_cell", cell.children, cell)
            elif name in NOT_PROSE:
                s, e = self._span(node)
                first = self.line_of(s)
                last = self.line_of(max(e - 1, s))
                if (
                    last + 1 < self.source.line_count
                    and not self.source.line_text(last + 1).strip()
                    and _unclosed(name, self.source.line_text(first), self.source.line_text(last), last > first)
                ):
                    # an unclosed code or HTML block, then a blank line:
                    # markdown-it-py's map takes in the blank lines to the end of
                    # its container, markdown-it-pyrs's does not
                    raise _Fallback
                self.non_prose.append((name, first, last + 1))
                if name == "front_matter" and self.front_matter is None:
                    # as mdit-py-plugins reads it: the lines between the fences
                    self.front_matter = "\n".join(self.source.line_text(i) for i in range(first + 1, last))
                    self.front_matter_lines = (first, last + 1)
            elif name == "footnote_container":
                # markdown-it-py puts the definitions in the order of their first
                # references; markdown-it-pyrs keeps the order they were written in
                order = self.first_refs
                if any(d.meta.get("label") not in order for d in node.children):
                    raise _Fallback  # referenced only from a footnote that is not shown
                self._blocks(sorted(node.children, key=lambda d: order[d.meta.get("label")]), depth)
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
        content = self._content_start(node, first, children)
        line0 = self.line_of(self._start(node)) if node is not None else self.line_of(content)
        scopes = set(self.containers)
        scopes.add(kind)
        if kind == "heading":
            scopes.add(f"h{level}")
        key = frozenset(scopes)
        block = Block(kind=kind, scopes=_SCOPES.setdefault(key, key), line=line0)
        self._inline(block, children)
        block._finish()
        self.outline.append(("inline", self._first_line(content, children, kind == "table_cell")))
        if block.text.strip():
            self.blocks.append(block)

    def _content_start(self, node, first: int, children) -> int:
        """Where markdown-it-py's inline content starts. The first child's map
        is not it: an emphasis node's map is off when delimiters are left over
        (``_foo__``, ``**foo***``). A paragraph's or a cell's own map is; a
        heading's after its ``#`` marks; a tight list item's text is preceded on
        its line only by opening markup, walked back over."""
        if node is None:
            return self._lead(children[0], first)
        at = self._start(node)
        if node.name == "heading":  # ATX ("lheading", setext, starts with its text)
            text = self.text
            while at < len(text) and text[at] == "#":
                at += 1
            while at < len(text) and text[at] in " \t":
                at += 1
        return at

    def _lead(self, node, default: int) -> int:
        """Where an inline node's markup starts: its own map's start, except for
        emphasis and strikethrough, whose maps may be off: there the start of
        the first node inside, walked back over the opening markup."""
        if node.name not in _INLINE_CONTAINERS:
            return self._start(node) if node.srcmap is not None else default
        leaf = default
        while node.children and node.name in _INLINE_CONTAINERS:
            node = node.children[0]
        if node.srcmap is not None:
            leaf = self._start(node)
        text = self.text
        while leaf > 0 and text[leaf - 1] in "*_~[!<":
            leaf -= 1
        return leaf

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
                end_of_line = self.source.line_ends[self.line_of(s)]
                if i and end_of_line and text[end_of_line - 1] == " ":
                    before = children[i - 1]
                    if before.name != "text" or before.meta.get("content", "").rstrip(" ")[-1:] in ("*", "_", "~", ""):
                        # spaces before the line's end after markup or left-over
                        # delimiters ("**Note:**  ", "a ** "): markdown-it-py maps
                        # the break elsewhere
                        raise _Fallback
                if not (name == "hardbreak" and text[s] == "\\"):
                    # markdown-it-py's break starts at the newline, not at the
                    # trailing spaces before it
                    s = self.source.line_ends[self.line_of(s)]
                # it ends where the next line's content starts
                nxt = self._lead(children[i + 1], e) if i + 1 < n else e
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
                if "footnote" in self.containers:
                    # a reference inside a definition: markdown-it-py numbers (and
                    # orders) the footnotes otherwise
                    raise _Fallback
                self.first_refs.setdefault(child.meta.get("label"), len(self.first_refs))
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
