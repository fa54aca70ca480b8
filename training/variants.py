"""Compare variants of the claim model's first stage on sets it was not trained on.

    pip install ".[train]"
    python training/variants.py --extra /tmp/real2 tests/real2/labels ... --extra /tmp/fresh11 tests/fresh11/labels \
        --held-out fresh9 fresh10 fresh11 --variant base= --variant words-halved=w=:0.5 --variant C1=C:1

Every labelled sentence is featurized once, as ``training/claims.py`` does it (its
``--extra`` sets the same way; a set is named by its labels folder's parent, so
``tests/fresh11/labels`` is "fresh11"). Each variant's first stage is fitted on
every sentence outside the ``--held-out`` sets (borderline ones left out, as in
training) and scores the held-out sets' health sentences, borderline claims
counted as claims, as ``bench/quality.py`` counts them. Printed per variant: the
average precision over all of them and per set, the recall at precision 0.8 and
0.7, and the best F1. One fit takes seconds, where ``claims.py`` holds out every
source repository in turn: a quick way to see whether a change to the first
stage's settings or features moves anything on new sites before training the
shipped model. Not the end-to-end figure (``bench/quality.py``): no second stage,
no citations, no document gate.

A variant is ``NAME=SPEC``, SPEC a comma-separated list of ``C:value`` (the
regularisation), ``mg:n`` (features seen in at least n source repositories),
``bl:1`` (train on borderline sentences too) and ``PREFIX:factor`` (scale the
features whose name starts with PREFIX, ``w=`` words and word pairs, ``h=``
heading words...: a factor below 1 regularises them more).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training"))


def parse_variant(text: str) -> tuple[str, dict]:
    name, _, rest = text.partition("=")
    spec = {"C": 0.3, "mg": 2, "bl": False, "scale": {}}
    for part in filter(None, rest.split(",")):
        key, _, value = part.partition(":")
        if not key or not value:
            raise SystemExit(f"variants.py: cannot read '{part}' in --variant {text} (KEY:VALUE)")
        if key == "C":
            spec["C"] = float(value)
        elif key == "mg":
            spec["mg"] = int(value)
        elif key == "bl":
            spec["bl"] = value not in ("", "0")
        else:
            spec["scale"][key] = float(value)
    return name, spec


def scaled_matrix(feats_list, vocab, scale: dict):
    from scipy.sparse import csr_matrix

    indptr, indices, data = [0], [], []
    for feats in feats_list:
        row = {}
        for f in feats:
            i = vocab.get(f)
            if i is not None:
                row[i] = next((v for p, v in scale.items() if f.startswith(p)), 1.0)
        for i in sorted(row):
            indices.append(i)
            data.append(row[i])
        indptr.append(len(indices))
    return csr_matrix((data, indices, indptr), shape=(len(feats_list), len(vocab)))


def main() -> int:
    import claims as T

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--extra", type=Path, nargs=2, action="append", default=[], metavar=("ARTICLES", "LABELS"))
    ap.add_argument("--held-out", nargs="+", required=True, metavar="SET")
    ap.add_argument("--variant", action="append", default=[], metavar="NAME=SPEC")
    args = ap.parse_args()
    names = []
    for articles, labels in args.extra:
        T.EXTRA.append((articles.resolve(), labels.resolve()))
        names.append(labels.resolve().parent.name)
    unknown = set(args.held_out) - set(names)
    if unknown:
        ap.error(f"--held-out {', '.join(sorted(unknown))}: not among the --extra sets ({', '.join(names)})")
    specs = [parse_variant(text) for text in args.variant or ["base="]]
    import numpy as np
    from sklearn.metrics import average_precision_score

    t0 = time.time()
    rows = T.examples(T.builtin_check())
    print(f"{len(rows)} sentences featurized in {time.time() - t0:.0f} s")

    def set_of(rel: str) -> str:
        m = re.match(r"extra(\d+)/", rel)
        return names[int(m.group(1))] if m else ""

    held = set(args.held_out)
    tags = [set_of(r[1]) for r in rows]
    train_all = [r for r, t in zip(rows, tags) if t not in held]
    test = [(r, t) for r, t in zip(rows, tags) if t in held and not r[0].startswith("nh:")]
    y = np.array([r[3] for r, _ in test])
    print(f"training on {len(train_all)} sentences; {len(test)} held-out health sentences, {int(y.sum())} claims")
    for name, spec in specs:
        train = [r for r in train_all if spec["bl"] or not r[6]]
        vocab = T.vectorize([r[2] for r in train], 2, [r[0] for r in train], spec["mg"])
        clf = T.fit(scaled_matrix([r[2] for r in train], vocab, spec["scale"]), [r[3] for r in train], spec["C"])
        clf.coef_[abs(clf.coef_) < 0.05] = 0.0  # pruned as shipped
        p = clf.predict_proba(scaled_matrix([r[2] for r, _ in test], vocab, spec["scale"]))[:, 1]
        out = [f"{name:14s} AP {average_precision_score(y, p):.3f}"]
        for s in args.held_out:
            idx = [i for i, (_, t) in enumerate(test) if t == s]
            out.append(f"{s} {average_precision_score(y[idx], p[idx]):.3f}")
        order = np.argsort(-p)
        tp = np.cumsum(y[order])
        precision = tp / np.arange(1, len(p) + 1)
        recall = tp / max(y.sum(), 1)
        for target in (0.8, 0.7):
            ok = np.where(precision >= target)[0]
            out.append(f"R@P{target} {recall[ok[-1]] if len(ok) else 0.0:.3f}")
        f1 = 2 * precision * recall / np.maximum(precision + recall, 1e-9)
        out.append(f"best F1 {f1.max():.3f}")
        print(" | ".join(out), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
