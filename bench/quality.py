"""Detection quality of the built-in health rules, in one table.

    python bench/quality.py              # per rule: per corpus, per source repository
    python bench/quality.py --verbose    # also every false positive / negative
    python bench/quality.py --json       # the figures as JSON
    python bench/quality.py --real DIR --labels DIR   # another labelled set of real articles
    python bench/fetch_fresh.py --out DIR && python bench/quality.py --real DIR --labels tests/fresh/labels
                                         # the fresh held-out set (tests/fresh/README.md)

It scores what a user sees, as the held-out corpus is scored: it runs
``contentlint --format json`` (no config, no cache) and matches findings to labels
with ``tests/corpus/score.py``'s rules (a claim finding must overlap the labelled
phrase, a dose finding the dose, the disclaimer is per document).

Corpora: the project's own (``tests/{corpus,holdout,blind,blind2,blind3}``), and
the real articles of ``../shared/real-articles/`` labelled in ``tests/real/labels``
(per source repository; human-written sources are summed separately). On the real
articles not about health (``non-health/``), which carry no labels, it counts
findings per 100 files: there the rules must stay silent.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "real-articles"
OWN = ("corpus", "holdout", "blind", "blind2", "blind3")
RULES = ("claim-needs-citation", "no-dose-numbers", "medical-disclaimer")
sys.path.insert(0, str(ROOT))
from linter.discovery import iter_files  # noqa: E402  (the files contentlint lints: .md and .markdown)



def human_written(path: Path | None = None) -> set[str]:
    """Source folders written by people, not generated (``tests/real/human-written.txt``)."""
    listed = (path or ROOT / "tests" / "real" / "human-written.txt").read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in listed if line.strip() and not line.startswith("#")}


_spec = importlib.util.spec_from_file_location("score", ROOT / "tests" / "corpus" / "score.py")
score = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(score)


def _yaml(path: Path):
    from ruamel.yaml import YAML

    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def run(files: list[str], cwd: Path) -> list[dict]:
    out: list[dict] = []
    for i in range(0, len(files), 200):
        proc = subprocess.run(
            [sys.executable, "-m", "linter", "--format", "json", "--no-cache", "--", *files[i : i + 200]],
            cwd=cwd, capture_output=True, text=True, env=_env(),
        )
        if proc.returncode not in (0, 1):
            raise SystemExit(f"contentlint failed ({proc.returncode}):\n{proc.stderr}")
        out.extend(json.loads(proc.stdout))
    return out


def _env():
    import os

    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def score_real(labels: dict, findings: list[dict], verbose: bool, real: Path = REAL) -> dict:
    """score.score with article paths read under ``real`` (../shared/real-articles)."""
    saved = score.ROOT
    score.ROOT = real
    try:
        return score.score(labels, findings, verbose)
    finally:
        score.ROOT = saved


def add(total: dict, stats: dict) -> None:
    for rule, s in stats.items():
        for k, v in s.items():
            total[rule][k] += v


def fmt(s: dict) -> str:
    p = s["tp"] / (s["tp"] + s["fp"]) if s["tp"] + s["fp"] else 1.0
    r = s["tp"] / (s["tp"] + s["fn"]) if s["tp"] + s["fn"] else 1.0
    return f"{p:5.3f} {r:5.3f} ({s['tp']}/{s['fp']}/{s['fn']})"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--real", type=Path, default=REAL, help="the real articles (health/, non-health/ under it)")
    ap.add_argument("--labels", type=Path, default=ROOT / "tests" / "real" / "labels",
                    help="their labels, one YAML file per batch (with --real: the own corpora are left out)")
    ap.add_argument("--human", type=Path, help="the list of human-written source folders (default: tests/real's, "
                    "or human-written.txt beside --labels)")
    args = ap.parse_args()
    if not args.labels.is_dir():
        ap.error(f"--labels {args.labels}: no such folder")
    if args.real is not REAL and not args.real.is_dir():
        ap.error(f"--real {args.real}: no such folder")
    real = args.real.resolve()

    table: dict[str, dict] = {}
    for name in OWN if real == REAL.resolve() else ():
        labels = score.load_labels(ROOT / "tests" / name / "labels.yaml")
        table[f"own/{name}"] = score.score(labels, run(sorted(labels), ROOT), args.verbose)

    real_labels: dict[str, dict] = {}
    for lf in sorted(args.labels.glob("*.yaml")):
        real_labels.update(_yaml(lf) or {})
    if real_labels:
        findings = run(sorted(real_labels), real)
        by_repo: dict[str, dict] = defaultdict(dict)
        for rel, lab in real_labels.items():
            folder, repo = rel.split("/")[:2]
            by_repo[f"{folder}/{repo}"][rel] = lab
        for key in sorted(by_repo):
            table[f"real/{key}"] = score_real(by_repo[key], findings, args.verbose, real)

    silent: dict[str, int] = {}
    nh_files = sorted(os.path.relpath(f, real) for f in iter_files([str(real / "non-health")], lambda _: False)[0])
    if nh_files:
        nh = run(nh_files, real)
        for rule in RULES:
            silent[rule] = sum(1 for f in nh if f["rule"] == rule)
        if args.verbose:
            for f in nh:
                print(f"NON-HEALTH {f['rule']} {f['path']}:{f['line']}: {f['match'][:120]!r}")

    human_list = args.human or (args.labels.parent / "human-written.txt")
    human = human_written(human_list if human_list.is_file() else None)
    sums = {name: {r: defaultdict(int) for r in RULES} for name in
            ("own (all)", "real health, en", "real health, owners A-M", "real health, owners N-Z",
             "real health, human-written", "real health, other languages")}
    for key, stats in table.items():
        if key.startswith("own/"):
            add(sums["own (all)"], stats)
        elif key.startswith("real/health-non-english/"):
            add(sums["real health, other languages"], stats)
        else:
            add(sums["real health, en"], stats)
            # the dose and disclaimer rules were tuned on owners A-M only: N-Z is held out
            owner = key.split("/")[-1].split("--")[0]
            add(sums["real health, owners A-M" if owner[:1].lower() <= "m" else "real health, owners N-Z"], stats)
            if key.split("/")[-1] in human:
                add(sums["real health, human-written"], stats)

    if args.json:
        print(json.dumps({"corpora": table, "sums": sums, "non_health_findings": silent, "non_health_files": len(nh_files)},
                         indent=2, default=dict))
        return 0
    print(f"{'corpus / source':<58} " + " ".join(f"{r + ' P R (tp/fp/fn)':<30}" for r in RULES))
    for key, stats in [*table.items(), *sums.items()]:
        print(f"{key:<58} " + " ".join(f"{fmt(stats[r]):<30}" for r in RULES))
    if nh_files:
        per100 = ", ".join(f"{r} {100 * n / len(nh_files):.1f}" for r, n in silent.items())
        print(f"non-health ({len(nh_files)} files), findings per 100 files: {per100}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
