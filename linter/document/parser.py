"""markdown-it-py, set up to record where every inline token came from.

markdown-it-py gives block tokens a line range (``token.map``) but inline tokens no
position at all. Rather than searching the source for each token's text afterwards
(which goes wrong as soon as a word occurs twice, or markup was decoded), we replace
the inline tokenizer's main loop with one that notes ``state.pos`` before and after
every rule call. Each inline token then carries ``meta["span"] = (start, end)``:
offsets into its inline token's ``content``. ``prose.py`` maps those to source offsets.

Containers nested deeper than markdown-it-py's ``maxNesting`` (20 levels; a list
counts two) are not dropped: markdown-it-py skips everything from there to the end
of the enclosing container, which for a list item is the rest of the file, so a
claim written after a deep list would never be linted. ``_tokenize_flat``
reads such deep content as plain paragraphs instead (markers and all), so it is
still prose with exact positions, and no recursion grows with the nesting.

Two post-processing rules are switched off because they merge tokens and so lose
positions: ``text_join`` (joins escapes and entities into text) and
``fragments_join`` (joins leftover emphasis delimiters into text). Neither changes what
the document says; prose building concatenates adjacent text runs itself.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_inline.state_inline import StateInline
from markdown_it.token import Token

from .prose import SPAN


def _assign(tokens, first: int, start: int, end: int) -> None:
    """Give positions to the tokens one rule call pushed (those without a span yet)."""
    new = [t for t in tokens[first:] if SPAN not in t.meta]
    if not new:
        return
    if len(new) == 1:
        new[0].meta[SPAN] = (start, end)
        return
    if all(t.type == "text" for t in new) and sum(len(t.content) for t in new) == end - start:
        # emphasis / strikethrough delimiter runs: one text token per delimiter chunk
        pos = start
        for t in new:
            t.meta[SPAN] = (pos, pos + len(t.content))
            pos += len(t.content)
        return
    if new[0].type == "link_open" and new[0].markup == "autolink" and len(new) == 3:
        # <https://example.com>: "<", the URL, ">"
        new[0].meta[SPAN] = (start, start + 1)
        new[1].meta[SPAN] = (start + 1, end - 1)
        new[2].meta[SPAN] = (end - 1, end)
        return
    if new[0].type == "link_open":
        # `[` opens the link; its label's tokens were positioned by the nested
        # tokenize call; link_close covers `](url "title")` or `][ref]`.
        new[0].meta[SPAN] = (start, start + 1)
        inner = [t.meta[SPAN][1] for t in tokens[first:] if SPAN in t.meta and t is not new[0]]
        label_end = max(inner) if inner else start + 1
        for t in new[1:]:
            t.meta[SPAN] = (label_end, end)
        return
    for t in new:
        t.meta[SPAN] = (start, end)


def _shift_children(token, delta: int) -> None:
    for child in token.children or ():
        if SPAN in child.meta:
            s, e = child.meta[SPAN]
            child.meta[SPAN] = (s + delta, e + delta)
        _shift_children(child, delta)


def tokenize_with_positions(self, state: StateInline) -> None:
    """Same loop as ``ParserInline.tokenize``, plus position bookkeeping.

    Pending text (plain characters collected by the ``text`` rule or the fallback
    path) becomes a ``text`` token when the next token is pushed; its start is
    remembered in ``pending_start`` and its length is its content's (text tokens
    hold source characters verbatim, trailing spaces before a break trimmed).
    """
    rules = self.ruler.getRules("")
    end = state.posMax
    max_nesting = state.md.options["maxNesting"]
    tokens = state.tokens
    pending_start = -1

    while state.pos < end:
        pos = state.pos
        ok = False
        n_before = len(tokens)
        if state.level < max_nesting:
            for rule in rules:
                ok = rule(state, False)
                if ok:
                    if state.pos <= pos:
                        raise RuntimeError("inline rule didn't increment state.pos")
                    break
        if ok:
            if len(tokens) > n_before:
                first = n_before
                if pending_start >= 0:
                    t = tokens[first]
                    t.meta[SPAN] = (pending_start, pending_start + len(t.content))
                    pending_start = -1
                    first += 1
                for t in tokens[first:]:
                    if t.type == "image" and SPAN not in t.meta:
                        # alt text was parsed as its own string, starting after "![";
                        # an image inside link text was placed (and shifted) by the
                        # nested tokenize call of the link rule already
                        _shift_children(t, pos + 2)
                _assign(tokens, first, pos, state.pos)
            elif pending_start < 0 and state.pending:
                # the rule added plain text (the text rule, or e.g. an unmatched
                # backtick run); reading `pending` is cheap here: it was empty
                pending_start = pos
            if state.pos >= end:
                break
            continue
        if pending_start < 0:
            pending_start = pos
        state.append_pending(state.src[state.pos])
        state.pos += 1

    if state.pending:
        t = state.pushPending()
        t.meta[SPAN] = (pending_start, pending_start + len(t.content))


# The characters at which one of the inline rules enabled below can start
# (escape, backticks, strikethrough, emphasis, link, image, autolink, HTML,
# entity, footnote reference). Content without any of them is plain text with
# line breaks, and ``_plain_inline`` tokenizes it without markdown-it-py's
# inline state machine (most of an article's inline tokens: headings, table
# cells, list items and paragraphs without a link or emphasis).
_INLINE_SYNTAX = re.compile(r"[\\`*_~\[<&]")
_PLAIN_RULES = frozenset(
    ("text", "newline", "escape", "backticks", "strikethrough", "emphasis", "link", "image", "autolink",
     "html_inline", "entity", "footnote_ref")
)


def _plain_inline(src: str, tokens: list) -> None:
    """What ``tokenize_with_positions`` and the ``newline`` rule make of text with
    no inline syntax: text runs and soft/hard breaks, with the same spans (a
    test compares the two on the CommonMark examples, the corpora and random
    text). Spaces before a newline end the text run (two or more make a hard
    break); spaces and tabs after it are skipped."""
    pos = 0
    n = len(src)
    while pos < n:
        nl = src.find("\n", pos)
        if nl < 0:
            _push(tokens, "text", "", src[pos:], pos, n)
            return
        end = nl
        kind = "softbreak"
        if end > pos and src[end - 1] == " ":
            if end - 1 > pos and src[end - 2] == " ":
                kind = "hardbreak"
                end -= 2
                while end > pos and src[end - 1] == " ":
                    end -= 1
            else:
                end -= 1
        if end > pos:
            _push(tokens, "text", "", src[pos:end], pos, end)
        after = nl + 1
        while after < n and src[after] in " \t":
            after += 1
        _push(tokens, kind, "br", "", nl, after)
        pos = after


def _push(tokens: list, kind: str, tag: str, content: str, start: int, end: int) -> None:
    token = Token(kind, tag, 0)
    token.content = content
    token.meta[SPAN] = (start, end)
    tokens.append(token)


def _fast_inline_parse(original):
    def parse(src: str, md, env, tokens: list) -> list:
        if _INLINE_SYNTAX.search(src) is None:
            _plain_inline(src, tokens)
            return tokens
        return original(src, md, env, tokens)

    return parse


def _tokenize_flat(state, start_line: int, end_line: int) -> None:
    """The block loop of ``ParserBlock.tokenize`` with the paragraph rule only:
    every line of the container's content becomes paragraph text."""
    from markdown_it.rules_block.paragraph import paragraph

    line = start_line
    while line < end_line:
        state.line = line = state.skipEmptyLines(line)
        if line >= end_line or state.sCount[line] < state.blkIndent:
            break
        paragraph(state, line, end_line, False)
        line = state.line
        if line < end_line and state.isEmpty(line):
            line += 1
            state.line = line


