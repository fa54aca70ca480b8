"""Rule kinds: one module each. Imported only when a rule of that kind is loaded,
so a run pays for the kinds it uses."""

from __future__ import annotations

import importlib

KINDS = {
    "pattern": ("linter.kinds.pattern", "PatternCheck"),
    "quantity": ("linter.kinds.quantity", "QuantityCheck"),
    "claim-citation": ("linter.kinds.claim_citation", "ClaimCitationCheck"),
    "required": ("linter.kinds.required", "RequiredCheck"),
}


def check_class(kind: str):
    module, name = KINDS[kind]
    return getattr(importlib.import_module(module), name)
