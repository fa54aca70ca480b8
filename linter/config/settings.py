"""The project config, ``.contentlint.yaml``, and the rule set it resolves to.

    extends: [health]            # built-in packs, or paths to other rule folders/files
    rule_files: [house-rules/]   # more rule files or folders, relative to this file
    rules:                       # per-rule settings
      no-dose-numbers: {severity: warning}
      medical-disclaimer: {enabled: false}
    exclude: ["drafts/**", "**/CHANGELOG.md"]

Found by looking in the working directory and then upward; ``--config`` names
one. With no config, the ``health`` pack applies.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError
from ..findings import SEVERITIES
from .packs import DEFAULT_PACKS, pack_dir, pack_names
from .schema import Field, validate
from .yamlfile import load_yaml, position

CONFIG_NAMES = (".contentlint.yaml", ".contentlint.yml")

CONFIG_FIELDS = {
    "extends": Field("str-or-list", default=list(DEFAULT_PACKS), doc="built-in packs or rule paths to start from"),
    "rule_files": Field("str-or-list", default=[], doc="extra rule files or folders"),
    "rules": Field("map", default=None, doc="per-rule severity and enabled"),
    "exclude": Field("str-or-list", default=[], doc="glob patterns of files not to lint"),
}
RULE_SETTING_FIELDS = {
    "severity": Field("str", default=None, choices=SEVERITIES),
    "enabled": Field("bool", default=None),
}


@dataclass
class Config:
    path: str | None
    root: Path
    extends: list = field(default_factory=lambda: list(DEFAULT_PACKS))
    rule_files: list = field(default_factory=list)
    rule_settings: dict = field(default_factory=dict)  # id -> (values, line, col)
    exclude: list = field(default_factory=list)


def find_config(start: Path) -> Path | None:
    start = start.resolve()
    for d in (start, *start.parents):
        for name in CONFIG_NAMES:
            p = d / name
            if p.is_file():
                return p
    return None


def load_config(path: Path | None, cwd: Path | None = None) -> Config:
    if path is None:
        return Config(path=None, root=(cwd or Path.cwd()).resolve())
    spath = str(path)
    data = load_yaml(spath)
    if data is None:
        data = {}
    values = validate(data, CONFIG_FIELDS, spath, "the config")
    settings = {}
    if values["rules"] is not None:
        node = data["rules"]
        for rid in node:
            what = f"settings of rule '{rid}'"
            settings[str(rid)] = (validate(node[rid], RULE_SETTING_FIELDS, spath, what), *position(node, rid, of_key=True))
    return Config(
        path=spath,
        root=Path(spath).resolve().parent,
        extends=values["extends"],
        rule_files=values["rule_files"],
        rule_settings=settings,
        exclude=values["exclude"],
    )


def resolve_rules(config: Config):
    """Load every rule the config asks for, apply its settings, refuse duplicates."""
    from .rules import load_rule_paths

    paths = []
    for item in config.extends:
        d = pack_dir(item)
        if d is not None:
            paths.append(d)
            continue
        p = (config.root / item)
        if not p.exists():
            raise ConfigError(
                f"'extends' names '{item}', which is neither a built-in pack ({', '.join(pack_names())}) nor a file",
                config.path,
            )
        paths.append(p)
    for item in config.rule_files:
        p = config.root / item
        if not p.exists():
            raise ConfigError(f"rule file or folder '{item}' not found (relative to {config.root})", config.path)
        paths.append(p)
    rules = load_rule_paths(paths)
    seen = {}
    for r in rules:
        if r.id in seen:
            other = seen[r.id]
            raise ConfigError(f"rule id '{r.id}' is defined twice (also at {other.path}:{other.line})", r.path, r.line)
        seen[r.id] = r
    for rid, (values, line, col) in config.rule_settings.items():
        if rid not in seen:
            raise ConfigError(f"'rules' sets '{rid}', but no loaded rule has that id", config.path, line, col)
        rule = seen[rid]
        if values["severity"] is not None:
            rule.severity = values["severity"]
        if values["enabled"] is not None:
            rule.enabled = values["enabled"]
    return rules
