"""Fuzz contentlint: random Markdown from a grammar of every construct it handles,
plus random character- and byte-level mutations, checked against invariants.

    python bench/fuzz.py --minutes 30 [--out DIR] [--seed N] [--max-size N]

Each input goes through what a run does (decode, parse, every rule, suppressions,
every reporter) with the built-in ``health`` pack plus three house rules: a pattern
rule matching every word, a substitution rule with fixes, and a capitalization rule
with an unsafe fix. Invariants checked for every input:

- no exception escapes (a decode error for NUL bytes / invalid UTF-8 is the one
  expected refusal: it must be a ``DecodeError``);
- every finding (and suppressed finding) lies within the file: 0 <= start <= end <= len;
- ``source.text[start:end] == finding.match``, and a finding of the every-word
  rule starts and ends on a word character of the source (entities decoded):
  a finding that points at the wrong text fails here;
- line/column and end line/column agree with an independent computation from the
  offsets (lines cut at CRLF, CR and LF; an offset inside a CRLF pair counts as
  the end of its line);
- determinism: the same input linted twice (another input in between) gives
  byte-identical JSON;
- every output format renders; JSON, JSON lines, SARIF and JUnit XML parse;
- fixing (safe and unsafe): each pass changes nothing outside the spans it fixes,
  the fixed text survives the write/read round trip (BOM, encoding), and fixing
  it again changes nothing.

Generation uses hypothesis (strategies drive the grammar and mutations; each batch
is one ``@given`` run with its own random seed). Failures are not shrunk: each
failing input is saved to ``--out`` (default: contentlint-fuzz-failures/ in the
temp folder) as NNNN-HASH.md (the exact bytes) with NNNN-HASH.txt (what failed,
with a traceback), and the run goes on; ``--replay FILE ...`` checks saved inputs
again. Prints the number of inputs tried, how many were refused as undecodable,
and the failures. Exit 1 when anything failed.

``tests/test_fuzz_invariants.py`` runs the same invariants on a couple of hundred
inputs, plus the inputs that found the bugs fixed so far.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import random
import re
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import seed as seed_decorator  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

# -- rules -------------------------------------------------------------------------

# No swap whose replacement contains its own wrong term ("e.g" -> "e.g."): such a
# rule re-fires on its own output, so the fixer drops that fix and the finding
# stays (tests/test_reliability_fix.py covers that); here it would only add noise.
HOUSE_RULES = """\
rules:
  - id: every-word
    kind: pattern
    severity: info
    message: "word '{match}'"
    patterns: ['\\w+']
  - id: house-style
    kind: substitution
    severity: error
    message: "Use '{replacement}' instead of '{match}'."
    swap: {utilise: use, e-mail: email, kratom leaf powder: kratom powder, colour: color, "cannot not": "must"}
  - id: heading-case
    kind: capitalization
    severity: warning
    message: "Sentence case: '{expected}'."
    scope: heading
    style: sentence
  - id: front-matter-word
    kind: pattern
    severity: info
    message: "front matter word '{match}'"
    patterns: ['\\w+']
    scope: front_matter
