"""Sentence splitting over a block's prose text.

Hand-written rather than a library (pysbd, nltk's punkt): those are far slower
than one regex pass, need their own offset bookkeeping, and the prose text here has
already lost the markup that trips them. What a health article needs is narrow:
"e.g.", "Dr.", "et al.", initials and decimals ("1.5 g") must not end a sentence, and a
citation written after the full stop ("... pain.[^1]" or "... pain. [3]") belongs
to the sentence before it.
"""

from __future__ import annotations

import re

from .prose import HTML_BREAKS, PLACEHOLDER, Block

# Words that end with a full stop but (almost) never end a sentence.
_ABBREVIATIONS = frozenset(
    """dr mr mrs ms prof sr jr st vs e.g i.e cf approx ca fig figs al vol
    pp ed eds inc ltd co corp dept est jan feb mar apr jun jul aug sep sept oct nov dec
    mt ft lb lbs oz""".split()
)

# the number of a heading or paragraph numbered by hand: "3", "12", "2.1" (not a
# year: "It was 2020. A year ..."; ASCII digits only: "²" is a digit to str.isdigit)
_ITEM_NUMBER = re.compile(r"[0-9]{1,3}(?:\.[0-9]{1,3})*")

# a reference's number as a citation writes it: "1", "[1]", "[2, 5]", "3-4"
REF_NUMBER = r"\[?\d{1,3}(?:\s*[-\u2013,]\s*\d{1,3})*\]?"
# a reference's number in superscript digits ("³", "²⁻⁵"), possessive: a run is taken whole
SUPERSCRIPT_REF = (r"[\u2070\u00b9\u00b2\u00b3\u2074-\u2079]++"
                   r"(?:[,\u2013\-\u207b][\u2070\u00b9\u00b2\u00b3\u2074-\u2079]++)*+")

# terminal punctuation, closing quotes/brackets, then (optionally) citation markers
# that sit after the full stop (footnote refs, "[3]", "[^x]" left as text because
# no footnote defines it, superscript digits "³"), then whitespace or the end of the block. The
# first character is a class of its own (not "[.!?…]+"): a pattern that opens
# with a character class lets ``re`` skip to the next candidate in C (less time
# per character of prose).
# A match starts only at the first mark of a run, and the run and the closing
# quotes are taken whole (possessive): a start inside the run, or a shorter run,
# meets another mark or quote where the pattern needs whitespace, so it could
# never match where the whole run did not, and trying each of them made a run
# of n dots cost n^2 steps.
_BOUNDARY = re.compile(
    r"(?<![.!?\u2026])[.!?\u2026][.!?\u2026]*+[\"'\u201d\u2019)\]]*+"
    r"(?P<cites>(?:\s?(?:\ufffc|\[\d+(?:\s*[-\u2013,]\s*\d+)*\]|\[\^[^\]\s]{1,40}\]|" + SUPERSCRIPT_REF + r"))*)"
    r"(?=\s|$|\ufffc)"
)


def split_sentences(block: Block) -> list[tuple[int, int]]:
    """Prose ranges [start, end) of the sentences of a block, whitespace and
    HTML tags at either end trimmed. A tag of an element that starts a block in a
    browser (``<br>``, ``<p>``, ``<h2>``, ``<li>`` ...; inline HTML in a
    paragraph) ends a sentence, as a new block would."""
    text = block.text
    out: list[tuple[int, int]] = []
    start = 0
    if block.atoms:
        for pos in sorted(p for p, a in block.atoms.items() if a.kind == "html" and a.label.lstrip("/") in HTML_BREAKS):
            _split_run(block, start, pos, out)
            start = pos + 1
    _split_run(block, start, len(text), out)
    return out


