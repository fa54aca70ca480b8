"""Document: a parsed Markdown file with its prose view, built once and shared by
every rule that runs on it."""

from __future__ import annotations

from ..record import Record
from ..source import Source
from .prose import NOT_PROSE, Block, build_blocks
from .sentences import split_sentences


class Sentence(Record):
    __slots__ = FIELDS = ("block", "start", "end")

    def __init__(self, block: Block, start: int, end: int):
        self.block = block
        self.start = start  # prose offsets within block.text
        self.end = end

    @property
    def text(self) -> str:
        return self.block.text[self.start : self.end]


def _first_line(content: str) -> str:
    """What the outline keeps of an inline token: its first line, at most 40
    characters (enough to recognise a "References" heading or a "[1] ..." line)."""
    return content[:40].split("\n", 1)[0]


OUTLINE = ("heading_open", "ordered_list_open", "bullet_list_open", "inline")


_CONTAINERS = {"list_item_open": "list_item", "blockquote_open": "blockquote", "footnote_open": "footnote"}
_CLOSES = {"list_item_close": "list_item", "blockquote_close": "blockquote", "footnote_close": "footnote"}


def _nested_html(tokens: list) -> dict:
    """Per first line of an HTML block inside a quote, a list item or a footnote
    (a token level above 0): its content (container markers removed by the
    parser) and its containers' scopes. Read before the tokens are consumed. A
    close token pops its container only when it closes the innermost one at the
    same level (the footnote plugin can leave a stray quote close when one
    definition nests another)."""
    out: dict = {}
    containers: list = []  # (scope, level of the open token)
    for t in tokens:
        ty = t.type
        kind = _CONTAINERS.get(ty)
        if kind is not None:
            containers.append((kind, t.level))
            continue
        kind = _CLOSES.get(ty)
        if kind is not None:
            if containers and containers[-1] == (kind, t.level):
                containers.pop()
        elif ty == "html_block" and t.level > 0 and t.map:
            out[t.map[0]] = (t.content, frozenset(k for k, level in containers if level < t.level))
    return out


def _with_html(source: Source, blocks: list[Block], non_prose: list, inside: dict) -> list[Block]:
    """The Markdown blocks with the prose of HTML blocks (``html_text``) merged in
    by source line. Footnote definitions stay last, where markdown-it-py puts them;
    an HTML block in one goes with its definition's blocks."""
    from .html_text import html_blocks

    extra = html_blocks(source, non_prose, inside)
    if not extra:
        return blocks
    body = sorted((b for b in blocks + extra if "footnote" not in b.scopes), key=lambda b: b.line)
    notes = [b for b in blocks if "footnote" in b.scopes]
    in_notes = [b for b in extra if "footnote" in b.scopes]
    return body + (sorted(notes + in_notes, key=lambda b: b.line) if in_notes else notes)


class Document(Record):
    FIELDS = ("source", "tokens", "blocks", "front_matter", "front_matter_lines", "non_prose", "outline", "reference_labels",
              "comments")

    def __init__(
        self,
        source: Source,
        tokens: list | None,
        blocks: list[Block],
        front_matter: str | None = None,
        front_matter_lines: tuple[int, int] | None = None,
        non_prose: list | None = None,
        outline: list | None = None,
        reference_labels: frozenset[str] = frozenset(),
        comments: list | None = None,
    ):
        self.source = source
        self.tokens = tokens  # markdown-it tokens; dropped after parsing unless asked for
        self.blocks = blocks
        self.front_matter = front_matter
        self.front_matter_lines = front_matter_lines  # 0-based [start, end) lines
        self.non_prose = [] if non_prose is None else non_prose  # (token type, first line, end line): code, HTML, front matter
        self.outline = [] if outline is None else outline  # (token type, text start): headings, lists, inline text
        self.reference_labels = reference_labels
        # where inline HTML comments start in paragraphs, headings and cells with no
        # prose (a cell that is only a suppression comment); the others are on their blocks
        self.comments = [] if comments is None else comments
        self._sentences: list[Sentence] | None = None
        self._front_matter = None
        self._fm_blocks: list | None = None
        self._language: tuple | None | bool = False  # False: not computed yet
        self._sections: list | None = None
        self._words: dict = {}  # the words of the blocks the language was told from, by id (language.py)

    @classmethod
    def parse(cls, source: Source, keep_tokens: bool = False) -> "Document":
        """Parse with markdown-it-py; the token list is dropped once the prose view
        and the outline are built (it is most of the memory), unless ``keep_tokens``."""
        from .parser import markdown_parser

        env: dict = {}
        tokens = markdown_parser().parse(source.normalized(), env)
        fm = None
        fm_lines = None
        for tok in tokens:
            if tok.type == "front_matter":
                fm = tok.content
                fm_lines = (tok.map[0], tok.map[1]) if tok.map else None
                break
        non_prose = [(t.type, t.map[0], t.map[1]) for t in tokens if t.type in NOT_PROSE and t.map]
        # HTML blocks' containers are read before build_blocks consumes the tokens
        inside = _nested_html(tokens) if any(k == "html_block" for k, _, _ in non_prose) else None
        lone: list[int] = []
        blocks = build_blocks(source, tokens, consume=not keep_tokens, comments=lone)
        if inside is not None:
            blocks = _with_html(source, blocks, non_prose, inside)
        return cls(
            source=source,
            tokens=tokens if keep_tokens else None,
            blocks=blocks,
            front_matter=fm,
            front_matter_lines=fm_lines,
            reference_labels=frozenset(env.get("references", {})),
            non_prose=non_prose,
            comments=lone,
            outline=[(t.type, _first_line(t.content) if t.type == "inline" else "") for t in tokens if t.type in OUTLINE],
        )

    @property
    def front_matter_format(self) -> str | None:
        """The front matter's language: "toml" for a ``+++`` block
        (``toml_front_matter``), "yaml" for a ``---`` one, None without front
        matter. The fence is the file's first character."""
        if self.front_matter_lines is None:
            return None
        return "toml" if self.source.text.startswith("+") else "yaml"

    @property
    def front_matter_info(self):
        """Front matter parsed as YAML or TOML, with positions (on first use)."""
        if self._front_matter is None:
            from .front_matter import parse_front_matter

            self._front_matter = parse_front_matter(self)
        return self._front_matter

    @front_matter_info.setter
    def front_matter_info(self, value) -> None:
        """Front matter read some other way (``engine``: not read within its time limit)."""
        self._front_matter = value

    @property
    def front_matter_blocks(self) -> list[Block]:
        if self._fm_blocks is None:
            from .front_matter import front_matter_blocks

            self._fm_blocks = front_matter_blocks(self)
        return self._fm_blocks

    @property
    def language(self) -> tuple[str, float] | None:
        """(code, share) of the prose's language (``language.detect``: en, de, es,
        fr, pt, pl, it, nl), or None when there is too little text to tell."""
        if self._language is False:
            from .language import detect

            self._language = detect(self, self._words)
        return self._language

    @property
    def sections(self) -> list:
        """The prose under each heading, each with its language
        (``language.sections``; the first section is the prose before any heading)."""
        if self._sections is None:
            from .language import sections

            self._sections = sections(self, self._words)
            self._words = {}
        return self._sections

    @property
    def sentences(self) -> list[Sentence]:
        if self._sentences is None:
            self._sentences = [
                Sentence(b, s, e) for b in self.blocks for s, e in split_sentences(b)
            ]
        return self._sentences