"""

_RULES = None


def load_rules():
    """The health pack plus HOUSE_RULES (loaded once per process)."""
    global _RULES
    if _RULES is None:
        from linter.config.packs import pack_dir
        from linter.config.rules import load_rule_paths

        d = Path(tempfile.mkdtemp(prefix="contentlint-fuzz-rules-"))
        (d / "house.yaml").write_text(HOUSE_RULES, encoding="utf-8")
        _RULES = load_rule_paths([pack_dir("health"), d / "house.yaml"])
    return _RULES


# -- the grammar -------------------------------------------------------------------

WORDS = [
    "kratom", "anxiety", "pain", "the", "and", "a", "of", "users", "report", "studies",
    "show", "may", "help", "reduce", "relieve", "treats", "improves", "sleep", "mood",
    "utilise", "e-mail", "colour", "kratom leaf powder", "e.g", "i.e.", "Dr.", "et al.",
    "ünïcode", "naïve", "café", "Ωmega", "日本語", "中文", "😀", "👍🏽", "e\u0301", "\u200b",
    "\u00a0", "ﬁ", "İstanbul", "ß", "Σίσυφος", "العربية", "עברית", "x" * 30, "7-hydroxymitragynine",
    "5-HTP", "B12", "2020", "50%", "mg/dL", "CBD", "PTSD", "insomnia", "depression",
]
CLAIMS = [
    "Kratom reduces anxiety", "CBD may help relieve chronic pain", "users report reduced anxiety",
    "this supplement treats insomnia", "melatonin improves sleep quality", "it helps manage depression",
    "Kratom treats anxiety and pain", "turmeric prevents inflammation", "may boost mood",
]
DOSES = [
    "600 mg", "1-2 grams", "5–10 g", "between 200 and 400 mg", "one to two capsules", "2,000 IU",
    "1/2 teaspoon", "600 **mg**", "2\ncapsules", "0.5 mcg", "3 tablets", "10 ml",
]
DISCLAIMERS = [
    "This article is for informational purposes only and is not medical advice.",
    "Disclaimer: consult a doctor.",
    "These statements have not been evaluated by the Food and Drug Administration.",
]
CITATIONS = [
    "(Smith et al., 2020)", "Smith et al. (2020)", "[3]", "[^1]", "[^nope]", "doi:10.1000/xyz123",
    "PMID: 12345678", "[study](https://pubmed.ncbi.nlm.nih.gov/123/)", "[shop](https://shop.example.com/)",
]
URLS = ["https://example.com/a_b*c", "http://x.y/(paren)", "www.example.org/path.", "https://doi.org/10.1/x?y=1&z=2#f"]
ENTITIES = ["&amp;", "&lt;", "&gt;", "&quot;", "&#123;", "&#x1F600;", "&nbsp;", "&bogus;", "&#0;", "&#xD800;", "&copy;", "&"]
ESCAPES = ["\\*", "\\_", "\\\\", "\\|", "\\[", "\\]", "\\`", "\\#", "\\<", "\\&", "\\!", "\\\n"]
HTML_INLINE = ["<span>", "</span>", "<b>bold</b>", '<a href="x">x</a>', "<br/>", "<!-- c -->", "<?php x ?>", "<![CDATA[x]]>", "<x-y a='1'>"]
SUPPRESS = [
    "<!-- contentlint-disable-next-line no-dose-numbers -- quoting the label -->",
    "<!-- contentlint-disable claim-needs-citation, no-dose-numbers -- testimonials -->",
    "<!-- contentlint-enable claim-needs-citation -->",
    "<!-- contentlint-disable-line every-word -->",
    "<!-- contentlint-disable-file medical-disclaimer -- landing page -->",
    "<!-- contentlint-disable -->",
    "<!-- contentlint-enable -->",
    "<!-- contentlint-disable-next-line nonexistent-rule -->",
    "<!-- contentlint-disable-next-line",
]
MARKERS = ["*", "**", "***", "_", "__", "~~", "~", "`", "``", "[", "]", "(", ")", "<", ">", "!", "^", "|", "#", "\\", "&", "  \n", "\n", "\t"]


def _choice(draw, items):
    return draw(st.sampled_from(items))


def _inline(draw, depth: int = 0) -> str:
    n = draw(st.integers(1, 12))
    parts = []
    for _ in range(n):
        k = draw(st.integers(0, 22))
        if k <= 5:
            parts.append(_choice(draw, WORDS))
        elif k == 6:
            parts.append(_choice(draw, CLAIMS))
        elif k == 7:
            parts.append(_choice(draw, DOSES))
        elif k == 8:
            parts.append(_choice(draw, CITATIONS))
        elif k == 9:
            mark = _choice(draw, ["*", "**", "***", "_", "__", "~~", "*_", "**_"])
            inner = _inline(draw, depth + 1) if depth < 2 else _choice(draw, WORDS)
            close = mark[::-1] if draw(st.booleans()) else _choice(draw, ["", "*", "_", "**"])
            parts.append(mark + inner + close)
        elif k == 10:
            ticks = _choice(draw, ["`", "``", "```"])
            parts.append(ticks + draw(st.sampled_from(["600 mg", " ` ", "a|b", "kratom", "x\ny"])) + ticks)
        elif k == 11:
            text = _inline(draw, depth + 1) if depth < 2 else _choice(draw, WORDS)
            url = _choice(draw, URLS + ["<a b>", "", "#anchor", "rel/path.md"])
            title = _choice(draw, ["", ' "t"', " 'title'", " (t)"])
            if draw(st.booleans()):
                parts.append(f"[{text}]({url}{title})")
            else:
                parts.append(f"[{text}][{_choice(draw, ['ref', 'REF', '1', 'missing', ''])}]")
        elif k == 12:
            parts.append(f"![{_choice(draw, WORDS + CLAIMS + DOSES)}]({_choice(draw, URLS)})")
        elif k == 13:
            parts.append(_choice(draw, ["<https://example.com/x>", "<mail@example.org>", "<http://a.b/c d>"]))
        elif k == 14:
            parts.append(_choice(draw, URLS))
        elif k == 15:
            parts.append(_choice(draw, ENTITIES))
        elif k == 16:
            parts.append(_choice(draw, ESCAPES))
        elif k == 17:
            parts.append(_choice(draw, HTML_INLINE))
        elif k == 18:
            parts.append(_choice(draw, SUPPRESS))
        elif k == 19:
            parts.append(_choice(draw, MARKERS))
        elif k == 20:
            parts.append(_choice(draw, [".", "!", "?", "...", ",", ";", ":", "—", "…", "\u2028", "\x0b", "\x0c", "\x85"]))
        elif k == 21:
            parts.append(_choice(draw, ["  \n", "\\\n", "\n", "\t", "    "]))
        else:
            parts.append(_choice(draw, DISCLAIMERS))
    sep = _choice(draw, [" ", " ", " ", "", "  ", "\t"])
    return sep.join(parts)


def _table(draw) -> str:
    cols = draw(st.integers(1, 4))

    def cell():
        c = _inline(draw, 2).replace("\n", " ").replace("|", "\\|" if draw(st.booleans()) else "|")
        return c

    lead, trail = ("| ", " |") if draw(st.booleans()) else ("", "")
    head = lead + " | ".join(cell() for _ in range(cols)) + trail
    delim = lead + " | ".join(_choice(draw, ["---", ":--", "--:", ":-:", "-"]) for _ in range(cols)) + trail
    rows = [lead + " | ".join(cell() for _ in range(draw(st.integers(0, cols + 1)))) + trail for _ in range(draw(st.integers(0, 3)))]
    return "\n".join([head, delim, *rows])


def _prefix_lines(text: str, first: str, rest: str) -> str:
    lines = text.split("\n")
    return "\n".join((first if i == 0 else rest) + line for i, line in enumerate(lines))


def _block(draw, depth: int = 0) -> str:
    k = draw(st.integers(0, 19 if depth < 4 else 12))
    if k <= 3:
        return _inline(draw)
    if k == 4:
        return "#" * draw(st.integers(1, 7)) + _choice(draw, [" ", "", "\t"]) + _inline(draw).replace("\n", " ") + _choice(draw, ["", " ##", " #"])
    if k == 5:
        return _inline(draw) + "\n" + _choice(draw, ["===", "---", "=", "- - -"])
    if k == 6:
        fence = _choice(draw, ["```", "~~~", "````"])
        info = _choice(draw, ["", "python", "md {x}", "`bad"])
        body = _inline(draw)
        return fence + info + "\n" + body + ("\n" + fence if draw(st.booleans()) else "")
    if k == 7:
        return _prefix_lines(_inline(draw), "    ", "    ")
    if k == 8:
        return _choice(draw, ["<div>\n", "<details>\n", "<table><tr><td>\n", "<script>\n", "<pre>\n"]) + _inline(draw) + _choice(draw, ["\n</div>", "\n</details>", "", "\n</script>", "\n</pre>"])
    if k == 9:
        return "<!--\n" + _inline(draw) + ("\n-->" if draw(st.booleans()) else "")
    if k == 10:
        return _choice(draw, SUPPRESS)
    if k == 11:
        return f"[^{_choice(draw, ['1', '2', 'note', 'nope', '^'])}]: " + _inline(draw)
    if k == 12:
        return _table(draw)
    if k == 13:
        return f"[{_choice(draw, ['ref', '1', '3', 'x y'])}]: {_choice(draw, URLS)}" + _choice(draw, ["", ' "title"'])
    if k == 14:
        return _choice(draw, ["---", "***", "___", "- - -"])
    if k == 15:
        return _choice(draw, ["## References", "Sources:", "## Sources"]) + "\n\n" + "\n".join(f"{i}. {_inline(draw, 2)}" for i in range(1, draw(st.integers(1, 4))))
    # containers
    inner = "\n\n".join(_block(draw, depth + 1) for _ in range(draw(st.integers(1, 3))))
    if k in (16, 17):
        marker = _choice(draw, ["- ", "* ", "+ ", "1. ", "2) ", "-\t", "10. ", "- [ ] "])
        indent = " " * len(marker.expandtabs(4)) if "\t" not in marker else "  "
        return _prefix_lines(inner, marker, _choice(draw, [indent, "", "  ", "\t"]))
    lazy = draw(st.booleans())
    return _prefix_lines(inner, "> ", "" if lazy else _choice(draw, ["> ", ">", ">\t"]))


def _front_matter(draw) -> str:
    k = draw(st.integers(0, 12))
    if k == 0:
        return ""
    if k == 1:
        return "---\ntitle: " + _inline(draw, 2).replace("\n", " ") + "\ndescription: " + _choice(draw, CLAIMS + DOSES) + "\n---\n"
    if k == 2:
        return "---\ntitle: [unclosed\nkey: : bad\n---\n"  # not valid YAML
    if k == 3:
        return "---\ntitle: no end\n" + _inline(draw)  # unterminated
    if k == 4:
        return "---\n---\n"
    if k == 5:
        return "---\ntitle: 'quoted: " + _choice(draw, WORDS) + "'\ntags: [a, b]\ndate: 2020-01-01\n# comment\n---\n"
    if k == 6:
        return "---\n- a list\n- not a mapping\n---\n"
    # TOML front matter, as Hugo and Zola write it
    if k == 7:
        title = _inline(draw, 2).replace("\n", " ").replace("\\", "\\\\").replace('"', '\\"')
        description = _choice(draw, CLAIMS + DOSES).replace("'", "")
        return f"+++\ntitle = \"{title}\"\ndescription = '{description}'  # a comment\ndate = 2024-01-01\n+++\n"
    if k == 8:
        return '+++\ntitle = ["unclosed"\nkey = = bad\n+++\n'  # not valid TOML
    if k == 9:
        return "+++\ntitle = 'no end'\n" + _inline(draw)  # never closed
    if k == 10:
        return "+++\n+++\n"
    if k == 11:
        word = _choice(draw, WORDS)
        return (f"+++\n\"quoted key\" = '''{word}\n{word}'''\ntags = [\n  \"a\",  # [\n  \"b\",\n]\n"
                f"[params]\nsummary = \"{word}\"\n[[menu.main]]\nname = 'x'\n+++\n")
    return "+++\n- a list\n- not a mapping\n+++\n"  # YAML between TOML fences


@st.composite
def markdown_text(draw) -> str:
    """A Markdown document as text (line endings not yet chosen: ``\\n``)."""
    body = "\n\n".join(_block(draw) for _ in range(draw(st.integers(0, 8))))
    text = _front_matter(draw) + body
    if draw(st.integers(0, 9)) == 0:  # deep nesting
        depth = draw(st.integers(10, 200))
        kind = _choice(draw, ["> ", "- ", "* ", "1. "])
        if kind == "> ":
            text += "\n\n" + "> " * depth + _inline(draw)
        else:
            text += "\n\n" + "\n".join(" " * (2 * i) + kind + _choice(draw, WORDS + DOSES) for i in range(depth))
    if draw(st.booleans()):
        text += "\n"
    return text


def _apply_eol(draw, text: str) -> str:
    mode = _choice(draw, ["\n", "\n", "\r\n", "\r", "mixed"])
    if mode == "\n":
        return text
    if mode != "mixed":
        return text.replace("\n", mode)
    lines = text.split("\n")
    return "".join(line + (_choice(draw, ["\n", "\r\n", "\r"]) if i < len(lines) - 1 else "") for i, line in enumerate(lines))


CHAR_INSERTS = MARKERS + ["\r", "\r\n", "\ufeff", "\u00a0", "\u2028", "\u0085", "\x0b", "\x0c", "\x1c", "\u200d", "\u0301",
                          "---\n", "+++\n", "<!--", "-->", "[^1]", "\x01", "\x1b[31m", "\u202e", "    ", "> ", "- ", "1. ", "|", "\\|", "```", "\x7f", "\ud7ff", "\U0010ffff"]
BYTE_INSERTS = [b"\x00", b"\x80", b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xef\xbb\xbf", b"\r", b"\n", b"\xe2\x80", b"\xf0\x9f\x98"]


def _mutate_text(draw, text: str) -> str:
    for _ in range(draw(st.integers(1, 8))):
        op = draw(st.integers(0, 4))
        n = len(text)
        i = draw(st.integers(0, n))
        if op == 0:
            text = text[:i] + _choice(draw, CHAR_INSERTS) + text[i:]
        elif op == 1 and n:
            j = draw(st.integers(i, min(n, i + 20)))
            text = text[:i] + text[j:]
        elif op == 2 and n:
            j = draw(st.integers(i, min(n, i + 40)))
            at = draw(st.integers(0, n))
            text = text[:at] + text[i:j] + text[at:]
        elif op == 3 and n:
            j = draw(st.integers(i, min(n, i + 10)))
            text = text[:i] + text[i:j].upper() + text[j:]
        elif op == 4:
            text = text[:i] + draw(st.characters(codec="utf-8")) + text[i:]
    return text


def _mutate_bytes(draw, data: bytes) -> bytes:
    for _ in range(draw(st.integers(1, 4))):
        n = len(data)
        i = draw(st.integers(0, n))
        op = draw(st.integers(0, 2))
        if op == 0:
            data = data[:i] + _choice(draw, BYTE_INSERTS) + data[i:]
        elif op == 1 and n:
            data = data[:i] + bytes([draw(st.integers(0, 255))]) + data[i + 1 :]
        elif op == 2 and n:
            j = draw(st.integers(i, min(n, i + 3)))
            data = data[:i] + data[j:]
    return data


@st.composite
def article_bytes(draw) -> bytes:
    """The bytes of an article: grammar text, line endings, BOM, mutations."""
    text = _apply_eol(draw, draw(markdown_text()))
    if draw(st.integers(0, 3)) == 0:
        text = _mutate_text(draw, text)
    if draw(st.integers(0, 5)) == 0:
        text = "\ufeff" + text
    data = text.encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 9)) == 0:
        data = _mutate_bytes(draw, data)
    return data


# -- invariants --------------------------------------------------------------------


class Violation(AssertionError):
    pass


_BREAK = re.compile(r"\r\n|\r|\n")


def expected_position(text: str, offset: int) -> tuple[int, int]:
    """(line, column), 1-based, computed from scratch: count the line breaks before
    the offset; an offset between the CR and LF of a pair is at its line's end."""
    if 0 < offset < len(text) and text[offset - 1] == "\r" and text[offset] == "\n":
        offset -= 1
    prefix = text[:offset]
    breaks = list(_BREAK.finditer(prefix))
    line_start = breaks[-1].end() if breaks else 0
    return len(breaks) + 1, offset - line_start + 1


