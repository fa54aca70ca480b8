"""A word-for-word English gloss of a document in another language, with a map
from the gloss's offsets back to the source's: how claim-needs-citation reads
German, Spanish, French, Portuguese, Italian, Polish and Dutch sections, since
its model weighs English words ("ayuda a reducir la inflamación" is read as
"helps to reduce the inflammation"). A gloss is not a translation: word order
and idioms stay the source's, so it finds fewer claims than in English text.

Tables: ``linter/models/gloss/<code>.tsv``, one ``foreign<TAB>english`` entry a
line (``#`` comments), a foreign entry of up to ``MAX_WORDS`` words matched
longest first and in any case, ``-`` as its gloss to drop the word; a word no
entry holds is kept as it is. Hand-written here, because no library ships small
bilingual word lists under a licence the wheel can carry and a run must not
download one.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from pathlib import Path

GLOSS_DIR = Path(__file__).resolve().parent.parent / "models" / "gloss"
MAX_WORDS = 4

_WORD = re.compile(r"\w+")
# what may stand between the words of a phrase entry (written with spaces): "c'est",
# "brûlures d'estomac", "anti-inflammatoire" are the entries "c est", "brûlures d estomac",
# "anti inflammatoire"
_JOINER = re.compile(r"\s+|['’\-‐]")
# text that is no word of the language and must reach the model as written: a URL
# or a link's destination (Italian "com" is "how", Spanish "es" "is": "mdpi.com"
# must stay a cited domain, and a gloss with a space breaks the link), an HTML tag
# (Spanish "a" is "to": <a href> must stay a link), and "et al." (French "et" is
# "and", Spanish "al" "to the": "Dupont et al. (2019)" is a citation)
_UNGLOSSED = re.compile(
    # a scheme is at most 32 characters: unbounded, "a.a.a.a..." would be tried to its end
    # from every letter, in time its length squared
    r"(?:\b[a-z][a-z0-9+.\-]{0,31}://|\bwww\.|\]\(\s*<?)[^\s<>\"'`]*|</?[a-z][^<>]*>|\bet\.?\s+al\b", re.I
)
_TABLES: dict = {}


def table(code: str) -> dict | None:
    """The gloss table of a language (``{foreign words: english}``, the foreign
    side lowercased with single spaces), loaded once; None when none ships."""
    if code not in _TABLES:
        path = GLOSS_DIR / f"{code}.tsv"
        entries: dict = {}
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                if not line.strip() or line.startswith("#") or "\t" not in line:
                    continue
                foreign, english = line.split("\t", 1)
                key = " ".join(foreign.lower().split())
                if key and len(key.split(" ")) <= MAX_WORDS:
                    entries[key] = english.strip()
        _TABLES[code] = entries or None
    return _TABLES[code]


def _phrase_lengths(entries: dict) -> dict:
    """Per first word of a phrase entry, the most words a phrase starting with it
    has: a word no phrase starts with is looked up alone."""
    lengths = _LENGTHS.get(id(entries))
    if lengths is None or lengths[0] is not entries:
        found: dict = {}
        for key in entries:
            if " " in key:
                words = key.split(" ")
                found[words[0]] = max(found.get(words[0], 1), len(words))
        lengths = _LENGTHS[id(entries)] = (entries, found)
    return lengths[1]


_LENGTHS: dict = {}


# German and Dutch write a compound as one word ("Rückenschmerzen", "spierpijn"): no
# table holds them all, so an unknown long word is read as its parts
COMPOUNDING = frozenset({"de", "nl"})
COMPOUND_MIN = 8  # letters: a shorter word is read as it is
COMPOUND_MAX = 64  # letters: a longer "word" is no compound (and splitting it costs its length squared)
PART_MIN = 4  # letters of the last part (the head, which says what the compound is)
_LINKS = ("", "s", "es", "n", "en", "e")  # what joins the parts: Gesundheit-s-probleme, zenuw-en-stelsel


def compound(word: str, get) -> str | None:
    """The gloss of an unknown compound, from its parts: its longest known last
    part (the head: "rückenschmerzen" is a kind of "schmerzen"), with the gloss of
    the part before it when that is known too, joining letters aside ("schlaf" +
    "probleme" -> "sleep problems"); None when no last part is known."""
    for cut in range(2, len(word) - PART_MIN + 1):
        head = get(word[cut:])
        if head is None or head == "-" or " " in word[cut:]:
            continue
        first = word[:cut]
        for link in _LINKS:
            if link and not first.endswith(link):
                continue
            modifier = get(first[: len(first) - len(link)] if link else first)
            if modifier is not None and modifier != "-":
                return f"{modifier} {head}"
        return head
    return None


class Gloss:
    """A text glossed word for word (``text``), and how its offsets map back to
    the source's: each run of source words the table replaced is one segment
    (gloss start, gloss end, source start, source end); everything between
    segments is copied as it is, so it maps one to one."""

    __slots__ = ("text", "_segments", "_starts")

    def __init__(self, source: str, entries: dict | None, keep: tuple[int, int] = (0, 0), compounds: bool = False,
                 parts: list | None = None):
        """``entries`` (and ``compounds``: read unknown long words as their parts)
        for the whole text; or ``parts``, (source offset, entries or None,
        compounds) sorted by offset, each from its offset to the next one's: a
        document whose sections are in several languages is glossed in one pass,
        each with its own table (None: left as it is)."""
        out: list[str] = []
        segments: list[tuple[int, int, int, int]] = []
        at = 0  # source offset copied up to
        length = 0  # length of the gloss so far
        kept = sorted([keep, *((m.start(), m.end()) for m in _UNGLOSSED.finditer(source))])
        kept_starts, kept_ends, reach = [], [], 0
        for a, b in kept:  # each span's end made the furthest any span up to it reaches
            reach = max(reach, b)
            kept_starts.append(a)
            kept_ends.append(reach)

        def glossed(at: int) -> bool:
            k = bisect_right(kept_starts, at) - 1
            return k < 0 or at >= kept_ends[k]

        if parts is None:
            parts = [(0, entries, compounds)]
        part_starts = [p[0] for p in parts]
        tables = [(p[1].get, _phrase_lengths(p[1]), p[2]) if p[1] else None for p in parts]
        words, part_of = [], []
        for m in _WORD.finditer(source):
            if glossed(m.start()):
                k = bisect_right(part_starts, m.start()) - 1
                if k >= 0 and tables[k] is not None:
                    words.append(m)
                    part_of.append(k)
        lowered = [m.group().lower() for m in words]
        i, n = 0, len(words)
        while i < n:
            word = lowered[i]
            get, longest, compounds = tables[part_of[i]]
            found, k = None, 1
            for size in range(min(longest.get(word, 1), n - i), 1, -1):
                run = words[i : i + size]
                if part_of[i + size - 1] != part_of[i] or any(
                    _JOINER.fullmatch(source, a.end(), b.start()) is None for a, b in zip(run, run[1:])
                ):
                    continue  # a phrase's words are in one part, separated by spaces, an apostrophe or a hyphen
                english = get(" ".join(lowered[i : i + size]))
                if english is not None:
                    found, k = english, size
                    break
            if found is None:
                found = get(word)
                if found is None and compounds and COMPOUND_MIN <= len(word) <= COMPOUND_MAX:
                    found = compound(word, get)
                if found is None:
                    i += 1
                    continue
            start, end = words[i].start(), words[i + k - 1].end()
            replacement = "" if found == "-" else found
            if replacement and source[start].isupper():
                replacement = replacement[0].upper() + replacement[1:]
            copied = source[at:start]
            out.append(copied)
            length += len(copied)
            out.append(replacement)
            segments.append((length, length + len(replacement), start, end))
            length += len(replacement)
            at = end
            i += k
        out.append(source[at:])
        self.text = "".join(out)
        self._segments = segments
        self._starts = [s[0] for s in segments]

    def source_offset(self, offset: int, end: bool = False) -> int:
        """The source offset of a gloss offset: inside a replaced run, the run's
        start (or, with ``end``, its end, so a span keeps the whole source words)."""
        k = bisect_right(self._starts, offset) - 1
        if k < 0:
            return offset
        g_start, g_end, s_start, s_end = self._segments[k]
        if offset == g_start and not end:
            return s_start
        if offset < g_end or (end and offset == g_end):
            return s_end if end else s_start
        return s_end + (offset - g_end)
