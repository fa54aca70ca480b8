"""Benchmark: contentlint against the markdown-it-py parse floor and peer tools,
side by side in one run, whole processes, median of N.

    python bench/gen_corpus.py --out /tmp/cl-bench            # once
    bash bench/peers_setup.sh /tmp/contentlint-bench-tools     # once, for the peers
    python bench/run.py --data /tmp/cl-bench --repeat 3 [--no-peers] [--quick]

Prints a table of wall time, peak memory (RSS of the process and its children),
files/s and MB/s, and the ratios the targets are stated in. Timing is by the wall
clock of each whole process (os.wait4 gives that child's own peak RSS).
"""

from __future__ import annotations

import argparse
import json
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

PARSE_ONLY = r"""
import os, sys
from markdown_it import MarkdownIt
md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
target = sys.argv[1]
files = [target] if os.path.isfile(target) else [os.path.join(r, f) for r, _, fs in os.walk(target) for f in fs if f.endswith(".md")]
for f in files:
    with open(f, encoding="utf-8") as fh:
        md.parse(fh.read())
"""

PARSE_ONLY_PARALLEL = r"""
import os, sys
from concurrent.futures import ProcessPoolExecutor
from markdown_it import MarkdownIt
md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
def parse(f):
    with open(f, encoding="utf-8") as fh:
        md.parse(fh.read())
    return 0
target = sys.argv[1]
files = [os.path.join(r, f) for r, _, fs in os.walk(target) for f in fs if f.endswith(".md")]
with ProcessPoolExecutor(len(os.sched_getaffinity(0))) as pool:
    list(pool.map(parse, files, chunksize=max(1, len(files) // 32)))
"""

# Run each command (a JSON list of argv lists) at once, each with its own cache
# folder; wait for all. The whole process's wall time is that of the slowest.
TWO_AT_ONCE = r"""
import json, os, subprocess, sys
cmds, caches = json.loads(sys.argv[1]), json.loads(sys.argv[2])
procs = [subprocess.Popen(c, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "CONTENTLINT_CACHE_DIR": d}) for c, d in zip(cmds, caches)]
sys.exit(max(p.wait() for p in procs) > 1)
"""

ONE_ARTICLE_FLOOR = r"""
import sys
import markdown_it
markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(open(sys.argv[1], encoding="utf-8").read())
"""