def _is_word(match: str) -> bool:
    """Whether the source text of an every-word finding starts and ends as a word
    does: with a word character, once entities are decoded. (In between, a word
    may run through markup: ``wo**rd**``, ``[wo](url)rd``, ``caf&eacute;``.)"""
    import html

    text = re.sub(r"\\(?=[!-/:-@\[-`{-~])", "", html.unescape(match))  # backslash escapes
    return bool(text) and re.match(r"\w", text[0]) is not None and re.match(r"\w", text[-1]) is not None


def check_finding(src, f, where: str) -> None:
    text = src.text
    if f.path != src.path:
        raise Violation(f"{where}: finding path {f.path!r} is not {src.path!r}")
    if not (0 <= f.start <= f.end <= len(text)):
        raise Violation(f"{where}: {f.rule} span {f.start}..{f.end} outside 0..{len(text)}")
    if text[f.start : f.end] != f.match:
        raise Violation(f"{where}: {f.rule} match {f.match!r} != source[{f.start}:{f.end}] {text[f.start:f.end]!r}")
    if (f.line, f.column) != expected_position(text, f.start):
        raise Violation(f"{where}: {f.rule} start {(f.line, f.column)} != expected {expected_position(text, f.start)} (offset {f.start})")
    if (f.end_line, f.end_column) != expected_position(text, f.end):
        raise Violation(f"{where}: {f.rule} end {(f.end_line, f.end_column)} != expected {expected_position(text, f.end)} (offset {f.end})")
    if f.rule == "every-word" and not _is_word(f.match):
        raise Violation(f"{where}: every-word matched {f.match!r} at {f.start}..{f.end}, which is not a word of the source")
    if f.fix is not None:
        for edit in f.fix.edits:
            s, e, r = edit.start, edit.end, edit.replacement
            if not (0 <= s <= e <= len(text)) or not isinstance(r, str):
                raise Violation(f"{where}: {f.rule} fix {f.fix!r} outside the text")


