"""The prose view: what a reader reads, each character tied to its source offsets.

A ``Block`` is one unit of running text (a paragraph, a heading, a table cell) with
the scopes it sits in (``list_item``, ``blockquote``, ``footnote`` ...). Its ``text``
is the prose a rule matches against: markup removed (``**600** mg`` reads
``600 mg``), soft and hard line breaks read as ``\\n``, and code, inline HTML and
URLs replaced by one OBJECT REPLACEMENT CHARACTER (U+FFFC) so that no rule matches
inside them and no two words on either side of them merge.

``Block.to_source(start, end)`` turns a prose range into source offsets. A range
that covers only part of a decoded entity, a placeholder or a line break snaps to
the whole of it, so the source slice is always well formed.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from functools import lru_cache

from ..record import Record

PLACEHOLDER = "\ufffc"
NOT_PROSE = ("fence", "code_block", "html_block", "front_matter")  # block tokens whose text is not prose
SPAN = "span"  # an inline token's meta key for its (start, end) in its content (parser.py)

# Bare URLs in text are not prose (linkify is off: it would add a dependency and
# a second pass for what one regex does here).
_BARE_URL = re.compile(r"(?:https?://|www\.)[^\s<>\[\]()]+[^\s<>\[\]().,;:!?'\"’”]")


class Link(Record):
    __slots__ = FIELDS = ("start", "end", "href", "kind")

    def __init__(self, start: int, end: int, href: str, kind: str = "link"):
        self.start = start  # prose offsets of the link text (or the placeholder of a bare URL)
        self.end = end
        self.href = href
        self.kind = kind  # link | autolink | bare


class Atom(Record):
    """A non-text inline thing at one prose offset: a footnote ref or a placeholder."""

    __slots__ = FIELDS = ("pos", "kind", "label")

    def __init__(self, pos: int, kind: str, label: str = ""):
        self.pos = pos
        self.kind = kind  # footnote_ref | code | html | url
        self.label = label  # a footnote's label; an HTML tag's name, "/" first for an end tag


# inline elements a browser shows their content in, as part of the word around
# them (not <a>, a link; not <sup> or <sub>, a note's number; not <br>, a break)
_WORD_INNER = frozenset("span b strong i em u s small mark abbr font ins del q cite dfn kbd var wbr".split())

# characters a browser shows as nothing inside a word (not the joiners some scripts
# and emoji need: U+200C, U+200D)
INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")


class Block(Record):
    __slots__ = FIELDS = (
        "kind", "scopes", "line", "text", "links", "atoms", "regions", "comments",
        "_seg_prose", "_seg_src", "_seg_src_end", "_seg_exact", "_parts", "_len",
    )

    def __init__(self, kind: str, scopes: frozenset[str], line: int, text: str = ""):
        self.kind = kind  # paragraph | heading | table_cell
        self.scopes = scopes
        self.line = line  # 0-based first source line
        self.text = text
        self.links: list[Link] = []
        self.atoms: dict[int, Atom] = {}
        self.regions: list[tuple[int, int, str]] = []  # link_text, image_alt
        self.comments: list[int] = []  # source offsets of the inline HTML comments in it (no prose)
        # segment table: prose offset -> source offsets; exact segments map char by char.
        # Typed arrays, not lists of ints: 8 bytes an entry instead of ~36, which is
        # what keeps a 20 MB article within markdown-it-py's own memory footprint.
        self._seg_prose = array("q")
        self._seg_src = array("q")
        self._seg_src_end = array("q")
        self._seg_exact = array("b")
        self._parts: list[str] = []
        self._len = 0

    # -- building ---------------------------------------------------------------
    def _add(self, prose: str, src_start: int, src_end: int, exact: bool) -> None:
        if not prose:
            return
        if exact and not prose.isascii() and INVISIBLE.search(prose):
            # a zero-width space, a soft hyphen or a word joiner shows nothing, and
            # splits no word for a reader: the prose leaves it out ("cu\u200bres"
            # reads "cures"), each piece still mapped character by character
            at = 0
            for m in INVISIBLE.finditer(prose):
                self._segment(prose[at : m.start()], src_start + at, src_start + m.start(), True)
                at = m.end()
            self._segment(prose[at:], src_start + at, src_end, True)
            return
        self._segment(prose, src_start, src_end, exact)

    def _segment(self, prose: str, src_start: int, src_end: int, exact: bool) -> None:
        if not prose:
            return
        self._seg_prose.append(self._len)
        self._seg_src.append(src_start)
        self._seg_src_end.append(src_end)
        self._seg_exact.append(exact)
        self._parts.append(prose)
        self._len += len(prose)

    def _finish(self) -> None:
        self.text = "".join(self._parts)
        self._parts = None

    # -- mapping ----------------------------------------------------------------
    def _seg(self, p: int) -> int:
        return bisect_right(self._seg_prose, p) - 1

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets [s, e) of the prose range [start, end) (end > start)."""
        i = self._seg(start)
        s = self._seg_src[i] + (start - self._seg_prose[i]) if self._seg_exact[i] else self._seg_src[i]
        j = self._seg(end - 1)
        if self._seg_exact[j]:
            e = self._seg_src[j] + (end - self._seg_prose[j])
        else:
            e = self._seg_src_end[j]
        return s, e

    def source_start(self, pos: int) -> int:
        return self.to_source(pos, pos + 1)[0]

    def in_region(self, start: int, end: int, name: str) -> bool:
        return any(a <= start and end <= b for a, b, n in self.regions if n == name)


