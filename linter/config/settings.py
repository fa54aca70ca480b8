"""The project config and the rule set it resolves to.

``.contentlint.yaml`` (or ``[tool.contentlint]`` in ``pyproject.toml``), found in
the linted file's folder or the nearest folder above it:

    extends: [health, ../shared/contentlint.yaml]   # packs, config files, rule folders
    rule_files: [house-rules/]       # more rule files or folders, relative to this file
    select: [claim-*, no-dose-numbers]   # only these rules (ids or globs); default: all
    ignore: [readability-*]              # never these
    rules:                           # per-rule settings: severity, enabled, scope,
      no-dose-numbers:               # message, and the kind's own options
        severity: warning
        units: [mg, g]
    exclude: ["drafts/**"]           # gitignore-style patterns, relative to this file
    per_file_ignores:
      "legacy/**": [claim-needs-citation]
    min_severity: warning            # findings below are not reported
    require_suppression_reason: true # a suppression comment needs "-- reason"
    docs_url: https://example.org/contentlint/   # where `contentlint docs` output is served

A config that ``extends`` another config file is layered on top of it: lists of
rule files, excludes and per-file ignores add up, rule settings merge per rule,
and single values (select, ignore, min_severity ...) of the extending file win.
Every value remembers the file and line it came from (``contentlint config``).
"""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path

from ..errors import ConfigError
from ..fields import Field
from ..findings import SEVERITIES, SEVERITY_RANK
from ..record import Record
from ..yamlfile import MAX_DEPTH, load_yaml, load_yaml_cached, position, read_config_bytes, remember_yaml, text_problem
from .packs import DEFAULT_PACKS, find_pack, looks_like_pack as _looks_like_pack, nearest_pack, pack_dir, pack_names
from .schema import validate

# A config chain longer than any real one (a site config extending a team's, which
# extends an organisation's ...); the cap keeps a crafted web of configs small.
MAX_CONFIGS = 50

CONFIG_NAMES = (".contentlint.yaml", ".contentlint.yml")

def _url_problem(value) -> str | None:
    if not re.match(r"^(?:https?|file)://\S+$", value):
        return "must be an absolute URL (https://..., http://... or file://...)"
    return None


CONFIG_FIELDS = {
    "extends": Field("str-or-list", default=None, doc="built-in packs, config files or rule folders to start from (default: health)"),
    "rule_files": Field("str-or-list", default=[], doc="extra rule files or folders, relative to the config file"),
    "select": Field("str-or-list", default=None, doc="only rules whose id matches one of these (ids or globs like claim-*)"),
    "ignore": Field("str-or-list", default=[], doc="rules never to run (ids or globs)"),
    "rules": Field("map", default=None, doc="per-rule settings: severity, enabled, scope, message, kind options"),
    "exclude": Field("str-or-list", default=[], doc="gitignore-style patterns of files not to lint"),
    "per_file_ignores": Field("map", default=None, doc="pattern -> rule ids or globs not to run on matching files"),
    "min_severity": Field("str", default=None, choices=SEVERITIES, doc="findings below this severity are not reported"),
    "require_suppression_reason": Field("bool", default=None, doc="suppression comments must give a reason after ' -- '"),
    "docs_url": Field("str", default=None, check=_url_problem,
                      doc="base URL of the rule pages (a site made by contentlint docs): links in SARIF, the HTML report, editors"),
}
RULE_SETTING_KEYS = ("severity", "enabled", "scope", "message")


class Value(Record):
    """A config value and where it was set."""

    __slots__ = FIELDS = ("value", "origin")

    def __init__(self, value, origin: str):
        self.value = value
        self.origin = origin  # "path:line" or "default"


class IdRef(Record):
    """A rule id or glob written in a config file, and where: checked against the
    rules the config loads (a typo in ``select`` would turn every rule off)."""

    __slots__ = FIELDS = ("value", "where", "path", "line", "col", "glob_ok")

    def __init__(self, value: str, where: str, path: str, line: int | None, col: int | None, glob_ok: bool = True):
        self.value = value
        self.where = where  # "'select'", "per_file_ignores['legal/**']", ...
        self.path = path
        self.line = line
        self.col = col
        self.glob_ok = glob_ok  # select, ignore and per-file ignores take globs; 'rules' keys are ids


