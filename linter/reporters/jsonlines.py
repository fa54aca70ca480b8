"""``--format json-lines``: one JSON object per finding per line, with exactly the
objects of ``--format json`` (Finding.as_dict; with ``--show-suppressed`` also the
suppressed findings, marked as there), for streaming and ``jq -c`` pipelines.

Non-ASCII text is written as is, except the characters that some line splitters
(Python's ``str.splitlines``, JavaScript) treat as line breaks but JSON does not
escape: those are written as ``\\uXXXX`` so that every object stays on one line."""

from __future__ import annotations

import json

# json.dumps escapes U+0000..U+001F itself; these are the other line breaks. They
# can only occur inside JSON strings, where the escape means the same character.
_TABLE = str.maketrans({"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def render(report, stream, *, show_suppressed: bool = False, **_) -> None:
    items = [f.as_dict() for f in report.findings]
    if show_suppressed:  # the same objects as --format json --show-suppressed
        for f, d in getattr(report, "suppressed", ()):
            items.append({**f.as_dict(), "suppressed": True, "suppression": {"line": d.line, "reason": d.reason}})
    for item in items:
        stream.write(json.dumps(item, ensure_ascii=False).translate(_TABLE) + "\n")
