"""``contentlint packs``: the rule packs ``extends`` can name, built-in and
installed, with their versions."""

from __future__ import annotations

import sys

from .common import EXIT_ERROR, EXIT_OK, parser


def run(argv: list[str]) -> int:
    p = parser(prog="contentlint packs", description="List the rule packs: built in, and installed with pip (extends: [NAME]).")
    p.add_argument("--format", choices=("text", "json"), default="text")
    args = p.parse_args(argv)
    from ..config.packs import Pack, all_packs
    from ..config.rules import load_rule_paths

    rows = []
    for pack in all_packs():
        if isinstance(pack, Pack):
            rows.append({
                "name": pack.name, "version": pack.version, "source": "built in" if pack.builtin else pack.dist,
                "rules": len(load_rule_paths([pack.folder])), "folder": str(pack.folder), "docs_url": pack.docs_url,
                "problem": None,
            })
        else:
            rows.append({"name": pack.name, "version": pack.version, "source": pack.dist, "rules": None, "folder": None,
                         "docs_url": None, "problem": pack.reason})
    if args.format == "json":
        import json

        json.dump(rows, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        headers = ("pack", "version", "from", "rules", "folder")
        table = [(r["name"], r["version"], r["source"], "-" if r["rules"] is None else str(r["rules"]),
                  r["folder"] or f"cannot be used: {r['problem']}") for r in rows]
        widths = [max(len(h), *(len(row[i]) for row in table)) for i, h in enumerate(headers)]
        print("  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip())
        for row in table:
            print("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())
    return EXIT_ERROR if any(r["problem"] for r in rows) else EXIT_OK
