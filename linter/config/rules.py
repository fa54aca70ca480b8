"""Loading rule files: YAML -> validated Rule objects.

A rule file holds one rule (a mapping with ``id``) or several (a mapping with a
``rules:`` list). Every mistake is a ConfigError naming file:line:col.
"""

from __future__ import annotations

import os
import re
import string
from pathlib import Path

from ..errors import ConfigError
from ..fields import Field
from ..findings import BUILTIN_IDS, SEVERITIES
from ..kinds import KINDS, check_class
from ..kinds.base import ALL_SCOPES, Scope, scope_problem
from ..matching import Compiler
from ..rule import Rule
from ..store import Store
from ..yamlfile import load_yaml_cached, position, remember_yaml
from .schema import check_field, validate

RULE_ID = r"^[a-z0-9][a-z0-9._-]*$"


def _id_check(value: str) -> str | None:
    if not re.match(RULE_ID, value):
        return "must be lowercase letters, digits, '-', '_' or '.' (e.g. no-dose-numbers)"
    if value in BUILTIN_IDS:
        # ignore, per-file ignores, suppressions and baselines name findings by id:
        # a rule of that id could not be told from contentlint's own findings
        return f"'{value}' is the id of contentlint's own findings ({', '.join(BUILTIN_IDS)}); choose another"
    return None


def not_blank(value: str) -> str | None:
    """A message with no text would print a finding that says nothing."""
    return None if value.strip() else "must not be empty"


COMMON_FIELDS = {
    "id": Field("str", required=True, check=_id_check, doc="unique rule id, kebab-case"),
    "kind": Field("str", required=True, choices=tuple(KINDS), doc="what the rule checks"),
    "severity": Field("str", default="warning", choices=SEVERITIES),
    "message": Field("str", required=True, check=not_blank, doc="shown for each finding; may quote {match} and kind fields"),
    "description": Field("str", default="", doc="why the rule exists and how to fix a finding"),
    "scope": Field("str-or-list", default=None, check=scope_problem, doc="where the rule looks: " + ", ".join(ALL_SCOPES) + ", front_matter.KEY"),
    "enabled": Field("bool", default=True),
    "examples": Field("map", default=None, doc="fail: texts that must give a finding; pass: texts that must not"),
}


def load_rule_file(path: str | Path, store: Store | None = None) -> list[Rule]:
    """Rules of one file; loaded once per process and store while the file is
    unchanged (several configs may extend the same pack, and share its Rules,
    which are immutable). ``store`` keeps what building them costs (see
    ``linter.store``)."""
    path = str(path)
    try:
        st = os.stat(path)
        key = (path, st.st_mtime_ns, st.st_size, store)
    except OSError:
        key = None
    if key is not None and key in _CACHE:
        return _CACHE[key]
    rules = _load_rule_file(path, store)
    if key is not None:
        _CACHE[key] = rules
    return rules


_CACHE: dict = {}


def _load_rule_file(path: str, store: Store | None = None) -> list[Rule]:
    store = store if store is not None else Store()
    data, cache_key = load_yaml_cached(path, store)
    rules = _rules_from(data, path, store)
    remember_yaml(cache_key, data, store)
    return rules


def _rules_from(data, path: str, store: Store) -> list[Rule]:
    if data is None:
        raise ConfigError("rule file is empty", path)
    if isinstance(data, dict) and "rules" in data and "id" not in data:
        extra = [k for k in data if k != "rules"]
        if extra:
            line, col = position(data, extra[0], of_key=True)
            raise ConfigError(f"unknown key '{extra[0]}' beside 'rules:' in a rule file", path, line, col)
        items = data["rules"]
        if not isinstance(items, list):
            line, col = position(data, "rules")
            raise ConfigError("'rules' must be a list of rules", path, line, col)
        return [build_rule(item, path, position(items, i), store) for i, item in enumerate(items)]
    return [build_rule(data, path, store=store)]


