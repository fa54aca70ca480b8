"""``--format json``: one JSON array of findings, keys stable (see README)."""

from __future__ import annotations

import json


def render(report, stream, *, show_suppressed: bool = False, **_) -> None:
    items = [f.as_dict() for f in report.findings]
    if show_suppressed:  # extra keys only when asked for: the default shape stays stable
        for f, d in report.suppressed:
            items.append({**f.as_dict(), "suppressed": True, "suppression": {"line": d.line, "reason": d.reason}})
    json.dump(items, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
