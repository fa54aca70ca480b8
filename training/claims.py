"""Train the claim model (linter/models/claims.json) from the labelled corpora.

    pip install ".[train]"
    python training/claims.py                 # cross-validate by source, then fit and write the model
    python training/claims.py --report-only   # only the cross-validated figures

Data (nothing is downloaded; nothing is copied into the project):

- ``tests/corpus``, ``tests/holdout``, ``tests/blind``, ``tests/blind2``,
  ``tests/blind3``: articles this project wrote, with their labels (uncited claims
  only: their sentences with a citation are left out of training, since a cited
  claim there is unlabelled).
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
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "real-articles"
sys.path.insert(0, str(ROOT))

OWN = ("corpus", "holdout", "blind", "blind2", "blind3")


def _yaml(path: Path):
    from ruamel.yaml import YAML

    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def _lines(text: str) -> list[str]:
    return re.split(r"\r\n|\r|\n", text)


def documents():
    """(group, path shown, file path, labels or None, kind) for every article."""
    for name in OWN:
        labels = _yaml(ROOT / "tests" / name / "labels.yaml")
        for rel, lab in labels.items():
            yield f"own:{name}", rel, ROOT / rel, lab, "own"
    for lf in sorted((ROOT / "tests" / "real" / "labels").glob("*.yaml")):
        for rel, lab in (_yaml(lf) or {}).items():
            repo = rel.split("/")[1]
            yield repo, rel, REAL / rel, lab, "real"
    for path in sorted((REAL / "non-health").rglob("*.md")):
        rel = str(path.relative_to(REAL))
        yield "nh:" + rel.split("/")[1], rel, path, None, "non-health"


def label_spans(text: str, items) -> list[tuple[int, int]]:
    """Source offsets of label snippets (BOM already stripped from ``text``)."""
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
        out.append((s, s + len(it["text"])))
    return out


def examples(check):
    """Rows of (group, path, features, label, line, text) for every sentence."""
    from linter.document import Document
    from linter.source import Source

    rows = []
    for group, rel, path, lab, kind in documents():
        data = path.read_bytes()
        try:
            source = Source.from_bytes(rel, data)
        except ValueError:
            continue
        if lab is not None and lab.get("language", "en") != "en":
            continue
        doc = Document.parse(source)
        text = source.text
        pos = label_spans(text, (lab or {}).get("claim-needs-citation")) + label_spans(text, (lab or {}).get("cited-claims"))
        has_cited_labels = lab is not None and "cited-claims" in lab
        numbered = None
        for s, feats, _first, _m in check.sentence_features(doc):
            a, b = s.block.to_source(s.start, s.end)
            y = any(ps < b and a < pe for ps, pe in pos)
            if kind == "own" and not y and not has_cited_labels:
                if numbered is None:
                    numbered = check._numbered_reference_list(doc)
                if check._has_citation(s, numbered):
                    continue  # a cited claim would be unlabelled here: unknown
            line = text.count("\n", 0, a) + 1
            rows.append((group, rel, feats, int(y), line, " ".join(s.text.split())[:160]))
    return rows


def builtin_check(model: str = ""):
    from linter.config.rules import load_rule_file

    rule = next(r for r in load_rule_file(ROOT / "rules" / "health" / "claim-needs-citation.yaml"))
    check = rule.check
    check.model_name = model
    check._model = None
    return check


def fit(X, y, C):
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=C, max_iter=3000, class_weight="balanced", solver="liblinear")
    clf.fit(X, y)
    return clf


def vectorize(train_feats, min_count=2):
    counts = defaultdict(int)
    for feats in train_feats:
        for f in set(feats):
            counts[f] += 1
    vocab = {f: i for i, f in enumerate(sorted(f for f, c in counts.items() if c >= min_count))}
    return vocab


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


def cross_validate(rows, C, min_count, folds=None):
    """Out-of-fold probabilities with every source repository held out once
    (GroupKFold over groups; non-health groups are spread over the folds too)."""
    from sklearn.model_selection import GroupKFold

    groups = [r[0] for r in rows]
    n_groups = len(set(groups))
    k = min(folds or n_groups, n_groups)
    oof = [0.0] * len(rows)
    for train_idx, test_idx in GroupKFold(n_splits=k).split(rows, groups=groups):
        tr = [rows[i] for i in train_idx]
        vocab = vectorize([r[2] for r in tr], min_count)
        clf = fit(matrix([r[2] for r in tr], vocab), [r[3] for r in tr], C)
        probs = clf.predict_proba(matrix([rows[i][2] for i in test_idx], vocab))[:, 1]
        for i, p in zip(test_idx, probs):
            oof[i] = float(p)
    return oof


def choose_threshold(y, p, min_precision):
    best = (0.5, -1.0)
    for t in [i / 100 for i in range(5, 96)]:
        prec, rec, *_ = prf(y, p, t)
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        if prec >= min_precision and f1 > best[1]:
            best = (t, f1)
    if best[1] < 0:  # the target is out of reach: best F1
        for t in [i / 100 for i in range(5, 96)]:
            prec, rec, *_ = prf(y, p, t)
            f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
            if f1 > best[1]:
                best = (t, f1)
    return best[0]


def report(rows, oof, t, out=sys.stdout):
    by = defaultdict(list)
    for r, p in zip(rows, oof):
        by[r[0]].append((r[3], p))
    print(f"{'group':<52} {'pos':>5} {'P':>6} {'R':>6} {'FP':>5}", file=out)
    for g in sorted(by):
        ys = [a for a, _ in by[g]]
        ps = [b for _, b in by[g]]
        prec, rec, tp, fp, fn = prf(ys, ps, t)
        print(f"{g:<52} {sum(ys):>5} {prec:>6.3f} {rec:>6.3f} {fp:>5}", file=out)
    for name, sel in (("own corpora", lambda g: g.startswith("own:")), ("real health", lambda g: not g.startswith(("own:", "nh:"))),
                      ("non-health", lambda g: g.startswith("nh:"))):
        ys = [r[3] for r in rows if sel(r[0])]
        ps = [p for r, p in zip(rows, oof) if sel(r[0])]
        prec, rec, tp, fp, fn = prf(ys, ps, t)
        print(f"== {name}: sentences {len(ys)}, claims {sum(ys)}, P {prec:.3f} R {rec:.3f} (tp {tp} fp {fp} fn {fn})", file=out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--C", type=float, default=0.3)
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--min-precision", type=float, default=0.90)
    ap.add_argument("--report-only", action="store_true")
    ap.add_argument("--errors", type=Path, help="write out-of-fold errors (real health) to this file")
    ap.add_argument("--out", type=Path, default=ROOT / "linter" / "models" / "claims.json")
    args = ap.parse_args()

    check = builtin_check()
    rows = examples(check)
    print(f"{len(rows)} sentences, {sum(r[3] for r in rows)} claims, {len({r[0] for r in rows})} groups")
    oof = cross_validate(rows, args.C, args.min_count)
    real = [(r[3], p) for r, p in zip(rows, oof) if not r[0].startswith(("own:",))]
    t = choose_threshold([a for a, _ in real], [b for _, b in real], args.min_precision)
    print(f"threshold {t:.2f} (out-of-fold, leave-repositories-out)")
    report(rows, oof, t)
    if args.errors:
        with args.errors.open("w", encoding="utf-8") as fh:
            for r, p in zip(rows, oof):
                if r[0].startswith("own:"):
                    continue
                if (p >= t) != bool(r[3]):
                    fh.write(f"{'FP' if p >= t else 'FN'} {p:.2f} {r[1]}:{r[4]} {r[5]}\n")
    if args.report_only:
        return 0
    vocab = vectorize([r[2] for r in rows], args.min_count)
    clf = fit(matrix([r[2] for r in rows], vocab), [r[3] for r in rows], args.C)
    coef = clf.coef_[0]
    weights = {f: round(float(coef[i]), 4) for f, i in vocab.items() if abs(coef[i]) >= 1e-3}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    meta = {
        "trained_on": "tests/{corpus,holdout,blind,blind2,blind3}, tests/real/labels, ../shared/real-articles/non-health",
        "sentences": len(rows),
        "claims": sum(r[3] for r in rows),
        "C": args.C,
        "min_count": args.min_count,
        "script": "training/claims.py",
    }
    args.out.write_text(
        json.dumps({"bias": round(float(clf.intercept_[0]), 4), "threshold": t, "weights": dict(sorted(weights.items())), "meta": meta},
                   ensure_ascii=False, separators=(",", ":")),
        encoding="utf-8",
    )
    print(f"wrote {args.out} ({len(weights)} weights)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
