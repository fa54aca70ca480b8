"""The plain-text fast path of the inline parser (``parser._plain_inline``) must
give exactly the tokens and spans markdown-it-py's own inline loop gives: on the
CommonMark examples, the labeled corpora, the seeds, and random text with spaces,
tabs, non-ASCII and line breaks where hard/soft break handling differs."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from linter.document import parser as P

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "commonmark-spec-examples.json"


def _slow_parse():
    md = P.markdown_parser()
    fast = md.inline.parse
    assert fast.__name__ == "parse" and fast.__closure__, "the fast path is not installed"
    return md, fast.__closure__[0].cell_contents  # markdown-it-py's ParserInline.parse


def _dump(tokens):
    return [(t.type, t.tag, t.nesting, t.content, t.level, t.markup, t.meta.get(P.SPAN)) for t in tokens]


def _compare(content: str) -> None:
    md, slow = _slow_parse()
    fast_tokens: list = []
    P._plain_inline(content, fast_tokens)
    assert _dump(fast_tokens) == _dump(slow(content, md, {}, [])), repr(content)


def _texts():
    if CORPUS.exists():
        yield from (e["markdown"] for e in json.loads(CORPUS.read_text(encoding="utf-8"))["examples"])
    for folder in ("seeds", "tests/corpus", "tests/holdout", "tests/blind", "tests/blind2", "tests/blind3"):
        for path in sorted((ROOT / folder).rglob("*.md")):
            yield path.read_text(encoding="utf-8")


def test_plain_inline_matches_markdown_it_on_real_documents():
    md, _ = _slow_parse()
    checked = 0
    for text in _texts():
        for token in md.parse(text):
            if token.type == "inline" and P._INLINE_SYNTAX.search(token.content) is None:
                _compare(token.content)
                checked += 1
    assert checked > 500  # the fast path is the common case, not a corner


def test_content_with_inline_syntax_takes_the_full_parser():
    md, _ = _slow_parse()
    tokens = md.parse("Take *600* mg  \nof [it](https://x.org) &amp; more\n")
    kinds = [c.type for c in tokens[1].children]
    assert "em_open" in kinds and "link_open" in kinds and "hardbreak" in kinds and "text_special" in kinds


pieces = st.sampled_from(["word", "Größe", "😀", " ", "  ", "   ", "\t", "\n", "-", "1.", "#", ":", "!", "]", "é", "\u00a0", "\u3000"])


@settings(max_examples=400, deadline=None)
@given(st.lists(pieces, max_size=30).map("".join))
def test_plain_inline_matches_markdown_it_on_random_text(text):
    # inline content as a block rule leaves it: no leading/trailing whitespace
    _compare(text.strip(" \t\n"))
