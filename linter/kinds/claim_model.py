"""The learned part of the claim decision: a linear model over a sentence's features.

A claim is a judgement over a sentence and its context, so the decision is fitted
to labelled sentences (``training/claims.py`` retrains it from the labels in
``tests/``) instead of being grown by hand. The lexicons of the rule stay, as
features: which phrase families matched, which cues (hedge, testimonial, first-person experience, negation,
advice, risk ...) stand where, alongside the sentence's words and word pairs, its
scope (heading, list item, table cell, bold label), the heading and the lead
sentence it sits under, and how much the whole document is about health.

The model is two logistic regressions and a document model, stored as JSON
(feature -> weight): a first stage scores each sentence alone, a second reweighs
that score with the scores of the sentences around it, and the document model
tells whether a page is about health at all. It needs no numerical library at
run time, loads in milliseconds, and each decision can be explained by the
features that weighed most.
"""

from __future__ import annotations

import gc
import json
import math
import re
from contextlib import contextmanager
from itertools import chain
from pathlib import Path

from ..matching import lowers_alike as _lowers_alike

MODEL_DIR = Path(__file__).resolve().parent.parent / "models"
BUILTIN = MODEL_DIR / "claims.json"

_WORD = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")


def tokens_and_words(text: str) -> tuple[list[str], frozenset | None]:
    """Lowercased ``\\w+`` runs of ``text`` with digits read as 0 (a number's
    value says nothing), and the set of the runs as they are (``matching.words_of``,
    which gates the cue searches; None when lowercasing may not give what a
    case-insensitive regex sees): one pass over the text for both."""
    low = text.lower()
    raw = _WORD.findall(low)
    words = frozenset(raw) if (low.isascii() or _lowers_alike(text, low)) else None
    if _DIGIT.search(low) is None:
        return raw, words
    # a digit read as 0 is still a word character: the same runs, in one pass
    return _WORD.findall(_DIGIT.sub("0", low)), words


def tokens(text: str) -> list[str]:
    return tokens_and_words(text)[0]


def text_words(texts) -> set[str]:
    """The distinct tokens (as ``tokens`` splits them) of some texts, by one scan
    of them joined: a token never spans the line break between two, and a digit
    read as 0 is still a word character, so the tokens are those of each text."""
    low = "\n".join(texts).lower()
    if _DIGIT.search(low) is not None:
        low = _DIGIT.sub("0", low)
    return set(_WORD.findall(low))


def document_words(doc) -> set[str]:
    """The distinct word tokens of a document's prose (the document model's input)."""
    return text_words(b.text for b in doc.blocks)


def ngram_features(prefix: str, toks: list[str]) -> list[str]:
    """Words and word pairs as feature strings (``w=magnesium``, ``w=helps sleep``)."""
    feats = [f"{prefix}{t}" for t in toks]
    feats.extend(f"{prefix}{a} {b}" for a, b in zip(toks, toks[1:]))
    return feats


def split_weights(weights: dict) -> tuple[dict, dict, dict]:
    """(words, pairs, other) of a weight table: word and word-pair weights in
    tables of their own, keyed by the words themselves (a pair table per first
    word), so a sentence's words are looked up without building a feature string
    for each; ``other`` holds the rest. Order follows ``weights``."""
    words: dict = {}
    pairs: dict = {}
    other: dict = {}
    for f, v in weights.items():
        if f.startswith("w="):
            a, _, b = f[2:].partition(" ")
            if b:
                pairs.setdefault(a, {})[b] = v
            else:
                words[a] = v
        else:
            other[f] = v
    return words, pairs, other


MARGIN_BOUND = math.log((1 - 1e-6) / 1e-6)


def _fifth(score: float) -> int:
    return min(4, int(score * 5))


# the context features by bucket, made once: "p2=0" ... "p2=4"
_P2, _N2, _H2, _L2, _R2 = (tuple(f"{name}={i}" for i in range(5)) for name in ("p2", "n2", "h2", "l2", "r2"))


def _context_layout(shapes: list[str]) -> list[tuple]:
    """Per sentence, the sentences its context features read besides its
    neighbours: (its heading's index or None, its list's lead sentence's index or
    None, the (start, end) of its list or table run or None). ``shapes``:
    "heading", "list", "cell" or "para" per sentence, in document order."""
    n = len(shapes)
    out: list[tuple] = []
    heading = None
    lead = None
    i = 0
    while i < n:
        shape = shapes[i]
        if shape in ("list", "cell"):
            j = i
            while j < n and shapes[j] == shape:
                j += 1
            place = (heading, lead if shape == "list" else None, (i, j))
            out.extend([place] * (j - i))
            i = j
            continue
        if shape == "heading":
            out.append((None, None, None))
            heading = i
            lead = None
        else:
            out.append((heading, None, None))
            lead = i
        i += 1
    return out


