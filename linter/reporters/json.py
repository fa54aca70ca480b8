"""``--format json``: one JSON array of findings, keys stable (see README)."""

from __future__ import annotations

import json


def render(report, stream, **_) -> None:
    json.dump([f.as_dict() for f in report.findings], stream, ensure_ascii=False, indent=2)
    stream.write("\n")