def _split_run(block: Block, start: int, stop: int, out: list[tuple[int, int]]) -> None:
    text = block.text
    for m in _BOUNDARY.finditer(text, start, stop):
        cites = m.group("cites")
        if cites and PLACEHOLDER in cites:
            # only footnote refs may ride after the stop, not code or URLs
            ok = all(
                block.atoms.get(m.start("cites") + i) is not None
                and block.atoms[m.start("cites") + i].kind == "footnote_ref"
                for i, ch in enumerate(cites)
                if ch == PLACEHOLDER
            )
            end = m.end() if ok else m.start("cites")
        else:
            end = m.end()
        if m.end() < stop and text[m.end()] == PLACEHOLDER and not _is_tag(block, m.end()):
            continue  # "5.`x`": of what stands for markup, only an HTML tag may follow the stop as a space does
        if end < stop and text[end] == PLACEHOLDER:
            end = _html_citation_end(block, end, stop)
        if not _is_boundary(block, m.start(), end, start):
            continue
        _emit(block, start, end, out)
        start = end
    _emit(block, start, stop, out)


def _is_tag(block: Block, pos: int) -> bool:
    """Whether an HTML tag's placeholder stands at ``pos`` (atoms stand only at placeholders)."""
    atom = block.atoms.get(pos)
    return atom is not None and atom.kind == "html"


def _past_tags(block: Block, at: int, stop: int) -> int:
    while at < stop and _is_tag(block, at):
        at += 1
    return at


# what an HTML reference after a stop may read
_HTML_REF = re.compile(REF_NUMBER)


def _html_citation_end(block: Block, end: int, stop: int) -> int:
    """Where a sentence ends that a citation written in HTML follows right after
    its stop ("... pain.<sup><a href=...>1</a></sup>", "... pain.<sup>1</sup>"):
    past the tags and the reference mark when the mark is a link's whole text or a
    superscript's, and a space, the end or a capital letter follows; else ``end``
    ("sleep.<a href=...>5 foods</a> that ..." is a link in the next sentence)."""
    text = block.text
    past = _past_tags(block, end, stop)
    ref = _HTML_REF.match(text, past, stop)
    if ref is None:
        return end
    linked = any(link.start == ref.start() and link.end == ref.end() for link in block.links)
    superscript = (any(block.atoms[p].label == "sup" for p in range(end, past))
                   and _is_tag(block, ref.end()) and block.atoms[ref.end()].label == "/sup")
    if not (linked or superscript):
        return end
    at = _past_tags(block, ref.end(), stop)
    if at < stop and not (text[at].isspace() or text[at].isupper()):
        return end
    return at


def _is_boundary(block: Block, punct: int, end: int, sentence_start: int = 0) -> bool:
    """Whether the mark at ``punct`` (the stop, up to ``end``) ends the sentence
    that begins at ``sentence_start``."""
    text = block.text
    nxt = _next_char(block, end)
    if nxt and nxt.islower():
        return False  # "e.g. the", "approx. five", "ca. ten"
    if text[punct] == "." and text[punct : punct + 2] != "..":
        start = punct  # the word before the full stop (letters, digits, inner dots)
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "._"):
            start -= 1
        if start < punct:
            word = text[start:punct].lower().rstrip(".")
            contraction = start > 1 and text[start - 1] in "'\u2019" and text[start - 2].isalpha()
            initial = len(word) == 1 and word.isalpha() and not contraction
            if word in _ABBREVIATIONS or initial:
                # "Dr. Smith", "et al. (2020)", "J. Smith"; but "etc." can end one, and
                # so can a contraction's last letter ("They weren't. Magnesium ...")
                return False
            if _ITEM_NUMBER.fullmatch(word) and not text[sentence_start:start].strip(" \t\n" + PLACEHOLDER):
                # an item's number that opens the sentence ("### 3. Faster Recovery",
                # "### 2.1. Methods"): a heading or paragraph numbered by hand, not a
                # sentence of its own
                return False
    return True


def _next_char(block: Block, pos: int) -> str:
    """The next character that is not a space or an HTML tag."""
    text = block.text
    n = len(text)
    while pos < n and (text[pos].isspace() or _is_tag(block, pos)):
        pos += 1
    return text[pos] if pos < n else ""


def _emit(block: Block, start: int, end: int, out: list[tuple[int, int]]) -> None:
    text = block.text
    while start < end and (text[start].isspace() or _is_tag(block, start)):
        start += 1
    while end > start and (text[end - 1].isspace() or _is_tag(block, end - 1)):
        end -= 1
    if end > start:
        out.append((start, end))
