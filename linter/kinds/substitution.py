"""substitution: a wrong term and its preferred replacement, with a fix.

    kind: substitution
    message: "Use '{replacement}' instead of '{match}'."
    swap:                      # wrong: right (terms, word-bounded, any case)
      e.g: e.g.
      utilise: use
      kratom leaf powder: kratom powder
    case_sensitive: false
    regex: false               # true: keys are regular expressions, values may use \\1

The replacement keeps the case of the first letter ("Utilise" -> "Use"). Each
finding carries a safe fix (see --fix).
"""

from __future__ import annotations

import re

from ..fields import Field
from ..findings import Fix
from ..matching import terms_regex
from .base import Check, Hit, plain_in_source


def _swap_check(value) -> str | None:
    for k, v in value.items():
        if not isinstance(k, str) or not isinstance(v, str):
            return "must map each wrong term (text) to its replacement (text)"
    return None if value else "needs at least one 'wrong: right' pair"


def _template_problem(compiled, replacement: str) -> str | None:
    """What is wrong with ``replacement`` as ``compiled``'s substitution template
    (a group it does not have, a bad escape), or None. Told with a match of an empty
    string on a pattern with the same groups: a template is checked when expanded."""
    groups = "".join(f"(?P<{name}>)" if name else "()" for name in _group_names(compiled))
    try:
        re.match(groups, "").expand(replacement)
    except (re.error, IndexError) as exc:
        return str(exc)
    return None


def _group_names(compiled) -> list:
    """Per group of ``compiled``, in order, its name or None."""
    names = [None] * compiled.groups
    for name, index in compiled.groupindex.items():
        names[index - 1] = name
    return names


class SubstitutionCheck(Check):
    OPTIONS = {
        "swap": Field("map", required=True, check=_swap_check, doc="wrong term -> preferred term"),
        "case_sensitive": Field("bool", default=False),
        "regex": Field("bool", default=False, doc="keys are regular expressions; values may use \\1 groups"),
    }
    TEMPLATE_FIELDS = frozenset({"replacement"})

    def __init__(self, options, scope, compiler=None):
        super().__init__(options, scope, compiler)
        flags = 0 if options["case_sensitive"] else re.I
        self.pairs = []
        for wrong, right in options["swap"].items():
            pattern = wrong if options["regex"] else terms_regex([wrong], case_sensitive=True)
            self.pairs.append((self.compiler.regex(pattern, flags), str(right)))

    @staticmethod
    def validate(options) -> str | None:
        if options["regex"]:
            for k, v in options["swap"].items():
                try:
                    compiled = re.compile(k)
                except re.error as exc:
                    return f"bad regular expression in 'swap': {exc.msg} at position {exc.pos}: {_quoted(k)}"
                except (OverflowError, RecursionError):
                    return f"regular expression in 'swap' is too large or nested too deeply: {k[:40]!r}"
                problem = _template_problem(compiled, str(v))
                if problem:
                    return f"bad replacement in 'swap' for {_quoted(k)}: {problem}: {_quoted(str(v))}"
        return None

    def run(self, doc):
        for block in self.scope.blocks(doc):
            taken: list[tuple[int, int]] = []
            for regex, right in self.pairs:
                for m in regex.finditer(block.text):
                    s, e = m.start(), m.end()
                    if e == s or any(a < e and s < b for a, b in taken) or not self.scope.accepts(block, s, e):
                        continue
                    taken.append((s, e))
                    replacement = m.expand(right) if self.options["regex"] else right
                    if m.group()[:1].isupper() and replacement[:1].islower():
                        replacement = replacement[:1].upper() + replacement[1:]
                    if replacement == m.group() or block.text.startswith(replacement, s):
                        continue  # already right ("e.g." when the rule swaps "e.g" -> "e.g.")
                    src_s, src_e = block.to_source(s, e)
                    fixable = plain_in_source(doc, src_s, src_e, m.group()) and not (
                        block.kind == "front_matter" and _FRONT_MATTER_SYNTAX.search(replacement))
                    fix = Fix.safe(src_s, src_e, replacement) if fixable else None
                    yield Hit(src_s, src_e, {"replacement": replacement}, fix=fix)


# characters that may end or change a YAML or TOML string (a quote, an escape, a
# comment, a key's colon, a flow collection): a replacement holding one is not
# written into front matter, where it could change what the file's data says
_FRONT_MATTER_SYNTAX = re.compile(r"[\"'\\#:\n\r{}\[\],&*!|>%@`]")


def _quoted(text: str) -> str:
    """As written in the rule file (backslashes not doubled), unless it would not print."""
    return f"'{text}'" if text.isprintable() else repr(text)
