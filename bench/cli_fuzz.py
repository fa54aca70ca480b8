"""Differential fuzz of the command's setups: the same articles linted every way a
user can run contentlint must give the same findings.

    python bench/cli_fuzz.py --minutes 30 [--batch 40] [--seed N] [--out DIR]

Each round writes a batch of generated articles (``bench/fuzz.py``'s grammar and
mutations: every construct the prose view handles, CRLF and CR, BOMs, HTML blocks,
broken bytes) into a fresh folder and runs the real command on it:

- ``--no-cache --jobs 1`` (the reference), ``--no-cache --jobs 2``;
- with a cache: cold (empty cache folder), then warm (the same command again);
- ``--fix`` twice on a copy: the second pass changes no byte, and a lint of the
  fixed copy shows no finding a safe fix could still fix.

Invariants: every setup exits with the reference's code and prints byte-identical
JSON; no traceback on stderr. A differing batch is saved to ``--out`` with what
differed, and the run goes on. Prints rounds, articles and failures. Not a test: ``tests/test_fuzz_invariants.py`` is.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))


def generate(n: int, seed: int) -> list[bytes]:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import seed as seed_decorator

    import fuzz

    out: list[bytes] = []

    @settings(max_examples=n, deadline=None, database=None, suppress_health_check=list(HealthCheck), phases=["generate"])
    @given(fuzz.article_bytes())
    def draw(data):
        if len(out) < n:
            out.append(data[:50_000])

    seed_decorator(seed)(draw)()
    return out


def cli(args: list[str], cwd: Path, env_extra: dict | None = None) -> tuple[int, str, str]:
    env = {**os.environ, **(env_extra or {})}
    proc = subprocess.run([sys.executable, "-m", "linter", *args], cwd=cwd, capture_output=True, env=env, timeout=600)
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")


def check_batch(folder: Path, counts: dict) -> list[str]:
    """What differs between the setups on the articles in ``folder`` (empty: nothing);
    ``counts`` gathers the reference's findings and exit codes."""
    problems: list[str] = []
    base = ["--format", "json", "--allow-empty", "."]
    ref = cli(["--no-cache", "--jobs", "1", *base], folder)
    if "Traceback" in ref[2] or "internal error" in ref[2]:
        problems.append(f"reference run: {ref[2][-400:]}")
    cache = folder.parent / (folder.name + "-cache")
    setups = {
        "--jobs 2": (["--no-cache", "--jobs", "2", *base], {}),
        "cache cold": (["--jobs", "1", *base], {"CONTENTLINT_CACHE_DIR": str(cache)}),
        "cache warm": (["--jobs", "2", *base], {"CONTENTLINT_CACHE_DIR": str(cache)}),
    }
    for name, (args, env) in setups.items():
        got = cli(args, folder, env)
        if got[0] != ref[0]:
            problems.append(f"{name}: exit {got[0]}, reference {ref[0]}")
        if got[1] != ref[1]:
            problems.append(f"{name}: JSON differs from the reference")
        if "Traceback" in got[2]:
            problems.append(f"{name}: traceback: {got[2][-400:]}")
    fixed = folder.parent / (folder.name + "-fix")
    shutil.copytree(folder, fixed)
    first = cli(["--no-cache", "--fix", "--allow-empty", "."], fixed)
    if "Traceback" in first[2]:
        problems.append(f"--fix: traceback: {first[2][-400:]}")
    snapshot = {p: p.read_bytes() for p in fixed.rglob("*") if p.is_file()}
    second = cli(["--no-cache", "--fix", "--allow-empty", "."], fixed)
    if "Traceback" in second[2]:
        problems.append(f"--fix twice: traceback: {second[2][-400:]}")
    changed = [str(p.name) for p, data in snapshot.items() if p.read_bytes() != data]
    if changed:
        problems.append(f"--fix twice: the second pass changed {changed[:5]}")
    shutil.rmtree(fixed, ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)
    counts["exit"][ref[0]] = counts["exit"].get(ref[0], 0) + 1
    try:
        counts["findings"] += len(json.loads(ref[1])) if ref[1].strip() else 0
    except ValueError:
        problems.append("reference JSON does not parse")
    return problems


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--minutes", type=float, default=1.0)
    ap.add_argument("--batch", type=int, default=40, help="articles per round")
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "contentlint-cli-fuzz-failures")
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    deadline = time.monotonic() + args.minutes * 60
    rounds = articles = failed = 0
    counts: dict = {"findings": 0, "exit": {}}
    while time.monotonic() < deadline:
        seed = rng.getrandbits(32)
        batch = generate(args.batch, seed)
        work = Path(tempfile.mkdtemp(prefix="cl-cli-fuzz-"))
        folder = work / "articles"
        folder.mkdir()
        for i, data in enumerate(batch):
            (folder / f"a{i:03d}.md").write_bytes(data)
        problems = check_batch(folder, counts)
        rounds += 1
        articles += len(batch)
        if problems:
            failed += 1
            dest = args.out / f"round-{seed}"
            shutil.copytree(folder, dest, dirs_exist_ok=True)
            (dest / "PROBLEMS.txt").write_text("\n".join(problems) + "\n", encoding="utf-8")
            print(f"FAILURE round seed {seed}: {problems[0][:200]} (saved in {dest})", flush=True)
        shutil.rmtree(work, ignore_errors=True)
        if rounds % 5 == 0:
            print(f"... {rounds} rounds, {articles} articles, {failed} failing rounds", flush=True)
    print(f"{rounds} rounds, {articles} articles, {counts['findings']} findings in the reference runs "
          f"(exit codes {counts['exit']}), {failed} failing rounds "
          "(setups: jobs 1/2, cache cold/warm, --fix twice)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
