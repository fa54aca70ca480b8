"""Lint all 655 CommonMark spec examples (real, adversarial Markdown) with the
health pack and with a rule that matches every word: nothing raises, every finding
is an exact slice of the source, no finding lies in code, and in raw HTML blocks
only text a browser shows is read (never a tag, an attribute or a comment)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from linter.config.rules import build_rule
from linter.document import Document
from linter.engine import lint_document
from linter.source import Source

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "commonmark-spec-examples.json"
EXAMPLES = json.loads(CORPUS.read_text(encoding="utf-8"))["examples"] if CORPUS.exists() else []

WORD_RULE = build_rule(
    {"id": "every-word", "kind": "pattern", "severity": "info", "message": "{match}", "patterns": [r"\w+"]},
    "<test>",
)
NOT_PROSE = {"fence", "code_block"}
_MARKUP = re.compile(r"<!--.*?(?:-->|$)|<[^>]*(?:>|$)", re.S)


def _not_prose_lines(doc: Document) -> set[int]:
    lines = set()
    for kind, a, b in doc.non_prose:
        if kind in NOT_PROSE:
            lines.update(range(a + 1, b + 1))
    return lines


def _markup_spans(doc: Document) -> list[tuple[int, int]]:
    """Source offsets of tags and comments inside HTML blocks."""
    spans = []
    for kind, a, b in doc.non_prose:
        if kind == "html_block":
            start = doc.source.line_starts[a]
            end = doc.source.line_ends[min(b, doc.source.line_count) - 1]
            spans.extend((start + m.start(), start + m.end()) for m in _MARKUP.finditer(doc.source.text[start:end]))
    return spans


@pytest.mark.skipif(not EXAMPLES, reason="../shared/corpora is not beside the checkout")
def test_all_spec_examples(health_rules):
    assert len(EXAMPLES) == 655
    total = 0
    for ex in EXAMPLES:
        source = Source.from_text(f"example-{ex['example']}.md", ex["markdown"])
        doc = Document.parse(source)
        findings = lint_document(doc, [WORD_RULE, *health_rules])
        banned = _not_prose_lines(doc)
        markup = _markup_spans(doc)
        for f in findings:
            where = f"example {ex['example']}: {f.rule} {f.match!r}"
            assert source.text[f.start : f.end] == f.match, where
            assert 1 <= f.line <= f.end_line <= source.line_count, where
            if f.rule == "every-word":
                assert f.line not in banned, where
                assert not any(a < f.end and f.start < b for a, b in markup), where
                # a word, possibly written with escapes or entities (\\_ or &amp;)
                assert f.match.strip() and "\n" not in f.match, where
        total += len(findings)
    assert total > 1000  # the word rule finds words in most examples
