"""JSON Schemas for rule files and config files, generated from the same Field
declarations the validator uses, so editors (yaml-language-server, VS Code) offer
completion and catch mistakes while typing. The generated files ship in the
package (linter/schemas/); a test keeps them in step with the code."""

from __future__ import annotations

import json
from pathlib import Path

from ..fields import Field
from ..kinds import KINDS, check_class

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"


def _field_schema(f: Field) -> dict:
    item = {"type": "string"} if f.items in ("str", "regex") else {}
    if f.choices is not None:
        item = {"enum": list(f.choices)}
    base = {
        "str": {"type": "string"},
        "regex": {"type": "string", "format": "regex"},
        "int": {"type": "integer"},
        "float": {"type": "number"},
        "bool": {"type": "boolean"},
        "map": {"type": "object"},
        "list": {"type": "array", "items": item},
        "str-or-list": {"anyOf": [item or {"type": "string"}, {"type": "array", "items": item or {"type": "string"}}]},
    }[f.type]
    if f.choices is not None and f.type == "str":
        base = {"enum": list(f.choices)}
    if f.doc:
        base = {**base, "description": f.doc}
    return base


def rule_schema() -> dict:
    from .rules import COMMON_FIELDS

    variants = []
    for kind in KINDS:
        cls = check_class(kind)
        fields = {**COMMON_FIELDS, **cls.OPTIONS}
        props = {name: _field_schema(f) for name, f in fields.items()}
        props["kind"] = {"const": kind}
        variants.append(
            {
                "title": kind,
                "type": "object",
                "properties": props,
                "required": [n for n, f in fields.items() if f.required],
                "additionalProperties": False,
            }
        )
    one = {"oneOf": variants}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://contentlint.invalid/schemas/rule.schema.json",
        "title": "contentlint rule file",
        "description": "One rule, or several under 'rules:'.",
        "anyOf": [
            one,
            {"type": "object", "properties": {"rules": {"type": "array", "items": one}}, "required": ["rules"], "additionalProperties": False},
        ],
    }


def config_schema() -> dict:
    from .settings import CONFIG_FIELDS

    props = {name: _field_schema(f) for name, f in CONFIG_FIELDS.items()}
    props["rules"] = {
        "type": "object",
        "description": "per-rule settings: severity, enabled, scope, message, and the options of the rule's kind",
        "additionalProperties": {
            "type": "object",
            "properties": {
                "severity": {"enum": ["error", "warning", "info"]},
                "enabled": {"type": "boolean"},
                "message": {"type": "string"},
            },
        },
    }
    props["per_file_ignores"] = {
        "type": "object",
        "description": "gitignore-style pattern -> rule ids or globs not to run on matching files",
        "additionalProperties": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://contentlint.invalid/schemas/config.schema.json",
        "title": "contentlint config (.contentlint.yaml)",
        "type": "object",
        "properties": props,
        "additionalProperties": False,
    }


def write_all(directory: Path = SCHEMA_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    out = []
    for name, schema in (("rule.schema.json", rule_schema()), ("config.schema.json", config_schema())):
        p = directory / name
        p.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        out.append(p)
    return out


if __name__ == "__main__":  # python -m linter.config.jsonschema: regenerate the shipped files
    for p in write_all():
        print(p)
