"""``contentlint explain RULE``: what a rule checks, why, how to fix, its examples."""

from __future__ import annotations

from pathlib import Path

from ..errors import UserError
from .common import EXIT_OK, display_path, load, parser


def run(argv: list[str]) -> int:
    p = parser(prog="contentlint explain", description="Explain a rule.")
    p.add_argument("rule")
    p.add_argument("--config", metavar="FILE")
    args = p.parse_args(argv)
    config, rules = load(args.config, Path.cwd())
    for r in rules:
        if r.id == args.rule:
            from ..docsite import rule_url
            from ..rule import description_text

            print(f"{r.id} ({r.kind}, {r.severity})  from {display_path(r.path)}")
            print()
            print(description_text(r.description) or "(no description)")
            for key, title in (("fail", "Gives a finding"), ("pass", "Fine")):
                if r.examples.get(key):
                    print(f"\n{title}:")
                    for ex in r.examples[key]:
                        print("  " + ex["text"].replace("\n", "\n  "))
            url = rule_url(r, config.docs_url.value)
            if url:
                print(f"\nMore: {url}")
            return EXIT_OK
    from ..findings import BUILTIN_EXPLAINED

    if args.rule in BUILTIN_EXPLAINED:
        severity, what = BUILTIN_EXPLAINED[args.rule]
        print(f"{args.rule} ({severity})  reported by contentlint itself, not by a rule file; select or ignore it by id in the config")
        print()
        print(what)
        return EXIT_OK
    from ..errors import nearest

    hint = nearest(args.rule, [r.id for r in rules] + list(BUILTIN_EXPLAINED))
    raise UserError(f"no rule '{args.rule}'" + (f"; did you mean '{hint}'?" if hint else ""))
