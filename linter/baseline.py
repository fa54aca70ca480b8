"""Baselines for legacy content: record today's findings, then report only new ones.

The file is JSON (reviewable in a pull request): one entry per finding with its
fingerprint (rule + path + matched text + which occurrence of that text: no line
numbers, so edits above a finding do not invalidate it), and the rule, path and
line for people reading it. Paths are relative to the baseline file's folder, so
the baseline works from any checkout on any machine.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from .errors import UserError
from .fingerprints import fingerprint_path, fingerprints_of

VERSION = 1


def write(path: str, findings) -> int:
    root = Path(path).resolve().parent
    prints = fingerprints_of(findings, root)
    entries = sorted(
        (
            {"fingerprint": fp, "rule": f.rule, "path": fingerprint_path(f.path, root), "line": f.line, "match": f.match}
            for fp, f in zip(prints, findings)
        ),
        key=lambda e: (e["path"], e["line"], e["rule"], e["fingerprint"]),
    )
    data = {"tool": "contentlint", "version": VERSION, "findings": entries}
    from .safeio import open_for_writing

    with open_for_writing(path, "--write-baseline") as fh:
        fh.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return len(entries)


def load(path: str) -> Counter:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError("baseline file not found", path) from None
    except (OSError, ValueError) as exc:
        raise UserError(f"not a contentlint baseline: {exc}", path) from None
    if not isinstance(data, dict) or data.get("tool") != "contentlint" or not isinstance(data.get("findings"), list):
        raise UserError("not a contentlint baseline (expected {tool: contentlint, findings: [...]})", path)
    return Counter(e.get("fingerprint") for e in data["findings"] if isinstance(e, dict))


def filter_new(findings, baseline_path: str, known: Counter) -> tuple[list, int]:
    """Findings not in the baseline; each baseline entry absorbs one finding."""
    root = Path(baseline_path).resolve().parent
    prints = fingerprints_of(findings, root)
    remaining = Counter(known)
    kept, hidden = [], 0
    for fp, f in zip(prints, findings):
        if remaining[fp] > 0:
            remaining[fp] -= 1
            hidden += 1
        else:
            kept.append(f)
    return kept, hidden