def lint(src, rules):
    from linter.document import Document
    from linter.engine import check_document

    return check_document(Document.parse(src), rules)


def report_json(src, outcome) -> bytes:
    from linter.reporters import json as json_reporter

    report = _report(src, outcome)
    buf = io.StringIO()
    json_reporter.render(report, buf, show_suppressed=True)
    return buf.getvalue().encode("utf-8")


def _report(src, outcome):
    from linter.report import Report

    report = Report(findings=list(outcome.findings), sources={src.path: src}, suppressed=list(outcome.suppressed))
    report.rules = load_rules()
    return report


def render_all(src, outcome) -> None:
    """Every reporter must render without an exception, JSON and XML well formed."""
    from linter.reporters import FORMATS, reporter

    report = _report(src, outcome)
    for name in [*FORMATS, "statistics"]:
        buf = io.StringIO()
        reporter(name).render(report, buf, excerpts=True, color=True, show_suppressed=True)
        if name in ("json", "sarif"):
            json.loads(buf.getvalue())
        elif name == "json-lines":
            for line in buf.getvalue().split("\n")[:-1]:  # records end with LF (U+2028 may be inside)
                json.loads(line)
        elif name == "junit":
            import xml.etree.ElementTree as ET

            ET.fromstring(buf.getvalue().encode("utf-8"))


