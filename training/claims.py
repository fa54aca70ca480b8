"""Train the claim model (linter/models/claims.json) from the labelled corpora.

    pip install ".[train]"
    python training/claims.py                 # cross-validate by source, then fit and write the model
    python training/claims.py --report-only   # only the cross-validated figures
    python training/claims.py --folds 20 ...  # 20 folds of source repositories (default: each held out alone)
    python training/claims.py --prior OLD.json --extra ARTICLES LABELS ...   # correct a shipped model with new sets

Data (nothing is downloaded; nothing is copied into the project):

- ``tests/corpus``, ``tests/holdout``, ``tests/blind``, ``tests/blind2``,
  ``tests/blind3``: articles this project wrote, with their labels (uncited claims
  only: their sentences with a citation are left out of training, since a cited
  claim there is unlabelled).
- ``tests/written/*/``: articles this project wrote for training, in the styles
  real health pages come in (clinic pages, product and affiliate pages, personal
  blogs, explainers), labelled from the definitions in ``tests/real/README.md``
  (uncited and cited claims). They are training data only: the figures that
  measure the model are the real articles', each repository held out in turn.
- ``tests/real/labels/*.yaml``: labels of real articles in
  ``../shared/real-articles/`` (uncited and cited claims).
- ``../shared/real-articles/non-health/``: real articles not about health; every
  sentence is a negative example.

Every sentence the claim rule looks at becomes one example: its features are the
ones the rule computes at run time (``ClaimCitationCheck.sentence_features``), and
it is positive when a claim label (cited or not) overlaps it. Figures are taken
with GroupKFold over source repositories (each of our own corpora is one group):
a score on articles from repositories the model was fitted on says little about
new ones. The threshold is the one that maximises F1 at precision >= the target on
the out-of-fold scores.

``--prior OLD.json`` keeps what a model learned from sets whose articles are no
longer at hand (the real sets kept as references are fetched from GitHub, which is
not always reachable): the first stage is refitted as OLD's first stage plus
corrections, learned from the ``--extra`` sets only (sets OLD was not trained on),
each correction held near zero by an L2 penalty (``--prior-C``). OLD's margin on a
sentence is a fixed offset in that fit, so a feature OLD weighs well keeps its
weight unless the new sites disagree. The second stage and the document model are
OLD's; the threshold is chosen again on the new sets' out-of-fold scores. To
reproduce a model made so, take OLD from the commit its ``meta.prior`` names.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "real-articles"
sys.path.insert(0, str(ROOT))

OWN = ("corpus", "holdout", "blind", "blind2", "blind3")
# labelled sets of real articles kept outside ../shared (``--extra ARTICLES LABELS``:
# ARTICLES/{health,non-health}/OWNER--NAME/*.md, as bench/fetch_fresh.py writes them,
# and LABELS/*.yaml): their repositories are groups of their own ("x:OWNER--NAME",
# "nh:x:OWNER--NAME"), held out in turn like the others and reported apart
EXTRA: list[tuple[Path, Path]] = []


def _shown(path: Path) -> str:
    """A path as the model's metadata names it: relative to the project when inside it."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def _yaml(path: Path):
    from ruamel.yaml import YAML

    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def _markdown_files(folder: Path) -> list[Path]:
    """The Markdown files under ``folder``, as contentlint finds them (.md and .markdown)."""
    from linter.discovery import iter_files

    return sorted(Path(f) for f in iter_files([str(folder)], lambda _: False)[0])


def _lines(text: str) -> list[str]:
    return re.split(r"\r\n|\r|\n", text)


_ITEM = re.compile(r"^\s*-\s*(\{.*\})\s*#\s*borderline", re.I)


