"""``contentlint init``: write a commented starter ``.contentlint.yaml``."""

from __future__ import annotations

from pathlib import Path

from ..errors import UserError
from .common import EXIT_OK, parser

STARTER_CONFIG = """\
# contentlint configuration. Docs: the README; editors can validate this file with
# the JSON Schema shipped in the package (contentlint schema config).
extends: [health]          # the built-in pack: claims, dose numbers, disclaimers

# More rules of your own (YAML files or folders), relative to this file:
# rule_files: [contentlint-rules/]

# Only some rules, or none of some (ids or globs):
# select: [claim-needs-citation, no-dose-numbers]
# ignore: [medical-disclaimer]

# Per-rule settings: severity, enabled, scope, message and the kind's options.
rules:
  no-dose-numbers:
    severity: error
  # claim-needs-citation:
  #   threshold: 0.6              # claim probability from 0 to 1: higher, fewer findings
  #   exempt_terms: [in our trial]
  #   # a list option replaces the pack's list: repeat the domains you keep
  #   # (the pack's list: citation_domains in the rule file that contentlint rules names)
  #   citation_domains: [pubmed.ncbi.nlm.nih.gov, doi.org, nih.gov, cdc.gov, who.int, your-journal.org]

# Files not to lint, and rules not to run on some files (gitignore-style patterns):
exclude: ["node_modules/", "drafts/**"]
# per_file_ignores:
#   "legal/**": [claim-needs-citation]

# Report only findings at or above this severity (info, warning, error):
# min_severity: warning

# Suppression comments (<!-- contentlint-disable-next-line RULE -- reason -->) must give a reason:
require_suppression_reason: true
"""


def run(argv: list[str]) -> int:
    p = parser(prog="contentlint init", description="Write a commented starter .contentlint.yaml, or with --pack the skeleton of a rule pack.")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p.add_argument("--pack", metavar="NAME", help="write NAME/, the skeleton of a rule pack to publish (see its README.md)")
    args = p.parse_args(argv)
    if args.pack is not None:
        from ..pack_skeleton import write_skeleton

        files = write_skeleton(args.pack, Path("."))
        print(f"wrote {args.pack}/ ({len(files)} files); next steps: {args.pack}/README.md")
        return EXIT_OK
    target = Path(".contentlint.yaml")
    if target.exists() and not args.force:
        raise UserError(f"{target} already exists (use --force to overwrite)")
    target.write_text(STARTER_CONFIG, encoding="utf-8")
    print(f"wrote {target}")
    return EXIT_OK
