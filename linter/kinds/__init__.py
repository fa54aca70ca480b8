"""Rule kinds: one module each. Imported only when a rule of that kind is loaded,
so a run pays for the kinds it uses."""

from __future__ import annotations

import importlib

KINDS = {
    "pattern": ("linter.kinds.pattern", "PatternCheck"),
    "quantity": ("linter.kinds.quantity", "QuantityCheck"),
    "claim-citation": ("linter.kinds.claim_citation", "ClaimCitationCheck"),
    "required": ("linter.kinds.required", "RequiredCheck"),
    "substitution": ("linter.kinds.substitution", "SubstitutionCheck"),
    "occurrence": ("linter.kinds.occurrence", "OccurrenceCheck"),
    "conditional": ("linter.kinds.conditional", "ConditionalCheck"),
    "capitalization": ("linter.kinds.capitalization", "CapitalizationCheck"),
    "front-matter": ("linter.kinds.front_matter", "FrontMatterCheck"),
    "links": ("linter.kinds.links", "LinksCheck"),
    "readability": ("linter.kinds.readability", "ReadabilityCheck"),
    "language": ("linter.kinds.language", "LanguageCheck"),
}


def check_class(kind: str):
    module, name = KINDS[kind]
    return getattr(importlib.import_module(module), name)