def _refs(node, key, where: str, spath: str) -> list[IdRef]:
    """The ids of ``node[key]`` (a string or a list of strings), each with its position."""
    value = node[key]
    if isinstance(value, list):
        return [IdRef(str(item), where, spath, *position(value, i)) for i, item in enumerate(value)]
    return [IdRef(str(value), where, spath, *position(node, key))]


class Config(Record):
    FIELDS = (
        "path", "root", "packs", "rule_files", "select", "ignore", "rule_settings", "exclude", "per_file_ignores",
        "min_severity", "require_suppression_reason", "docs_url", "chain", "yaml_pending", "id_refs",
    )

    def __init__(self, path: str | None, root: Path):
        self.path = path
        self.root = root
        self.packs: list = []  # Value(pack name or rule path)
        self.rule_files: list = []  # Value(Path)
        self.select: Value | None = None
        self.ignore: list = []  # Value(glob)
        self.rule_settings: dict = {}  # id -> {key: Value}
        self.exclude: list = []  # Value((root, pattern))
        self.per_file_ignores: list = []  # Value((root, pattern, [globs]))
        self.min_severity = Value("info", "default")
        self.require_suppression_reason = Value(False, "default")
        self.docs_url = Value(None, "default")  # base URL of rule pages; None: each pack's own
        self.chain: list = []  # config files, base first
        self.yaml_pending: list = []  # (cache key, parsed data) to cache when valid
        self.id_refs: list = []  # IdRef: every rule id or glob the config files name

    # -- per-file decisions ------------------------------------------------------
    def excluded(self, path: str) -> bool:
        return _matches_any(path, [v.value for v in self.exclude])

    def rule_active(self, rule_id: str, path: str | None = None) -> bool:
        if self.select is not None and not _id_matches(rule_id, self.select.value):
            return False
        if _id_matches(rule_id, [v.value for v in self.ignore]):
            return False
        if path is not None:
            for v in self.per_file_ignores:
                root, pattern, ids = v.value
                if _id_matches(rule_id, ids) and _matches_any(path, [(root, pattern)]):
                    return False
        return True

    def reported(self, severity: str) -> bool:
        return SEVERITY_RANK[severity] >= SEVERITY_RANK[self.min_severity.value]


def _id_matches(rule_id: str, globs) -> bool:
    return any(rule_id == g or fnmatch.fnmatchcase(rule_id, g) for g in globs)


def _matches_any(path: str, rooted_patterns) -> bool:
    """gitignore-style match of ``path`` against (root, pattern) pairs."""
    if not rooted_patterns:
        return False
    from .paths import matches

    return matches(path, rooted_patterns)


def find_config(start: Path) -> Path | None:
    """The nearest .contentlint.yaml, or pyproject.toml with [tool.contentlint]."""
    start = start.resolve()
    for d in (start, *start.parents):
        for name in CONFIG_NAMES:
            p = d / name
            if p.is_file():
                return p
        pp = d / "pyproject.toml"
        if pp.is_file() and _pyproject_section(pp) is not None:
            return pp
    return None


def _pyproject_section(path: Path):
    import tomllib

    try:
        text = read_config_bytes(path).decode("utf-8")
    except UnicodeDecodeError:
        return None
    problem = text_problem(text)
    if problem:
        raise ConfigError(problem.replace("YAML", "TOML"), str(path))
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", str(path)) from None
    except RecursionError:  # nesting hidden from text_problem (brackets inside strings)
        raise ConfigError(f"TOML nested too deeply (more than {MAX_DEPTH} levels); refused", str(path)) from None
    tool = data.get("tool", {})
    return tool.get("contentlint") if isinstance(tool, dict) else None


def _read(path: Path, pending: list, store):
    if path.name == "pyproject.toml":
        section = _pyproject_section(path)
        if section is None:
            raise ConfigError("no [tool.contentlint] table", str(path))
        return section
    data, key = load_yaml_cached(path, store)
    pending.append((key, data))
    return {} if data is None else data


