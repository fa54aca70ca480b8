"""front-matter: the front matter at the top of an article (YAML between ``---``
lines, or TOML between ``+++`` lines as Hugo and Zola write it) has the keys,
types and values a publisher requires, and review dates are fresh.

    kind: front-matter
    message: "Front matter: {problem}"
    required: [title, author, last_reviewed]
    types: {title: str, tags: list, last_reviewed: date, word_count: int}
    allowed: {category: [nutrition, supplements, mental-health]}
    max_age_days: {last_reviewed: 365}
    required_if:                      # medically_reviewed_by when tags include health
      - {key: medically_reviewed_by, when: tags, contains: health}

Findings point at the offending key or value; a missing key points at the
front matter (or the first line when there is none). Front matter that cannot be
read is reported once, whatever the rules, as ``front-matter-syntax``
(``engine.front_matter_syntax``); this kind then has nothing to check.
"""

from __future__ import annotations

import datetime as dt

from ..fields import Field
from .base import Check, Hit

TYPES = ("str", "int", "float", "bool", "list", "map", "date")


def _types_check(value) -> str | None:
    for k, v in value.items():
        if v not in TYPES:
            return f"gives '{k}' the unknown type '{v}' (expected one of: {', '.join(TYPES)})"
    return None


def _map_of_lists(value) -> str | None:
    for k, v in value.items():
        if not isinstance(v, list):
            return f"must map each key to a list of allowed values ('{k}' does not)"
    return None


def _map_of_ints(value) -> str | None:
    for k, v in value.items():
        if isinstance(v, bool) or not isinstance(v, int) or v < 0:
            return f"must map each key to a number of days ('{k}' does not)"
    return None


def _conditions(value) -> str | None:
    for item in value:
        if not isinstance(item, dict) or set(item) - {"key", "when", "contains", "equals"} or "key" not in item or "when" not in item:
            return "items must look like {key: K, when: OTHER_KEY, contains: VALUE} (or equals: VALUE)"
    return None


def _is_type(value, t: str) -> bool:
    if t == "date":
        if isinstance(value, dt.date):
            return True
        return isinstance(value, str) and _parse_date(value) is not None
    if t == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if t == "float":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, {"str": str, "bool": bool, "list": list, "map": dict}[t])


def _parse_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (list, dict)):
        return None  # never turned into text whole (see _short)
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def _contains(value, wanted) -> bool:
    if isinstance(value, list):
        return any(not isinstance(v, (list, dict)) and str(v).lower() == str(wanted).lower() for v in value)
    return not isinstance(value, dict) and str(wanted).lower() in str(value).lower()


def _short(value, depth: int = 2) -> str:
    """``value`` as a message shows it, bounded: a few items of a list or a
    mapping, a few levels deep, the start of a long string. YAML aliases can make
    a small front matter a structure whose full text runs to gigabytes, and it
    is never built (ruamel's lists and mappings print themselves whole)."""
    if isinstance(value, (list, dict)):
        if depth <= 0:
            return "[...]" if isinstance(value, list) else "{...}"
        items = list(value.items())[:4] if isinstance(value, dict) else list(value[:4])
        shown = [f"{_short(k, 0)}: {_short(v, depth - 1)}" for k, v in items] if isinstance(value, dict) else [
            _short(v, depth - 1) for v in items]
        more = ", ..." if len(value) > 4 else ""
        return ("{" + ", ".join(shown) + more + "}") if isinstance(value, dict) else ("[" + ", ".join(shown) + more + "]")
    if isinstance(value, str):
        return repr(value[:40]) + ("..." if len(value) > 40 else "")
    return repr(value)[:60]


class FrontMatterCheck(Check):
    OPTIONS = {
        "required": Field("str-or-list", default=[], doc="keys that must be present"),
        "types": Field("map", default={}, check=_types_check, doc="key -> str|int|float|bool|list|map|date"),
        "allowed": Field("map", default={}, check=_map_of_lists, doc="key -> list of allowed values"),
        "max_age_days": Field("map", default={}, check=_map_of_ints, doc="date key -> maximum age in days"),
        "required_if": Field("list", items="any", default=[], check=_conditions, doc="[{key, when, contains|equals}]"),
        "require_front_matter": Field("bool", default=True, doc="report an article with no front matter at all"),
    }
    TEMPLATE_FIELDS = frozenset({"problem", "key"})
    DEFAULT_SCOPE = ("front_matter",)

    today = staticmethod(dt.date.today)  # tests may replace it

    def run(self, doc):
        o = self.options
        fm = doc.front_matter_info
        src = doc.source
        if fm.error:
            return
        if doc.front_matter_lines is None:
            from ..document.toml_front_matter import never_closed

            if never_closed(doc):  # reported as front-matter-syntax
                return
            if o["require_front_matter"] and (o["required"] or o["required_if"]):
                end = src.line_ends[0]
                yield Hit(0, end, {"problem": "the article has no front matter (--- ... --- or +++ ... +++ at the top)", "key": ""}, document=True)
            return
        data = fm.data or {}
        first_line = (fm.start, src.line_ends[src.position(fm.start)[0] - 1])
        for key in o["required"]:
            if key not in data or data[key] in (None, ""):
                yield Hit(*first_line, {"problem": f"'{key}' is required", "key": key}, document=True)
        for cond in o["required_if"]:
            other = data.get(cond["when"])
            hit = other is not None and (
                _contains(other, cond["contains"]) if "contains" in cond
                else not isinstance(other, (list, dict)) and str(other) == str(cond.get("equals"))
            )
            if hit and (cond["key"] not in data or data[cond["key"]] in (None, "")):
                why = f"contains '{cond['contains']}'" if "contains" in cond else f"is '{cond.get('equals')}'"
                yield Hit(*fm.key_span(cond["when"]), {"problem": f"'{cond['key']}' is required when '{cond['when']}' {why}", "key": cond["key"]})
        for key, t in o["types"].items():
            if key in data and data[key] is not None and not _is_type(data[key], t):
                yield Hit(*fm.value_span(key), {"problem": f"'{key}' must be {t}", "key": key})
        for key, allowed in o["allowed"].items():
            if key not in data or data[key] is None:
                continue
            values = data[key] if isinstance(data[key], list) else [data[key]]
            names = {str(a) for a in allowed}
            # a list or mapping is no allowed value, and is never turned into text
            # whole: YAML aliases can make a small front matter a huge structure
            bad = [v for v in values if isinstance(v, (list, dict)) or str(v) not in names]
            if bad:
                yield Hit(*fm.value_span(key), {"problem": f"'{key}' has {_short(bad[0])}; allowed: {', '.join(map(str, allowed))}", "key": key})
        for key, days in o["max_age_days"].items():
            if key not in data:
                continue
            when = _parse_date(data[key])
            if when is None:
                if o["types"].get(key) != "date":  # else already reported as "must be date"
                    yield Hit(*fm.value_span(key), {"problem": f"'{key}' is not a date (YYYY-MM-DD)", "key": key})
                continue
            age = (self.today() - when).days
            if age > days:
                yield Hit(*fm.value_span(key), {"problem": f"'{key}' is {age} days old (more than {days})", "key": key})
