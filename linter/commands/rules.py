"""``contentlint rules``: the rules in effect (id, kind, severity, scope, source file)."""

from __future__ import annotations

import sys
from pathlib import Path

from .common import EXIT_OK, display_path, load, parser


def run(argv: list[str]) -> int:
    p = parser(prog="contentlint rules", description="List the rules in effect.")
    p.add_argument("--config", metavar="FILE")
    p.add_argument("--format", choices=("text", "json"), default="text")
    args = p.parse_args(argv)
    _, rules = load(args.config, Path.cwd())
    rows = [
        {
            "id": r.id,
            "kind": r.kind,
            "severity": r.severity,
            "enabled": r.enabled,
            "scope": sorted(r.scope.names),
            "source": display_path(r.path),
        }
        for r in rules
    ]
    if args.format == "json":
        import json

        json.dump(rows, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    headers = ("id", "kind", "severity", "scope", "source")
    table = [
        (r["id"] + ("" if r["enabled"] else " (disabled)"), r["kind"], r["severity"], ",".join(r["scope"]), r["source"])
        for r in rows
    ]
    widths = [max(len(h), *(len(row[i]) for row in table)) if table else len(h) for i, h in enumerate(headers)]
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip())
    for row in table:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())
    return EXIT_OK