def borderline_items(label_file: Path) -> set:
    """(line, text) of the entries a label file marks ``# borderline``."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe")
    out = set()
    for raw in label_file.read_text(encoding="utf-8").splitlines():
        m = _ITEM.match(raw)
        if m:
            try:
                item = yaml.load(m.group(1))
            except Exception:  # noqa: BLE001 - a comment that only looks like an item
                continue
            if isinstance(item, dict) and "line" in item and "text" in item:
                out.add((item["line"], item["text"]))
    return out


def documents(extra_only: bool = False):
    """(group, path shown, file path, labels or None, kind) for every article (only
    those of the --extra sets with ``extra_only``)."""
    if not extra_only:
        yield from _local_documents()
    yield from _extra_documents()


def _local_documents():
    """The articles of this project and of ../shared/real-articles."""
    for name in OWN:
        lf = ROOT / "tests" / name / "labels.yaml"
        soft = borderline_items(lf)
        for rel, lab in _yaml(lf).items():
            yield f"own:{name}", rel, ROOT / rel, lab, "own", soft
    for lf in sorted((ROOT / "tests" / "written").glob("*/labels.yaml")):
        soft = borderline_items(lf)
        for rel, lab in _yaml(lf).items():
            yield f"written:{lf.parent.name}", rel, ROOT / rel, lab, "own", soft
    for lf in sorted((ROOT / "tests" / "real" / "labels").glob("*.yaml")):
        soft = borderline_items(lf)
        for rel, lab in (_yaml(lf) or {}).items():
            repo = rel.split("/")[1]
            yield repo, rel, REAL / rel, lab, "real", soft
    for path in _markdown_files(REAL / "non-health"):
        rel = str(path.relative_to(REAL))
        yield "nh:" + rel.split("/")[1], rel, path, None, "non-health", set()


def _extra_documents():
    """The articles of the --extra sets, each repository a group of its own."""
    for n, (articles, labels) in enumerate(EXTRA):
        for lf in sorted(labels.glob("*.yaml")):
            soft = borderline_items(lf)
            for rel, lab in (_yaml(lf) or {}).items():
                yield "x:" + rel.split("/")[1], f"extra{n}/{rel}", articles / rel, lab, "real", soft
        for path in _markdown_files(articles / "non-health"):
            rel = str(path.relative_to(articles))
            yield "nh:x:" + rel.split("/")[1], f"extra{n}/{rel}", path, None, "non-health", set()


def label_spans(text: str, items, soft: set = frozenset()) -> list[tuple[int, int, bool]]:
    """Source offsets of label snippets (BOM already stripped from ``text``), and
    whether the label is marked borderline."""
    starts = [0]
    for m in re.finditer(r"\r\n|\r|\n", text):
        starts.append(m.end())
    lines = _lines(text)
    out = []
    for it in items or []:
        line = it["line"]
        col = lines[line - 1].find(it["text"])
        if col < 0:
            continue
        s = starts[line - 1] + col
        out.append((s, s + len(it["text"]), (line, it["text"]) in soft))
    return out


def examples(check, extra_only: bool = False):
    """Rows of (group, path, features, label, line, text, borderline, shape) for every
    sentence; label 1 when a claim label overlaps the sentence, borderline when
    every label that does is marked so."""
    from linter.document import Document
    from linter.source import Source

    rows = []
    for group, rel, path, lab, kind, soft in documents(extra_only):
        data = path.read_bytes()
        try:
            source = Source.from_bytes(rel, data)
        except ValueError:
            continue
        if lab is not None and lab.get("language", "en") != "en":
            continue
        doc = Document.parse(source)
        text = source.text
        pos = label_spans(text, (lab or {}).get("claim-needs-citation"), soft) + label_spans(text, (lab or {}).get("cited-claims"), soft)
        has_cited_labels = lab is not None and "cited-claims" in lab
        numbered = None
        from linter.kinds.claim_model import ngram_features

        for s, other, _first, _m, shape, toks in check.sentence_features(doc):
            feats = ngram_features("w=", toks) + other
            a, b = s.block.to_source(s.start, s.end)
            over = [bl for ps, pe, bl in pos if ps < b and a < pe]
            y = bool(over)
            if kind == "own" and not y and not has_cited_labels:
                if numbered is None:
                    numbered = check._numbered_reference_list(doc)
                if check._has_citation(s, numbered):
                    continue  # a cited claim would be unlabelled here: unknown
            line = text.count("\n", 0, a) + 1
            rows.append((group, rel, feats, int(y), line, " ".join(s.text.split())[:160], bool(over) and all(over), shape))
    return rows


def document_rows(extra_only: bool = False):
    """(group, path, words, about health) for every article: the document model's
    examples. An article is about health unless its labels say no disclaimer is
    needed or it comes from non-health/."""
    from linter.document import Document
    from linter.kinds.claim_model import document_words
    from linter.source import Source

    out = []
    for group, rel, path, lab, kind, _soft in documents(extra_only):
        try:
            source = Source.from_bytes(rel, path.read_bytes())
        except ValueError:
            continue
        if lab is not None and lab.get("language", "en") != "en":
            continue
        health = kind != "non-health" and (lab or {}).get("medical-disclaimer") != "not-needed"
        out.append((group, rel, sorted(document_words(Document.parse(source))), int(health)))
    return out


def fit_documents(docs, C=0.3):
    """Cross-validated figures and the fitted document model (words seen in at
    least two source repositories)."""
    from sklearn.model_selection import GroupKFold

    feats = [["w=" + w for w in d[2]] for d in docs]
    groups = [d[0] for d in docs]
    ys = [d[3] for d in docs]
    oof = [0.0] * len(docs)
    for tr, te in GroupKFold(n_splits=min(10, len(set(groups)))).split(docs, groups=groups):
        vocab = vectorize([feats[i] for i in tr], 2, [groups[i] for i in tr], 2)
        clf = fit(matrix([feats[i] for i in tr], vocab), [ys[i] for i in tr], C)
        for i, p in zip(te, clf.predict_proba(matrix([feats[i] for i in te], vocab))[:, 1]):
            oof[i] = float(p)
    vocab = vectorize(feats, 2, groups, 2)
    clf = fit(matrix(feats, vocab), ys, C)
    coef = clf.coef_[0]
    weights = {f[2:]: round(float(coef[i]), 4) for f, i in vocab.items() if abs(coef[i]) >= 1e-3}
    return oof, {"bias": round(float(clf.intercept_[0]), 4), "weights": dict(sorted(weights.items()))}


def builtin_check():
    """The built-in claim rule's check: its ``sentence_features`` are the model's input."""
    from linter.config.rules import load_rule_file

    return load_rule_file(ROOT / "rules" / "health" / "claim-needs-citation.yaml")[0].check


def fit(X, y, C):
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=C, max_iter=3000, class_weight="balanced", solver="liblinear")
    clf.fit(X, y)
    return clf


def vectorize(train_feats, min_count=2, groups=None, min_groups=1):
    """Feature -> column, for features seen in at least ``min_count`` sentences
    and, when ``groups`` is given, in the articles of at least ``min_groups``
    source repositories: a word only one site uses teaches the model that site,
    not what a claim is."""
    counts = defaultdict(int)
    seen_in: dict = defaultdict(set)
    for i, feats in enumerate(train_feats):
        for f in set(feats):
            counts[f] += 1
            if groups is not None and min_groups > 1:
                seen_in[f].add(groups[i])
    keep = [f for f, c in counts.items() if c >= min_count and (groups is None or min_groups <= 1 or len(seen_in[f]) >= min_groups)]
    return {f: i for i, f in enumerate(sorted(keep))}


def matrix(feats_list, vocab):
    from scipy.sparse import csr_matrix

    indptr, indices = [0], []
    for feats in feats_list:
        idx = sorted({vocab[f] for f in feats if f in vocab})
        indices.extend(idx)
        indptr.append(len(indices))
    return csr_matrix(([1.0] * len(indices), indices, indptr), shape=(len(feats_list), len(vocab)))


def prf(y, p, t):
    tp = sum(1 for a, b in zip(y, p) if a and b >= t)
    fp = sum(1 for a, b in zip(y, p) if not a and b >= t)
    fn = sum(1 for a, b in zip(y, p) if a and b < t)
    prec = tp / (tp + fp) if tp + fp else 1.0
    rec = tp / (tp + fn) if tp + fn else 1.0
    return prec, rec, tp, fp, fn


def cross_validate(rows, C, min_count, folds=None, min_groups=1, prune=0.0):
    """Out-of-fold probabilities with every source repository held out once
    (GroupKFold over groups; non-health groups are spread over the folds too)."""
    from sklearn.model_selection import GroupKFold

    groups = [r[0] for r in rows]
    n_groups = len(set(groups))
    k = min(folds or n_groups, n_groups)
    oof = [0.0] * len(rows)
    for train_idx, test_idx in GroupKFold(n_splits=k).split(rows, groups=groups):
        tr = [rows[i] for i in train_idx if not rows[i][6]]  # borderline examples teach nothing
        vocab = vectorize([r[2] for r in tr], min_count, [r[0] for r in tr], min_groups)
        clf = fit(matrix([r[2] for r in tr], vocab), [r[3] for r in tr], C)
        if prune:
            clf.coef_[abs(clf.coef_) < prune] = 0.0  # as shipped: small weights are left out
        probs = clf.predict_proba(matrix([rows[i][2] for i in test_idx], vocab))[:, 1]
        for i, p in zip(test_idx, probs):
            oof[i] = float(p)
    return oof


def second_stage_inputs(rows, first_scores):
    """Per sentence: the first stage's margin and ``context_features`` from the
    first-stage scores of its article (in document order)."""
    import math

    from linter.kinds.claim_model import context_features

    ctx: list = [None] * len(rows)
    by_doc: dict = defaultdict(list)
    for i, r in enumerate(rows):
        by_doc[r[1]].append(i)
    for idx in by_doc.values():
        for i, c in zip(idx, context_features([rows[i][7] for i in idx], [first_scores[i] for i in idx])):
            ctx[i] = c
    margins = []
    for p in first_scores:
        p = min(max(p, 1e-6), 1 - 1e-6)
        margins.append(math.log(p / (1 - p)))
    return margins, ctx


def second_stage_matrix(margins, ctx, names):
    import numpy as np

    col = {f: j + 1 for j, f in enumerate(names)}
    X = np.zeros((len(margins), len(names) + 1))
    for i, (m, c) in enumerate(zip(margins, ctx)):
        X[i, 0] = m
        for f in c:
            if f in col:
                X[i, col[f]] = 1.0
    return X


def cross_validate_second(rows, first_scores, folds=10):
    """Out-of-fold probabilities of the second stage: a small logistic regression
    on the first stage's margin and the context features."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    margins, ctx = second_stage_inputs(rows, first_scores)
    names = sorted({f for c in ctx for f in c})
    X = second_stage_matrix(margins, ctx, names)
    ys = [r[3] for r in rows]
    groups = [r[0] for r in rows]
    oof = [0.0] * len(rows)
    for tr, te in GroupKFold(n_splits=min(folds, len(set(groups)))).split(rows, groups=groups):
        tr = [i for i in tr if not rows[i][6]]
        clf = LogisticRegression(C=1.0, max_iter=2000).fit(X[tr], [ys[i] for i in tr])
        for i, p in zip(te, clf.predict_proba(X[te])[:, 1]):
            oof[i] = float(p)
    keep = [i for i in range(len(rows)) if not rows[i][6]]
    clf = LogisticRegression(C=1.0, max_iter=2000).fit(X[keep], [ys[i] for i in keep])
    model = {
        "bias": round(float(clf.intercept_[0]), 4),
        "first": round(float(clf.coef_[0][0]), 4),
        "weights": {f: round(float(clf.coef_[0][j + 1]), 4) for j, f in enumerate(names)},
    }
    return oof, model