def context_features(shapes: list[str], scores: list[float]) -> list[list[str]]:
    """Second-stage features of each sentence of a document, from the first-stage
    claim scores of the sentences around it: the other items of its list or table
    (``r2=``: a list of benefits is read as one), the lead sentence of its list
    (``l2=``), the heading it sits under (``h2=``), and the sentence before and
    after (``p2=``, ``n2=``: a claim goes on in "It also eases cramps."). Scores
    are bucketed in fifths. ``shapes``: as ``_context_layout`` reads them."""
    n = len(shapes)
    fifths = [_fifth(x) for x in scores]
    totals: dict = {}  # a run's summed scores, once per run
    out: list[list[str]] = []
    for k, (heading, lead, run) in enumerate(_context_layout(shapes)):
        feats = []
        if run is not None and run[1] - run[0] > 1:
            total = totals.get(run)
            if total is None:
                total = totals[run] = sum(scores[run[0] : run[1]])
            feats.append(_R2[_fifth((total - scores[k]) / (run[1] - run[0] - 1))])
        if lead is not None:
            feats.append(_L2[fifths[lead]])
        if heading is not None:
            feats.append(_H2[fifths[heading]])
        if k:
            feats.append(_P2[fifths[k - 1]])
        if k + 1 < n:
            feats.append(_N2[fifths[k + 1]])
        out.append(feats)
    return out


def context_sources(shapes: list[str], wanted) -> set[int]:
    """The sentences whose first-stage scores the ``context_features`` of the
    sentences ``wanted`` (indices) read, those included: the sentence before and
    after each, its heading, its list's lead sentence, every item of its list or
    table. The scores of the other sentences need not be computed."""
    layout = _context_layout(shapes)
    n = len(shapes)
    out = set(wanted)
    for k in set(wanted):
        heading, lead, run = layout[k]
        out.update(i for i in (heading, lead, k - 1 if k else None, k + 1 if k + 1 < n else None) if i is not None)
        if run is not None:
            out.update(range(*run))
    return out


def _sigmoid(z: float) -> float:
    if z < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))


def _number(value, what: str, low: float = -1e6, high: float = 1e6) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        raise ValueError(f"{what} must be a number from {low:g} to {high:g}, got {value!r}"[:200])


_NUMBER_TYPES = frozenset({float, int})


def _all_numbers(values) -> bool:
    """Whether ``values`` (not empty) are all numbers ``_number`` accepts with
    its default bounds, told by builtins over all of them at once (types, min,
    max, sum: a model has tens of thousands of weights, checked on every run)."""
    return (bool(values) and set(map(type, values)) <= _NUMBER_TYPES and -1e6 <= min(values)
            and max(values) <= 1e6 and not math.isnan(sum(values)))


def _check_weights(weights, what: str) -> None:
    if not isinstance(weights, dict):
        raise ValueError(f"{what} must be a mapping of feature -> weight")
    if _all_numbers(weights.values()):
        return
    for k, v in weights.items():  # the first bad one, to name it
        _number(v, f"{what}[{k!r}]")


def _check_model(data) -> None:
    """What ``ClaimModel`` needs of a model file (a user may name their own)."""
    if not isinstance(data, dict):
        raise ValueError("a claim model is a JSON object")
    for key in ("weights", "bias", "threshold"):
        if key not in data:
            raise ValueError(f"a claim model needs '{key}'")
    _check_weights(data["weights"], "weights")
    if "words" in data or "pairs" in data:
        if any(k.startswith("w=") for k in data["weights"]):
            raise ValueError("a model with 'words' and 'pairs' keeps no w= weights under 'weights'")
        _check_weights(data.get("words"), "words")
        pairs = data.get("pairs")
        if not isinstance(pairs, dict):
            raise ValueError("pairs must be a mapping of word -> {next word -> weight}")
        # every pair table's weights at once (thousands of small tables); else
        # each table, to name the bad one
        if not (set(map(type, pairs.values())) <= {dict}
                and _all_numbers(list(chain.from_iterable(map(dict.values, pairs.values()))))):
            for first, weights in pairs.items():
                _check_weights(weights, f"pairs[{first!r}]")
    _number(data["bias"], "bias")
    _number(data["threshold"], "threshold", 0.0, 1.0)
    _check_part(data.get("second"), "second", first=(-1e6, 1e6))
    _check_part(data.get("document"), "document", threshold=(0.0, 1.0))