def check_fix_pass(before: str, after: str, fixes) -> None:
    """``after`` is ``before`` with the chosen (non-overlapping) fixes applied and
    nothing else changed: walk the unchanged stretches between fixes."""
    from linter.fixer import _eol

    eol = _eol(before)
    chosen, last_end = [], -1
    edits = [(e.start, e.end, e.replacement) for fix in fixes for e in fix.edits]  # every rule's fix is one edit
    for s, e, r in sorted(edits, key=lambda x: (x[0], x[1])):
        if s < last_end or (s == last_end and chosen and chosen[-1][0] == chosen[-1][1] == s):
            continue
        chosen.append((s, e, r.replace("\r\n", "\n").replace("\n", eol)))
        last_end = max(last_end, e)
    pos_new = pos_old = 0
    for s, e, r in chosen:
        keep = before[pos_old:s]
        if after[pos_new : pos_new + len(keep)] != keep:
            raise Violation(f"fix changed text outside the fixed spans near offset {pos_old} (before {s})")
        pos_new += len(keep)
        if after[pos_new : pos_new + len(r)] != r:
            raise Violation(f"fix at {s}..{e} did not put its replacement {r!r} in place")
        pos_new += len(r)
        pos_old = e
    if after[pos_new:] != before[pos_old:]:
        raise Violation(f"fix changed text after the last fixed span (offset {pos_old})")