def load_config(path: Path | None, cwd: Path | None = None, store=None) -> Config:
    if path is None:
        config = Config(path=None, root=(cwd or Path.cwd()).resolve())
        config.packs = [Value(p, "default") for p in DEFAULT_PACKS]
        return config
    pending: list = []  # parsed config files, cached once the whole config proved valid
    config = _load_chain(_resolve(Path(path), str(path)), [], pending, {}, store)
    config.yaml_pending = pending
    return config


def _resolve(path: Path, where: str, line=None, col=None) -> Path:
    try:
        return path.resolve()
    except (RuntimeError, OSError) as exc:  # RuntimeError: a symlink loop
        reason = "a symbolic link loop" if isinstance(exc, RuntimeError) else (exc.strerror or str(exc))
        raise ConfigError(f"cannot resolve '{path}': {reason}", where, line, col) from None


def shown_path(path) -> str:
    """A path in a message: relative to the working directory when under it."""
    import os

    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive
        return str(path)
    return str(path) if rel.startswith("..") else rel


def _origin(path: Path, node, key) -> str:
    line, _ = position(node, key, of_key=True) if isinstance(node, dict) else (None, None)
    return f"{path}:{line}" if line else str(path)


def _load_chain(path: Path, stack: list[Path], pending: list, loaded: dict, store=None) -> Config:
    """The config at ``path`` layered on what it extends. ``loaded`` holds every
    config of this chain already built, so a file extended from several places is
    read once (a web of configs each extending the next twice would otherwise be
    read exponentially often), and at most MAX_CONFIGS files make a chain."""
    if path in stack:  # (a cycle is caught at its 'extends' item below; this is the guard)
        cycle = " -> ".join(shown_path(p) for p in [*stack, path])
        raise ConfigError(f"'extends' makes a cycle: {cycle}", str(stack[-1]))
    if path in loaded:
        return loaded[path]
    if len(loaded) >= MAX_CONFIGS:
        raise ConfigError(f"'extends' reaches more than {MAX_CONFIGS} config files; refused", str(stack[-1]) if stack else str(path))
    loaded[path] = None  # counted from here on; replaced by the built config below
    spath = str(path)
    data = _read(path, pending, store)
    values = validate(data, CONFIG_FIELDS, spath, "the config")
    root = path.parent

    config = Config(path=spath, root=root)
    extends = values["extends"]
    if extends is None:
        extends = list(DEFAULT_PACKS)
        ext_origin = "default"
    else:
        ext_origin = _origin(path, data, "extends")
    node = data.get("extends") if isinstance(data, dict) else None
    for i, item in enumerate(extends):
        line, col = position(node, i) if isinstance(node, list) else position(data, "extends")
        try:
            pack = find_pack(item)
        except ValueError as exc:
            raise ConfigError(f"'extends': {exc}", spath, line, col) from None
        if pack is not None:
            config.packs.append(Value(pack.name, ext_origin))
            continue
        target = _resolve(root / item, spath, line, col)
        if not target.exists():
            meant = nearest_pack(item)
            hint = (f"; did you mean the pack '{meant}'?" if meant
                    else f"; if it is a pack: pip install {item}" if _looks_like_pack(item) else "")
            raise ConfigError(
                f"'extends' names '{item}', which is neither a pack ({', '.join(pack_names())} or an installed one; "
                f"contentlint packs lists them) nor a file{hint}",
                spath,
                line,
                col,
            )
        if target == path or target in stack:
            cycle = " -> ".join(shown_path(p) for p in [*stack, path, target])
            raise ConfigError(f"'extends' makes a cycle: {cycle}", spath, line, col)
        if target in loaded or (target.is_file() and _is_config_file(target)):
            base = _load_chain(target, [*stack, path], pending, loaded, store)
            _layer(config, base)
        else:
            config.rule_files.append(Value(target, ext_origin))
    config.chain.append(spath)

    for item in values["rule_files"]:
        line, col = position(data, "rule_files")
        p = _resolve(root / item, spath, line, col)
        if not p.exists():
            raise ConfigError(f"rule file or folder '{item}' not found (relative to {root})", spath, line, col)
        config.rule_files.append(Value(p, _origin(path, data, "rule_files")))
    if values["select"] is not None:
        config.select = Value(list(values["select"]), _origin(path, data, "select"))
        config.id_refs += _refs(data, "select", "'select'", spath)
    config.ignore += [Value(g, _origin(path, data, "ignore")) for g in values["ignore"]]
    if values["ignore"]:
        config.id_refs += _refs(data, "ignore", "'ignore'", spath)
    config.exclude += [Value((root, p), _origin(path, data, "exclude")) for p in values["exclude"]]
    if values["per_file_ignores"] is not None:
        node = data["per_file_ignores"]
        for pattern in node:
            ids = validate({"ids": node[pattern]}, {"ids": Field("str-or-list")}, spath, f"per_file_ignores['{pattern}']")["ids"]
            config.per_file_ignores.append(Value((root, str(pattern), ids), _origin(path, node, pattern)))
            config.id_refs += _refs(node, pattern, f"per_file_ignores['{pattern}']", spath)
    for key in ("min_severity", "require_suppression_reason", "docs_url"):
        if values[key] is not None:
            setattr(config, key, Value(values[key], _origin(path, data, key)))
    if values["rules"] is not None:
        node = data["rules"]
        for rid in node:
            setting = node[rid]
            if not isinstance(setting, dict):
                line, col = position(node, rid)
                hint = " (to turn it off: 'enabled: false')" if setting in (False, "off", "false", "no", "disabled") else ""
                raise ConfigError(f"settings of rule '{rid}' must be a mapping of severity, enabled, scope, message and "
                                  f"the kind's options{hint}", spath, line, col)
            entry = config.rule_settings.setdefault(str(rid), {})
            for key in setting:
                entry[str(key)] = Value(setting[key], _origin(path, setting, key))
            entry.setdefault("__node__", Value((setting, spath), _origin(path, node, rid)))
            config.id_refs.append(IdRef(str(rid), "'rules'", spath, *position(node, rid, of_key=True), glob_ok=False))
    loaded[path] = config
    return config


