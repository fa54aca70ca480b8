"""Could markdown-it-pyrs (Rust) replace markdown-it-py as contentlint's parser?

contentlint needs, for every piece of prose, the exact source offsets it came
from. markdown-it-pyrs returns a tree whose nodes carry ``srcmap`` (start, end)
byte offsets. This script measures, on a folder of articles and on the 655
CommonMark spec examples:

- speed: markdown-it-py ``parse`` (the floor), contentlint's own parse with
  positions, and markdown-it-pyrs ``tree`` (parse + Python node objects);
- fidelity: for every text node, does its srcmap point at exactly its content in
  the source? (escapes and entities are separate ``text_special`` nodes, so a
  plain text node should be a verbatim slice). A node whose slice differs would
  put findings in the wrong place unless a re-alignment layer corrected it.

    pip install markdown-it-pyrs
    python bench/pyrs_probe.py --data /tmp/cl-bench/corpus
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def text_nodes(node):
    stack = [node]
    while stack:
        n = stack.pop()
        if n.name == "text":
            yield n
        stack.extend(n.children)


def fidelity(md_rs, texts: list[str]) -> dict:
    """Count text nodes whose srcmap slice is not their content."""
    total = off = no_map = docs_off = 0
    examples = []
    for text in texts:
        data = text.encode("utf-8")
        bad_here = False
        for n in text_nodes(md_rs.tree(text)):
            content = n.meta.get("content", "").encode("utf-8")
            total += 1
            if n.srcmap is None:
                no_map += 1
                bad_here = True
                continue
            s, e = n.srcmap
            if data[s:e] != content:
                off += 1
                bad_here = True
                if len(examples) < 5:
                    examples.append({"source": data[s:e][:60].decode("utf-8", "replace"), "content": content[:60].decode("utf-8", "replace")})
        docs_off += bad_here
    return {"documents": len(texts), "documents_with_a_misplaced_node": docs_off, "text_nodes": total,
            "misplaced": off, "without_srcmap": no_map, "examples": examples}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="/tmp/cl-bench/corpus", help="a folder of .md articles")
    ap.add_argument("--limit", type=int, default=500, help="articles to use")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    try:
        import markdown_it_pyrs
    except ImportError:
        print("markdown-it-pyrs is not installed: pip install markdown-it-pyrs")
        return 1
    from markdown_it import MarkdownIt

    from linter.document.parser import markdown_parser
    from linter.source import Source

    files = sorted(Path(args.data).glob("*.md"))[: args.limit]
    texts = [f.read_text(encoding="utf-8") for f in files]
    spec = [e["markdown"] for e in json.loads((ROOT.parent / "shared" / "corpora" / "commonmark-spec-examples.json").read_text(encoding="utf-8"))["examples"]]

    floor = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    ours = markdown_parser()
    rs = markdown_it_pyrs.MarkdownIt("commonmark").enable_many(["table", "strikethrough", "footnote", "front_matter"])
    mb = sum(len(t.encode()) for t in texts) / 1e6
    t_floor = best_of(lambda: [floor.parse(t) for t in texts], args.repeat)
    t_ours = best_of(lambda: [ours.parse(Source.from_text("x.md", t).normalized(), {}) for t in texts], args.repeat)
    t_rs = best_of(lambda: [rs.tree(t) for t in texts], args.repeat)
    print(f"{len(texts)} articles, {mb:.1f} MB (best of {args.repeat})")
    print(f"  markdown-it-py parse (the floor)          {t_floor:6.2f} s  1.00x")
    print(f"  contentlint parse with positions           {t_ours:6.2f} s  {t_ours / t_floor:4.2f}x")
    print(f"  markdown-it-pyrs tree (parse + nodes)      {t_rs:6.2f} s  {t_rs / t_floor:4.2f}x")
    for name, corpus in (("articles", texts), ("CommonMark spec examples", spec)):
        f = fidelity(rs, corpus)
        print(f"  fidelity on {name}: {f['misplaced']} of {f['text_nodes']} text nodes misplaced, "
              f"{f['without_srcmap']} without a srcmap; {f['documents_with_a_misplaced_node']} of {f['documents']} documents affected")
        for ex in f["examples"]:
            print(f"    source slice {ex['source']!r} vs content {ex['content']!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
