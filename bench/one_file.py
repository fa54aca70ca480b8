"""One article as a pre-commit hook lints it, against a process that only
imports markdown_it and parses it: ``run.py``'s one-article row, alone, in more
rounds, and with ``--old DIR`` the same run of another checkout in the same
rounds.

    python bench/one_file.py --rounds 15 --old /tmp/cl-old ARTICLE.md [ARTICLE.md ...]

Each round runs the floor, then each checkout's command on the article with a
line added (so its result is not cached) in a cache that holds the rule set (as
a repository's does after its first run). Wall and CPU seconds of each whole
process (CPU: user + system, in the 10 ms ticks the OS counts), the medians, and
the median of per-round ratios to the floor (the issue's target: at most 2x).
Not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PY = sys.executable

FLOOR = r"""
import sys
import markdown_it
markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(open(sys.argv[1], encoding="utf-8").read())
"""


def run(argv, env) -> tuple[float, float]:
    """Wall and CPU seconds of one whole process (exit 0, or 1 for findings)."""
    t0 = time.perf_counter()
    before = os.times()
    proc = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    after = os.times()
    wall = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(argv[:4])} failed ({proc.returncode}): {proc.stderr.decode()[-400:]}")
    return wall, (after.children_user - before.children_user) + (after.children_system - before.children_system)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("articles", nargs="+", type=Path)
    ap.add_argument("--rounds", type=int, default=15)
    ap.add_argument("--old", type=Path, help="another checkout, run in the same rounds")
    args = ap.parse_args()
    trees = {"this tree": ROOT}
    if args.old:
        if not (args.old / "linter" / "__init__.py").is_file():
            sys.exit(f"--old {args.old}: not a checkout of this project (no linter/__init__.py)")
        trees["old"] = args.old.resolve()
    for root in trees.values():
        # as an install runs it: bytecode written once, not compiled on every start
        subprocess.run([PY, "-m", "compileall", "-q", str(root / "linter")], check=True)
    for article in args.articles:
        if not article.is_file():
            sys.exit(f"{article}: no such file")
        work = Path(tempfile.mkdtemp(prefix="cl-one-file-"))
        try:
            envs, edited = {}, {}
            for k, (name, root) in enumerate(trees.items()):
                env = {**os.environ, "PYTHONPATH": str(root), "CONTENTLINT_CACHE_DIR": str(work / f"cache{k}")}
                envs[name] = env
                (work / str(k)).mkdir()
                edited[name] = work / str(k) / article.name
            counter = [0]

            def command(name):
                counter[0] += 1
                edited[name].write_text(article.read_text(encoding="utf-8") + f"\nEdited {counter[0]}.\n", encoding="utf-8")
                # -P: the package from PYTHONPATH, not from the working directory
                return [PY, "-P", "-m", "linter", "--format", "json", str(edited[name])]

            for name in trees:  # the repository's cache has seen the rules
                run(command(name), envs[name])
            got: dict = {"floor": [], **{name: [] for name in trees}}
            for _ in range(args.rounds):
                got["floor"].append(run([PY, "-P", "-c", FLOOR, str(article)], envs["this tree"]))
                for name in trees:
                    got[name].append(run(command(name), envs[name]))
        finally:
            shutil.rmtree(work, ignore_errors=True)
        print(f"{article} ({article.stat().st_size:,} bytes), {args.rounds} rounds")
        for i, kind in ((0, "wall"), (1, "CPU")):
            floor = [x[i] for x in got["floor"]]
            print(f"  {kind}: import markdown_it + parse {1000 * statistics.median(floor):.0f} ms")
            for name in trees:
                mine = [x[i] for x in got[name]]
                ratios = [a / b for a, b in zip(mine, floor) if b > 0]
                print(f"    {name:<10} {1000 * statistics.median(mine):6.0f} ms  {statistics.median(ratios):.2f}x  [<= 2]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