def _is_config_file(path: Path) -> bool:
    """A file in ``extends`` is a config file (not a rule file) when it is a
    pyproject.toml or a YAML mapping without ``id`` whose ``rules`` is not a list."""
    if path.name == "pyproject.toml":
        return True
    if path.suffix not in (".yaml", ".yml"):
        return False
    data = load_yaml(path)
    if not isinstance(data, dict) or "id" in data:
        return False
    return not isinstance(data.get("rules"), list)


def _layer(config: Config, base: Config) -> None:
    """Put ``base`` under ``config`` (called before config's own values are added)."""
    config.packs = _unique(base.packs + config.packs)
    config.rule_files = _unique(base.rule_files + config.rule_files)
    config.select = base.select
    config.ignore = list(base.ignore)
    config.exclude = list(base.exclude)
    config.per_file_ignores = list(base.per_file_ignores)
    config.min_severity = base.min_severity
    config.require_suppression_reason = base.require_suppression_reason
    config.docs_url = base.docs_url
    config.rule_settings = {k: dict(v) for k, v in base.rule_settings.items()}
    config.chain = list(dict.fromkeys(base.chain + config.chain))
    config.id_refs = list(base.id_refs)


def _unique(values: list) -> list:
    """Values named more than once (two bases extending the same pack) kept once,
    where first named: lists that would double with every layer stay small."""
    seen = set()
    out = []
    for v in values:
        if v.value not in seen:
            seen.add(v.value)
            out.append(v)
    return out


def resolve_rules(config: Config, store=None):
    """Load every rule the config asks for, apply its settings, refuse duplicates.
    ``store`` keeps what building them costs (``linter.store``; none: only the
    built-in packs' shipped entries)."""
    from .rules import load_rule_paths

    paths = [pack_dir(v.value) for v in config.packs] + [v.value for v in config.rule_files]
    paths = list(dict.fromkeys(Path(p).resolve() for p in paths))  # a pack named twice loads once
    rules = load_rule_paths(paths, store)
    seen = {}
    for r in rules:
        if r.id in seen:
            other = seen[r.id]
            raise ConfigError(f"rule id '{r.id}' is defined twice (also at {shown_path(other.path)}:{other.line})", r.path, r.line)
        seen[r.id] = r
    check_rule_ids(config, list(seen))
    for rid, entry in config.rule_settings.items():
        node, spath = entry["__node__"].value
        seen[rid] = with_settings(seen[rid], node, spath, {k: v.origin for k, v in entry.items() if k != "__node__"})
    rules = [seen[r.id] for r in rules]
    for key, data in config.yaml_pending:  # the whole config proved valid: cache its files
        remember_yaml(key, data, store)
    config.yaml_pending = []
    return rules


