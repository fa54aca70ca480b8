"""What telling the language costs per article: the document's (``Document.language``)
and each section's (``Document.sections``), beside ``Document.parse``.

    python bench/language.py --data /tmp/cl-bench --limit 500 --repeat 5
    python bench/language.py --folder ../shared/real-articles

Each round parses every article once, then times, on the parsed documents with
their language reset, the document's language alone and the language with every section's;
CPU seconds of this process (``time.process_time``), the best of the rounds. Not
a test: it prints figures (``bench/README.md`` has them).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from linter.document import Document  # noqa: E402
from linter.source import Source  # noqa: E402


def _fresh(doc: Document) -> Document:
    """The parsed document with nothing about its language computed yet."""
    doc._language, doc._sections, doc._words = False, None, {}
    return doc


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="/tmp/cl-bench", help="output folder of gen_corpus.py (its corpus/)")
    ap.add_argument("--folder", help="a folder of Markdown articles instead of --data")
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles (0: all)")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    root = Path(args.folder) if args.folder else Path(args.data) / "corpus"
    files = sorted(root.rglob("*.md"))
    if args.limit:
        files = files[: args.limit]
    if not files:
        sys.exit(f"no Markdown files under {root}")
    sources = [Source.from_bytes(str(f), f.read_bytes()) for f in files]
    best = {"parse": float("inf"), "language": float("inf"), "language + sections": float("inf")}
    sections = told = 0
    for _ in range(args.repeat):
        t0 = time.process_time()
        docs = [Document.parse(s) for s in sources]
        best["parse"] = min(best["parse"], time.process_time() - t0)
        t0 = time.process_time()
        for d in docs:
            _fresh(d).language
        best["language"] = min(best["language"], time.process_time() - t0)
        t0 = time.process_time()
        for d in docs:
            _fresh(d).language
            d.sections
        best["language + sections"] = min(best["language + sections"], time.process_time() - t0)
        sections = sum(len(d.sections) for d in docs)
        told = sum(1 for d in docs for s in d.sections if s.detected is not None)
    n = len(docs)
    print(f"{n} articles from {root}; {sections:,} sections, {told:,} with enough words to tell; "
          f"best of {args.repeat} rounds, CPU ms per article")
    for name, secs in best.items():
        print(f"  {name:<22} {secs / n * 1e3:7.3f} ms  {secs / best['parse']:6.1%} of parse")
    extra = best["language + sections"] - best["language"]
    print(f"  sections add           {extra / n * 1e3:7.3f} ms  {extra / best['parse']:6.1%} of parse")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
