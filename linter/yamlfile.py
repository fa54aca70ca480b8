"""Reading YAML with ruamel.yaml, turning every problem into a one-line
``path:line:col: message`` and keeping each value's position for later errors."""

from __future__ import annotations

import re
from pathlib import Path

from .errors import ConfigError

# A rule file is a few KB; anything that expands to far more nodes than this is an
# alias bomb ("billion laughs") or a mistake, and is refused before it is walked.
MAX_NODES = 200_000
# ruamel.yaml is pure Python (about 20-50 KB/s) and recursive: a file far larger
# than any rule file, or nested deeper than any config needs, is refused before or
# instead of being walked, with a one-line error rather than a minute of parsing
# or a RecursionError traceback.
MAX_BYTES = 1_000_000
MAX_DEPTH = 100
_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "map", "seq")
)


def read_config_bytes(path: str | Path) -> bytes:
    """The bytes of a config or rule file: a regular file (FIFOs and devices such
    as ``/dev/zero`` are refused without blocking), read up to what MAX_BYTES
    characters can take in UTF-8 and no further."""
    from .safeio import ReadRefused, read_regular

    path = str(path)
    try:
        raw = read_regular(path, 4 * MAX_BYTES)
    except FileNotFoundError:
        raise ConfigError("file not found", path) from None
    except ReadRefused as exc:
        if "larger" in str(exc):
            raise ConfigError(f"YAML file larger than {MAX_BYTES:,} characters; refused", path) from None
        raise ConfigError(f"{exc}; refused", path) from None
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror or exc}", path) from None
    return raw


def load_yaml(path: str | Path, text: str | None = None):
    """Parse one YAML document with ruamel's round-trip loader (it keeps line and
    column of every key and item, and refuses duplicate keys). No tag constructs a
    Python object: the round-trip loader only builds plain containers and scalars,
    and any explicit tag is refused below."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    path = str(path)
    if text is None:
        raw = read_config_bytes(path)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise not_utf8(exc, raw, path) from None
    problem = text_problem(text)
    if problem:
        raise ConfigError(problem, path)
    yaml = YAML(typ="rt")
    try:
        data = yaml.load(text)
    except RecursionError:
        raise ConfigError(f"YAML nested too deeply (more than {MAX_DEPTH} levels); refused", path) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        msg = _without_values(" ".join(str(exc.problem or exc.context or "invalid YAML").split()))
        if mark is not None:
            raise ConfigError(f"invalid YAML: {msg}", path, mark.line + 1, mark.column + 1) from None
        raise ConfigError(f"invalid YAML: {msg}", path) from None
    except YAMLError as exc:
        raise ConfigError(f"invalid YAML: {' '.join(str(exc).split())}", path) from None
    _check_nodes(data, path)
    return data


def _without_values(problem: str) -> str:
    """ruamel.yaml's message without the values it quotes: a config may name any
    readable file (``extends: [../../secrets.yaml]``), and a duplicate key's
    values would carry that file's contents into a CI log. The key and the
    position stay."""
    import re

    m = re.match(r'found duplicate key (".{0,80}?"|\S{0,80})(?: with value|$)', problem)
    if m:
        return f"found duplicate key {m.group(1)}"
    if problem.startswith("found duplicate key"):
        return "found duplicate key"
    return problem


class _LC:
    """Positions of a thawed mapping or sequence, answering like ruamel's ``lc``."""

    __slots__ = ("line", "col", "_keys", "_values")

    def __init__(self, line, col, keys=None, values=None):
        self.line, self.col, self._keys, self._values = line, col, keys or {}, values or {}

    def key(self, k):
        return self._keys[k]

    def value(self, k):
        return self._values[k]

    def item(self, i):
        return self._values[i]


class PosDict(dict):
    lc: _LC


class PosList(list):
    lc: _LC


def freeze(node):
    """ruamel's tree as JSON data that keeps every position (for the cache)."""
    lc = getattr(node, "lc", None)
    if isinstance(node, dict):
        entries = []
        for k, v in node.items():
            try:
                kl, kc = lc.key(k)
                vl, vc = lc.value(k)
            except Exception:  # noqa: BLE001 - no position known
                kl = kc = vl = vc = 0
            entries.append([str(k), freeze(v), kl, kc, vl, vc])
        return {"m": entries, "l": getattr(lc, "line", 0), "c": getattr(lc, "col", 0)}
    if isinstance(node, list):
        items = []
        for i, v in enumerate(node):
            try:
                il, ic = lc.item(i)
            except Exception:  # noqa: BLE001
                il = ic = 0
            items.append([freeze(v), il, ic])
        return {"s": items, "l": getattr(lc, "line", 0), "c": getattr(lc, "col", 0)}
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    raise TypeError(f"not cacheable: {type(node).__name__}")


