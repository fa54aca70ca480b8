"""Two versions of contentlint side by side in one run: the rows of ``run.py``
that start-up and matching changes move, old and new alternating round by round
(this machine's speed drifts by 10-30% between minutes; ratios within a round
are fairer than blocks of runs taken apart).

    git worktree add /tmp/cl-old <commit>                    # the version to compare with
    python bench/versus.py --old /tmp/cl-old --new . --data /tmp/cl-bench --repeat 5

Rows: one article as pre-commit runs it (the repository's cache holds the rule
set, not this article's result), one article with no cache at all, the bench
corpus on one job with ``--no-cache``, and the real articles of ``seeds/``
(20 copies each) on one job with ``--no-cache``. Prints each row's median wall
time per version and new / old.
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

PY = sys.executable


NEUTRAL = tempfile.mkdtemp(prefix="cl-versus-cwd-")  # not a source tree: "python -m" imports from the working directory first


def run(argv, env) -> float:
    t = time.perf_counter()
    proc = subprocess.run(argv, env=env, cwd=NEUTRAL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t
    if proc.returncode not in (0, 1):
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(map(str, argv))}\n{proc.stderr[-2000:]}")
    return wall


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--old", required=True, help="source tree of the version to compare with")
    ap.add_argument("--new", default=str(Path(__file__).resolve().parents[1]), help="source tree of this version")
    ap.add_argument("--data", default="/tmp/cl-bench", help="output folder of gen_corpus.py")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    trees = {"old": Path(args.old).resolve(), "new": Path(args.new).resolve()}
    corpus = Path(args.data) / "corpus"
    one = sorted(corpus.glob("*.md"))[0]
    seeds = Path(tempfile.mkdtemp(prefix="cl-versus-seeds-"))
    for i in range(20):
        for f in sorted((trees["new"] / "seeds").glob("*.md")):
            shutil.copy(f, seeds / f"{i:02d}-{f.name}")
    envs, caches, edited = {}, {}, {}
    for name, tree in trees.items():
        subprocess.run([PY, "-m", "compileall", "-q", str(tree / "linter")], check=True)  # bytecode, as an install has it
        env = {**os.environ, "PYTHONPATH": str(tree)}
        env.pop("CONTENTLINT_CACHE_DIR", None)
        found = subprocess.run([PY, "-c", "import linter; print(linter.__file__)"], env=env, cwd=NEUTRAL, capture_output=True, text=True, check=True).stdout
        if not found.startswith(str(tree)):
            raise SystemExit(f"{name}: imports {found.strip()}, not the tree {tree}")
        envs[name] = env
        caches[name] = Path(tempfile.mkdtemp(prefix=f"cl-versus-{name}-"))
        edited[name] = Path(tempfile.mkdtemp(prefix=f"cl-versus-one-{name}-")) / one.name
    counter = [0]

    def edit(name):
        counter[0] += 1
        edited[name].write_text(one.read_text(encoding="utf-8") + f"\nEdited {counter[0]}.\n", encoding="utf-8")

    cl = [PY, "-m", "linter", "--format", "json"]

    def pre_commit(n):
        edit(n)
        return [*cl, str(edited[n])], {**envs[n], "CONTENTLINT_CACHE_DIR": str(caches[n])}

    rows = {
        "one article, as pre-commit runs it": pre_commit,
        "one article, no cache at all": lambda n: ([*cl, "--no-cache", str(one)], envs[n]),
        f"bench corpus ({len(list(corpus.glob('*.md')))} files), 1 job, --no-cache": lambda n: ([*cl, "--jobs", "1", "--no-cache", str(corpus)], envs[n]),
        "seeds x20, 1 job, --no-cache": lambda n: ([*cl, "--jobs", "1", "--no-cache", str(seeds)], envs[n]),
    }
    for name in trees:  # the repository's cache has seen the rule set
        argv, env = rows["one article, as pre-commit runs it"](name)
        run(argv, env)
    times = {(row, name): [] for row in rows for name in trees}
    for r in range(args.repeat):
        order = list(trees) if r % 2 == 0 else list(reversed(trees))
        for row, make in rows.items():
            for name in order:
                argv, env = make(name)
                times[(row, name)].append(run(argv, env))
        print(f"round {r + 1} of {args.repeat} done", file=sys.stderr, flush=True)
    print(f"old: {trees['old']}\nnew: {trees['new']}\nmedian of {args.repeat} alternating rounds, wall seconds\n")
    print("| row | old | new | new / old |\n|---|---|---|---|")
    for row in rows:
        old, new = statistics.median(times[(row, "old")]), statistics.median(times[(row, "new")])
        ratios = [n / o for o, n in zip(times[(row, "old")], times[(row, "new")])]
        print(f"| {row} | {old:.3f} | {new:.3f} | {new / old:.2f}x (rounds {min(ratios):.2f}-{max(ratios):.2f}) |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