class _ContentMap:
    """Maps offsets in an inline token's ``content`` to source offsets.

    ``content`` is the block's lines with container markers and indentation removed
    and the whole trimmed; each content line is (a trimmed part of) one source line.
    Breakpoints record where each content piece starts in the source.
    """

    __slots__ = ("c", "s")

    def __init__(self, c: list[int], s: list[int]):
        self.c, self.s = c, s

    def pieces(self, start: int, end: int):
        """Split [start, end) where the mapping jumps (only escaped pipes in table
        cells do that inside one text token)."""
        i = bisect_right(self.c, start)
        if i >= len(self.c) or self.c[i] >= end:
            return ((start, end),)
        j = bisect_right(self.c, end - 1)
        bounds = [start, *self.c[i:j], end]
        return list(zip(bounds, bounds[1:]))

    def __call__(self, p: int) -> int:
        i = bisect_right(self.c, p) - 1
        return self.s[i] + (p - self.c[i])


# an HTML start or end tag: "/" or not, its name, its attributes
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)([^>]*)")
# an href attribute's value (not data-href's)
HREF = re.compile(r"""(?<![\w\-])href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)
# elements whose start or end ends a run of text in a browser (a new block begins)
HTML_BREAKS = frozenset(
    "address article aside blockquote br dd details dialog div dl dt fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th thead "
    "tr ul caption".split()
)
# A line with nothing but container markers and whitespace (Unicode spaces too).
_BLANKISH = re.compile(r"[\s>*+\-.)\d]*")


@lru_cache(maxsize=1)
def _trim_chars() -> str:
    """The exact whitespace set markdown-it-py trims paragraph content with (read
    when first needed, so that importing this module does not import markdown-it-py)."""
    try:
        from markdown_it.common.utils import MD_TRIM_CHARS

        return MD_TRIM_CHARS
    except ImportError:  # pragma: no cover - older markdown-it-py
        return " \t\n\r\f\v"


def _leading_trimmed(source, content: str, first_line: int, end_line: int | None) -> int:
    """How many of a paragraph's first source lines markdown-it-py's trim removed
    from its content: lines of only Unicode whitespace (NBSP, U+3000 ...) that are
    not blank to CommonMark, so they open the paragraph but not its content."""
    if end_line is None or not content:
        return 0
    first = content.split("\n", 1)[0]
    slack = (end_line - first_line) - (content.count("\n") + 1)
    skip = 0
    while skip < slack and first_line + skip < source.line_count:
        raw = source.line_text(first_line + skip)
        if raw.endswith(first) or raw.rstrip(_trim_chars()).endswith(first) or not _BLANKISH.fullmatch(raw):
            break
        skip += 1
    return skip


def _map_lines(source, content: str, first_line: int, end_line: int | None = None) -> _ContentMap:
    cs, ss = [], []
    c = 0
    first_line += _leading_trimmed(source, content, first_line, end_line)
    last = first_line + content.count("\n")
    for i, cl in enumerate(content.split("\n")):
        line0 = min(first_line + i, source.line_count - 1)
        raw = source.line_text(line0)
        start = source.line_starts[line0]
        col = _suffix_col(raw, cl, line0 == last)
        cs.append(c)
        ss.append(start + col)
        c += len(cl) + 1
    return _ContentMap(cs, ss)


def _suffix_col(raw: str, cl: str, is_last: bool) -> int:
    """Column where content line ``cl`` starts within source line ``raw``."""
    candidates = (raw, raw.rstrip(_trim_chars())) if is_last else (raw,)
    for r in candidates:
        if r.endswith(cl):
            return len(r) - len(cl)
    # A tab partly consumed by indentation is expanded to spaces in the content;
    # those spaces never reach a prose token, so align on the rest of the line.
    stripped = cl.lstrip(" ")
    for r in candidates:
        if stripped and r.endswith(stripped):
            return len(r) - len(stripped) - (len(cl) - len(stripped))
    return max(0, raw.find(cl.strip()))


def _map_in_line(source, content: str, line0: int, hint_col: int, cell: bool = True) -> tuple[_ContentMap, int]:
    """Locate a single-line content (table cell, ATX heading) in its source line,
    searching from ``hint_col`` (just past the previous cell). Escaped pipes ``\\|``
    in a table cell appear as ``|`` in the content; a heading's content is the
    source text as it is (``cell=False``)."""
    raw = source.line_text(line0)
    start = source.line_starts[line0]
    if "|" not in content or not cell:
        col = raw.find(content, hint_col)
        if col < 0:
            col = hint_col
        return _ContentMap([0], [start + col]), col + len(content)
    pattern = re.escape(content).replace(r"\|", r"\\\|")
    m = re.compile(pattern).search(raw, hint_col)
    if not m:
        return _ContentMap([0], [start + hint_col]), hint_col
    # each "|" of the content is the pipe of a "\\|" in the source: skip the backslash
    cs, ss = [0], [start + m.start()]
    c, sc = 0, m.start()
    for piece in content.split("|")[:-1]:
        c += len(piece)
        sc += len(piece) + 1
        cs.append(c)
        ss.append(start + sc)
        c += 1
        sc += 1
    return _ContentMap(cs, ss), m.end()


_SCOPES: dict = {}


def build_blocks(source, tokens, consume: bool = False, comments: list | None = None) -> list[Block]:
    """Walk block tokens, keeping the stack of containers, and build one Block per
    inline token of a paragraph, heading or table cell. With ``consume``, each
    inline token's children are released once read, so the prose view grows as the
    token tree shrinks (peak memory stays near the parser's own)."""
    blocks: list[Block] = []
    containers: list[str] = []
    parent = "paragraph"
    heading_level = 0
    heading_atx = True
    cell_hint: dict[int, int] = {}
    for tok in tokens:
        t = tok.type
        if t == "inline":
            if tok.map is None:
                continue
            line0 = tok.map[0]
            if parent == "table_cell":
                cmap, cell_hint[line0] = _map_in_line(source, tok.content, line0, cell_hint.get(line0, 0))
            elif parent == "heading" and heading_atx:
                raw = source.line_text(line0)
                hashes = raw.find("#")
                while 0 <= hashes < len(raw) and raw[hashes] == "#":
                    hashes += 1
                cmap, _ = _map_in_line(source, tok.content, line0, max(hashes, 0), cell=False)
            else:
                cmap = _map_lines(source, tok.content, line0, tok.map[1])
            scopes = set(containers)
            scopes.add(parent)
            if parent == "heading":
                scopes.add(f"h{heading_level}")
            key = frozenset(scopes)
            block = Block(kind=parent, scopes=_SCOPES.setdefault(key, key), line=line0)
            _add_inline(block, tok.children or [], cmap, source.text)
            block._finish()
            if consume:
                tok.children = None
            if block.text.strip():
                blocks.append(block)
            elif comments is not None:
                comments.extend(block.comments)  # a cell or heading that is only a comment: no block, but its comment counts
            continue
        if t.endswith("_open"):
            if t == "paragraph_open":
                parent = "paragraph"
            elif t == "heading_open":
                parent = "heading"
                heading_level = int(tok.tag[1:])
                heading_atx = tok.markup.startswith("#")
            elif t in ("th_open", "td_open"):
                parent = "table_cell"
            elif t == "list_item_open":
                containers.append("list_item")
            elif t == "blockquote_open":
                containers.append("blockquote")
            elif t == "footnote_open":
                containers.append("footnote")
        elif t in ("list_item_close", "blockquote_close", "footnote_close"):
            if containers:
                containers.pop()
    return blocks


def _inert(child) -> bool:
    """An inline HTML comment, or a tag a browser shows no break for (``_WORD_INNER``)."""
    if child.type != "html_inline":
        return False
    if child.content.startswith("<!--"):
        return True
    tag = _TAG.match(child.content)
    return tag is not None and tag.group(2).lower() in _WORD_INNER


def _inside_a_word(block: Block, children, k: int) -> int | None:
    """The end (index in ``children``) of the inert tags and comments from
    ``children[k]`` on, when they are empty elements (each one opened is closed
    among them, or void) between two letters or digits: "cu<span></span>res",
    "cu<wbr>res"; else None. Not "the<b>benefits</b>", which a browser shows joined
    too, but which a writer meant as two words far more often than anyone hides a
    claim in it."""
    if not block._parts or not block._parts[-1][-1:].isalnum():
        return None
    open_tags: list[str] = []
    for j in range(k, len(children)):
        child = children[j]
        if not _inert(child):
            joined = not open_tags and child.type == "text" and child.content[:1].isalnum()
            return j if joined else None
        tag = _TAG.match(child.content)
        if tag is None or tag.group(2).lower() == "wbr" or tag.group(3).rstrip().endswith("/"):
            continue  # a comment, a void or self-closed element
        if tag.group(1):
            if not open_tags or open_tags.pop() != tag.group(2).lower():
                return None
        else:
            open_tags.append(tag.group(2).lower())
    return None


def _add_inline(block: Block, children, cmap: _ContentMap, text: str) -> None:
    link_stack: list[tuple[int, str, str]] = []
    joined_to = 0  # children before this index are empty tags inside a word: nothing in the prose
    for k, child in enumerate(children):
        if k < joined_to:
            if child.content.startswith("<!--") and child.meta.get(SPAN) is not None:
                block.comments.append(cmap(child.meta[SPAN][0]))
            continue
        span = child.meta.get(SPAN)
        if span is None:
            continue
        t = child.type
        cs, ce = span
        if t == "text":
            if link_stack and link_stack[-1][2] == "autolink":
                _placeholder(block, cmap(cs), cmap(ce), "url")
                continue
            for piece_start, piece_end in cmap.pieces(cs, ce):
                _add_text(block, child.content[piece_start - cs : piece_end - cs], cmap(piece_start), text)
        elif t == "text_special":
            # an escape or entity reads as its decoded character (mapped to the
            # whole of its source); a backslash before a letter stays as written
            s_, e_ = cmap(cs), cmap(ce)
            if INVISIBLE.fullmatch(child.content):
                continue  # "&shy;", "&#8203;": as the character itself, nothing in the prose
            block._add(child.content, s_, e_, text[s_:e_] == child.content)
        elif t in ("softbreak", "hardbreak"):
            block._add("\n", cmap(cs), cmap(ce), False)
        elif t == "code_inline":
            _placeholder(block, cmap(cs), cmap(ce), "code")
        elif t == "html_inline":
            if child.content.startswith("<!--"):
                # a comment shows nothing ("600<!-- --> mg" reads "600 mg"); where it
                # starts is kept, for suppression comments
                block.comments.append(cmap(cs))
                shown = _comment_shows(child.content)
                if shown is not None:
                    _add_shown(block, child.content, cs, shown, cmap, text)
                continue
            # a tag in a paragraph: its name is kept (an element that starts a
            # block in a browser ends a sentence there), and <a href> ... </a>
            # is a link as a Markdown link is (a citation)
            tag = _TAG.match(child.content)
            name = (tag.group(1) + tag.group(2)).lower() if tag else ""
            end = _inside_a_word(block, children, k) if _inert(child) else None
            if end is not None:
                # empty tags inside a word show no break: "cu<span></span>res" reads
                # "cures" (elsewhere a tag stays a mark: a bold label is read apart)
                joined_to = end
                continue
            if name in ("a", "/a"):
                # an <a> start ends an open <a>, as in a browser
                _close_html_anchor(block, link_stack)
            _placeholder(block, cmap(cs), cmap(ce), "html", name)
            if name == "a":
                href = HREF.search(tag.group(3))
                if href is not None:
                    from html import unescape  # html.entities is a large table: loaded only for such a link

                    href = unescape(next(g for g in href.groups() if g is not None))
                link_stack.append((block._len, href, "html"))  # href None: an anchor that links nowhere
        elif t == "link_open":
            link_stack.append((block._len, child.attrs.get("href", ""), child.markup))
        elif t == "link_close":
            while link_stack and link_stack[-1][2] == "html":
                _close_html_anchor(block, link_stack)  # an <a> left open in the link's text ends with it
            if link_stack:
                start, href, markup = link_stack.pop()
                kind = "autolink" if markup == "autolink" else "link"
                block.links.append(Link(start, block._len, str(href), kind))
                if kind == "link":
                    block.regions.append((start, block._len, "link_text"))
        elif t == "image":
            start = block._len
            _add_inline(block, child.children or [], cmap, text)
            block.regions.append((start, block._len, "image_alt"))
        elif t == "footnote_ref":
            pos = block._len
            block.atoms[pos] = Atom(pos, "footnote_ref", str(child.meta.get("label", child.meta.get("id", ""))))
            block._add(PLACEHOLDER, cmap(cs), cmap(ce), False)


def _add_shown(block: Block, html: str, cs: int, shown: int, cmap: _ContentMap, text: str) -> None:
    """The part of an inline comment from ``shown`` on, which a browser shows
    ("<!-- a --!> text -->": it ends the comment at "--!>", Markdown reads on to
    "-->"), as text; line by line, each break read as a soft break is (a CRLF in
    the source)."""
    at = cs + shown
    for line in html[shown:].split("\n"):
        if at > cs + shown:
            block._add("\n", cmap(at - 1), cmap(at), False)
        for piece_start, piece_end in cmap.pieces(at, at + len(line)):
            _add_text(block, html[piece_start - cs : piece_end - cs], cmap(piece_start), text)
        at += len(line) + 1


def _comment_shows(html: str) -> int | None:
    """Where a browser's comment ends in an inline HTML comment that Markdown
    reads on to a later "-->": at the first "--!>" or "-->" (also the end of
    "--->", which Markdown reads past), after which a browser shows the rest; None
    when the comment is the whole of ``html``."""
    ends = [at + n for at, n in ((html.find("-->", 4), 3), (html.find("--!>", 4), 4)) if at >= 0]
    end = min(ends) if ends else len(html)
    return end if end < len(html) else None


def _close_html_anchor(block: Block, link_stack: list) -> None:
    """End an open HTML <a> (the top of ``link_stack``) here: a link when it had an href."""
    if link_stack and link_stack[-1][2] == "html":
        start, href, _ = link_stack.pop()
        if href is not None:
            block.links.append(Link(start, block._len, href, "link"))
            block.regions.append((start, block._len, "link_text"))


def _placeholder(block: Block, s: int, e: int, kind: str, label: str = "") -> None:
    pos = block._len
    block.atoms[pos] = Atom(pos, kind, label)
    block._add(PLACEHOLDER, s, e, False)


def _add_text(block: Block, content: str, src: int, text: str) -> None:
    if text[src : src + len(content)] != content:
        # Should not happen; if the alignment ever misses, keep the text readable
        # and its span coarse rather than wrong.
        block._add(content, src, src + len(content), False)
        return
    if "://" not in content and "www." not in content:
        block._add(content, src, src + len(content), True)
        return
    pos = 0
    for m in _BARE_URL.finditer(content):
        block._add(content[pos : m.start()], src + pos, src + m.start(), True)
        here = block._len
        block.links.append(Link(here, here + 1, m.group(), "bare"))
        _placeholder(block, src + m.start(), src + m.end(), "url")
        pos = m.end()
    block._add(content[pos:], src + pos, src + len(content), True)