def thaw(data):
    if isinstance(data, dict) and "m" in data:
        out = PosDict()
        keys, values = {}, {}
        for k, v, kl, kc, vl, vc in data["m"]:
            out[k] = thaw(v)
            keys[k], values[k] = (kl, kc), (vl, vc)
        out.lc = _LC(data["l"], data["c"], keys, values)
        return out
    if isinstance(data, dict) and "s" in data:
        out = PosList(thaw(v) for v, _, _ in data["s"])
        out.lc = _LC(data["l"], data["c"], None, {i: (il, ic) for i, (_, il, ic) in enumerate(data["s"])})
        return out
    return data


def load_yaml_cached(path: str | Path, store=None):
    """(data, key): data from ``store`` (the entries shipped for the built-in
    packs, or the run's cache) when this exact file validated before, else parsed
    with ruamel (positions kept either way). Call ``remember_yaml(key, data,
    store)`` once the data validated."""
    from .cache import digest

    raw = read_config_bytes(path)
    key = digest("yaml", raw)
    hit = store.get("yaml", key) if store is not None else None
    if hit is not None:
        return thaw(hit["data"]), None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise not_utf8(exc, raw, str(path)) from None
    return load_yaml(path, text), key


def not_utf8(exc: UnicodeDecodeError, raw: bytes, path: str) -> ConfigError:
    """The error for a config or rule file that is not UTF-8: where, and what to do."""
    line = len(re.findall(rb"\r\n|\r|\n", raw[: exc.start])) + 1
    wide = " (it looks like UTF-16: a byte-order mark)" if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else ""
    return ConfigError(f"not UTF-8 text{wide}: byte 0x{raw[exc.start]:02x} at line {line}; save the file as UTF-8", path, line)


def remember_yaml(key: str | None, data, store=None) -> None:
    if key is not None and store is not None and store.keeps:
        try:
            store.put("yaml", key, {"data": freeze(data)})
        except TypeError:
            pass  # e.g. a YAML date: this file is simply parsed each time


def text_problem(text: str) -> str | None:
    """Why YAML text is refused before parsing: too large, or flow brackets nested
    deeper than MAX_DEPTH (ruamel.yaml takes quadratic time over ``[[[[...``
    before it runs out of recursion, minutes for a few thousand)."""
    import re

    if len(text) > MAX_BYTES:
        return f"YAML file larger than {MAX_BYTES:,} characters; refused"
    depth = 0
    for m in re.finditer(r"[\[\]{}]", text):
        if m.group() in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return f"YAML nested too deeply (more than {MAX_DEPTH} levels); refused"
        elif depth:
            depth -= 1
    return None


def size_problem(data) -> str | None:
    """Why loaded YAML data is refused for its size: more than MAX_NODES nodes as
    shared (aliased) subtrees expand, or nesting deeper than MAX_DEPTH."""
    count = 0
    stack = [(data, 0)]
    while stack:
        node, depth = stack.pop()
        count += 1
        if count > MAX_NODES:
            return f"YAML expands to more than {MAX_NODES} nodes (an alias bomb?); refused"
        if depth > MAX_DEPTH:
            return f"YAML nested too deeply (more than {MAX_DEPTH} levels); refused"
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node)
    return None


def _check_nodes(data, path: str) -> None:
    """Refuse explicit tags, alias bombs (counts nodes as shared subtrees expand)
    and deep nesting."""
    problem = size_problem(data)
    if problem:
        raise ConfigError(problem, path)
    stack = [(data, None, None)]
    while stack:
        node, parent, key = stack.pop()
        tag = getattr(node, "tag", None)
        tag_value = getattr(tag, "value", None) if tag is not None else None
        if tag_value and str(tag_value) not in _PLAIN_TAGS:
            line, col = position(parent, key) if parent is not None else (None, None)
            raise ConfigError(f"YAML tag {tag_value!r} is not allowed", path, line, col)
        if isinstance(node, dict):
            stack.extend((v, node, k) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((v, node, i) for i, v in enumerate(node))


def position(node, key=None, *, of_key: bool = False) -> tuple[int | None, int | None]:
    """1-based (line, column) of ``node[key]`` (or of the key itself), if known."""
    lc = getattr(node, "lc", None)
    if lc is None:
        return None, None
    try:
        if key is None:
            return lc.line + 1, lc.col + 1
        if isinstance(node, list):
            line, col = lc.item(key)
        elif of_key:
            line, col = lc.key(key)
        else:
            line, col = lc.value(key)
        return line + 1, col + 1
    except (KeyError, IndexError, TypeError, AttributeError):
        return lc.line + 1, lc.col + 1
