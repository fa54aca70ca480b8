"""``contentlint config [PATH]``: the resolved config for a file, and where each
value came from."""

from __future__ import annotations

import sys
from pathlib import Path

from ..filters import Active
from .common import EXIT_OK, display_path, parser, relative, resolver


def run(argv: list[str]) -> int:
    p = parser(prog="contentlint config", description="Show the resolved config for a file, and where each value came from.")
    p.add_argument("path", nargs="?", default=".", help="a file or folder (default: .)")
    p.add_argument("--config", metavar="FILE")
    p.add_argument("--format", choices=("text", "json"), default="text")
    args = p.parse_args(argv)
    target = Path(args.path)
    setup = resolver(args.config).for_dir(target if target.is_dir() else target.parent)
    config, rules = setup.config, setup.rules
    probe = args.path if not target.is_dir() else str(target / "_.md")

    def where(origin: str) -> str:
        if origin == "default":
            return "default"
        path, _, line = origin.rpartition(":")
        return f"{relative(path)}:{line}" if line.isdigit() else relative(origin)

    data = {
        "config": [relative(c) for c in config.chain] or None,
        "packs": [{"value": v.value, "from": where(v.origin)} for v in config.packs],
        "rule_files": [{"value": relative(str(v.value)), "from": where(v.origin)} for v in config.rule_files],
        "select": None if config.select is None else {"value": config.select.value, "from": where(config.select.origin)},
        "ignore": [{"value": v.value, "from": where(v.origin)} for v in config.ignore],
        "exclude": [{"value": v.value[1], "from": where(v.origin)} for v in config.exclude],
        "per_file_ignores": [{"value": {v.value[1]: v.value[2]}, "from": where(v.origin)} for v in config.per_file_ignores],
        "min_severity": {"value": config.min_severity.value, "from": where(config.min_severity.origin)},
        "require_suppression_reason": {
            "value": config.require_suppression_reason.value,
            "from": where(config.require_suppression_reason.origin),
        },
        "docs_url": None if config.docs_url.value is None else {"value": config.docs_url.value, "from": where(config.docs_url.origin)},
        "excluded": config.excluded(probe) if not target.is_dir() else None,
        "rules": [
            {
                "id": r.id,
                "kind": r.kind,
                "severity": r.severity,
                "active": Active(config, probe).rule(r),
                "defined_in": f"{display_path(r.path)}:{r.line}",
                "changed_by": {k: where(v) for k, v in r.origins.items()},
            }
            for r in rules
        ],
    }
    if args.format == "json":
        import json

        json.dump(data, sys.stdout, indent=2, default=str)
        sys.stdout.write("\n")
        return EXIT_OK
    print(f"config files: {', '.join(data['config']) if data['config'] else '(none: built-in defaults)'}")
    for key in ("packs", "rule_files", "ignore", "exclude", "per_file_ignores"):
        for item in data[key]:
            print(f"{key}: {_yaml_value(item['value'])}  ({item['from']})")
    for key in ("select", "min_severity", "require_suppression_reason", "docs_url"):
        if data[key] is not None:
            print(f"{key}: {_yaml_value(data[key]['value'])}  ({data[key]['from']})")
    if data["excluded"]:
        print(f"{args.path} is excluded by this config")
    print("rules:")
    for r in data["rules"]:
        changed = "; ".join(f"{k} from {v}" for k, v in r["changed_by"].items())
        state = "on" if r["active"] else "off"
        print(f"  {r['id']:<28} {state:<3} {r['severity']:<7} {r['kind']:<15} {r['defined_in']}" + (f"  [{changed}]" if changed else ""))
    return EXIT_OK


def _yaml_value(value) -> str:
    """A setting as the config file writes it (YAML's flow style: ``true``,
    ``[a, b]``, ``{glob: [rule]}``), not as Python prints it."""
    import json

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_yaml_value(k)}: {_yaml_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_yaml_value(v) for v in value) + "]"
    text = str(value)
    if isinstance(value, (int, float)):
        return text
    # plain when YAML reads it back as the same string (not a number, a date,
    # true, or a syntax error), else double-quoted
    if text and "\n" not in text and "\t" not in text and not any(c in text for c in "{}[],"):  # flow syntax in a flow collection
        from ruamel.yaml import YAML

        try:
            if YAML(typ="safe").load(text) == text:
                return text
        except Exception:  # noqa: BLE001 - any YAML error: not plain
            pass
    return json.dumps(text, ensure_ascii=False)
