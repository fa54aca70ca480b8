"""``contentlint schema rule|config``: the JSON Schema of rule files or config
files, for editors."""

from __future__ import annotations

import sys

from .common import EXIT_OK, parser


def run(argv: list[str]) -> int:
    p = parser(prog="contentlint schema", description="Print the JSON Schema of rule files or config files.")
    p.add_argument("which", choices=("rule", "config"))
    args = p.parse_args(argv)
    from ..config.jsonschema import SCHEMA_DIR

    sys.stdout.write((SCHEMA_DIR / f"{args.which}.schema.json").read_text(encoding="utf-8"))
    return EXIT_OK
