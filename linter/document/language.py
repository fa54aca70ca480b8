"""Which language a document's prose is written in: en, de, es, fr, pt, pl, it or nl
by function words; zh, ja, ko, ru, uk, ar, fa, hi, el, he or th by script.

Hand-written, not a library (langdetect, lingua, fasttext): those cost 0.1-1 s of
start-up and megabytes of profiles per run, for a question that the most frequent
function words of eight languages answer in well under a millisecond per article.

Each language has a profile of its most frequent function words (articles,
pronouns, prepositions, conjunctions, auxiliaries), chosen to be distinctive: a
word common to several languages ("de", "a", "e", "la", "in") counts for each of
them with a weight of 1/n. The document's words (prose only: no code, HTML
attributes, URLs or front matter; the first ``MAX_WORDS`` are enough) are counted
against every profile; the language with the highest score wins, and its *share*
is its score over the sum of all scores (1.0: only that language's function words
were seen). Too few function words (a short note, a table of numbers) decide
nothing: ``detect`` then returns ``None``.

Text the function words leave undecided is told by its script (``by_script``):
a page in Chinese, Russian or Arabic has no Latin function word at all, and must
not pass for an unchecked English one.

``sections`` decides the same per section (``sections.py``: the prose under one
heading), so that a German section of an English article, or an English one of
a German article, is read as what it is. A section needs more function words
than a document (``SECTION_MIN_HITS``, two or three sentences): a short list of
equipment ("A scale, a bowl, a basket ...") has a dozen, mostly the Portuguese
"a", and must not read as Portuguese. A section too short to tell, or too mixed,
takes the language of the section it sits in ("### Wirkung" under "## Deutsch"),
and at the top level the document's.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from ..codepoints import any_in, class_body, points

PROFILES: dict[str, str] = {
    "en": "the and of to is are was were that this with for not you your it its be been have has had "
    "from they their there which what when who will would can could should also than then these those "
    "about into more most some such only other but or by an as at on we our he she his her them if",
    "de": "der die das und ist nicht ein eine einen einem einer mit auf für sich den dem des auch es "
    "sind wird werden wie bei aus nach zu zum zur oder aber noch nur wenn kann können sie ich wir "
    "über unter durch sehr mehr diese dieser dieses dass man hat haben war vom im am ab du dein deine "
    "deiner deinem ihr ihre ihrem ihren denn damit bevor jeder jede jedem einigen viele vielen",
    "es": "el la los las de del que y en un una es por con para no se su sus al lo como más pero "
    "este esta estos estas son está están también muy o ya hay puede pueden sin sobre entre cuando "
    "porque todo nos le les ha",
    "fr": "le la les de des du et est un une en que qui dans pour pas sur au aux ne ce cette ces il "
    "elle ils sont avec par plus ou mais son sa ses leur nous vous être été peut aussi très comme "
    "tout fait entre sans chez",
    "pt": "o a os as de do da dos das e que em um uma é para com não por mais no na nos nas ao se "
    "como mas foi são seu sua seus muito também pode está ou já pelo pela entre quando sobre isso "
    "isto você",
    "pl": "i w na z się nie do że to jest jak o po co ale są od za przez czy tak dla jego jej może "
    "lub oraz tylko być już ich tym które który która też bardzo gdy przy ze we bo",
    "it": "il la lo i gli le di del della dei delle e che è un una per non con da in sono si come "
    "più ma anche al alla nel nella questo questa ha essere può molto tra o se ci suo sua loro",
    "nl": "de het een en van is dat niet op te in met voor zijn er aan als ook maar bij om door "
    "naar dan wordt worden kan wel nog uit over deze dit die zij wij ik je hij heeft hebben of",
}

MAX_WORDS = 800
MIN_HITS = 12  # function words needed before anything is decided
MIN_SHARE = 0.4  # below this share, a document counts as undecided (mixed or too close to call)
SECTION_MIN_HITS = 20  # function words a section needs to be told apart from its document

# languages told by their script, not by function words: the rules read none of them,
# and a page in one must not pass as checked
SCRIPT_NAMES = {"zh": "Chinese", "ja": "Japanese", "ko": "Korean", "ru": "Russian", "uk": "Ukrainian",
                "ar": "Arabic", "fa": "Persian", "hi": "Hindi", "el": "Greek", "he": "Hebrew", "th": "Thai"}
NAMES = {"en": "English", "de": "German", "es": "Spanish", "fr": "French", "pt": "Portuguese",
         "pl": "Polish", "it": "Italian", "nl": "Dutch", **SCRIPT_NAMES}

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def _weights() -> dict[str, list[tuple[str, float]]]:
    owners: dict[str, list[str]] = {}
    for code, words in PROFILES.items():
        for w in set(words.split()):
            owners.setdefault(w, []).append(code)
    return {w: [(c, 1.0 / len(cs)) for c in cs] for w, cs in owners.items()}


_WEIGHTS = _weights()


def detect_text(text: str) -> tuple[str, float] | None:
    """(code, share) for a text, or None when it has too few function words."""
    words = [w.lower() for w, _ in zip((m.group() for m in _WORD.finditer(text)), range(MAX_WORDS))]
    return _decide(scores(words)) or by_script(words)


# Letters of the scripts the profiles above cannot see (no function word of theirs is
# Latin), as code point ranges. Written out rather than read from unicodedata: a range
# test per script is all that is needed. A script's class is compiled only for a text
# holding one of its letters (a class of thousands of code points takes ~2 ms to compile).
_SCRIPT_RANGES = (
    ("kana", ((0x3040, 0x30FF), (0x31F0, 0x31FF))),
    ("han", ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))),
    ("ko", ((0x1100, 0x11FF), (0x3130, 0x318F), (0xAC00, 0xD7AF))),
    ("cyrl", ((0x0400, 0x04FF),)),
    ("arab", ((0x0600, 0x06FF), (0x0750, 0x077F))),
    ("hi", ((0x0900, 0x097F),)),
    ("el", ((0x0370, 0x03FF), (0x1F00, 0x1FFF))),
    ("he", ((0x0590, 0x05FF),)),
    ("th", ((0x0E00, 0x0E7F),)),
)
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_UKRAINIAN = re.compile(r"[іїєґІЇЄҐ]")
_PERSIAN = re.compile(r"[پچژگ]")


@functools.cache
def _script(ranges: tuple) -> re.Pattern:
    return re.compile(f"[{class_body(ranges)}]")


# letters of another script needed (a quoted name or two is not a language): a Chinese,
# Japanese or Korean character is about a word, so a short sentence is enough
MIN_SCRIPT_LETTERS = {"han": 12, "ko": 12}
MIN_ALPHABET_LETTERS = 30
CJK_LETTER_WEIGHT = 3
MAX_SCRIPT_CHARS = 4000


def by_script(words) -> tuple[str, float] | None:
    """(code, share) when most letters of ``words`` are of a script the function-word
    profiles cannot read (Chinese, Japanese, Korean, Cyrillic, Arabic, Devanagari,
    Greek, Hebrew, Thai), the share being that script's part of the letters (a
    Chinese, Japanese or Korean character weighed as three Latin letters); None
    otherwise. Japanese is Han with kana among it; Cyrillic with Ukrainian letters
    is Ukrainian, else Russian; Arabic script with Persian letters is Persian."""
    text = "".join(words)[:MAX_SCRIPT_CHARS]
    held = points(text)
    counts = {name: len(_script(ranges).findall(text)) if any_in(held, ranges) else 0
              for name, ranges in _SCRIPT_RANGES}
    latin = len(_LATIN.findall(text))
    counts["han"] += counts["kana"]  # kana counts as Japanese writing with the Han around it
    name = max(("han", "ko", "cyrl", "arab", "hi", "el", "he", "th"), key=counts.__getitem__)
    n = counts[name]
    # a Chinese, Japanese or Korean character is about a word: weighed against Latin
    # letters as three of them, so a Japanese page that names English products is Japanese
    weighed = n * CJK_LETTER_WEIGHT if name in ("han", "ko") else n
    total = weighed + latin
    if n < MIN_SCRIPT_LETTERS.get(name, MIN_ALPHABET_LETTERS) or weighed < latin:
        return None
    if name == "han":
        code = "ja" if counts["kana"] * 10 >= n else "zh"
    elif name == "cyrl":
        code = "uk" if _UKRAINIAN.search(text) else "ru"
    elif name == "arab":
        code = "fa" if _PERSIAN.search(text) else "ar"
    else:
        code = name
    return code, round(weighed / total, 3)


# A word's weight 1/n (n <= 8 languages share it) times 840, the least common
# multiple of 1..8: whole numbers, so a sum does not depend on the order of its terms
# (a set's order changes from run to run).
_WHOLE = 840
_WHOLE_WEIGHTS = {w: [(code, round(weight * _WHOLE)) for code, weight in owners] for w, owners in _WEIGHTS.items()}


def scores(words) -> dict[str, float]:
    """Each language's score: the weights of the function words among ``words``
    (every occurrence counts), each distinct word looked up once."""
    out = dict.fromkeys(PROFILES, 0)
    counts = Counter(words)
    for w in counts.keys() & _WHOLE_WEIGHTS.keys():
        n = counts[w]
        for code, weight in _WHOLE_WEIGHTS[w]:
            out[code] += weight * n
    return {code: total / _WHOLE for code, total in out.items()}


def _decide(s: dict[str, float], min_hits: int = MIN_HITS) -> tuple[str, float] | None:
    total = sum(s.values())
    if total < min_hits:
        return None
    code = max(s, key=lambda c: (s[c], c == "en"))
    return code, round(s[code] / total, 3)


LONG_BLOCK = 8000  # characters; a longer block is read only up to the words needed, and not kept


def _words(block, need: int, cache: dict, keep: bool) -> list[str]:
    """A block's words in lower case: all of them, or the first ``need`` of a
    very long block. ``cache`` holds the words ``detect`` read, by the block's
    id, for ``sections`` to read again (``keep``: add these to it)."""
    words = cache.get(id(block))
    if words is not None:
        return words
    text = block.text
    long = len(text) > LONG_BLOCK
    found = [m.group() for m, _ in zip(_WORD.finditer(text), range(need))] if long else _WORD.findall(text)
    # one lower() for all: no lower-case letter is white space, so this splits back
    # into exactly the words, each lowered
    words = " ".join(found).lower().split()
    if keep and not long:
        cache[id(block)] = words
    return words


def _first_words(blocks, cache: dict, keep: bool = False) -> list[str]:
    """The first ``MAX_WORDS`` words of these blocks, in lower case."""
    words: list[str] = []
    for block in blocks:
        if "hidden" in block.scopes:
            continue  # text a browser does not show (yet) does not tell the page's language
        words += _words(block, MAX_WORDS - len(words), cache, keep)
        if len(words) >= MAX_WORDS:
            del words[MAX_WORDS:]
            break
    return words


def detect(doc, cache: dict | None = None) -> tuple[str, float] | None:
    """The language of a document's prose blocks (see the module docstring)."""
    words = _first_words(doc.blocks, {} if cache is None else cache, keep=True)
    return _decide(scores(words)) or by_script(words)


def sections(doc, cache: dict | None = None) -> list:
    """The document's sections (``sections.split``), each with ``detected``: the
    (code, share) of its own words, or None with fewer than ``SECTION_MIN_HITS``
    function words; and ``language``: what rules read it as -- its own language
    when told with ``MIN_SHARE``, else that of the section it sits in, else the
    document's (None when the document's cannot be told: any language).
    ``cache``: the words of the blocks ``detect`` read, by id (only those: the
    words of a long article are not all kept at once)."""
    from .sections import split

    cache = {} if cache is None else cache
    lang = doc.language
    root = lang[0] if lang is not None and lang[1] >= MIN_SHARE else None
    out = split(doc)
    for section in out:
        words = _first_words(section.blocks, cache)
        # fewer words than function words needed: nothing to count
        detected = _decide(scores(words), SECTION_MIN_HITS) if len(words) >= SECTION_MIN_HITS else None
        if detected is None:
            detected = by_script(words)
        section.detected = detected
        if detected is not None and detected[1] >= MIN_SHARE:
            section.language = detected[0]
        else:
            section.language = section.parent.language if section.parent is not None else root
    return out