def check_fixing(src, rules, unsafe: bool) -> None:
    from linter import fixer
    from linter.source import BOM, Source

    def lint_findings(s):
        out = lint(s, rules)
        for f in out.findings:
            check_finding(s, f, "fix pass")
        return out.findings

    # every pass the fixer applies must change only the spans it fixes
    passes = []
    real_apply = fixer._apply

    def recording_apply(text, fixes):
        fixes = list(fixes)
        out = real_apply(text, fixes)
        passes.append((text, fixes, out[0]))
        return out

    fixer._apply = recording_apply
    try:
        result = fixer.fix_source(src, lint_findings, unsafe)
    finally:
        fixer._apply = real_apply
    for before, fixes, after in passes:
        check_fix_pass(before, after, fixes)
    if result.fixed != src.text and result.fixed not in {after for _, _, after in passes}:
        raise Violation("fix_source returned a text that no fix pass produced")
    # what write_atomically would write, read back as the next run reads it
    data = ((BOM if src.had_bom else "") + result.fixed).encode("utf-8")
    back = Source.from_bytes(src.path, data)
    if back.text != result.fixed or back.had_bom != src.had_bom:
        raise Violation("fixed text does not survive the write/read round trip")
    again = fixer.fix_source(back, lint_findings, unsafe)
    if again.changed:
        raise Violation(f"fixing is not idempotent (unsafe={unsafe}): a second fix changed {again.fixed!r} from {result.fixed!r}"[:2000])