def check_rule_ids(config: Config, rule_ids: list[str]) -> None:
    """Every id a config names must be a loaded rule's (or one of contentlint's
    own findings'), and every glob must match one: a typo is an error with a
    suggestion, never a rule silently off (``select: [no-dose-number]`` would
    turn off every rule) or silently on."""
    from ..findings import BUILTIN_IDS

    known = [*rule_ids, *BUILTIN_IDS]
    for ref in config.id_refs:
        value = ref.value
        is_glob = ref.glob_ok and any(c in value for c in "*?[")
        if value in rule_ids or (ref.glob_ok and value in known) or (is_glob and any(fnmatch.fnmatchcase(k, value) for k in known)):
            continue
        if is_glob and value.endswith("*") and not any(c in value[:-1] for c in "*?["):
            # a prefix glob ('clam-*'): suggest a prefix of an id that is close
            candidates = sorted({k[:i] + "*" for k in known for i in range(1, len(k))})
        else:
            candidates = known if ref.glob_ok else rule_ids
        import difflib  # only for a mistake's hint: every run checks the ids

        hint = difflib.get_close_matches(value, candidates, n=1)
        if ref.where == "'rules'":
            message = f"'rules' sets '{value}', but no loaded rule has that id"
        elif is_glob:
            message = f"'{value}' in {ref.where} matches no rule id"
        else:
            message = f"'{value}' in {ref.where} is not a rule id"
        raise ConfigError(message + (f"; did you mean '{hint[0]}'?" if hint else ""), ref.path, ref.line, ref.col)


def source_files(config: Config) -> list[Path]:
    """Every file the resolved rule set is built from (for cache keys)."""
    files = [Path(p) for p in config.chain]
    for item in [pack_dir(v.value) for v in config.packs] + [v.value for v in config.rule_files]:
        p = Path(item)
        files += sorted([*p.glob("*.yaml"), *p.glob("*.yml")]) if p.is_dir() else [p]
    return files


def with_settings(rule, node, spath: str, origins: dict):
    """The rule as a config's per-rule settings make it: common keys, and the
    kind's options (validated like a rule file); ``origins`` says where each
    setting came from. The new rule's check is built, when used, with the
    store the rule was loaded with."""
    from ..kinds import check_class
    from ..kinds.base import Scope, scope_problem
    from .rules import check_template, not_blank

    cls = check_class(rule.kind)
    fields = {
        "severity": Field("str", choices=SEVERITIES),
        "enabled": Field("bool"),
        "scope": Field("str-or-list", check=scope_problem),
        "message": Field("str", check=not_blank),
        **cls.OPTIONS,
    }
    what = f"settings of rule '{rule.id}'"
    values = validate(node, {k: Field(f.type, default=None, choices=f.choices, items=f.items, check=f.check) for k, f in fields.items()}, spath, what)
    changes: dict = {"origins": origins}
    for key in ("severity", "enabled"):
        if values[key] is not None:
            changes[key] = values[key]
    if values["message"] is not None:
        check_template(values["message"], cls, node, spath, what)
        changes["message"] = values["message"]
    options = {k: values[k] for k in cls.OPTIONS if values[k] is not None}
    if options or values["scope"] is not None:
        merged = {**rule.options, **options}
        problem = getattr(cls, "validate", lambda o: None)(merged)
        if problem:
            line, col = position(node)
            raise ConfigError(f"{what}: {problem}", spath, line, col)
        changes["options"] = merged
        changes["scope"] = Scope.of(values["scope"]) if values["scope"] is not None else rule.scope
    return rule.replace(**changes)
