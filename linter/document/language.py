"""Which language a document's prose is written in: en, de, es, fr, pt, pl, it or nl.

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
"""

from __future__ import annotations

import re

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

NAMES = {"en": "English", "de": "German", "es": "Spanish", "fr": "French", "pt": "Portuguese",
         "pl": "Polish", "it": "Italian", "nl": "Dutch"}

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def _weights() -> dict[str, list[tuple[str, float]]]:
    owners: dict[str, list[str]] = {}
    for code, words in PROFILES.items():
        for w in set(words.split()):
            owners.setdefault(w, []).append(code)
    return {w: [(c, 1.0 / len(cs)) for c in cs] for w, cs in owners.items()}


_WEIGHTS = _weights()


def scores(words) -> dict[str, float]:
    out = dict.fromkeys(PROFILES, 0.0)
    for w in words:
        for code, weight in _WEIGHTS.get(w, ()):
            out[code] += weight
    return out


def detect_text(text: str) -> tuple[str, float] | None:
    """(code, share) for a text, or None when it has too few function words."""
    words = [w.lower() for w, _ in zip((m.group() for m in _WORD.finditer(text)), range(MAX_WORDS))]
    return _decide(scores(words))


def _decide(s: dict[str, float]) -> tuple[str, float] | None:
    total = sum(s.values())
    if total < MIN_HITS:
        return None
    code = max(s, key=lambda c: (s[c], c == "en"))
    return code, round(s[code] / total, 3)


def detect(doc) -> tuple[str, float] | None:
    """The language of a document's prose blocks (see the module docstring)."""
    words: list[str] = []
    for block in doc.blocks:
        for m in _WORD.finditer(block.text):
            words.append(m.group().lower())
            if len(words) >= MAX_WORDS:
                return _decide(scores(words))
    return _decide(scores(words))
