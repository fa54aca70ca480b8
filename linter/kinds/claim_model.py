"""The learned part of the claim decision: a linear model over a sentence's features.

A claim is a judgement over a sentence and its context, so the decision is fitted
to labelled sentences (``training/claims.py`` retrains it from the labels in
``tests/``) instead of being grown by hand. The lexicons of the rule stay, as
features: which phrase families matched, which cues (hedge, testimonial, negation,
advice, risk ...) stand where, alongside the sentence's words and word pairs, its
scope (heading, list item, table cell, bold label), the heading and the lead
sentence it sits under, and how much the whole document is about health.

The model is a plain logistic regression, stored as JSON (feature -> weight): it
needs no numerical library at run time, loads in milliseconds, and each decision
can be explained by the features that weighed most.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

MODEL_DIR = Path(__file__).resolve().parent.parent / "models"
BUILTIN = MODEL_DIR / "claims.json"

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_DIGIT = re.compile(r"\d")


def tokens(text: str) -> list[str]:
    """Lowercased word tokens; digits read as 0 (a number's value says nothing)."""
    out = _TOKEN.findall(text.lower())
    return [_DIGIT.sub("0", t) if not t.isalpha() else t for t in out]


def ngram_features(prefix: str, toks: list[str], bigrams: bool = True) -> list[str]:
    feats = [f"{prefix}{t}" for t in toks]
    if bigrams:
        feats.extend(f"{prefix}{a} {b}" for a, b in zip(toks, toks[1:]))
    return feats


def _bucket(score: float) -> str:
    return str(min(4, int(score * 5)))


def context_features(shapes: list[str], scores: list[float]) -> list[list[str]]:
    """Second-stage features of each sentence of a document, from the first-stage
    claim scores of the sentences around it: the sentence before and after
    (``p2=``, ``n2=``: a claim goes on in "It also eases cramps."), the heading it
    sits under (``h2=``), the lead sentence of its list (``l2=``), and the other
    items of its list or table (``r2=``: a list of benefits is read as one). Scores
    are bucketed in fifths. ``shapes``: "heading", "list", "cell" or "para" per
    sentence, in document order."""
    n = len(shapes)
    out: list[list[str]] = [[] for _ in range(n)]
    heading = None
    lead = None
    i = 0
    while i < n:
        shape = shapes[i]
        if shape in ("list", "cell"):
            j = i
            while j < n and shapes[j] == shape:
                j += 1
            total = sum(scores[i:j])
            for k in range(i, j):
                if j - i > 1:
                    out[k].append("r2=" + _bucket((total - scores[k]) / (j - i - 1)))
                if lead is not None and shape == "list":
                    out[k].append("l2=" + _bucket(lead))
                if heading is not None:
                    out[k].append("h2=" + _bucket(heading))
            i = j
            continue
        if shape == "heading":
            heading = scores[i]
            lead = None
        else:
            if heading is not None:
                out[i].append("h2=" + _bucket(heading))
            lead = scores[i]
        i += 1
    for k in range(n):
        out[k].append("p2=" + (_bucket(scores[k - 1]) if k else "none"))
        out[k].append("n2=" + (_bucket(scores[k + 1]) if k + 1 < n else "none"))
    return out


def _sigmoid(z: float) -> float:
    if z < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))


class ClaimModel:
    """Two fitted logistic regressions: the first scores a sentence alone, the
    second adds what the first said of the sentences around it
    (``context_features``). ``scores`` gives the claim probabilities of a
    document's sentences."""

    __slots__ = ("weights", "bias", "weights2", "bias2", "threshold", "meta")

    def __init__(self, weights: dict, bias: float, threshold: float, weights2: dict | None = None, bias2: float = 0.0,
                 meta: dict | None = None):
        self.weights = weights
        self.bias = bias
        self.weights2 = weights2
        self.bias2 = bias2
        self.threshold = threshold
        self.meta = meta or {}

    @classmethod
    def load(cls, path: str | Path = BUILTIN) -> "ClaimModel":
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        second = data.get("second")
        return cls(data["weights"], float(data["bias"]), float(data["threshold"]),
                   second["weights"] if second else None, float(second["bias"]) if second else 0.0, data.get("meta"))

    @staticmethod
    def _margin(weights: dict, bias: float, feats) -> float:
        total = bias
        for f in feats:
            v = weights.get(f)
            if v is not None:
                total += v
        return total

    def score(self, feats) -> float:
        """First-stage probability of one sentence, alone."""
        return _sigmoid(self._margin(self.weights, self.bias, feats))

    def scores(self, feats_list: list, shapes: list[str]) -> list[float]:
        first = [self.score(f) for f in feats_list]
        if self.weights2 is None:
            return first
        ctx = context_features(shapes, first)
        return [_sigmoid(self._margin(self.weights2, self.bias2, f) + self._margin(self.weights2, 0.0, c))
                for f, c in zip(feats_list, ctx)]

    def reasons(self, feats, n: int = 3, second: bool = False) -> list[tuple[str, float]]:
        """The features that pushed hardest towards "claim", strongest first."""
        w = self.weights2 if second and self.weights2 is not None else self.weights
        seen = {}
        for f in feats:
            v = w.get(f)
            if v is not None and v > 0:
                seen[f] = seen.get(f, 0.0) + v
        return sorted(seen.items(), key=lambda kv: -kv[1])[:n]


_LOADED: dict = {}


def load_model(path: str | Path | None = None) -> ClaimModel:
    """The model at ``path`` (default: the built-in one), loaded once per process."""
    key = str(path or BUILTIN)
    model = _LOADED.get(key)
    if model is None:
        model = _LOADED[key] = ClaimModel.load(key)
    return model