def build_rule(node, path: str, where: tuple = (None, None), store: Store | None = None) -> Rule:
    if not isinstance(node, dict):
        line, col = position(node) if hasattr(node, "lc") else where
        raise ConfigError("a rule must be a mapping with id, kind, message ...", path, line, col)
    rid = node.get("id")
    # the id is quoted only when it looks like one (not some other file's value)
    what = f"rule '{rid}'" if isinstance(rid, str) and len(rid) <= 64 and _id_check(rid) is None else "rule"
    if "kind" not in node:
        line, col = position(node)
        raise ConfigError(f"{what} is missing the required key 'kind' (one of: {', '.join(KINDS)})", path, line, col)
    kind = check_field(node, "kind", COMMON_FIELDS["kind"], path, what)  # before the kind's own keys
    cls = check_class(kind)
    values = validate(node, {**COMMON_FIELDS, **cls.OPTIONS}, path, what, store)
    options = {k: values[k] for k in cls.OPTIONS}
    problem = getattr(cls, "validate", lambda o: None)(options)
    line, col = position(node)
    if problem:
        # at the first key the problem names that the rule has ("'terms' or 'patterns'")
        named = [k for k in re.findall(r"'([a-z_]+)'", problem) if k in node]
        pline, pcol = position(node, named[0]) if named else (line, col)
        raise ConfigError(f"{what}: {problem}", path, pline, pcol)
    check_template(values["message"], cls, node, path, what)
    scope = Scope.of(values["scope"] or cls.DEFAULT_SCOPE)
    examples = _examples(values["examples"], node, path, what)
    return Rule(
        id=values["id"],
        kind=kind,
        severity=values["severity"],
        message=values["message"],
        description=values["description"],
        scope=scope,
        options=options,
        compiler=Compiler(store),
        examples=examples,
        path=path,
        line=line or 0,
        enabled=values["enabled"],
    )


def check_template(message: str, cls, node, path: str, what: str) -> None:
    """A message template quotes fields as bare ``{name}``: a format spec or a
    conversion (``{match:>100000000}`` pads to a hundred million characters,
    ``{match!r}``) is refused, so rendering a message costs what its text costs."""
    allowed = {"match"} | set(cls.TEMPLATE_FIELDS)
    line, col = position(node, "message")
    try:
        fields = [(f, spec, conv) for _, f, spec, conv in string.Formatter().parse(message) if f is not None]
    except ValueError as exc:
        raise ConfigError(f"'message' in {what} is not a valid template: {exc}", path, line, col) from None
    for f, spec, conv in fields:
        if f not in allowed:
            raise ConfigError(
                f"'message' in {what} uses {{{f}}}; this kind offers: {', '.join('{' + a + '}' for a in sorted(allowed))}",
                path,
                line,
                col,
            )
        if spec or conv:
            raise ConfigError(
                f"'message' in {what} formats {{{f}}} with {'!' + conv if conv else ':' + spec[:20]}; "
                f"write the field bare, as {{{f}}}",
                path,
                line,
                col,
            )


_EXAMPLE_FIELDS = {
    "fail": Field("list", items="any", default=[], doc="texts that must give at least one finding"),
    "pass": Field("list", items="any", default=[], doc="texts that must give none"),
}


def _examples(node, parent, path: str, what: str) -> dict:
    if node is None:
        return {"fail": [], "pass": []}
    values = validate(node, _EXAMPLE_FIELDS, path, f"'examples' of {what}")
    out = {"fail": [], "pass": []}
    for key in ("fail", "pass"):
        for i, item in enumerate(values[key]):
            line, col = position(node[key], i)
            if isinstance(item, str):
                out[key].append({"text": item, "match": None, "line": line})
            elif isinstance(item, dict) and key == "fail" and set(item) <= {"text", "match"} and isinstance(item.get("text"), str):
                match = item.get("match")
                if match is not None and not isinstance(match, str):
                    raise ConfigError(f"'match' of an example in {what} must be a string", path, line, col)
                out[key].append({"text": item["text"], "match": match, "line": line})
            else:
                raise ConfigError(
                    f"an example under '{key}' in {what} must be a string"
                    + (" or {text: ..., match: ...}" if key == "fail" else ""),
                    path,
                    line,
                    col,
                )
    return out


def load_rule_paths(paths, store: Store | None = None) -> list[Rule]:
    """Rule files, or folders of them (``*.yaml``/``*.yml``, sorted, not recursive)."""
    rules: list[Rule] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            files = sorted([*p.glob("*.yaml"), *p.glob("*.yml")])
        else:
            files = [p]
        for f in files:
            rules.extend(load_rule_file(f, store))
    return rules