def full_weights(data: dict) -> dict:
    """A model file's first-stage weights as one table of feature strings (the
    word and word-pair tables joined back into ``w=`` features)."""
    weights = dict(data["weights"])
    weights.update({f"w={a}": v for a, v in (data.get("words") or {}).items()})
    for a, table in (data.get("pairs") or {}).items():
        weights.update({f"w={a} {b}": v for b, v in table.items()})
    return weights


def prior_margins(rows, data: dict) -> list[float]:
    """The first-stage margin of each row under the model file ``data``, as the
    rule sums it (each distinct feature once, exactly)."""
    from linter.kinds.claim_model import ClaimModel

    weights = full_weights(data)
    bias = float(data["bias"])
    return [ClaimModel._margin(weights, bias, set(r[2])) for r in rows]


class PriorError(ValueError):
    """What ``--prior`` cannot do with the sets it is given (a one-line usage error)."""


def fit_offset(X, y, offset, C):
    """Logistic regression with a fixed per-row ``offset`` on the margin (the prior
    model's), classes weighed as ``class_weight="balanced"`` does, and an L2
    penalty 1/(2C) on the weights (not the bias): (weights, bias). scikit-learn's
    LogisticRegression takes no offset, hence this small L-BFGS fit."""
    import numpy as np
    from scipy.optimize import minimize

    y = np.asarray(y, dtype=float)
    offset = np.asarray(offset, dtype=float)
    pos = y.mean() if len(y) else 0.0
    if not 0 < pos < 1:
        raise PriorError("corrections need sentences of both kinds, claims and not")
    sw = np.where(y == 1, 0.5 / pos, 0.5 / (1 - pos))
    sign = 2 * y - 1
    k = X.shape[1]

    def loss(wb):
        z = offset + X @ wb[:k] + wb[k]
        grad = -sign * sw / (1 + np.exp(sign * z))
        value = float((sw * np.logaddexp(0, -sign * z)).sum() + 0.5 / C * (wb[:k] @ wb[:k]))
        return value, np.concatenate([X.T @ grad + wb[:k] / C, [grad.sum()]])

    res = minimize(loss, np.zeros(k + 1), jac=True, method="L-BFGS-B", options={"maxiter": 1000})
    return res.x[:k], float(res.x[k])


