"""readability: a grade formula per paragraph or per document, with a threshold.

    kind: readability
    message: "Flesch-Kincaid grade {score} is above {threshold}: shorter sentences and words help."
    formula: flesch-kincaid-grade     # or flesch-reading-ease (higher is easier)
    max_grade: 10                     # for a grade formula
    min_ease: 50                      # for flesch-reading-ease
    per: paragraph                    # paragraph | document
    min_words: 30                     # shorter units are not scored

Syllables are counted with a small heuristic (vowel groups, silent final e,
"-le" endings) rather than a dictionary library such as textstat/pyphen: it is
within about a syllable per hundred words on English prose, needs no data files,
and costs microseconds per paragraph.
"""

from __future__ import annotations

import re

from ..fields import Field
from .base import Check, Hit

_WORDS = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
_VOWELS = re.compile(r"[aeiouy]+")


def syllables(word: str) -> int:
    w = word.lower().strip("'’-")
    if len(w) <= 3:
        return 1
    w = re.sub(r"(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$", "", w)  # silent endings
    w = re.sub(r"^y", "", w)
    count = len(_VOWELS.findall(w))
    if word.lower().endswith("le") and len(word) > 2 and word.lower()[-3] not in "aeiouy":
        count += 1
    return max(1, count)


def scores(text: str, sentences: int) -> tuple[float, float, int]:
    words = _WORDS.findall(text)
    n = len(words)
    if not n:
        return 0.0, 100.0, 0
    syl = sum(syllables(w) for w in words)
    sentences = max(1, sentences)
    grade = 0.39 * n / sentences + 11.8 * syl / n - 15.59
    ease = 206.835 - 1.015 * n / sentences - 84.6 * syl / n
    return round(grade, 1), round(ease, 1), n


class ReadabilityCheck(Check):
    OPTIONS = {
        "formula": Field("str", default="flesch-kincaid-grade", choices=("flesch-kincaid-grade", "flesch-reading-ease")),
        "max_grade": Field("float", default=None, doc="report above this grade (flesch-kincaid-grade)"),
        "min_ease": Field("float", default=None, doc="report below this ease (flesch-reading-ease)"),
        "per": Field("str", default="paragraph", choices=("paragraph", "document")),
        "min_words": Field("int", default=30, doc="units with fewer words are not scored"),
    }
    TEMPLATE_FIELDS = frozenset({"score", "threshold", "words"})
    DEFAULT_SCOPE = ("paragraph",)

    @staticmethod
    def validate(options) -> str | None:
        if options["formula"] == "flesch-kincaid-grade" and options["max_grade"] is None:
            return "a flesch-kincaid-grade rule needs 'max_grade'"
        if options["formula"] == "flesch-reading-ease" and options["min_ease"] is None:
            return "a flesch-reading-ease rule needs 'min_ease'"
        return None

    def _judge(self, text: str, sentences: int):
        grade, ease, n = scores(text, sentences)
        if n < self.options["min_words"]:
            return None
        if self.options["formula"] == "flesch-kincaid-grade":
            return (grade, self.options["max_grade"], n) if grade > self.options["max_grade"] else None
        return (ease, self.options["min_ease"], n) if ease < self.options["min_ease"] else None

    def run(self, doc):
        blocks = [b for b in self.scope.blocks(doc) if b.kind != "heading"]
        counts: dict[int, int] = {}
        for s in doc.sentences:
            counts[id(s.block)] = counts.get(id(s.block), 0) + 1
        if self.options["per"] == "document":
            text = "\n".join(b.text for b in blocks)
            verdict = self._judge(text, sum(counts.get(id(b), 0) for b in blocks))
            if verdict and blocks:
                first = blocks[0]
                s, _ = first.to_source(0, 1)
                line0 = doc.source.position(s)[0] - 1
                yield Hit(s, doc.source.line_ends[line0], dict(zip(("score", "threshold", "words"), verdict)), document=True)
            return
        for b in blocks:
            verdict = self._judge(b.text, counts.get(id(b), 1))
            if verdict:
                s, e = b.to_source(0, len(b.text))
                yield Hit(s, e, dict(zip(("score", "threshold", "words"), verdict)))