def _block_tokenize(original):
    def tokenize(state, start_line: int, end_line: int) -> None:
        if state.level >= state.md.options.maxNesting:
            _tokenize_flat(state, start_line, end_line)  # instead of skipping the tail
        else:
            original(state, start_line, end_line)

    return tokenize


@lru_cache(maxsize=1)
def markdown_parser() -> MarkdownIt:
    """CommonMark + GFM tables and strikethrough + YAML and TOML front matter + footnotes."""
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    from .toml_front_matter import toml_front_matter_plugin

    md = MarkdownIt("commonmark")
    md.enable(["table", "strikethrough"])
    md.use(front_matter_plugin)
    md.use(toml_front_matter_plugin)
    # Inline footnotes (^[...]) are parsed into a separate token list without a way
    # back to the source; regular footnotes ([^1] + definition) are what publishers use.
    md.use(footnote_plugin, inline=False)
    md.disable(["text_join", "fragments_join"])
    # Link destinations are normalised (mdurl parse + percent-encoding + punycode)
    # on every link; a site cites the same few URLs over and over, and both
    # functions depend on the URL alone, so a memo halves the cost of links.
    md.normalizeLink = lru_cache(maxsize=4096)(md.normalizeLink)
    md.validateLink = lru_cache(maxsize=4096)(md.validateLink)
    md.normalizeLinkText = lru_cache(maxsize=4096)(md.normalizeLinkText)
    md.inline.tokenize = tokenize_with_positions.__get__(md.inline)
    if set(md.inline.ruler.get_active_rules()) == _PLAIN_RULES and not md.options.get("typographer"):
        # only while the enabled rules are the ones _INLINE_SYNTAX was written for
        md.inline.parse = _fast_inline_parse(md.inline.parse)
    # nested block rules call state.md.block.tokenize, so this covers every level
    md.block.tokenize = _block_tokenize(md.block.tokenize)
    return md
