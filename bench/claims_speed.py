"""What the learned claim decision costs: the claim rule with the model against
the same rule deciding by its phrase families alone (``model: ''``), per article,
side by side in one process.

    python bench/gen_corpus.py --out /tmp/cl-bench --articles 300 --big-mb 0
    python bench/claims_speed.py --data /tmp/cl-bench --rounds 5
    python bench/claims_speed.py --data ../shared/real-articles --rounds 5

Documents are parsed (and split into sentences) once, outside the timing; each
round runs both variants over every document, in alternating order, and the table
gives the median time per article and the ratio (model / families) of the medians
within rounds, so drift of a shared machine cancels (``--cpu``: CPU seconds of
this process instead of wall seconds, steadier when other work shares the cores).
The model's first load is timed on its own (it happens once per process, only for
a document that needs it). Not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="folder of Markdown articles")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--limit", type=int, default=0, help="use at most this many articles (0: all)")
    ap.add_argument("--cpu", action="store_true", help="CPU seconds instead of wall seconds (a loaded machine)")
    args = ap.parse_args()
    clock = time.process_time if args.cpu else time.perf_counter

    from linter.config.rules import build_rule, load_rule_file
    from linter.document import Document
    from linter.kinds import claim_model
    from linter.source import Source

    builtin = ROOT / "rules" / "health" / "claim-needs-citation.yaml"
    model_rule = load_rule_file(builtin)[0]
    from ruamel.yaml import YAML

    node = YAML(typ="safe").load(builtin.read_text(encoding="utf-8"))
    node["model"] = ""
    families_rule = build_rule(node, str(builtin))

    files = sorted(p for p in args.data.rglob("*.md") if p.stat().st_size < 2_000_000)
    if args.limit:
        files = files[: args.limit]
    docs = []
    for p in files:
        try:
            doc = Document.parse(Source.from_bytes(str(p), p.read_bytes()))
        except ValueError:
            continue
        doc.sentences  # noqa: B018 - split once, outside the timing
        docs.append(doc)
    if not docs:
        raise SystemExit(f"no Markdown articles under {args.data}")

    t0 = time.perf_counter()
    claim_model._LOADED.clear()
    model_rule.check._model = None
    model_rule.check.model  # noqa: B018 - the one-time load
    load_s = time.perf_counter() - t0

    def run(rule) -> tuple[float, int]:
        start = clock()
        n = 0
        for d in docs:
            n += len(rule.findings(d))
        return clock() - start, n

    per = {"families": [], "model": []}
    ratios = []
    counts = {}
    for r in range(args.rounds):
        order = [("families", families_rule), ("model", model_rule)]
        if r % 2:
            order.reverse()
        got = {}
        for name, rule in order:
            s, n = run(rule)
            got[name] = s
            counts[name] = n
            per[name].append(s)
        ratios.append(got["model"] / got["families"])
    print(f"{len(docs)} articles from {args.data}, {args.rounds} rounds, {'CPU' if args.cpu else 'wall'} seconds; "
          f"model file loaded once in {load_s * 1000:.0f} ms")
    for name in ("families", "model"):
        med = statistics.median(per[name])
        print(f"  {name:<9} {1000 * med / len(docs):7.3f} ms per article  ({counts[name]} findings)")
    print(f"  model / families, median of per-round ratios: {statistics.median(ratios):.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
