"""``--format json``: one JSON array of findings, keys stable (see README).

One finding per line, in exactly the form ``json.dumps(f.as_dict(),
ensure_ascii=False)`` gives (a test holds them equal): its strings escaped by the
json module's C function, the line written by a format string. ``indent`` would
force the json module's pure-Python path, and one ``dumps`` per finding cost
~8 us each, most of a warm run's output on a large site."""

from __future__ import annotations

import json
from json.encoder import encode_basestring as _string  # C, as dumps(ensure_ascii=False) uses


def finding_line(f, paths: dict) -> str:
    path = paths.get(f.path)
    if path is None:
        path = paths[f.path] = _string(f.path)
    return (
        f'{{"path": {path}, "line": {f.line!r}, "column": {f.column!r}, "end_line": {f.end_line!r}, '
        f'"end_column": {f.end_column!r}, "rule": {_string(f.rule)}, "severity": {_string(f.severity)}, '
        f'"message": {_string(f.message)}, "match": {_string(f.match)}}}'
    )


def render(report, stream, *, show_suppressed: bool = False, **_) -> None:
    paths: dict = {}
    lines = [finding_line(f, paths) for f in report.findings]
    if show_suppressed:  # extra keys only when asked for: the default shape stays stable
        dumps = json.JSONEncoder(ensure_ascii=False).encode
        for f, d in report.suppressed:
            lines.append(dumps({**f.as_dict(), "suppressed": True, "suppression": {"line": d.line, "reason": d.reason}}))
    if not lines:
        stream.write("[]\n")
        return
    stream.write("[\n")
    stream.write(",\n".join(lines))
    stream.write("\n]\n")