def cross_validate_prior(rows, offsets, C, min_count, min_groups, folds=None, prune=0.0):
    """Out-of-fold first-stage margins of the corrected model on ``rows`` (the
    --extra sets'), their source repositories held out in ``folds`` folds (10 by
    default); corrections under ``prune`` are left out, as in the model written. A
    fold whose training part holds one kind of sentence only (all its claims in the
    held-out repositories) is not corrected: its rows keep the prior's margin."""
    oof = list(offsets)
    groups = [r[0] for r in rows]
    if len(set(groups)) < 2:
        raise PriorError("measuring corrections out of fold needs --extra sets from two source repositories or more")
    from sklearn.model_selection import GroupKFold

    for tr, te in GroupKFold(n_splits=min(folds or 10, len(set(groups)))).split(rows, groups=groups):
        train = [i for i in tr if not rows[i][6]]
        if len({rows[i][3] for i in train}) < 2:
            print(f"   a fold's training part has one kind of sentence only: its {len(te)} held-out sentences keep the prior's margin")
            continue
        vocab = vectorize([rows[i][2] for i in train], min_count, [groups[i] for i in train], min_groups)
        w, b = fit_offset(matrix([rows[i][2] for i in train], vocab), [rows[i][3] for i in train],
                          [offsets[i] for i in train], C)
        w[abs(w) < prune] = 0.0  # as written: small corrections are left out
        for i, z in zip(te, matrix([rows[i][2] for i in te], vocab) @ w + b):
            oof[i] = offsets[i] + float(z)
    return oof