def check_input(data: bytes, other: bytes | None = None) -> str:
    """Run every invariant on one input. Returns 'ok' or 'refused' (undecodable);
    raises Violation (or any exception: a crash) on a failure."""
    from linter.source import DecodeError, Source

    rules = load_rules()
    try:
        src = Source.from_bytes("fuzz.md", data)
    except DecodeError:
        if b"\x00" not in data:
            try:
                data.decode("utf-8")
            except UnicodeDecodeError:
                return "refused"
            raise Violation("valid UTF-8 without NUL refused") from None
        return "refused"
    outcome = lint(src, rules)
    for f in outcome.findings:
        check_finding(src, f, "finding")
    for f, _ in outcome.suppressed:
        check_finding(src, f, "suppressed finding")
    first = report_json(src, outcome)
    if other is not None:  # something else in between: no state may leak
        try:
            lint(Source.from_bytes("other.md", other), rules)
        except DecodeError:
            pass
    second = report_json(Source.from_bytes("fuzz.md", data), lint(Source.from_bytes("fuzz.md", data), rules))
    if first != second:
        raise Violation("the same input linted twice gave different JSON")
    render_all(src, outcome)
    check_fixing(src, rules, unsafe=False)
    check_fixing(src, rules, unsafe=True)
    return "ok"


# -- the driver --------------------------------------------------------------------