def measure(argv, cwd=None, env=None) -> tuple[float, int]:
    """Wall seconds and peak RSS (KB) of one whole process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss


def median_run(argv, repeat, cwd=None, env=None, before=None):
    walls, mems = [], []
    for _ in range(repeat):
        if before:
            before()
        w, m = measure(argv, cwd, env)
        walls.append(w)
        mems.append(m)
    return statistics.median(walls), max(mems)


def size_of(target: Path) -> tuple[int, int]:
    files = [target] if target.is_file() else list(target.rglob("*.md"))
    return len(files), sum(f.stat().st_size for f in files)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="/tmp/cl-bench", help="output folder of gen_corpus.py")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--tools", default="/tmp/contentlint-bench-tools", help="where peers_setup.sh installed the peers")
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument("--peer-repeat", type=int, default=None, help="runs per peer (default: --repeat; pymarkdown alone takes minutes a run)")
    ap.add_argument("--quick", action="store_true", help="skip the 20 MB article")
    args = ap.parse_args()
    data = Path(args.data)
    corpus, big = data / "corpus", data / "big" / "big.md"
    one = sorted(corpus.glob("*.md"))[0]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("CONTENTLINT_CACHE_DIR", None)
    cl = [PY, "-m", "linter", "--format", "json"]
    # Measure the code as an install runs it: pip writes bytecode at install time,
    # a source checkout (or PYTHONDONTWRITEBYTECODE=1) would compile every module on
    # every start, a cost no installed run pays.
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "linter")], check=True)
    cache_dir = Path(tempfile.mkdtemp(prefix="cl-bench-cache-"))
    cache_env = {**env, "CONTENTLINT_CACHE_DIR": str(cache_dir)}

    def clear_cache():
        shutil.rmtree(cache_dir, ignore_errors=True)

    def warm_cache():
        if not (cache_dir / "results").exists():
            measure([*cl, str(corpus)], env=cache_env)

    rows = []

    def row(name, target, argv, *, env_=None, before=None, cwd=None, note="", repeat=None):
        n, size = size_of(target)
        wall, mem = median_run(argv, repeat or args.repeat, cwd=cwd, env=env_ or env, before=before)
        rows.append({"name": name, "target": target, "wall": wall, "mem": mem, "files": n, "bytes": size, "note": note})
        print(f"  {name:<44} {wall:8.2f} s {mem / 1024:8.0f} MB", flush=True)
        return wall, mem

    def rows_side_by_side(specs, repeat):
        """Each repeat runs every spec once, in turn: on a shared machine whose speed
        drifts from minute to minute, ratios between runs taken in the same round are
        fairer than ratios between blocks of runs taken minutes apart."""
        results = {spec["name"]: ([], []) for spec in specs}
        for _ in range(repeat):
            for spec in specs:
                if spec.get("before"):
                    spec["before"]()
                w, m = measure(spec["argv"], spec.get("cwd"), spec.get("env") or env)
                results[spec["name"]][0].append(w)
                results[spec["name"]][1].append(m)
        out = []
        for spec in specs:
            walls, mems = results[spec["name"]]
            n, size = size_of(spec["target"])
            wall, mem = statistics.median(walls), max(mems)
            rows.append({"name": spec["name"], "target": spec["target"], "wall": wall, "mem": mem, "files": n, "bytes": size, "note": ""})
            print(f"  {spec['name']:<44} {wall:8.2f} s {mem / 1024:8.0f} MB", flush=True)
            out.append(wall)
        return out

    print(f"corpus: {size_of(corpus)[0]} files, {size_of(corpus)[1] / 1e6:.1f} MB; repeat {args.repeat}; {os.cpu_count()} cores")
    # The ceiling for --jobs on this machine: two independent single-job runs, each
    # on half the files, at once (no pool, no parent, nothing shared but the cores).
    files = sorted(str(p) for p in corpus.rglob("*.md"))
    halves = (files[: len(files) // 2], files[len(files) // 2 :])
    half_cache = [Path(tempfile.mkdtemp(prefix="cl-bench-half-")) for _ in halves]

    def clear_half_caches():
        for d in half_cache:
            shutil.rmtree(d, ignore_errors=True)

    two_halves = [PY, "-c", TWO_AT_ONCE, json.dumps([[*cl, "--jobs", "1", *h] for h in halves]), json.dumps([str(d) for d in half_cache])]
    floor1, floor2, c1, cn, cnc, chalves = rows_side_by_side(
        [
            {"name": "markdown-it-py parse only (1 core)", "target": corpus, "argv": [PY, "-c", PARSE_ONLY, str(corpus)]},
            {"name": "markdown-it-py parse only (all cores)", "target": corpus, "argv": [PY, "-c", PARSE_ONLY_PARALLEL, str(corpus)]},
            {"name": "contentlint, 1 job, cold cache", "target": corpus, "argv": [*cl, "--jobs", "1", str(corpus)], "env": cache_env, "before": clear_cache},
            {"name": "contentlint, all cores, cold cache", "target": corpus, "argv": [*cl, str(corpus)], "env": cache_env, "before": clear_cache},
            {"name": "contentlint, all cores, --no-cache", "target": corpus, "argv": [*cl, "--no-cache", str(corpus)]},
            {"name": "2 x contentlint 1 job, a half each, at once", "target": corpus, "argv": two_halves, "before": clear_half_caches},
        ],
        args.repeat,
    )
    warm_cache()
    cw, _ = row("contentlint, warm cache", corpus, [*cl, str(corpus)], env_=cache_env, before=warm_cache)
    # pre-commit lints a changed article in a repository whose cache holds the rule
    # set (validated YAML, claim anchors) but not this article's result
    edited = Path(tempfile.mkdtemp(prefix="cl-one-")) / one.name
    counter = [0]

    def edit_article():
        counter[0] += 1
        edited.write_text(one.read_text(encoding="utf-8") + f"\nEdited {counter[0]}.\n", encoding="utf-8")

    edit_article()
    measure([*cl, str(edited)], env=cache_env)  # the repository's cache has seen the rules
    fo, co = rows_side_by_side(  # short runs: more rounds
        [
            {"name": "one article: import markdown_it + parse", "target": one, "argv": [PY, "-c", ONE_ARTICLE_FLOOR, str(one)]},
            {"name": "one article: contentlint, as pre-commit runs it", "target": edited, "argv": [*cl, str(edited)], "env": cache_env, "before": edit_article},
        ],
        max(args.repeat * 5, 9),
    )
    cocold, _ = row("one article: contentlint, no cache at all", one, [*cl, "--no-cache", str(one)])
    # The generated corpus is dense in markup (links, tables, footnote references
    # on most lines: markdown-it-py reads it at ~1.5 MB/s, real articles at ~10):
    # the seeds, the real articles this project came from, 100 copies each, show
    # what the rules cost next to the parse on real prose.
    real = Path(tempfile.mkdtemp(prefix="cl-bench-real-"))
    for src in sorted((ROOT / "seeds").glob("*.md")):
        for k in range(100):
            shutil.copyfile(src, real / f"{src.stem}-{k:03d}.md")
    rfloor, rcl = rows_side_by_side(
        [
            {"name": "real articles (seeds x100): parse only", "target": real, "argv": [PY, "-c", PARSE_ONLY, str(real)]},
            {"name": "real articles (seeds x100): contentlint 1 job", "target": real, "argv": [*cl, "--jobs", "1", "--no-cache", str(real)]},
        ],
        args.repeat,
    )
    shutil.rmtree(real, ignore_errors=True)
    big_rows = None
    if not args.quick and big.exists():
        bf = row("20 MB article: markdown-it-py parse only", big, [PY, "-c", PARSE_ONLY, str(big)])
        # --timeout 0: the whole work, not a claim check stopped at its 10 s limit
        bc = row("20 MB article: contentlint", big, [*cl, "--no-cache", "--timeout", "0", str(big)])
        big_rows = (bf, bc)
    peers = []
    if not args.no_peers:
        sys.path.insert(0, str(HERE))
        try:
            import peers as peer_module
        except ImportError as exc:
            print(f"  (peers skipped: {exc})")
        else:
            tools = Path(args.tools)
            for peer in peer_module.PEERS:
                work = Path(tempfile.mkdtemp(prefix=f"cl-peer-{peer['name']}-"))
                try:
                    peer["setup"](tools, work)
                    w, m = row(f"peer: {peer['name']}", corpus, peer["command"](tools, work, corpus), cwd=work, repeat=args.peer_repeat)
                    peers.append((peer["name"], w, peer.get("note", "")))
                except Exception as exc:  # noqa: BLE001 - a peer that cannot run is reported, not fatal
                    print(f"  peer {peer['name']}: not measured: {exc}")

    mb = size_of(corpus)[1] / 1e6
    nfiles = size_of(corpus)[0]
    print("\n| run | wall s | peak MB | files/s | MB/s |\n|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['name']} | {r['wall']:.2f} | {r['mem'] / 1024:.0f} | {r['files'] / r['wall']:.0f} | {r['bytes'] / 1e6 / r['wall']:.1f} |")
    print("\nratios (targets in brackets):")
    print(f"  contentlint 1 job / parse floor 1 core        {c1 / floor1:5.2f}x  [<= 1.5]")
    print(f"  contentlint 1 job / contentlint all cores     {c1 / cn:5.2f}x  [>= 1.8 on 2 cores]")
    print(f"    (the same for parse-only, what this machine gives a trivially parallel job: {floor1 / floor2:5.2f}x;")
    print(f"     two independent 1-job runs on the halves at once, the ceiling for --jobs here: {c1 / chalves:5.2f}x)")
    print(f"  cold / warm cache (all cores)                 {cn / cw:5.2f}x  [>= 10]")
    print(f"  one article: contentlint / import+parse       {co / fo:5.2f}x  [<= 2]  (no cache at all: {cocold / fo:.2f}x)")
    print(f"  real articles: contentlint 1 job / parse      {rcl / rfloor:5.2f}x  (not a target: the rules' cost on real prose)")
    if big_rows:
        (bfw, bfm), (bcw, bcm) = big_rows
        big_mb = big.stat().st_size / 1e6
        print(f"  20 MB: s/MB vs corpus s/MB (1 job)            {(bcw / big_mb) / (c1 / mb):5.2f}x  [<= 2]")
        print(f"  20 MB: peak memory / markdown-it-py's         {bcm / bfm:5.2f}x  [<= 1.5]")
    for name, w, note in peers:
        print(f"  {name}: {w / cn:5.2f}x contentlint (all cores); {w / c1:5.2f}x contentlint (1 job)")
    print(f"\n{nfiles} files, {mb:.1f} MB")
    shutil.rmtree(cache_dir, ignore_errors=True)
    clear_half_caches()
    return 0


if __name__ == "__main__":
    sys.exit(main())