def second_stage_scores(rows, margins, data: dict) -> list[float]:
    """Probabilities from the second stage of the model file ``data`` on
    first-stage ``margins``, each article's sentences read together as the rule
    reads them."""
    from linter.kinds.claim_model import ClaimModel

    model = ClaimModel.of(data)
    out = [0.0] * len(rows)
    by_doc: dict = defaultdict(list)
    for i, r in enumerate(rows):
        by_doc[r[1]].append(i)
    for idx in by_doc.values():
        for i, p in zip(idx, model.second_stage([margins[i] for i in idx], [rows[i][7] for i in idx])):
            out[i] = p
    return out


def choose_threshold(y, p, min_precision):
    """The threshold of best F1 among those with precision >= ``min_precision``
    (of best F1 overall when none reaches it)."""
    tried = []
    for t in [i / 100 for i in range(5, 96)]:
        prec, rec, *_ = prf(y, p, t)
        tried.append((prec >= min_precision, 2 * prec * rec / (prec + rec) if prec + rec else 0.0, -t))
    return -max(tried)[2]


# feature groups ``--drop`` leaves out (what a smaller model would cost in quality):
# a predicate on a first-stage feature string; "context" drops the second stage
DROPPABLE = {
    "pairs": lambda f: f.startswith("w=") and " " in f,
    "words": lambda f: f.startswith("w="),
    "classes": lambda f: f.startswith(("v=", "t=", "vt=", "v0=", "a0=")),
    "families": lambda f: f.startswith("f="),
    "rule": lambda f: f == "r=claim",
    "cues": lambda f: f.startswith("c="),
    "exemptions": lambda f: f.startswith("x="),
    "heading": lambda f: f.startswith("h="),
    "lead": lambda f: f.startswith("l="),
    "columns": lambda f: f.startswith("k="),
    "shape": lambda f: f.startswith("s="),
    "share": lambda f: f.startswith("d="),
    "context": None,
}


def drop_features(rows, groups):
    """``rows`` (``examples``) without the first-stage features of ``groups``."""
    tests = [DROPPABLE[g] for g in groups if DROPPABLE[g] is not None]
    if not tests:
        return rows
    return [(r[0], r[1], [f for f in r[2] if not any(t(f) for t in tests)], *r[3:]) for r in rows]