def _check_part(part, name: str, **numbers) -> None:
    """An optional stage (``second``, ``document``): weights, a bias, and the
    named numbers within their bounds."""
    if part is None:
        return
    keys = {"weights", "bias", *numbers}
    if not isinstance(part, dict) or not keys <= set(part):
        raise ValueError(f"'{name}' needs {', '.join(sorted(keys))}")
    _check_weights(part["weights"], f"{name}.weights")
    _number(part["bias"], f"{name}.bias")
    for key, (low, high) in numbers.items():
        _number(part[key], f"{name}.{key}", low, high)


MAX_MODEL_BYTES = 64 * 1024 * 1024  # the shipped model is about one megabyte


class ClaimModel:
    """Two fitted logistic regressions: the first scores a sentence alone, the
    second adds what the first said of the sentences around it
    (``context_features``). ``scores`` gives the claim probabilities of a
    document's sentences."""

    __slots__ = ("weights", "bias", "weights2", "bias2", "first2", "threshold", "doc_weights", "doc_bias", "doc_threshold", "meta",
                 "_uni", "_bi")

    def __init__(self, weights: dict, bias: float, threshold: float, second: dict | None = None,
                 document: dict | None = None, meta: dict | None = None, words: dict | None = None,
                 pairs: dict | None = None):
        self.weights = weights
        if words is not None:  # the word and word-pair weights in tables of their own (see ``split_weights``)
            self._uni, self._bi = words, pairs or {}
        self.bias = bias
        self.weights2 = second["weights"] if second else None
        self.bias2 = float(second["bias"]) if second else 0.0
        self.first2 = float(second["first"]) if second else 1.0
        self.threshold = threshold
        self.doc_weights = document["weights"] if document else None
        self.doc_bias = float(document["bias"]) if document else 0.0
        self.doc_threshold = float(document["threshold"]) if document else 0.0
        self.meta = meta or {}

    @classmethod
    def load(cls, path: str | Path = BUILTIN) -> "ClaimModel":
        """The model in a JSON file; ValueError naming what is wrong with it,
        OSError (``safeio.ReadRefused``: not a regular file, or too large) when it
        cannot be read. A config names the file: a device or a FIFO there must
        not block the run."""
        from ..safeio import read_regular

        try:
            text = read_regular(path, MAX_MODEL_BYTES).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ValueError(f"not UTF-8 text ({exc.reason})") from None
        return cls.of(_read_json(text))

    @classmethod
    def of(cls, data: dict) -> "ClaimModel":
        """The model of a model file's data (as ``_read_json`` returns it, validated)."""
        return cls(data["weights"], float(data["bias"]), float(data["threshold"]), data.get("second"),
                   data.get("document"), data.get("meta"), data.get("words"), data.get("pairs"))

    MIN_DOCUMENT_WORDS = 150  # fewer distinct words say too little to tell what a document is about
    # sections of a page judged not about health are grouped up to this many words
    # (``sections_not_about_health``); a group is judged only from MIN_DOCUMENT_WORDS
    MIN_SECTION_WORDS = 60

    def about_health(self, words) -> float:
        """Probability that a document whose distinct words are ``words`` is about
        health at all (1.0 when the model has no document part): claims are only
        looked for in such documents, so that "let it rest" in a bread recipe or
        "relieves strain" in a backpack review is never one."""
        if self.doc_weights is None or len(words) < self.MIN_DOCUMENT_WORDS:
            return 1.0
        return _sigmoid(self._margin(self.doc_weights, self.doc_bias, words))

    @staticmethod
    def _margin(weights: dict, bias: float, feats) -> float:
        """``bias`` plus the weights of the features of ``feats`` (distinct) that have one.
        Summed exactly (``math.fsum``): a set's order changes from run to run, and
        a sum in that order could differ in its last bit between two runs."""
        vals = [bias]
        for f in feats:
            v = weights.get(f)
            if v is not None:
                vals.append(v)
        return math.fsum(vals)

    def _tables(self) -> tuple[dict, dict]:
        """The word and word-pair tables; a model file that keeps every weight in
        ``weights`` (``w=word``, ``w=word next``) is split on first use."""
        try:
            return self._uni, self._bi
        except AttributeError:
            self._uni, self._bi, _ = split_weights(self.weights)
            return self._uni, self._bi

    def margin(self, toks: list[str], feats, shared=(), weighed=None) -> float:
        """First-stage margin of a sentence: its words and word pairs, and its
        other features (``feats``, and ``shared``: features without repeats that
        other sentences have too; ``weighed`` keeps their sum by ``id``)."""
        uni, bi = self._tables()
        weights = self.weights
        # each feature counts once, however often it occurs, as in training; the
        # weights are summed exactly (math.fsum), so the order of a set does not matter
        vals = [self.bias]
        for f in set(feats):
            v = weights.get(f)
            if v is not None:
                vals.append(v)
        if shared:
            key = id(shared)
            got = weighed.get(key) if weighed is not None else None
            if got is None:
                got = self._margin(weights, 0.0, shared)
                if weighed is not None:
                    weighed[key] = got
            vals.append(got)
        for t in set(toks):
            v = uni.get(t)
            if v is not None:
                vals.append(v)
        pairs = set()
        prev = None
        for t in toks:
            if prev is not None:
                v = prev.get(t)
                if v is not None:
                    pairs.add((id(prev), t, v))
            prev = bi.get(t)
        vals.extend(v for _, _, v in pairs)
        return math.fsum(vals)

    def score(self, toks: list[str], feats) -> float:
        """First-stage probability of one sentence, alone."""
        return _sigmoid(self.margin(toks, feats))

    def scores(self, rows: list, shapes: list[str]) -> list[float]:
        """Claim probabilities of a document's sentences (``(tokens, features)``
        or ``(tokens, features, shared features)``, and shapes, in document
        order): the second stage weighs the first stage's margin with the
        context features. A row of None is given some score: for a sentence
        whose score is not wanted and that no wanted one reads."""
        weighed: dict = {}  # the sums of shared features (alive while ``rows`` is)
        # a row of None: a sentence whose score nothing reads (``context_sources``)
        margins = [self.margin(*row, weighed=weighed) if row is not None else 0.0 for row in rows]
        return self.second_stage(margins, shapes)

    def second_stage(self, margins: list[float], shapes: list[str]) -> list[float]:
        """Claim probabilities of a document's sentences from their first-stage
        ``margins`` and shapes (in document order)."""
        if self.weights2 is None:
            return [_sigmoid(m) for m in margins]
        ctx = context_features(shapes, [_sigmoid(m) for m in margins])
        a = self.first2
        # the second stage was fitted on margins of probabilities kept within
        # [1e-6, 1 - 1e-6]: the same bound here
        return [_sigmoid(self._margin(self.weights2, self.bias2 + a * max(-MARGIN_BOUND, min(MARGIN_BOUND, m)), c))
                for m, c in zip(margins, ctx)]

    def reasons(self, feats, n: int = 3) -> list[tuple[str, float]]:
        """The features that pushed hardest towards "claim", strongest first
        (``feats``: flat feature strings, words as ``w=word``)."""
        w = self.weights
        uni, bi = self._tables()
        seen = {}
        for f in feats:
            if f.startswith("w="):
                a, _, b = f[2:].partition(" ")
                v = (bi.get(a) or {}).get(b) if b else uni.get(a)
            else:
                v = w.get(f)
            if v is not None and v > 0:
                seen[f] = seen.get(f, 0.0) + v
        return sorted(seen.items(), key=lambda kv: -kv[1])[:n]


