"""What markdown-it-pyrs saves a user, whole process against whole process:
contentlint with the default parser and with ``CONTENTLINT_PARSER=markdown-it-pyrs``,
side by side in one run (each round runs every row once, the two parsers in
turn, the order flipped every other round), median of the rounds.

    python bench/parser_choice.py --data /tmp/cl-bench --real ../shared/real-articles --repeat 5 [--all-cores]

Rows: the bench corpus and the real articles, one job (and with ``--all-cores``
all cores: wall seconds on a quiet machine only), no cache;
one article as pre-commit runs it (the rule set in the cache, the article edited
before each run) and with no cache at all. Also how many files markdown-it-pyrs
parses itself (the rest fall back to markdown-it-py), and whether both parsers'
JSON reports are the same. Not a test: it prints figures.
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

COUNT = r"""
import os, sys
from linter.source import Source
from linter.document import pyrs_backend
files = sorted(os.path.join(r, f) for r, _, fs in os.walk(sys.argv[1]) for f in fs if f.endswith(".md"))
used = sum(pyrs_backend.parse(s, s.normalized()) is not None
           for s in (Source.from_bytes(f, open(f, "rb").read()) for f in files))
print(used, len(files))
"""


def timed(argv, env) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system, the process and the workers
    it waited for: on a shared machine the steadier of the two)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"{argv[-1]}: exit {os.waitstatus_to_exitcode(status)}")
    return elapsed, usage.ru_utime + usage.ru_stime


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="/tmp/cl-bench", help="output folder of gen_corpus.py")
    ap.add_argument("--real", default=str(ROOT.parent / "shared" / "real-articles"), help="a folder of real articles")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--all-cores", action="store_true", help="also the runs on all cores")
    ap.add_argument("--skip-corpus", action="store_true", help="not the bench corpus's whole runs (the long rows)")
    args = ap.parse_args()
    corpus, real = Path(args.data) / "corpus", Path(args.real)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("CONTENTLINT_PARSER", None)
    env.pop("CONTENTLINT_CACHE_DIR", None)
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "linter")], check=True)
    parsers = {"markdown-it-py": env, "markdown-it-pyrs": {**env, "CONTENTLINT_PARSER": "markdown-it-pyrs"}}
    cl = [PY, "-m", "linter", "--format", "json"]

    for name, target in (("bench corpus", corpus), ("real articles", real)):
        used, n = map(int, subprocess.run([PY, "-c", COUNT, str(target)], env=env, capture_output=True, text=True, check=True).stdout.split())
        reports = {p: subprocess.run([*cl, "--no-cache", str(target)], env=e, capture_output=True).stdout for p, e in parsers.items()}
        same = "the same" if len(set(reports.values())) == 1 else "DIFFERENT"
        print(f"{name}: {n} files, markdown-it-pyrs parses {used} ({used / n:.0%}); the two JSON reports are {same}")

    tmp = Path(tempfile.mkdtemp(prefix="cl-parser-choice-"))
    one = {"bench": sorted(corpus.glob("*.md"))[0], "real": sorted(real.rglob("*.md"))[0]}
    edited = {k: tmp / f"{k}-{v.name}" for k, v in one.items()}
    counter = [0]

    def edit(k):
        counter[0] += 1
        edited[k].write_text(one[k].read_text(encoding="utf-8") + f"\nEdited {counter[0]}.\n", encoding="utf-8")

    rows = []  # (label, argv, extra env, before, rounds factor)
    for label, target in (("bench corpus", corpus), ("real articles", real)):
        if label == "bench corpus" and args.skip_corpus:
            continue
        rows.append((f"{label}, 1 job, --no-cache", [*cl, "--jobs", "1", "--no-cache", str(target)], {}, None, 1))
        if args.all_cores:
            rows.append((f"{label}, all cores, --no-cache", [*cl, "--no-cache", str(target)], {}, None, 1))
    for k in one:
        cache = tmp / f"cache-{k}"
        for p, e in parsers.items():  # the repository's cache has seen the rules
            edit(k)
            timed([*cl, str(edited[k])], {**e, "CONTENTLINT_CACHE_DIR": f"{cache}-{p}"})
        rows.append((f"one {k} article, pre-commit", [*cl, str(edited[k])], {"CONTENTLINT_CACHE_DIR": str(cache)}, k, 5))
        rows.append((f"one {k} article, no cache at all", [*cl, "--no-cache", str(one[k])], {}, None, 5))

    print(f"\n{args.repeat} rounds (one-article rows x5); {os.cpu_count()} cores; median seconds, wall and CPU;"
          " pyrs / py: the median of the rounds' ratios")
    print(f"  {'row':<40} {'py wall':>8} {'pyrs wall':>9} {'ratio':>6}   {'py CPU':>8} {'pyrs CPU':>9} {'ratio':>6}")
    for label, argv, extra, before, factor in rows:
        times = {p: [] for p in parsers}
        for r in range(args.repeat * factor):
            order = list(parsers) if r % 2 == 0 else list(parsers)[::-1]
            for p in order:
                e = {**parsers[p], **extra}
                if "CONTENTLINT_CACHE_DIR" in e:
                    e["CONTENTLINT_CACHE_DIR"] += f"-{p}"
                if before:
                    edit(before)
                times[p].append(timed(argv, e))
        cells = []
        for k in (0, 1):  # wall, CPU
            py, rs = [t[k] for t in times["markdown-it-py"]], [t[k] for t in times["markdown-it-pyrs"]]
            ratio = statistics.median(b / a for a, b in zip(py, rs))
            cells.append(f"{statistics.median(py):7.3f}s {statistics.median(rs):8.3f}s {ratio:5.2f}x")
        print(f"  {label:<40} {cells[0]}   {cells[1]}", flush=True)
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