def human_written() -> set[str]:
    """Source folders written by people (the list ``bench/quality.py`` reads)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("quality", ROOT / "bench" / "quality.py")
    quality = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(quality)
    return quality.human_written()


def report(rows, oof, t, out=sys.stdout):
    """P and R per group, lenient (borderline labels are claims) and strict
    (borderline sentences left out), at threshold ``t``."""
    human = human_written()
    by = defaultdict(list)
    for r, p in zip(rows, oof):
        by[r[0]].append((r[3], p, r[6]))

    def both(items):
        lenient = prf([a for a, _, _ in items], [b for _, b, _ in items], t)
        strict = prf([a for a, _, c in items if not c], [b for _, b, c in items if not c], t)
        return lenient, strict

    print(f"{'group':<52} {'claims':>6} {'P':>6} {'R':>6}   strict {'P':>6} {'R':>6} {'FP':>5}", file=out)
    for g in sorted(by):
        (p1, r1, *_), (p2, r2, _, fp, _) = both(by[g])
        print(f"{g:<52} {sum(a for a, _, _ in by[g]):>6} {p1:>6.3f} {r1:>6.3f}   strict {p2:>6.3f} {r2:>6.3f} {fp:>5}", file=out)
    for name, sel in (("own corpora", lambda g: g.startswith("own:")), ("written for training", lambda g: g.startswith("written:")),
                      ("real health", lambda g: not g.startswith(("own:", "nh:", "written:", "x:"))),
                      ("real health, --extra sets", lambda g: g.startswith("x:")),
                      ("non-health, --extra sets", lambda g: g.startswith("nh:x:")),
                      ("real health, human-written", lambda g: g in human), ("non-health", lambda g: g.startswith("nh:") and not g.startswith("nh:x:"))):
        items = [(r[3], p, r[6]) for r, p in zip(rows, oof) if sel(r[0])]
        if not items:
            continue  # no --extra set given
        (p1, r1, tp, fp, fn), (p2, r2, tp2, fp2, fn2) = both(items)
        print(f"== {name}: sentences {len(items)}, claims {sum(a for a, _, _ in items)}: P {p1:.3f} R {r1:.3f} (tp {tp} fp {fp} fn {fn}); "
              f"strict P {p2:.3f} R {r2:.3f} (tp {tp2} fp {fp2} fn {fn2})", file=out)


def main_prior(args, prior: dict) -> int:
    """``--prior``: corrections to ``prior``'s first stage learned from the --extra
    sets, measured out of fold on them, then fitted on all of them and written."""
    from linter.kinds.claim_model import ClaimModel, split_weights

    old = ClaimModel.of(prior)
    gate = {d[1]: old.about_health(d[2]) >= old.doc_threshold for d in document_rows(extra_only=True)}
    rows = examples(builtin_check(), extra_only=True)
    offsets = prior_margins(rows, prior)
    train = [i for i, r in enumerate(rows) if not r[6]]
    print(f"corrections learned from the --extra sets' {len(train)} sentences not marked borderline "
          f"({sum(rows[i][3] for i in train)} claims, {len({r[0] for r in rows})} source groups)")

    def gated(probs):
        return [p if gate.get(r[1], True) else 0.0 for r, p in zip(rows, probs)]

    before = gated(second_stage_scores(rows, offsets, prior))
    oof = gated(second_stage_scores(rows, cross_validate_prior(rows, offsets, args.prior_C, args.min_count, args.min_groups,
                                                               args.folds, max(args.prune, 1e-3)), prior))
    health = [i for i in train if rows[i][0].startswith("x:")]
    t = choose_threshold([rows[i][3] for i in health], [oof[i] for i in health], args.min_precision)
    for name, probs, at in (("prior", before, old.threshold), ("prior, threshold chosen again", before,
                            choose_threshold([rows[i][3] for i in health], [before[i] for i in health], args.min_precision)),
                            ("corrected (out of fold)", oof, t)):
        prec, rec, tp, fp, fn = prf([rows[i][3] for i in health], [probs[i] for i in health], at)
        print(f"== --extra health sentences, {name}, threshold {at:.2f}: P {prec:.3f} R {rec:.3f} (tp {tp} fp {fp} fn {fn})")
    print("-- per group, corrected (out of fold):")
    report(rows, oof, t)
    if args.report_only:
        return 0
    vocab = vectorize([rows[i][2] for i in train], args.min_count, [rows[i][0] for i in train], args.min_groups)
    w, b = fit_offset(matrix([rows[i][2] for i in train], vocab), [rows[i][3] for i in train],
                      [offsets[i] for i in train], args.prior_C)
    # corrections smaller than --prune are left out, as the shipped model leaves out small weights
    weights = full_weights(prior)
    corrected = 0
    for f, j in vocab.items():
        if abs(w[j]) >= max(args.prune, 1e-3):
            weights[f] = round(weights.get(f, 0.0) + float(w[j]), 4)
            corrected += 1
    weights = {f: v for f, v in weights.items() if v}
    words, pairs, other = split_weights(dict(sorted(weights.items())))
    meta = {
        "trained_on": ", ".join(f"{_shown(labels)} (--extra)" for _, labels in EXTRA),
        "corrections": {"C": args.prior_C, "min_count": args.min_count, "min_groups": args.min_groups, "prune": args.prune,
                        "sentences": len(train), "claims": sum(rows[i][3] for i in train), "corrected": corrected},
        "prior": {"commit": args.prior_commit, "file": "linter/models/claims.json", "meta": prior.get("meta") or {}},
        "script": "training/claims.py --prior",
    }
    out = {"bias": round(float(prior["bias"]) + b, 4), "threshold": t, "weights": other, "words": words, "pairs": pairs,
           "second": prior.get("second"), "document": prior.get("document"), "meta": meta}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {args.out} ({len(weights)} weights; {corrected} corrected)")
    return 0


def _at_least_two(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"needs a whole number of folds, not {text!r}") from None
    if value < 2:
        raise argparse.ArgumentTypeError(f"needs 2 folds or more, not {value}")
    return value


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--C", type=float, help="inverse strength of the first stage's L2 penalty (default 0.3; not with --prior)")
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--min-groups", type=int, default=2, help="keep features seen in this many source repositories")
    ap.add_argument("--prune", type=float, default=0.05, help="leave out weights smaller than this (a smaller, faster model)")
    ap.add_argument("--min-precision", type=float, default=0.80)
    ap.add_argument("--doc-threshold", type=float,
                    help="probability from which an article is about health (default 0.7; not with --prior, which keeps OLD's)")
    ap.add_argument("--folds", type=_at_least_two, help="source-repository folds of the first stage's cross-validation "
                                                          "(default: each repository held out alone; with --prior, 10)")
    ap.add_argument("--report-only", action="store_true")
    ap.add_argument("--errors", type=Path, help="write out-of-fold errors (real health) to this file")
    ap.add_argument("--out", type=Path, default=ROOT / "linter" / "models" / "claims.json")
    ap.add_argument("--extra", type=Path, nargs=2, action="append", default=[], metavar=("ARTICLES", "LABELS"),
                    help="a labelled set of real articles kept elsewhere (bench/fetch_fresh.py --out ARTICLES, "
                         "tests/fresh/labels), repeatable; measured apart, and trained on")
    ap.add_argument("--drop", action="append", default=[], choices=sorted(DROPPABLE),
                    help="leave out a feature group (repeatable; 'context': no second stage)")
    ap.add_argument("--prior", type=Path, metavar="OLD.json",
                    help="refit the first stage as this model's plus corrections learned from the --extra sets only "
                         "(with --prior-commit; --C, --doc-threshold, --drop and --errors do not apply)")
    ap.add_argument("--prior-C", type=float, default=0.1, help="with --prior: inverse strength of the penalty on corrections")
    ap.add_argument("--prior-commit", help="with --prior: the commit OLD.json comes from (git show COMMIT:linter/models/claims.json), "
                                           "written in the model's metadata so that it can be made again")
    args = ap.parse_args()
    for articles, labels in args.extra:
        if not articles.is_dir() or not any(labels.glob("*.yaml")):
            ap.error(f"--extra {articles} {labels}: need a folder of articles and a folder of *.yaml labels")
        EXTRA.append((articles.resolve(), labels.resolve()))
    if args.prior:
        if not args.extra:
            ap.error("--prior needs at least one --extra set to learn corrections from")
        if not args.prior_commit:
            ap.error("--prior needs --prior-commit: the commit OLD.json comes from, so that the model can be made again")
        for name in ("C", "doc_threshold", "errors"):
            if getattr(args, name) is not None:
                ap.error(f"--{name.replace('_', '-')} does not apply with --prior (it keeps OLD's document model and fits corrections only)")
        if args.drop:
            ap.error("--prior keeps the prior's features: --drop does not apply")
        try:
            raw = args.prior.read_bytes()
            from linter.kinds.claim_model import _read_json

            prior = _read_json(raw.decode("utf-8"))
        except (OSError, ValueError) as exc:
            ap.error(f"--prior {args.prior}: {exc}")
        shipped = subprocess.run(["git", "-C", str(ROOT), "show", f"{args.prior_commit}:linter/models/claims.json"],
                                 capture_output=True)
        if shipped.returncode != 0 or shipped.stdout != raw:
            ap.error(f"--prior {args.prior} is not linter/models/claims.json at commit {args.prior_commit!r} "
                     f"(git show {args.prior_commit}:linter/models/claims.json): the model could not be made again")
        try:
            return main_prior(args, prior)
        except PriorError as exc:
            ap.error(str(exc))
    args.C = 0.3 if args.C is None else args.C
    args.doc_threshold = 0.7 if args.doc_threshold is None else args.doc_threshold

    docs = document_rows()
    doc_oof, doc_model = fit_documents(docs)
    doc_t = args.doc_threshold
    wrong = [(d[1], round(p, 2)) for d, p in zip(docs, doc_oof) if (p >= doc_t) != bool(d[3])]
    print(f"document model: {len(docs)} articles, {sum(d[3] for d in docs)} about health; out-of-fold errors at {doc_t}: {len(wrong)}")
    for w in wrong:
        print("   ", *w)
    doc_model["threshold"] = doc_t
    gate = {d[1]: p >= doc_t for d, p in zip(docs, doc_oof)}

    check = builtin_check()
    rows = drop_features(examples(check), args.drop)
    print(f"{len(rows)} sentences, {sum(r[3] for r in rows)} claims, {len({r[0] for r in rows})} groups"
          + (f"; without {', '.join(args.drop)}" if args.drop else ""))
    oof1 = cross_validate(rows, args.C, args.min_count, folds=args.folds, min_groups=args.min_groups, prune=args.prune)
    if "context" in args.drop:
        oof, second = oof1, None
    else:
        oof, second = cross_validate_second(rows, oof1)
    oof = [p if gate.get(r[1], True) else 0.0 for r, p in zip(rows, oof)]  # as at run time: no claims outside health documents
    real = [(r[3], p) for r, p in zip(rows, oof) if not r[0].startswith(("own:", "written:", "x:", "nh:x:")) and not r[6]]
    t = choose_threshold([a for a, _ in real], [b for _, b in real], args.min_precision)
    print(f"threshold {t:.2f} (out-of-fold, leave-repositories-out)")
    report(rows, oof, t)
    if args.errors:
        with args.errors.open("w", encoding="utf-8") as fh:
            for r, p in zip(rows, oof):
                if r[0].startswith(("own:", "written:")):
                    continue
                if (p >= t) != bool(r[3]):
                    fh.write(f"{'FP' if p >= t else 'FN'} {p:.2f} {r[1]}:{r[4]} {r[5]}\n")
    if args.report_only:
        return 0
    def final(train_rows):
        train_rows = [r for r in train_rows if not r[6]]
        vocab = vectorize([r[2] for r in train_rows], args.min_count, [r[0] for r in train_rows], args.min_groups)
        clf = fit(matrix([r[2] for r in train_rows], vocab), [r[3] for r in train_rows], args.C)
        coef = clf.coef_[0]
        return {f: round(float(coef[i]), 4) for f, i in vocab.items() if abs(coef[i]) >= max(args.prune, 1e-3)}, round(float(clf.intercept_[0]), 4)

    weights, bias = final(rows)  # the second stage was fitted on out-of-fold first-stage scores, as a new article gets
    args.out.parent.mkdir(parents=True, exist_ok=True)
    meta = {
        "trained_on": "tests/{corpus,holdout,blind,blind2,blind3}, tests/written, tests/real/labels, ../shared/real-articles/non-health"
                      + "".join(f", {_shown(labels)} (--extra)" for _, labels in EXTRA),
        "sentences": len(rows),
        "claims": sum(r[3] for r in rows),
        "C": args.C,
        "min_count": args.min_count,
        "min_groups": args.min_groups,
        "prune": args.prune,
        "script": "training/claims.py",
        **({"dropped": args.drop} if args.drop else {}),
    }
    # word and word-pair weights in tables of their own, as the rule looks them up:
    # loading then needs no pass over every weight
    from linter.kinds.claim_model import split_weights

    words, pairs, other = split_weights(dict(sorted(weights.items())))
    args.out.write_text(
        json.dumps({"bias": bias, "threshold": t, "weights": other, "words": words, "pairs": pairs,
                    "second": second, "document": doc_model, "meta": meta},
                   ensure_ascii=False, separators=(",", ":")),
        encoding="utf-8",
    )
    print(f"wrote {args.out} ({len(weights)} weights)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