@contextmanager
def _collector_paused():
    """The cyclic garbage collector paused while a model's tables are built:
    they are tens of thousands of objects and thousands of dicts, none in a
    cycle, and the collections their allocation would set off (a third of the
    load's time) find nothing. Left as it was, whatever happens."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read_json(text: str) -> dict:
    """A model file's data, validated; ValueError naming what is wrong with it."""
    with _collector_paused():
        data = json.loads(text)
    _check_model(data)
    return data


_LOADED: dict = {}


def load_model(path: str | Path | None = None) -> ClaimModel:
    """The model at ``path`` (default: the built-in one), loaded once per process."""
    key = str(path or BUILTIN)
    model = _LOADED.get(key)
    if model is None:
        model = _LOADED[key] = ClaimModel.load(key)
    return model


# What a model's data may hold: marshal could also read code objects and more,
# which a cached entry must never be taken for.
_PLAIN = frozenset({dict, list, str, float, int, bool, type(None)})


def _cached_data(blob: bytes | None, stamp: str) -> dict | None:
    """The data of a ``load_builtin`` cache entry made for the model file whose
    ``stamp`` it holds, or None when it is not one (unreadable, for another
    version of the file, or not a model's data as ``_read_json`` returns it)."""
    if blob is None:
        return None
    import marshal

    try:
        with _collector_paused():
            entry = marshal.loads(blob)
    except (EOFError, ValueError, TypeError):
        return None
    if not (type(entry) is list and len(entry) == 2 and entry[0] == stamp):
        return None
    data = entry[1]
    if not (type(data) is dict and {"weights", "bias", "threshold"} <= data.keys()
            and all(type(v) in _PLAIN for v in data.values())):
        return None
    return data


