"""What every rule kind shares: scopes, hits, and the Check interface."""

from __future__ import annotations

import re
from typing import Iterator

from ..document import Document
from ..document.prose import Block
from ..findings import Fix
from ..matching import Compiler, Regex, narrowing
from ..record import Frozen, Record

BLOCK_SCOPES = frozenset(
    {"paragraph", "heading", "h1", "h2", "h3", "h4", "h5", "h6", "list_item", "blockquote", "table_cell", "footnote"}
)
REGION_SCOPES = frozenset({"link_text", "image_alt"})
ALL_SCOPES = ("prose", "sentence", *sorted(BLOCK_SCOPES), *sorted(REGION_SCOPES), "front_matter")


def scope_problem(names) -> str | None:
    """Validation for a scope list: known names, or front_matter.KEY."""
    for n in names:
        if n not in ALL_SCOPES and not (n.startswith("front_matter.") and len(n) > len("front_matter.")):
            import difflib

            hint = difflib.get_close_matches(n, ALL_SCOPES, n=1)
            return f"has unknown scope '{n}' (expected one of: {', '.join(ALL_SCOPES)}, or front_matter.KEY)" + (
                f"; did you mean '{hint[0]}'?" if hint else ""
            )
    return None


class Scope(Frozen):
    """Where a rule looks. ``prose`` is every block; a block scope selects blocks
    that are (or sit inside) that kind of block; a region scope selects only
    matches inside link text or image alt text."""

    __slots__ = FIELDS = ("names",)
    names: frozenset

    def __init__(self, names: frozenset):
        self._set(names)

    @classmethod
    def of(cls, names) -> "Scope":
        return cls(frozenset(names or ("prose",)))

    @property
    def everything(self) -> bool:
        return "prose" in self.names or "sentence" in self.names

    @property
    def front_matter(self) -> bool:
        return any(n == "front_matter" or n.startswith("front_matter.") for n in self.names)

    def blocks(self, doc: Document) -> Iterator[Block]:
        if self.everything or self.names & REGION_SCOPES:
            yield from doc.blocks
        else:
            for b in doc.blocks:
                if b.scopes & self.names:
                    yield b
        if self.front_matter:
            for b in doc.front_matter_blocks:
                if b.scopes & self.names:
                    yield b

    def accepts(self, block: Block, start: int, end: int) -> bool:
        """Whether a match at prose [start, end) of ``block`` is in scope."""
        if self.everything or block.scopes & self.names:
            return True
        return any(block.in_region(start, end, r) for r in self.names & REGION_SCOPES)


class Hit(Record):
    """A kind's raw result: source offsets, values for the message template, a
    fix if the kind offers one, and whether it is about the whole document (a
    missing part, a document-wide count or score) rather than the text it
    points at: ``--diff-base`` keeps such a finding when the file changed
    anywhere, a baseline keys it without that text, and the HTML report shows it
    at the top of the article."""

    __slots__ = FIELDS = ("start", "end", "values", "fix", "document")

    def __init__(self, start: int, end: int, values: dict | None = None, fix: Fix | None = None, document: bool = False):
        self.start = start
        self.end = end
        self.values = {} if values is None else values
        self.fix = fix
        self.document = document


class Check:
    """A compiled rule kind. Subclasses declare OPTIONS (see fields.Field),
    TEMPLATE_FIELDS (names a message may use besides {match}) and implement run().
    Patterns are built with ``compiler`` (``linter.matching``), which keeps what
    building them costs in the run's store."""

    OPTIONS: dict = {}
    TEMPLATE_FIELDS: frozenset = frozenset()
    DEFAULT_SCOPE: tuple = ("prose",)

    def __init__(self, options: dict, scope: Scope, compiler: Compiler | None = None):
        self.options = options
        self.scope = scope
        self.compiler = compiler if compiler is not None else Compiler()

    def run(self, doc: Document) -> Iterator[Hit]:
        raise NotImplementedError

    # helpers ---------------------------------------------------------------
    def texts(self, doc: Document) -> str:
        """Every text of the document a check reads (its blocks; its front
        matter's when the scope takes it; the raw front matter, where a check
        reads the page's title), joined: what ``within`` narrows a pattern to
        (``linter.matching.narrowing``)."""
        blocks = list(doc.blocks)
        if self.scope.front_matter:
            blocks.extend(doc.front_matter_blocks)
        texts = [b.text for b in blocks]
        if doc.front_matter:
            texts.append(doc.front_matter)
        return "\n".join(texts)

    def narrowing_for(self, doc: Document, patterns) -> "narrowing.Document | None":
        """What the check's ``patterns`` are narrowed to for ``doc`` (``within``):
        its ``texts``, and the " | " that joins a table row's cells where a check
        reads a row as one text (the dose rule's decision); None when none of
        them can still be narrowed, or the text cannot be. A text holding more
        than a check reads narrows it exactly too: the checks of a document get
        one text, narrowed once (``narrowing.Document.of``)."""
        if not any(p is not None and p.narrowable for p in patterns):
            return None
        return narrowing.Document.of(self.texts(doc) + ROW_JOINER)

    def regex_hits(self, doc: Document, regex: Regex | re.Pattern) -> Iterator[tuple[Block, re.Match]]:
        for block in self.scope.blocks(doc):
            for m in regex.finditer(block.text):
                if m.end() > m.start() and self.scope.accepts(block, m.start(), m.end()):
                    yield block, m


