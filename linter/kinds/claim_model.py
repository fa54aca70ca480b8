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


class ClaimModel:
    """Weights of a fitted logistic regression: ``score`` is the claim probability."""

    __slots__ = ("weights", "bias", "threshold", "meta")

    def __init__(self, weights: dict, bias: float, threshold: float, meta: dict | None = None):
        self.weights = weights
        self.bias = bias
        self.threshold = threshold
        self.meta = meta or {}

    @classmethod
    def load(cls, path: str | Path = BUILTIN) -> "ClaimModel":
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(data["weights"], float(data["bias"]), float(data["threshold"]), data.get("meta"))

    def margin(self, feats) -> float:
        w = self.weights
        total = self.bias
        for f in feats:
            v = w.get(f)
            if v is not None:
                total += v
        return total

    def score(self, feats) -> float:
        z = self.margin(feats)
        if z < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))

    def reasons(self, feats, n: int = 3) -> list[tuple[str, float]]:
        """The features that pushed hardest towards "claim", strongest first."""
        w = self.weights
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