def load_builtin(store=None) -> ClaimModel:
    """The built-in model, loaded once per process. With a ``store`` that keeps
    entries (a run's cache), its data is kept there in ``marshal`` form, which
    loads several times faster than the JSON: one entry per model file and
    interpreter, stamped with the package's version and the file's size and
    modification time, as Python stamps its bytecode cache (reading and hashing
    the megabyte of JSON took a quarter of the load), and written again when the
    stamp differs. The JSON is parsed and validated when the entry is written,
    and whenever it cannot be read. (A model file a user names is always read as
    JSON, and validated: ``load_model``.)"""
    key = str(BUILTIN)
    if key in _LOADED or store is None or not store.keeps:
        return load_model()
    import marshal
    import sys

    from .. import __version__

    try:
        st = BUILTIN.stat()
    except OSError:
        return load_model()  # which says what is wrong with the file
    entry = f"{sys.implementation.cache_tag}:{sys.hexversion}:{marshal.version}:{key}"
    stamp = f"{__version__}:{st.st_size}:{st.st_mtime_ns}"
    data = _cached_data(store.get_blob("model", entry), stamp)
    if data is None:
        data = _read_json(BUILTIN.read_bytes().decode("utf-8"))
        store.put_blob("model", entry, marshal.dumps([stamp, data]))
    model = _LOADED[key] = ClaimModel.of(data)
    return model


def sections_not_about_health(doc, model) -> set:
    """ids of the blocks not about health, by the model's document part: what
    the claim rule does not read, and where a quantity rule with
    ``about_health`` counts only doses by themselves. Empty when the document
    is about health (or the model has no document part); otherwise the blocks
    of every section (from one level-1 or level-2 heading to the next) that is
    not about health on its own, so that a page that appends a recipe to a
    supplement review, or the reverse, still has its health part read.
    Sections are grouped with the ones after them until a group holds
    ``MIN_SECTION_WORDS`` distinct words; a group of fewer than
    ``MIN_DOCUMENT_WORDS`` is read whatever it says (``about_health``), so only
    long parts of a page are left out."""
    if model.doc_weights is None:
        return set()
    sections = section_words(doc)
    if model.about_health(document_words(doc)) >= model.doc_threshold:
        return set()
    # consecutive sections are judged together until they hold enough words;
    # a short tail joins the group before it
    groups: list[tuple[list, set]] = []
    ids_now: list = []
    words_now: set = set()
    for ids, words in sections:
        ids_now.extend(ids)
        words_now |= words
        if len(words_now) >= model.MIN_SECTION_WORDS:
            groups.append((ids_now, words_now))
            ids_now, words_now = [], set()
    if ids_now:  # a page judged at all holds MIN_DOCUMENT_WORDS: a group exists
        groups[-1][0].extend(ids_now)
        groups[-1][1].update(words_now)
    unread: set = set()
    for ids, words in groups:
        if model.about_health(words) < model.doc_threshold:
            unread.update(ids)
    return unread


# the last document's section words: the claim, dose and disclaimer rules each judge
# the same document in turn (a Document is a record, not hashable: kept by identity)
_LAST_SECTIONS: tuple = (None, None, None)


def section_words(doc) -> list[tuple[list, set]]:
    """Per section of ``doc`` (from one level-1 or level-2 heading to the next, the
    first one before any): its blocks' ids and distinct words (``text_words``)."""
    last_doc, sections, _ = _LAST_SECTIONS
    if last_doc is doc:
        return sections
    parts: list[tuple[list, list]] = [([], [])]  # per section: its blocks' ids and texts
    for b in doc.blocks:
        if b.kind == "heading" and ("h1" in b.scopes or "h2" in b.scopes):
            parts.append(([], []))
        parts[-1][0].append(id(b))
        parts[-1][1].append(b.text)
    sections = [(ids, text_words(texts)) for ids, texts in parts]
    _set_last(doc, sections, None)
    return sections


def document_words(doc) -> set:
    """The distinct words of all of ``doc``'s blocks (the union of ``section_words``)."""
    last_doc, _, words = _LAST_SECTIONS
    if last_doc is doc and words is not None:
        return words
    sections = section_words(doc)
    words = set().union(*(w for _, w in sections))
    _set_last(doc, sections, words)
    return words


def _set_last(doc, sections, words) -> None:
    global _LAST_SECTIONS
    _LAST_SECTIONS = (doc, sections, words)
