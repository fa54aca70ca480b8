"""The fuzzer's invariants (bench/fuzz.py) as a short property test.

For Markdown from a grammar that mixes every construct (front matter, CRLF/CR/LF,
BOM, tabs, non-ASCII, nested lists and quotes, tables with escaped pipes,
footnotes, links, images, entities, escapes, HTML, code, suppression comments,
claims, doses, disclaimers) plus random character and byte mutations, with the
health pack and house rules (a pattern matching every word, a substitution with
fixes, heading capitalization):

- no exception escapes; undecodable input is refused with DecodeError only;
- every finding lies within the file and ``source[start:end] == match``;
- line/column agree with an independent computation from the offsets, and a
  finding of the every-word rule starts and ends on a word character;
- the same input gives byte-identical JSON twice, with other input in between;
- every reporter renders;
- fixing changes nothing outside the fixed spans, is idempotent, and survives the
  write/read round trip.

``python bench/fuzz.py --minutes 30`` runs the same checks for as long as asked.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

ROOT = Path(__file__).resolve().parents[1]
FUZZ = ROOT / "bench" / "fuzz.py"

if not FUZZ.is_file():  # an sdist or installed copy of the tests without bench/
    pytest.skip("bench/fuzz.py is not here", allow_module_level=True)

_spec = importlib.util.spec_from_file_location("contentlint_fuzz", FUZZ)
fuzz = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fuzz)

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))


@SETTINGS
@given(fuzz.article_bytes())
def test_invariants_hold_for_generated_articles(data):
    fuzz.check_input(data)


@SETTINGS
@given(fuzz.markdown_text())
def test_invariants_hold_for_plain_grammar_text(text):
    fuzz.check_input(text.encode("utf-8"), other=b"Take 600 mg.\n")


@pytest.mark.parametrize(
    "text",
    [
        # an image inside link text (badges): its alt text is positioned once
        "See [![Kratom treats anxiety](b.png)](https://x.org) and 600 mg.\n",
        # an ATX heading with an escaped pipe is mapped as a heading, not a table cell
        "## A \\| B treats 600 mg\n",
        # a paragraph whose first line is only a non-breaking space
        "Intro.\n\n\u00a0\nTake 600 mg.\n\n- \u3000\n  Take 5 g.\n",
        # a backslash before a letter is not an escape: the word after it is the match
        "\\of kratom\n",
        # content after containers nested past markdown-it-py's maxNesting
        "- " * 30 + "deep\n\nAfter: take 5 g.\n",
        "> " * 30 + "deep 600 mg\n",
        # a disclaimer appended inside an unclosed fence would never be seen
        "Kratom treats anxiety and pain.\n\n```\nnever closed\n",
        # fixes on every line ending
        "We utilise e-mail.\r\nAnd the colour.\rAnd e-mail\n",
        # two byte order marks: the second is text, and fix passes must keep its offset
        "\ufeff\ufeff> Kratom treats anxiety and pain. We utilise e-mail.\n",
    ],
)
def test_regressions_found_by_the_fuzzer(text):
    fuzz.check_input(text.encode("utf-8"))
