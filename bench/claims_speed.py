"""What the learned claim decision costs: the claim rule with the model against
the same rule deciding by its phrase families alone (``model: ''``), per article,
side by side in one process.

    python bench/gen_corpus.py --out /tmp/cl-bench --articles 300 --big-mb 0
    python bench/claims_speed.py --data /tmp/cl-bench --rounds 5
    python bench/claims_speed.py --data ../shared/real-articles --rounds 5
    python bench/claims_speed.py --data ../shared/real-articles --cpu --old /tmp/cl-old

Documents are parsed (and split into sentences) once, outside the timing; each
round runs both variants over every document, in alternating order, and the table
gives the median time per article and the ratio (model / families) of the medians
within rounds, so drift of a shared machine cancels (``--cpu``: CPU seconds of
this process instead of wall seconds, steadier when other work shares the cores).
``--old DIR``: another checkout of the project (``git worktree add /tmp/cl-old
<commit>``), whose package is loaded in this process under another name; its two
variants run in the same rounds, article by article in a shuffled order with this
tree's, and the table adds this tree's time over the other's: what a change to
the claim rule saves, with the machine's drift shared. A checkout from before the
learned decision (``b6041bc^``, the issue's reference) has its phrase families
only: they run as "old families", and the table gives the model's time over theirs. The model's first load is
timed on its own (it happens once per process, only for a document that needs it).
Not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import importlib.util
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _package(root: Path, name: str):
    """The ``linter`` package of the checkout at ``root``, imported as ``name``
    (its modules import each other relatively, so they load under any name)."""
    if name == "linter":
        return importlib.import_module("linter")
    spec = importlib.util.spec_from_file_location(name, root / "linter" / "__init__.py",
                                                  submodule_search_locations=[str(root / "linter")])
    package = importlib.util.module_from_spec(spec)
    sys.modules[name] = package
    spec.loader.exec_module(package)
    # the rule kinds are named by absolute module paths: this package's own
    kinds = importlib.import_module(f"{name}.kinds")
    kinds.KINDS = {kind: (module.replace("linter.", f"{name}.", 1), cls) for kind, (module, cls) in kinds.KINDS.items()}
    return package


class Tree:
    """One checkout's claim rule, with the model and with the families alone, and
    the documents parsed by its own parser."""

    def __init__(self, root: Path, name: str, files: list):
        _package(root, name)
        rules = importlib.import_module(f"{name}.config.rules")
        document = importlib.import_module(f"{name}.document")
        source = importlib.import_module(f"{name}.source")
        # a checkout from before the learned decision has its phrase families only
        self.has_model = (root / "linter" / "kinds" / "claim_model.py").is_file()
        from ruamel.yaml import YAML

        builtin = root / "rules" / "health" / "claim-needs-citation.yaml"
        self.model_rule = rules.load_rule_file(builtin)[0]
        self.families_rule = self.model_rule
        if self.has_model:
            self.claim_model = importlib.import_module(f"{name}.kinds.claim_model")
            node = YAML(typ="safe").load(builtin.read_text(encoding="utf-8"))
            node["model"] = ""
            self.families_rule = rules.build_rule(node, str(builtin))
        for rule in (self.model_rule, self.families_rule):
            if not type(rule.check).__module__.startswith(name + "."):
                raise SystemExit(f"{root}: its claim rule would run {type(rule.check).__module__}, not its own")
        self.docs = []
        for p in files:
            try:
                doc = document.Document.parse(source.Source.from_bytes(str(p), p.read_bytes()))
            except ValueError:
                continue
            doc.sentences  # noqa: B018 - split once, outside the timing
            self.docs.append(doc)

    def load_model(self) -> float | None:
        """Seconds the model's first load takes (None: no model)."""
        if not self.has_model:
            return None
        t0 = time.perf_counter()
        self.claim_model._LOADED.clear()
        self.model_rule.check._model = None
        self.model_rule.check.model  # noqa: B018 - the one-time load
        return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="folder of Markdown articles")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--limit", type=int, default=0, help="use at most this many articles (0: all)")
    ap.add_argument("--cpu", action="store_true", help="CPU seconds instead of wall seconds (a loaded machine)")
    ap.add_argument("--old", type=Path, help="another checkout whose claim rule runs in the same rounds")
    args = ap.parse_args()
    clock = time.process_time if args.cpu else time.perf_counter

    files = sorted(p for p in args.data.rglob("*.md") if p.stat().st_size < 2_000_000)
    if args.limit:
        files = files[: args.limit]
    trees = {"": Tree(ROOT, "linter", files)}
    if args.old:
        if not (args.old / "linter" / "__init__.py").is_file():
            raise SystemExit(f"--old {args.old}: not a checkout of this project (no linter/__init__.py)")
        trees["old "] = Tree(args.old.resolve(), "linter_old", files)
    docs = trees[""].docs
    if not docs:
        raise SystemExit(f"no Markdown articles under {args.data}")
    if any(len(t.docs) != len(docs) for t in trees.values()):
        raise SystemExit("the checkouts parse a different set of these articles")
    load_s = {name: t.load_model() for name, t in trees.items()}

    variants = {}  # name -> (rule, documents)
    for name, t in trees.items():
        variants[name + "families"] = (t.families_rule, t.docs)
        if t.has_model:
            variants[name + "model"] = (t.model_rule, t.docs)
    per: dict = {name: [] for name in variants}
    counts: dict = {}
    for name, (rule, tree_docs) in variants.items():  # a first pass: patterns compiled, counts taken
        counts[name] = sum(len(rule.findings(d)) for d in tree_docs)
    gc.collect()
    gc.freeze()  # what parsing left is not scanned again by each collection in the rounds
    shuffle = random.Random(1)
    for r in range(args.rounds):
        spent = dict.fromkeys(variants, 0.0)
        order = list(variants)
        if not args.old and r % 2:
            order.reverse()
        for i in range(len(docs)):
            if args.old:
                shuffle.shuffle(order)
            for name in order:
                rule, tree_docs = variants[name]
                start = clock()
                rule.findings(tree_docs[i])
                spent[name] += clock() - start
        for name in variants:
            per[name].append(spent[name])

    def ratio(a: str, b: str) -> float:
        return statistics.median(x / y for x, y in zip(per[a], per[b]))

    loads = ", ".join(f"{name or 'this tree '}{1000 * s:.0f} ms" for name, s in load_s.items() if s is not None)
    print(f"{len(docs)} articles from {args.data}, {args.rounds} rounds, {'CPU' if args.cpu else 'wall'} seconds; "
          f"model file loaded once in {loads}")
    for name in variants:
        med = statistics.median(per[name])
        print(f"  {name:<13} {1000 * med / len(docs):7.3f} ms per article  ({counts[name]} findings)")
    for name, t in trees.items():
        if t.has_model:
            print(f"  {name}model / {name}families, median of per-round ratios: {ratio(name + 'model', name + 'families'):.2f}x")
    if args.old and trees["old "].has_model:
        print(f"  model / old model: {ratio('model', 'old model'):.2f}x; families / old families: {ratio('families', 'old families'):.2f}x")
    elif args.old:  # the old checkout decides by its phrase families alone
        print(f"  model / old families: {ratio('model', 'old families'):.2f}x; families / old families: {ratio('families', 'old families'):.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
