"""A small declarative validator for rule and config mappings.

Hand-written rather than jsonschema: error messages must name file:line:col of the
offending key or item (ruamel keeps those), say what was expected in words an
editor understands, and suggest the key that was probably meant; and jsonschema
alone costs more start-up time than the whole lint of one file.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import ConfigError
from ..fields import Field
from ..record import Record
from ..yamlfile import position


class Located(Record):
    """Where values came from, to point errors at them after validation."""

    __slots__ = FIELDS = ("path", "node", "children")

    def __init__(self, path: str, node: Any, children: dict | None = None):
        self.path = path
        self.node = node
        self.children = {} if children is None else children

    def at(self, key=None) -> tuple[int | None, int | None]:
        return position(self.node, key)


_TYPE_NAMES = {
    "str": "a string",
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
    "list": "a list",
    "map": "a mapping",
    "regex": "a regular expression (string)",
    "str-or-list": "a string or a list of strings",
}


def validate(node, fields: dict[str, Field], path: str, what: str, store=None) -> dict:
    """Check a mapping against ``fields``; return plain Python values with
    defaults. A regular expression is compiled to check it unless ``store``
    records that it compiles (``matching.regex.compile_with``)."""
    if not isinstance(node, dict):
        line, col = position(node)
        raise ConfigError(f"{what} must be a mapping of keys to values", path, line, col)
    out: dict = {}
    for key in node:
        if key not in fields:
            line, col = position(node, key, of_key=True)
            import difflib

            hint = difflib.get_close_matches(str(key), list(fields), n=1)
            suggestion = f"; did you mean '{hint[0]}'?" if hint else f"; expected one of: {', '.join(sorted(fields))}"
            raise ConfigError(f"unknown key '{key}' in {what}{suggestion}", path, line, col)
    for name, spec in fields.items():
        if name not in node:
            if spec.required:
                line, col = position(node)
                raise ConfigError(f"{what} is missing the required key '{name}'", path, line, col)
            out[name] = spec.default
            continue
        out[name] = _value(node, name, spec, path, what, store)
    return out


def check_field(node, key, spec: Field, path: str, what: str):
    """Validate one key of a mapping on its own (e.g. ``kind`` before the rest)."""
    return _value(node, key, spec, path, what)


def _value(node, key, spec: Field, path: str, what: str, store=None):
    value = node[key]
    line, col = position(node, key)

    def fail(msg: str):
        raise ConfigError(f"'{key}' in {what} {msg}", path, line, col)

    t = spec.type
    if t == "str-or-list":
        if isinstance(value, str):
            value = [value]
        t = "list"
    if t == "str" or t == "regex":
        if not isinstance(value, str):
            fail(f"must be {_TYPE_NAMES[t]}, not {_kind(value)}")
        if t == "regex":
            compile_regex(value, path, line, col, key, store)
        value = str(value)
    elif t == "bool":
        if not isinstance(value, bool):
            fail(f"must be true or false, not {_kind(value)}")
    elif t == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            fail(f"must be a whole number, not {_kind(value)}")
        value = int(value)
    elif t == "float":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            fail(f"must be a number, not {_kind(value)}")
        value = float(value)
    elif t == "list":
        if not isinstance(value, list):
            fail(f"must be {_TYPE_NAMES[spec.type]}, not {_kind(value)}")
        if spec.items == "str" and all(type(item) is str and item.strip() for item in value):
            # the usual list (a lexicon of hundreds of words): nothing to convert or
            # report, so no item's position is looked up
            value = list(value)
        else:
            items = []
            for i, item in enumerate(value):
                if spec.items in ("str", "regex"):
                    if not isinstance(item, (str, int, float)) or isinstance(item, bool):
                        iline, icol = position(value, i)
                        raise ConfigError(f"items of '{key}' in {what} must be strings, not {_kind(item)}", path, iline, icol)
                    item = str(item)
                    if not item.strip():
                        # an empty term or pattern matches nothing (or everywhere): a slip
                        iline, icol = position(value, i)
                        raise ConfigError(f"items of '{key}' in {what} must not be empty", path, iline, icol)
                    if spec.items == "regex":
                        # a list's regexes are joined into one pattern, each in a group:
                        # checked so ("(?i)x" alone compiles, inside a group it does not)
                        iline, icol = position(value, i)
                        compile_regex(f"(?:{item})", path, iline, icol, key, store, shown=item)
                items.append(item)
            value = items
    elif t == "map":
        if not isinstance(value, dict):
            fail(f"must be a mapping, not {_kind(value)}")
    if spec.choices is not None:
        vals = value if isinstance(value, list) else [value]
        for v in vals:
            if v not in spec.choices:
                import difflib

                hint = difflib.get_close_matches(str(v), [str(c) for c in spec.choices], n=1)
                extra = f"; did you mean '{hint[0]}'?" if hint else ""
                fail(f"has unknown value '{v}' (expected one of: {', '.join(map(str, spec.choices))}){extra}")
    if spec.check is not None:
        problem = spec.check(value)
        if problem:
            fail(problem)
    return value


def compile_regex(pattern: str, path: str, line, col, key, store=None, shown: str | None = None) -> None:
    """ConfigError at the pattern's line unless it compiles (checked through
    ``store`` when given: a pattern it knows compiles is not compiled again).
    ``shown``: the pattern as the user wrote it, when ``pattern`` wraps it in a
    group (the error then names it, without a position in the wrapper)."""
    try:
        if store is not None:
            from ..matching.regex import compile_with

            compile_with(store, pattern)
        else:
            re.compile(pattern)
    except re.error as exc:
        if shown is not None:
            compile_regex(shown, path, line, col, key)  # an error of its own points into what the user wrote
            raise ConfigError(f"bad regular expression in '{key}': {exc.msg}; each item is matched inside a group "
                              f"of its own, so write a flag around the pattern, (?i:...), not before it: {_shown(shown)}",
                              path, line, col) from None
        raise ConfigError(f"bad regular expression in '{key}': {exc.msg} at position {exc.pos}: {_shown(pattern)}", path, line, col) from None
    except (OverflowError, RecursionError):
        raise ConfigError(f"regular expression in '{key}' is too large or nested too deeply", path, line, col) from None


def _shown(pattern: str) -> str:
    """A pattern quoted as written in YAML's single quotes (backslashes not
    doubled, so that a position counts the characters the user typed), or as a
    Python literal when it holds characters that would not print."""
    if pattern.isprintable():
        return f"'{pattern}'"
    return repr(pattern)


def _kind(value) -> str:
    """What a value is, never what it says: a config may name any readable file,
    and an error about it must not carry that file's contents into a log (the
    position points at the value)."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__