def plain_in_source(doc: Document, start: int, end: int, text: str) -> bool:
    """Whether the source [start, end) is exactly the prose ``text``, line endings
    aside (prose has LF where the file may have CRLF or CR): a fix replaces only
    such plain text, never across markup."""
    src = doc.source.text[start:end]
    if "\r" in src:
        src = src.replace("\r\n", "\n").replace("\r", "\n")
    return src == text


ROW_JOINER = "\n | "  # what ``narrowing_for`` adds to a document's texts

LONG_LINE = 120  # a longer first line is cut at a word


def is_question(text: str) -> bool:
    """Text that ends with a question mark (a fullwidth one too), before closing
    quotes and brackets: a sentence that asks, a heading that names no product."""
    return text.rstrip().rstrip("\"'”’)").endswith(("?", "？"))


def first_line_span(doc: Document) -> tuple[int, int]:
    """Where to report a finding about the whole document: the first line of its
    first prose block (usually the title, after any front matter, comments and HTML
    wrappers), as prose -- without heading marks, and ending before any inline code
    or HTML, which no finding spans -- and cut at a word after ``LONG_LINE``
    characters (an HTML block on one line). Empty at that block's start when the
    line opens with code; the first non-blank line after the front matter when
    the document has no prose; (0, 0) for an empty body."""
    src = doc.source
    first = min(doc.blocks[:8], key=lambda b: b.line) if doc.blocks else None
    if first is not None and first.text:
        return line_span(first)
    start_line = doc.front_matter_lines[1] if doc.front_matter_lines else 0
    for line0 in range(start_line, src.line_count):
        if src.line_text(line0).strip():
            return src.line_starts[line0], src.line_ends[line0]
    return 0, 0


def line_span(block: Block) -> tuple[int, int]:
    """Source offsets of a block's first line as prose (``first_line_span``): no
    heading marks, ending before any inline code or HTML, cut at a word after
    ``LONG_LINE`` characters; empty at the block's start when the line opens with
    code. ``block.text`` must not be empty."""
    from ..document.prose import PLACEHOLDER

    text = block.text.split("\n", 1)[0].split(PLACEHOLDER, 1)[0]
    if len(text) > LONG_LINE:
        text = text[:LONG_LINE]
        text = text[: text.rfind(" ")] if " " in text else text
    text = text.rstrip()
    if not text:
        at = block.source_start(0)
        return at, at
    return block.to_source(0, len(text))


def in_languages(doc: Document, languages) -> bool:
    """Whether a rule limited to ``languages`` (codes; empty: any) reads this
    document. A document whose language cannot be told (too little text, or no
    language with ``MIN_SHARE`` of its function words) is read."""
    if not languages:
        return True
    from ..document.language import MIN_SHARE

    lang = doc.language
    return lang is None or lang[0] in languages or lang[1] < MIN_SHARE


class Reading:
    """Which sections of a document a rule limited to ``languages`` (codes; empty:
    any) reads: those whose language (``Document.sections``) is one of them or
    cannot be told. An English article's German section is skipped; a German
    article's English section is read."""

    __slots__ = ("everything", "nothing", "_starts", "_read")

    def __init__(self, doc: Document, languages):
        if not languages:
            self.everything, self.nothing = True, False
            return
        sections = doc.sections
        self._starts = [s.start for s in sections]
        self._read = [s.language is None or s.language in languages for s in sections]
        self.everything = all(self._read)
        self.nothing = not self.everything and not any(r for r, s in zip(self._read, sections) if s.blocks)

    def at(self, offset: int) -> bool:
        """Whether the rule reads the section that source ``offset`` falls in."""
        if self.everything:
            return True
        from bisect import bisect_right

        return self._read[max(0, bisect_right(self._starts, offset) - 1)]

    def blocks(self, doc: Document) -> list[Block]:
        """The document's blocks that the rule reads, in ``doc.blocks`` order."""
        if self.everything:
            return doc.blocks
        skipped = {id(b) for s, r in zip(doc.sections, self._read) if not r for b in s.blocks}
        return [b for b in doc.blocks if id(b) not in skipped]


def mention_key(text: str) -> str:
    """A term or a match as ``mentions`` compares them: lowercased, its spaces as one."""
    return " ".join(text.lower().split())


def mention_keys(terms) -> frozenset:
    return frozenset(map(mention_key, terms))


def mentions(doc: Document, regex: Regex | re.Pattern, enough: int, blocks: list[Block] | None = None,
             once: frozenset = frozenset(), per_block: dict | None = None,
             skip: frozenset = frozenset()) -> tuple[int, tuple | None]:
    """How many times ``regex`` matches the document's prose, or ``blocks`` of it
    (counting stops at ``enough``), and the first (block, match): for rules that
    apply only to documents that mention something. A match whose text, lowercased
    with its spaces as one, is in ``once`` counts at its first mention only; one in
    ``skip`` does not count (an idiom the regex matches whole, "pain point", so that
    the word inside it is not a mention).
    ``per_block`` maps ``id(block)`` to the regex searched in that block instead
    (None there: nothing is searched in it)."""
    count, first, seen = 0, None, set()
    for block in doc.blocks if blocks is None else blocks:
        found = regex if per_block is None else per_block.get(id(block), regex)
        if found is None:
            continue
        for m in found.finditer(block.text):
            if skip or once:
                key = mention_key(m.group())
                if key in skip:
                    continue
                if key in once:
                    if key in seen:
                        continue
                    seen.add(key)
            count += 1
            if first is None:
                first = (block, m)
            if count >= enough:
                return count, first
    return count, first