class Fuzzer:
    def __init__(self, out: Path, max_size: int):
        self.out = out
        self.max_size = max_size
        self.tried = self.refused = 0
        self.failures: dict[str, int] = {}  # failure signature -> count
        self.saved = 0
        self.previous: bytes | None = None

    def one(self, data: bytes) -> None:
        if len(data) > self.max_size:
            data = data[: self.max_size]
        self.tried += 1
        try:
            if check_input(data, self.previous) == "refused":
                self.refused += 1
        except Exception as exc:  # noqa: BLE001 - every failure is recorded, the run goes on
            self.record(data, exc)
        self.previous = data

    def record(self, data: bytes, exc: BaseException) -> None:
        tb = traceback.extract_tb(exc.__traceback__)
        last = tb[-1] if tb else None
        where = f"{Path(last.filename).name}:{last.lineno}" if last else "?"
        message = str(exc).split("\n")[0]
        signature = f"{type(exc).__name__} at {where}: {re.sub(r'[0-9]+', 'N', message)[:120]}"
        first = signature not in self.failures
        self.failures[signature] = self.failures.get(signature, 0) + 1
        if first or self.failures[signature] <= 5:
            self.out.mkdir(parents=True, exist_ok=True)
            self.saved += 1
            name = f"{self.saved:04d}-{hashlib.sha1(data).hexdigest()[:10]}"
            (self.out / f"{name}.md").write_bytes(data)
            (self.out / f"{name}.txt").write_text(
                f"{signature}\n\n{''.join(traceback.format_exception(exc))}", encoding="utf-8"
            )
        if first:
            print(f"FAILURE {signature}  (saved as {self.out}/{self.saved:04d}-*)", flush=True)


def run(minutes: float, out: Path, seed: int | None, max_size: int, batch: int = 200) -> Fuzzer:
    fuzzer = Fuzzer(out, max_size)
    deadline = time.monotonic() + minutes * 60
    rng = random.Random(seed)
    last_note = time.monotonic()
    load_rules()
    while time.monotonic() < deadline:

        @settings(
            max_examples=batch,
            deadline=None,
            database=None,
            derandomize=False,
            suppress_health_check=list(HealthCheck),
            phases=["generate"],
        )
        @given(article_bytes())
        def batch_run(data):
            if time.monotonic() < deadline:
                fuzzer.one(data)

        # each batch gets its own seed (reproducible with --seed)
        seed_decorator(rng.getrandbits(64))(batch_run)()
        if time.monotonic() - last_note > 60:
            last_note = time.monotonic()
            print(f"... {fuzzer.tried} inputs, {fuzzer.refused} refused as undecodable, "
                  f"{sum(fuzzer.failures.values())} failures", flush=True)
    return fuzzer


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--minutes", type=float, default=1.0, help="how long to run (default 1)")
    p.add_argument(
        "--out",
        type=Path,
        default=Path(tempfile.gettempdir()) / "contentlint-fuzz-failures",
        help="where failing inputs are saved (default: contentlint-fuzz-failures/ in the temp folder)",
    )
    p.add_argument("--seed", type=int, default=None, help="seed for reproducible batches")
    p.add_argument("--max-size", type=int, default=200_000, help="inputs are cut to this many bytes")
    p.add_argument("--replay", nargs="*", type=Path, metavar="FILE", help="check these saved inputs instead of fuzzing")
    args = p.parse_args(argv)
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 1000))
    if args.replay is not None:
        bad = 0
        for path in args.replay:
            try:
                print(f"{path}: {check_input(path.read_bytes())}")
            except Exception:  # noqa: BLE001
                bad += 1
                print(f"{path}: FAILED")
                traceback.print_exc()
        return 1 if bad else 0
    start = time.monotonic()
    fuzzer = run(args.minutes, args.out, args.seed, args.max_size)
    elapsed = time.monotonic() - start
    total_failures = sum(fuzzer.failures.values())
    print(f"Tried {fuzzer.tried} inputs in {elapsed / 60:.1f} min ({fuzzer.refused} refused as undecodable); "
          f"{total_failures} failures in {len(fuzzer.failures)} kinds.")
    for sig, n in sorted(fuzzer.failures.items(), key=lambda kv: -kv[1]):
        print(f"  {n:>6}  {sig}")
    if total_failures:
        print(f"Failing inputs saved in {fuzzer.out}/ (replay: python bench/fuzz.py --replay {fuzzer.out}/*.md)")
    return 1 if total_failures else 0


if __name__ == "__main__":
    sys.exit(main())
