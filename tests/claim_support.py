"""The built-in claim rule built with some of its options changed, as a user's
config would change them (``threshold``, ``exempt_terms``, ``model`` ...)."""

from __future__ import annotations

from pathlib import Path

from linter.config.rules import build_rule

RULE_FILE = Path(__file__).resolve().parents[1] / "rules" / "health" / "claim-needs-citation.yaml"


def claim_rule(**changes):
    from ruamel.yaml import YAML

    node = YAML(typ="safe").load(RULE_FILE.read_text(encoding="utf-8"))
    node.update(changes)
    return build_rule(node, str(RULE_FILE))
