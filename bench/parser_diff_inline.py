"""Differential fuzz of the two parser backends on short inline-heavy documents:
random strings of markup pieces (emphasis and strikethrough delimiters,
footnotes, list and quote markers, table pipes, HTML starts, Unicode whitespace,
non-ASCII digits and symbols). Each document is compared as
``tests/test_parser_backends.py`` compares them (``same_or_fallback``); the
differing ones are printed, shortest first, for minimising by hand.

    pip install markdown-it-pyrs
    python bench/parser_diff_inline.py --n 25000 --seed 3
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

PIECES = [
    "[^\u0661]", "[^1]", "[^1]: ", "x", "a", " ", "\n", "\n\n", "*", "**", "_", "__", "~~", "- ", "1. ", "> ", "|",
    "|-", "---", "[", "]", "(u)", "\\", "    ", "<!", "<!a", "<a>", "<", ">", "&amp;", "\u00a0", "\u3000", "\u2003",
    "\x0b", "\x0c", "\u0085", "\u2028", "\u00a3", "\u0661",
]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=25000, help="documents to try")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--show", type=int, default=10, help="stop after this many differing documents")
    args = ap.parse_args()
    from test_parser_backends import same_or_fallback

    rng = random.Random(args.seed)
    fast = tried = 0
    found = []
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)  # markdown-it-pyrs prints a Rust backtrace for each document it cannot parse
    for _ in range(args.n):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(2, 12)))
        tried += 1
        try:
            fast += same_or_fallback("fuzz.md", text)
        except AssertionError:
            found.append(text)
            if len(found) >= args.show:
                break
    print(f"{tried} documents: markdown-it-pyrs used for {fast}; {len(found)} differ")
    for text in sorted(found, key=len):
        print(repr(text))
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
