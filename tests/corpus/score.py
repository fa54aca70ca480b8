"""Precision and recall of the built-in health rules against the labeled corpus.

    python tests/corpus/score.py            # table per rule
    python tests/corpus/score.py --verbose  # also every false positive / negative

It scores what a user sees: it runs ``contentlint --format json`` on the labeled
files (as the held-out corpus is scored) and matches findings to labels by
position. A claim label marks a phrase of the claim sentence; a finding matches it
when its span overlaps the phrase. A dose label is the exact dose expression; a
finding matches when it overlaps, and exact spans are counted too. The disclaimer
rule is scored per document.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LABELS = Path(__file__).resolve().parent / "labels.yaml"
SPAN_RULES = ("claim-needs-citation", "no-dose-numbers")
DOC_RULE = "medical-disclaimer"


def load_labels(path: Path = LABELS) -> dict:
    from ruamel.yaml import YAML

    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def run_linter(files: list[str]) -> list[dict]:
    proc = subprocess.run(
        [sys.executable, "-m", "linter", "--format", "json", *files],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if proc.returncode not in (0, 1):
        raise SystemExit(f"contentlint failed ({proc.returncode}):\n{proc.stderr}")
    return json.loads(proc.stdout)


def label_span(path: str, label: dict) -> tuple[tuple[int, int], tuple[int, int]]:
    """(line, col) start and end of a label, 1-based columns in code points."""
    # cut lines as contentlint does (str.splitlines would also cut at U+2028, \x0c ...)
    lines = re.split(r"\r\n|\r|\n", (ROOT / path).read_text(encoding="utf-8-sig"))
    line = label["line"]
    col = lines[line - 1].find(label["text"])
    if col < 0:
        raise SystemExit(f"{path}:{line}: label text {label['text']!r} is not on that line")
    if "end_line" in label:
        end_line = label["end_line"]
        end_text = label["end_text"]
        end_col = lines[end_line - 1].find(end_text) + len(end_text)
        return (line, col + 1), (end_line, end_col + 1)
    return (line, col + 1), (line, col + 1 + len(label["text"]))


def overlaps(f: dict, start, end) -> bool:
    fs, fe = (f["line"], f["column"]), (f["end_line"], f["end_column"])
    return fs < end and start < fe


def score(labels: dict, findings: list[dict], verbose: bool = False) -> dict:
    by_file: dict[str, list[dict]] = {}
    for f in findings:
        by_file.setdefault(f["path"], []).append(f)
    stats = {r: {"tp": 0, "fp": 0, "fn": 0, "exact": 0} for r in (*SPAN_RULES, DOC_RULE)}
    for path, expected in labels.items():
        found = by_file.get(path, [])
        for rule in SPAN_RULES:
            if rule not in expected:
                continue  # a set that labels some rules only (tests/foreign: the disclaimer)
            want = [label_span(path, lab) + (lab,) for lab in (expected.get(rule) or [])]
            got = [f for f in found if f["rule"] == rule]
            used = set()
            for start, end, lab in want:
                hit = next((i for i, f in enumerate(got) if i not in used and overlaps(f, start, end)), None)
                if hit is None:
                    stats[rule]["fn"] += 1
                    if verbose:
                        print(f"FN {rule} {path}:{lab['line']}: {lab['text']!r}")
                    continue
                used.add(hit)
                stats[rule]["tp"] += 1
                f = got[hit]
                if (f["line"], f["column"]) == start and (f["end_line"], f["end_column"]) == end:
                    stats[rule]["exact"] += 1
            for i, f in enumerate(got):
                if i not in used:
                    stats[rule]["fp"] += 1
                    if verbose:
                        print(f"FP {rule} {path}:{f['line']}:{f['column']}: {f['match'][:160]!r}")
        want_doc = expected.get(DOC_RULE) == "missing"
        got_doc = any(f["rule"] == DOC_RULE for f in found)
        key = "tp" if want_doc and got_doc else "fn" if want_doc else "fp" if got_doc else None
        if key:
            stats[DOC_RULE][key] += 1
            if verbose and key != "tp":
                print(f"{key.upper()} {DOC_RULE} {path}")
    return stats


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--labels", type=Path, default=LABELS, help="labels file (default: tests/corpus/labels.yaml)")
    args = ap.parse_args()
    labels = load_labels(args.labels)
    stats = score(labels, run_linter(sorted(labels)), args.verbose)
    if args.json:
        print(json.dumps(stats, indent=2))
        return 0
    print(f"{'rule':<22} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>9} {'recall':>7}  exact spans")
    for rule, s in stats.items():
        p = s["tp"] / (s["tp"] + s["fp"]) if s["tp"] + s["fp"] else 1.0
        r = s["tp"] / (s["tp"] + s["fn"]) if s["tp"] + s["fn"] else 1.0
        exact = f"{s['exact']}/{s['tp']}" if rule == "no-dose-numbers" else ""
        print(f"{rule:<22} {s['tp']:>4} {s['fp']:>4} {s['fn']:>4} {p:>9.3f} {r:>7.3f}  {exact}")
    print(f"({len(labels)} documents)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
