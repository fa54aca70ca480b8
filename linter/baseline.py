"""Baselines for legacy content: record today's findings, then report only new ones.

The file is JSON (reviewable in a pull request): one entry per finding with its
fingerprint (rule + path + matched text + which occurrence of that text: no line
numbers, so edits above a finding do not invalidate it), and the rule, path and
line for people reading it. A finding about the whole document (a missing
disclaimer) has an empty match, as its fingerprint has no text. Paths are relative
to the baseline file's folder, so the baseline works from any checkout on any
machine.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from .errors import UserError
from .fingerprints import fingerprint, fingerprint_path, fingerprints_of, normalized_match

VERSION = 1


def write(path: str, findings) -> int:
    root = Path(path).resolve().parent
    prints = fingerprints_of(findings, root)
    entries = sorted(
        (
            {"fingerprint": fp, "rule": f.rule, "path": fingerprint_path(f.path, root), "line": f.line, "match": _match(f)}
            for fp, f in zip(prints, findings)
        ),
        key=lambda e: (e["path"], e["line"], e["rule"], e["fingerprint"]),
    )
    data = {"tool": "contentlint", "version": VERSION, "findings": entries}
    from .safeio import open_for_writing

    with open_for_writing(path, "--write-baseline") as fh:
        fh.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return len(entries)


def _match(finding) -> str:
    """The entry's match: empty for a finding about the whole document, whose
    fingerprint does not contain its text (``fingerprints_of``), so that the
    entry's readable fields still give its fingerprint when it is loaded."""
    return "" if finding.document_level else finding.match


def load(path: str) -> Counter:
    """The baseline's fingerprints, each as often as it is listed. An entry's
    readable fields (rule, path, match) must give its fingerprint: a reviewer
    reads those, so an entry that says "old.md, 500 mg" while its fingerprint is
    that of a claim in another file would hide what the review never saw."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError("baseline file not found", path) from None
    except (OSError, ValueError) as exc:
        raise UserError(f"not a contentlint baseline: {exc}", path) from None
    if not isinstance(data, dict) or data.get("tool") != "contentlint" or not isinstance(data.get("findings"), list):
        raise UserError("not a contentlint baseline (expected {tool: contentlint, findings: [...]})", path)
    entries = data["findings"]
    groups: Counter = Counter()
    for i, e in enumerate(entries):
        fields = [e.get(k) for k in ("fingerprint", "rule", "path", "match")] if isinstance(e, dict) else [None]
        if not all(isinstance(v, str) for v in fields):
            raise UserError(f"findings[{i}] needs the strings fingerprint, rule, path and match", path, _line_of(path, i))
        groups[(e["rule"], e["path"], normalized_match(e["match"]))] += 1
    # occurrences of one (rule, path, text) are numbered 0 .. n-1: the fingerprints
    # an entry of a group of n may have
    allowed = {key: {fingerprint(*key, k) for k in range(n)} for key, n in groups.items()}
    for i, e in enumerate(entries):
        if e["fingerprint"] not in allowed[(e["rule"], e["path"], normalized_match(e["match"]))]:
            raise UserError(
                f"findings[{i}]: the fingerprint is not that of its rule '{e['rule']}', path and match; "
                "the entry was edited or crafted (write the baseline again with --write-baseline)",
                path,
                _line_of(path, i),
            )
    return Counter(e["fingerprint"] for e in entries)


def _line_of(path: str, index: int) -> int | None:
    """The line of the ``index``-th entry in a baseline as --write-baseline lays
    it out (one '"fingerprint":' line per entry), if it is laid out so."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, ValueError):
        return None
    seen = -1
    for n, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith('"fingerprint"'):
            seen += 1
            if seen == index:
                return n
    return None


def filter_new(findings, baseline_path: str, known: Counter) -> tuple[list, int]:
    """Findings not in the baseline; each baseline entry absorbs one finding."""
    root = Path(baseline_path).resolve().parent
    prints = fingerprints_of(findings, root)
    used: Counter = Counter()  # not a copy of ``known``: a run over many files calls this once a file
    kept, hidden = [], 0
    for fp, f in zip(prints, findings):
        if used[fp] < known.get(fp, 0):
            used[fp] += 1
            hidden += 1
        else:
            kept.append(f)
    return kept, hidden
