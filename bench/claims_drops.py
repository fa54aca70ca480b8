"""What leaving a feature group out of the claim model would save: the claim
rule with each group's work skipped at run time, against the full model and an
older checkout's phrase families, per article, side by side in one process.

    python bench/claims_drops.py --data /tmp/cl-bench --old /tmp/cl-old --rounds 3
    python bench/claims_drops.py --data ../shared/real-articles --old /tmp/cl-old \\
        --drops pairs,words,families+rule+exemptions+pairs

The groups are those ``training/claims.py --drop`` leaves out of the model (its
``DROPPABLE``); here each is skipped where the rule computes it: ``pairs`` and
``words`` in the first stage's sum, ``classes`` (the word classes), ``cues``
(the hedge and testimonial cues; the health-target cue stays, the document's
share of target sentences needs it), ``exemptions`` (only the first governing
cue is looked for, which the families' own decision needs), ``context`` (no
second stage), and ``families+rule+exemptions`` (no phrase-family matching at
all; ``rule``, the families' own decision, is skipped with them: alone it
saves nothing). ``+`` joins groups. The shipped model's other weights are used as they
are, so findings change (their counts are printed): this measures time, not
quality; a model trained without the group (``--drop``) costs about the same.
``--old``: a checkout whose claim rule decides by its phrase families alone
(the issue's reference: the commit before the learned decision). CPU seconds;
the ratios are medians of per-round ratios, articles in a shuffled order.
Not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib.util
import math
import random
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

GROUPS = ("pairs", "words", "classes", "cues", "exemptions", "context", "families", "rule")
DEFAULT = "pairs,words,classes,cues,exemptions,context,families+rule+exemptions,pairs+classes,families+rule+exemptions+pairs"


def _claims_speed():
    spec = importlib.util.spec_from_file_location("claims_speed", HERE / "claims_speed.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _margin(words: bool, pairs: bool):
    """``ClaimModel.margin`` with the word or word-pair weights left out."""

    def margin(self, toks, feats, shared=(), weighed=None):
        uni, bi = self._tables()
        weights = self.weights
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
        if words:
            for t in set(toks):
                v = uni.get(t)
                if v is not None:
                    vals.append(v)
        if pairs:
            seen = set()
            prev = None
            for t in toks:
                if prev is not None:
                    v = prev.get(t)
                    if v is not None:
                        seen.add((id(prev), t, v))
                prev = bi.get(t)
            vals.extend(v for _, _, v in seen)
        return math.fsum(vals)

    return margin


def patches(drop: set, check, model) -> list:
    """(object, attribute, replacement) that skip the groups in ``drop``."""
    from linter.kinds import claim_citation, claim_model
    from linter.matching.cues import Cue
    from linter.matching.phrases import AnchoredMatcher

    out = []
    if drop & {"words", "pairs"}:
        out.append((claim_model.ClaimModel, "margin", _margin("words" not in drop, not drop & {"words", "pairs"})))
    if "classes" in drop:
        out.append((claim_citation, "class_features", lambda classes, toks: []))
    if "cues" in drop:
        present = Cue.present
        skipped = {id(check.hedge.regex), id(check.testimonial.regex)}
        hedge_first, testimonial_first = check.hedge.first, check.testimonial.first

        def cue_present(self, text, words):
            if self.first is hedge_first or self.first is testimonial_first or id(self.regex) in skipped:
                return False
            return present(self, text, words)

        out.append((Cue, "present", cue_present))
    if "exemptions" in drop:
        exemptions = claim_citation.ClaimCitationCheck._exemptions

        def first_only(self, text, m, heading=False, words=None, first=False):
            return exemptions(self, text, m, heading, words, first=True)

        out.append((claim_citation.ClaimCitationCheck, "_exemptions", first_only))
    if "context" in drop:
        out.append((model, "weights2", None))
    if "families" in drop:
        out.append((AnchoredMatcher, "finditer", lambda self, text, words=None: iter(())))
    return out


@contextlib.contextmanager
def applied(changes):
    saved = [(obj, attr, getattr(obj, attr)) for obj, attr, _ in changes]
    for obj, attr, value in changes:
        setattr(obj, attr, value)
    try:
        yield
    finally:
        for obj, attr, value in reversed(saved):
            setattr(obj, attr, value)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="folder of Markdown articles")
    ap.add_argument("--old", type=Path, required=True, help="a checkout whose claim rule is the reference")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--drops", default=DEFAULT, help="comma-separated; '+' joins groups")
    args = ap.parse_args()
    variants = ["full", *args.drops.split(",")]
    for v in variants[1:]:
        bad = set(v.split("+")) - set(GROUPS)
        if bad:
            raise SystemExit(f"--drops: no group {', '.join(sorted(bad))} (groups: {', '.join(GROUPS)})")
    if not (args.old / "linter" / "__init__.py").is_file():
        raise SystemExit(f"--old {args.old}: not a checkout of this project (no linter/__init__.py)")
    cs = _claims_speed()
    files = sorted(p for p in args.data.rglob("*.md") if p.stat().st_size < 2_000_000)
    new = cs.Tree(ROOT, "linter", files)
    old = cs.Tree(args.old.resolve(), "linter_old", files)
    if not new.docs or len(new.docs) != len(old.docs):
        raise SystemExit("no articles, or the checkouts parse a different set of them")
    rule = new.model_rule
    model = rule.check.model
    changes = {v: patches(set(v.split("+")) - {"full"}, rule.check, model) for v in variants}
    counts = {}
    for v in variants:  # a first pass: patterns compiled, the model loaded, counts taken
        with applied(changes[v]):
            counts[v] = sum(len(rule.findings(d)) for d in new.docs)
    counts["old families"] = sum(len(old.families_rule.findings(d)) for d in old.docs)
    per: dict = {v: [] for v in [*variants, "old families"]}
    gc.collect()
    gc.freeze()
    shuffle = random.Random(1)
    clock = time.process_time
    for _ in range(args.rounds):
        spent = dict.fromkeys(per, 0.0)
        order = list(per)
        for i in range(len(new.docs)):
            shuffle.shuffle(order)
            for v in order:
                if v == "old families":
                    start = clock()
                    old.families_rule.findings(old.docs[i])
                    spent[v] += clock() - start
                    continue
                with applied(changes[v]):
                    start = clock()
                    rule.findings(new.docs[i])
                    spent[v] += clock() - start
        for v in per:
            per[v].append(spent[v])

    def ratio(a, b):
        return statistics.median(x / y for x, y in zip(per[a], per[b]))

    n = len(new.docs)
    print(f"{n} articles from {args.data}, {args.rounds} rounds, CPU seconds; reference: {args.old}'s phrase families")
    for v in per:
        ms = 1000 * statistics.median(per[v]) / n
        print(f"  {v:<40} {ms:6.3f} ms per article  {ratio(v, 'full'):.2f} of full  {ratio(v, 'old families'):.2f}x old  ({counts[v]} findings)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
