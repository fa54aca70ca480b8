"""``--format json``: one JSON array of findings, keys stable (see README).

One finding per line: each object is encoded by the json module's C encoder
(``indent`` would force its pure-Python path, 5x slower on a site's findings)."""

from __future__ import annotations

import json


def render(report, stream, *, show_suppressed: bool = False, **_) -> None:
    items = [f.as_dict() for f in report.findings]
    if show_suppressed:  # extra keys only when asked for: the default shape stays stable
        for f, d in report.suppressed:
            items.append({**f.as_dict(), "suppressed": True, "suppression": {"line": d.line, "reason": d.reason}})
    if not items:
        stream.write("[]\n")
        return
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    stream.write("[\n")
    stream.write(",\n".join(dumps(item) for item in items))
    stream.write("\n]\n")
