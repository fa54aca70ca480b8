"""Front matter as data, with the source position of every key and value.

Parsed only when a rule asks (front-matter kind, front_matter scopes). YAML
(``---``) with ruamel.yaml's round-trip loader, which keeps line and column of
each node; those are shifted by the opening ``---`` line to become source
offsets. TOML (``+++``, ``toml_front_matter``) with the standard library's
``tomllib``, imported only for such a block; it keeps no positions, so
``_toml_spans`` finds where each top-level key and value is written.
"""

from __future__ import annotations

import bisect
import functools
import re
import sys
from dataclasses import dataclass, field

from .prose import Block


@dataclass
class FrontMatter:
    data: object = None  # mapping, or None when absent or invalid
    error: str | None = None
    error_offset: int | None = None
    start: int = 0  # source offsets of the whole front matter (fences included)
    end: int = 0
    syntax: str = "YAML"  # or "TOML": what error messages say the front matter is not valid as
    _doc: object = field(default=None, repr=False)
    _spans: dict | None = field(default=None, repr=False)  # TOML, on first use: key -> (key start, key end, value start, value end)
    _toml: tuple | None = field(default=None, repr=False)  # TOML, on first use: what _toml_scan reads

    def key_span(self, key) -> tuple[int, int]:
        return self._span(key, of_key=True)

    def value_span(self, key) -> tuple[int, int]:
        return self._span(key, of_key=False)

    def _span(self, key, of_key: bool) -> tuple[int, int]:
        src = self._doc.source
        if self.syntax == "TOML":
            if self._spans is None:
                self._spans = _toml_spans(self._doc, self.data if isinstance(self.data, dict) else {})
            spans = self._spans.get(key)
            if spans is None:
                return self.start, src.line_ends[src.position(self.start)[0] - 1]
            return spans[:2] if of_key else spans[2:]
        first = self._doc.front_matter_lines[0] + 1
        try:
            line, col = self.data.lc.key(key) if of_key else self.data.lc.value(key)
        except (AttributeError, KeyError, TypeError):
            return self.start, src.line_ends[src.position(self.start)[0] - 1]
        line0 = first + line
        s = src.offset(line0, col)
        e = s + len(str(key)) if of_key else src.line_ends[line0]
        if not of_key:
            text = src.text[s:e].rstrip()
            e = s + len(text.split(" #")[0].rstrip()) if text else s
        return s, max(e, s)


# A top-level "key: value" line that is valid YAML whatever else the front matter
# holds: a plain key; a value that is empty, a plain scalar that starts with a
# letter, "/" or "~" (so it is read as a string, a boolean or null, never as a
# number or a timestamp, which ruamel.yaml may fail to build: "2024-13-45", "._")
# and has no ": " or " #" inside, a quoted string without escapes, a number of
# digits only, a timestamp whose date and time exist (``_real_time``), or a flow
# list of words that start with a letter or of double-quoted strings; then
# perhaps a comment. A key with an empty value may hold a block list: its items
# the same scalars, all at one indentation.
_PLAIN = r"(?:[^\W\d_]|[/~])(?:[^:#]|:(?=\S)|(?<=\S)#)*(?<![\s:])"
_WORD = r'(?:[^\W\d_][\w .-]*(?<! )|"[^"\\]*")'
_TIME = r"(?P<time>[0-9]{4}-[0-9]{2}-[0-9]{2}(?:T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{1,6})?(?:Z|[+-][0-9]{2}(?::[0-9]{2})?)?)?)"
_SCALAR = rf"""(?:{_PLAIN}|"[^"\\]*"|'(?:[^']|'')*'|[0-9]{{1,18}}|{_TIME})"""
_COMMENT = r"(?:[ ]+#.*)?"
_SIMPLE_LINE = re.compile(
    rf"(?P<key>[A-Za-z_][A-Za-z0-9_-]*):(?:[ ]+(?P<value>{_SCALAR}|\[ *(?:{_WORD} *(?:, *{_WORD} *)*)?\]))?[ ]*{_COMMENT}"
)
_LIST_ITEM = re.compile(rf"(?P<indent>[ ]*)-[ ]+{_SCALAR}[ ]*{_COMMENT}")
_COMMENT_LINE = re.compile(r"[ ]*#.*")
_TIME_ZONE = re.compile(r"[+-]([0-9]{2})(?::([0-9]{2}))?$")
_MAX_ITEMS = 10_000  # more is left to the parser and its size limits
# keys YAML reads as a boolean or null, not a string: "true" and "True" are the
# same key to it (a duplicate), so such front matter is left to the parser
_NOT_STRING_KEYS = frozenset(w for word in ("true", "false", "null") for w in (word, word.title(), word.upper()))


def _real_time(m) -> bool:
    """Whether a ``_TIME`` value, if the line has one, is a date and time that
    exist, as ruamel.yaml needs to build it ("2023-02-29" and "T24:00:00" fail)."""
    value = m.group("time")
    if value is None:
        return True
    year, month, day = int(value[:4]), int(value[5:7]), int(value[8:10])
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    days = (31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
    if not (year >= 1 and 1 <= month <= 12 and 1 <= day <= days[month - 1]):
        return False
    if len(value) == 10:
        return True
    zone = _TIME_ZONE.search(value, 19)
    return (int(value[11:13]) <= 23 and int(value[14:16]) <= 59 and int(value[17:19]) <= 59
            and (zone is None or (int(zone.group(1)) <= 23 and int(zone.group(2) or 0) <= 59)))


def plainly_valid(text: str) -> bool:
    """Whether front matter is certainly a valid YAML mapping, told without
    parsing it: every line blank, a comment, a simple ``key: value`` line or an
    item of a simple block list (``_SIMPLE_LINE``), no key twice. Most front
    matter is; the rest is parsed (``parse_front_matter``), so a file's front
    matter costs a YAML parse only when a rule reads it or it is out of the
    ordinary. ``tests/test_reliability_inputs.py`` checks that ruamel.yaml reads
    every text this accepts as a mapping."""
    if not text.replace("\n", "").isprintable():  # tabs, other line breaks (U+0085, U+2028), BOM
        return False
    keys = set()
    listing = False  # whether list items may follow: the last key's value is empty
    indent = None  # the indentation of the current list's items
    items = 0
    for line in text.split("\n"):
        if not line.strip() or _COMMENT_LINE.fullmatch(line):
            continue
        m = _SIMPLE_LINE.fullmatch(line)
        if m is not None:
            if m.group("key") in keys or m.group("key") in _NOT_STRING_KEYS or not _real_time(m):
                return False
            keys.add(m.group("key"))
            listing, indent = m.group("value") is None, None
            continue
        m = _LIST_ITEM.fullmatch(line)
        if m is None or not listing or not _real_time(m):
            return False
        if indent is None:
            indent = len(m.group("indent"))
        items += 1
        if len(m.group("indent")) != indent or items > _MAX_ITEMS:
            return False
    return True


def needs_parser(doc) -> bool:
    """Whether the document's front matter can be known valid only by parsing it
    (TOML, or YAML that is not plainly valid); False without front matter."""
    if doc.front_matter_lines is None:
        return False
    return doc.front_matter_format != "yaml" or not plainly_valid(doc.front_matter or "")


def _frame(doc) -> FrontMatter:
    """The document's front matter, where it stands, before it is read."""
    src = doc.source
    a, b = doc.front_matter_lines
    return FrontMatter(start=src.line_starts[a], end=src.line_ends[min(b, src.line_count) - 1], _doc=doc,
                       syntax="TOML" if doc.front_matter_format == "toml" else "YAML")


def unread_front_matter(doc, why: str) -> FrontMatter:
    """Front matter that was not read (``why``): no data, the whole of it the error's place."""
    fm = _frame(doc)
    fm.error = why
    return fm


def parse_front_matter(doc) -> FrontMatter:
    src = doc.source
    if doc.front_matter_lines is None:
        return FrontMatter(_doc=doc)
    a, _ = doc.front_matter_lines
    fm = _frame(doc)
    if doc.front_matter_format == "toml":
        return _parse_toml(doc, fm)
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    from ..yamlfile import MAX_DEPTH, size_problem, text_problem

    # Article text is untrusted: the limits that protect config loading apply here
    # too (the round-trip loader never builds Python objects from tags).
    problem = text_problem(doc.front_matter or "")
    if problem:
        fm.error = problem
        return fm
    try:
        data = YAML(typ="rt").load(doc.front_matter or "")
    except RecursionError:
        fm.error = f"nested too deeply (more than {MAX_DEPTH} levels)"
        return fm
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        fm.error = " ".join(str(exc.problem or exc.context or "invalid YAML").split())
        if mark is not None:
            fm.error_offset = src.offset(a + 1 + mark.line, 0) + min(mark.column, len(src.line_text(a + 1 + mark.line)))
        return fm
    except YAMLError as exc:
        fm.error = " ".join(str(exc).split())
        return fm
    except (ValueError, TypeError, OverflowError) as exc:
        # raised while building a value, with no position: a timestamp that is
        # no date ("2024-13-45": month must be in 1..12), a number too large
        fm.error = " ".join(str(exc).split()) or type(exc).__name__
        at = _bad_date(doc.front_matter or "")
        if at is not None:
            line, col = at
            fm.error_offset = src.offset(a + 1 + line, col)
        return fm
    problem = size_problem(data)
    if problem:
        fm.error = problem
        return fm
    fm.data = data if isinstance(data, dict) else None
    if data is not None and not isinstance(data, dict):
        fm.error = "front matter must be a mapping of keys to values"
    return fm


# a plain value YAML reads as a timestamp (YAML 1.1's form: "2024-13-45",
# "2024-1-5 10:00"), after a key or a list item's dash, up to a comment or the line's end
_DATE = re.compile(
    r"(?m)^[ \t]*(?:-[ \t]+)*(?:[^\s#'\"][^:#\n]*:[ \t]+)?(?:-[ \t]+)*"
    r"(?P<date>(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})(?:[Tt \t][0-9:.+\-Z \t]*)?)[ \t]*(?:#.*)?$"
)


def _bad_date(text: str) -> tuple[int, int] | None:
    """(0-based line, column) of the first plain date value in ``text`` that is
    no date (a month 13, a 30 February): where YAML's timestamp, which has no
    position of its own, failed. Dates in comments and quoted strings are text."""
    import datetime

    for m in _DATE.finditer(text):
        try:
            datetime.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        except ValueError:
            at = m.start("date")
            line = text.count("\n", 0, at)
            return line, at - (text.rfind("\n", 0, at) + 1)
    return None


# where tomllib stopped, at the end of its message: "(at line 3, column 9)"
_TOML_AT = re.compile(r" \(at (?:line (?P<line>[0-9]+), column (?P<column>[0-9]+)|end of document)\)$")
# _deep_key's tokens: a key part (bare, or quoted: one never closed runs to the end of
# its line, so no quote is read twice), a dot between parts, anything else
_TOML_KEY_TOKENS = re.compile(
    r"""(?P<part>[A-Za-z0-9_-]++|"(?:[^"\\\n]|\\.)*+"?|'[^'\n]*+'?)|(?P<dot>[ \t]*+\.[ \t]*+)|[^A-Za-z0-9_\-"'.\n]++|[.\n]"""
)
# an integer longer than Python's int() reads (sys.get_int_max_str_digits()): tomllib
# raises a plain ValueError for it, without a position
_TOML_DIGITS = re.compile(r"(?<![0-9_])[0-9_]{2,}")


def _parse_toml(doc, fm: FrontMatter) -> FrontMatter:
    """TOML front matter read by ``tomllib``: its data, or the error and where it is."""
    import tomllib

    from ..yamlfile import MAX_BYTES, MAX_DEPTH

    text = doc.front_matter or ""
    if len(text) > MAX_BYTES:  # the limit YAML front matter has (tomllib reads about 1-2 MB/s)
        fm.error = f"front matter larger than {MAX_BYTES:,} characters; refused"
        return fm
    deep = _deep_key(text, MAX_DEPTH)
    if deep is not None:
        fm.error = f"front matter nested too deeply (a key or table name of more than {MAX_DEPTH} parts); refused"
        fm.error_offset = _toml_offset(doc, deep)
        return fm
    try:
        fm.data = tomllib.loads(text)
    except RecursionError:  # arrays or inline tables nested some hundreds deep
        fm.error = "nested too deeply"
    except tomllib.TOMLDecodeError as exc:
        message = " ".join(str(exc).split())
        m = _TOML_AT.search(message)
        fm.error = (message[: m.start()] if m else message) or "invalid TOML"
        fm.error = fm.error[:1].lower() + fm.error[1:]
        src = doc.source
        a, b = doc.front_matter_lines
        if m is None or m.group("line") is None:
            last = b - 2 if b - 2 > a else a  # the last line inside the fences
            fm.error_offset = src.line_ends[last]
        else:
            line0 = a + int(m.group("line"))
            fm.error_offset = src.offset(line0, 0) + min(int(m.group("column")) - 1, len(src.line_text(line0)))
    except ValueError:  # after TOMLDecodeError, a ValueError itself: an integer too long for int()
        limit = sys.get_int_max_str_digits()
        fm.error = f"an integer of more than {limit:,} digits"
        at = next((m.start() for m in _TOML_DIGITS.finditer(text) if len(m.group().replace("_", "")) > limit), None)
        fm.error_offset = _toml_offset(doc, at) if at is not None else None
    return fm


def _deep_key(text: str, max_parts: int) -> int | None:
    """Where a dotted key or table name ("a.b.c = 1", "[a.b.c]") of more than
    ``max_parts`` parts starts, or None. tomllib's time grows with the square of a
    key's parts (see SECURITY.md) and no front matter nests that deep, so such
    text is refused before tomllib reads it. A key
    is on one line; strings are read as key parts too (a dotted run inside a value
    counts: the check errs on the side of refusing)."""
    if text.count(".") < max_parts:  # a key of more than max_parts parts has max_parts dots or more
        return None
    parts, start, after_dot = 0, 0, False
    for m in _TOML_KEY_TOKENS.finditer(text):
        kind = m.lastgroup
        if kind == "part":
            if after_dot:
                parts += 1
            else:
                parts, start = 1, m.start()
            after_dot = False
            if parts > max_parts:
                return start
        elif kind == "dot" and parts and not after_dot:
            after_dot = True
        else:
            parts, after_dot = 0, False
    return None


def _toml_offset(doc, at: int) -> int:
    """The source offset of offset ``at`` in the TOML text (``doc.front_matter``,
    whose line breaks markdown-it made ``\\n``)."""
    text = doc.front_matter or ""
    line = text.count("\n", 0, at)
    column = at - (text.rfind("\n", 0, at) + 1)
    return doc.source.offset(doc.front_matter_lines[0] + 1 + line, column)


# _toml_spans reads TOML's lexical structure itself because tomllib keeps no
# positions: the text is valid (tomllib read it), so these need not reject anything.
# Strings (multi-line ones with their line breaks), comments, brackets and line
# breaks, in order; a line break outside strings and brackets starts a statement.
_TOML_TOKEN = re.compile(
    r'"""(?:[^"\\]|\\[\s\S]|"{1,2}(?!"))*"{3,5}'
    r"|'''[\s\S]*?'{3,5}(?!')"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'[^'\n]*'"
    r"|#[^\n]*|[\[\]{}]|\n"
)
_TOML_KEY = r'(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\')'
# a statement's first key: of a table header ("[params]", "[[menu.main]]") or of
# a key/value pair ("title =", "params.color =")
_TOML_STATEMENT = re.compile(
    rf"[ \t]*(?P<header>\[\[?[ \t]*)?(?P<key>{_TOML_KEY})(?P<rest>(?:[ \t]*\.[ \t]*{_TOML_KEY})*[ \t]*(?:=[ \t]*)?)"
)


def _toml_key_name(raw: str) -> str:
    if raw[:1] == "'":
        return raw[1:-1]
    if raw[:1] == '"':
        import tomllib

        return next(iter(tomllib.loads(raw + " = 0")))
    return raw


def _toml_scan(fm) -> tuple:
    """TOML front matter read once for where things are: (where each top-level
    statement starts, as (offset in the front matter's text, line); line -> offset
    of the comment on it; (start, end) of every string literal). Kept on ``fm``."""
    if fm._toml is None:
        text = fm._doc.front_matter or ""
        statements = [(0, 0)]
        comments = {}
        strings = []
        depth = 0
        line = 0
        for m in _TOML_TOKEN.finditer(text):
            token = m.group()
            if token == "\n":
                line += 1
                if depth == 0:
                    statements.append((m.end(), line))
            elif token in "[{":
                depth += 1
            elif token in "]}":
                depth = max(depth - 1, 0)
            elif token[0] == "#":
                comments[line] = m.start()
            else:
                strings.append((m.start(), m.end()))
                line += token.count("\n")
        fm._toml = (statements, comments, strings)
    return fm._toml


def _toml_spans(doc, data: dict) -> dict:
    """Source offsets of each top-level key of TOML front matter and of its
    value, where it is first written: the key as written (quotes included); the
    value to the end of its first line, less a comment (of a table, its header;
    of a dotted key, the value of its last part)."""
    text = doc.front_matter or ""
    statements, comments, _ = _toml_scan(doc.front_matter_info)
    src = doc.source
    first = doc.front_matter_lines[0] + 1  # the source line of the block's first line
    spans: dict = {}
    in_table = False  # past the first table header, key/value pairs are the table's
    for start, line in statements:
        m = _TOML_STATEMENT.match(text, start)
        if m is None:
            continue
        header = m.group("header") is not None
        in_table = in_table or header
        if in_table and not header:
            continue
        key = _toml_key_name(m.group("key"))
        if key in spans or key not in data:
            continue
        line_end = text.find("\n", start)
        value_start = m.start("header") if header else m.end()
        value_end = comments.get(line, len(text) if line_end < 0 else line_end)
        value_end = value_start + len(text[value_start:value_end].rstrip())
        spans[key] = tuple(src.offset(first + line, offset - start) for offset in (m.start("key"), m.end("key"), value_start, max(value_end, value_start)))
    return spans


def front_matter_blocks(doc) -> list[Block]:
    """String values of the front matter as prose blocks, scoped ``front_matter``
    and ``front_matter.KEY`` (a nested key's value also ``front_matter.KEY.SUB``;
    a list's strings are the list key's). A value written plainly on one line
    maps character by character (quoted values past their quotes, TOML's triple
    quotes too). Any other (a block scalar, a value over several lines, a list
    item, a nested value) maps word by word: each word is looked for, whole, in
    order, only where that value is written (YAML: from its node's position to
    the next node's, less a comment or closing quote; TOML, which keeps no
    positions: inside the string literals of its key's statements and tables), so
    a finding spans the word the rule matched and never a key or a comment. A
    word not written as it reads (an escape) maps inexactly to what lies around it."""
    fm = doc.front_matter_info
    if not isinstance(fm.data, dict):
        return []
    src = doc.source
    blocks = []
    done: set[int] = set()  # where a value read starts: an alias repeats its anchor's
    located = None  # where each value other than a plain one-line string is written, on first need
    for key, value in fm.data.items():
        s, e = fm.value_span(key)
        if isinstance(value, str):
            if not value.strip():
                continue
            raw = src.text[s:e]
            if fm.syntax == "TOML" and raw[:3] in ('"""', "'''"):
                triple = raw[:3]
                if len(raw) > 3:  # else the string starts on the next line: the span stays its quotes
                    s, raw = s + 3, raw[3:]
                    if raw.endswith(triple) and len(raw) > 3:
                        e, raw = e - 3, raw[:-3]
            elif raw[:1] in "'\"" and raw[-1:] == raw[:1]:
                s, e, raw = s + 1, e - 1, raw[1:-1]
            if raw == value:
                block = Block(kind="front_matter", scopes=frozenset({"front_matter", f"front_matter.{key}"}), line=src.position(s)[0] - 1)
                block._add(value, s, e, True)
                block._finish()
                blocks.append(block)
                done.add(s)
                continue
        if located is None:
            located = _yaml_located(fm, src) if fm.syntax == "YAML" else _toml_string_spans(doc, fm)
        if fm.syntax == "YAML":
            for path, string, a, b in located.get(str(key), ()):
                if a not in done:
                    done.add(a)
                    blocks.append(_word_mapped(src, string, [(a, b)], path, (a, b) if b > a else (s, e))[0])
        else:
            spans = located.get(str(key), [])
            strings = list(_strings(str(key), value))
            if len(spans) == len(strings):  # each string is its literal, in order (the usual case)
                for (path, string), span in zip(strings, spans):
                    blocks.append(_word_mapped(src, string, [span], path, span)[0])
                continue
            at = (0, spans[0][0]) if spans else (0, 0)
            for path, string in strings:
                block, at = _word_mapped(src, string, spans, path, (s, e), at)
                blocks.append(block)
    return blocks


def _strings(path: str, value, depth: int = 0):
    """(dotted key path, string) of every non-blank string in a value, in order."""
    if isinstance(value, str):
        if value.strip():
            yield path, value
    elif depth < 32 and isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(f"{path}.{k}", v, depth + 1)
    elif depth < 32 and isinstance(value, list):
        for v in value:
            yield from _strings(path, v, depth + 1)


def _yaml_located(fm, src) -> dict:
    """Top-level key -> (dotted path, string, source start, source end) of each
    string under it that YAML's nodes place: from where ruamel.yaml says the
    node starts to the next node's start, less what is not the value (a block
    scalar's header line, a plain scalar's comment, what follows a closing
    quote). Merged keys (``<<: *a``) are read at their anchor, not again."""
    from ruamel.yaml.comments import TaggedScalar

    first = fm._doc.front_matter_lines[0] + 1
    text = src.text

    def offset(lc) -> int:
        line, col = lc
        return src.offset(first + line, col)

    starts: list[int] = []
    found: list = []  # (top key, path, string, start)
    seen: set[int] = set()

    def value(top, path, v, at, depth):
        if isinstance(v, TaggedScalar):
            v = v.value
        if isinstance(v, str):
            if v.strip():
                found.append((top, path, v, at))
        elif depth < 32 and isinstance(v, (dict, list)) and id(v) not in seen:
            seen.add(id(v))
            if isinstance(v, dict):
                own = getattr(v, "_ok", None)
                for k in list(v):
                    if own is not None and k not in own:
                        continue  # merged from an anchor
                    try:
                        starts.append(offset(v.lc.key(k)))
                        vat = offset(v.lc.value(k))
                    except (AttributeError, KeyError, TypeError, IndexError):
                        continue
                    starts.append(vat)
                    value(top, f"{path}.{k}", v[k], vat, depth + 1)
            else:
                for i, item in enumerate(v):
                    try:
                        iat = offset(v.lc.item(i))
                    except (AttributeError, KeyError, TypeError, IndexError):
                        continue
                    starts.append(iat)
                    value(top, path, item, iat, depth + 1)

    for k in list(fm.data):
        try:
            starts.append(offset(fm.data.lc.key(k)))
            at = offset(fm.data.lc.value(k))
        except (AttributeError, KeyError, TypeError, IndexError):
            continue
        starts.append(at)
        value(str(k), str(k), fm.data[k], at, 0)
    starts = sorted(set(starts))
    end = src.line_starts[fm._doc.front_matter_lines[1] - 1] if fm._doc.front_matter_lines[1] - 1 < src.line_count else fm.end
    out: dict = {}
    for top, path, string, a in found:
        j = bisect.bisect_right(starts, a)
        b = starts[j] if j < len(starts) else end
        a, b = _scalar_extent(text, a, max(a, min(b, end)))
        out.setdefault(top, []).append((path, string, a, b))
    return out


def _scalar_extent(text: str, a: int, b: int) -> tuple[int, int]:
    """The part of source [a, b) (a node's start to the next node's) that holds
    a scalar's text: past a tag; a block scalar's lines after its header; a
    quoted one to its closing quote; a plain one to a comment."""
    if text.startswith("!", a):  # a tag ("!!str"): the scalar follows it
        m = _YAML_TAG.match(text, a)
        a = m.end() if m else a
    c = text[a : a + 1]
    if c in ("|", ">"):
        nl = text.find("\n", a, b)
        return (nl + 1, b) if nl >= 0 else (b, b)
    if c == '"':
        m = _YAML_DOUBLE.match(text, a, b)
        return (a, m.end()) if m else (a, b)
    if c == "'":
        m = _YAML_SINGLE.match(text, a, b)
        return (a, m.end()) if m else (a, b)
    m = _YAML_COMMENT.search(text, a, b)
    return (a, m.start()) if m else (a, b)


def _toml_string_spans(doc, fm) -> dict:
    """Top-level key -> source spans of the string literals that make up its value
    in TOML front matter: in its own statement ("key = ...", "key.sub = ..."), and
    in the tables whose header starts with it ("[key]", "[key.sub]", "[[key]]"),
    header lines and quoted keys left out."""
    text = doc.front_matter or ""
    src = doc.source
    statements, _, strings = _toml_scan(fm)
    owners = []  # (offset, the key its literals belong to, end of a header's line or None), per statement
    table = None  # the first key of the table the statements are in
    for off, _line in statements:
        m = _TOML_STATEMENT.match(text, off)
        if m is None or not m.group("key"):
            owners.append((off, table, None))
            continue
        first = _toml_key_name(m.group("key"))
        if m.group("header") is not None:
            table = first
            line_end = text.find("\n", off)
            owners.append((off, first, len(text) if line_end < 0 else line_end))
        else:
            owners.append((off, table if table is not None else first, None))
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    first_line = doc.front_matter_lines[0] + 1

    def source_offset(at: int) -> int:  # by line and column: the source may end its lines with CRLF
        line = bisect.bisect_right(line_starts, at) - 1
        return src.offset(first_line + line, at - line_starts[line])

    out: dict = {}
    n = 0
    for a, b in strings:
        while n + 1 < len(owners) and owners[n + 1][0] <= a:
            n += 1
        _, key, header_end = owners[n]
        if key is None or (header_end is not None and a < header_end) or _TOML_KEY_AFTER.match(text, b):
            continue  # outside any key's value, on a header's line, or a quoted key
        q = 3 if text.startswith(('"""', "'''"), a) else 1
        if b - a >= 2 * q:
            out.setdefault(key, []).append((source_offset(a + q), source_offset(b - q)))
    return out


_TOML_KEY_AFTER = re.compile(r"[ \t]*[.=]")
_YAML_TAG = re.compile(r"!\S*[ \t]*")
_YAML_DOUBLE = re.compile(r'"(?:[^"\\]|\\[\s\S])*"')
_YAML_SINGLE = re.compile(r"'(?:[^']|'')*'")
_YAML_COMMENT = re.compile(r"[ \t]#|\n[ \t]*#")  # a plain scalar holds no " #"


_WORD = re.compile(r"\S+")
_NEAR = 256  # characters past the last word where the next one is looked for
_SLACK = 4096  # at most this much further after words not found (a bounded look each)


@functools.lru_cache(maxsize=256)
def _scopes(path: str) -> frozenset:
    """``front_matter`` and ``front_matter.`` each leading part of a dotted key path."""
    parts = path.split(".")
    return frozenset({"front_matter"} | {"front_matter." + ".".join(parts[: i + 1]) for i in range(len(parts))})


def _word_mapped(src, value: str, spans: list, path: str, fallback: tuple[int, int], at: tuple[int, int] | None = None):
    """A block of ``value`` whose words map to where each is written: each found
    whole, in order, inside ``spans`` (source ranges, in order) from ``at`` (span
    index, offset); and where the search goes on. A word not written as it reads
    (an escape in a double-quoted string: "caf\\u00e9") maps inexactly to what
    lies between its neighbours; a value with no word found maps whole,
    inexactly, to ``fallback``."""
    scopes = _scopes(path)
    text = src.text
    k, cursor = at if at is not None else (0, spans[0][0] if spans else 0)
    words = []  # (start, end in value, source offset or None)
    slack = 0  # how much further the next word may be written: what the words not found may take
    for m in _WORD.finditer(value):
        word = m.group()
        i, k2, c2 = _find_word(text, word, spans, k, cursor, slack)
        if i >= 0:
            k, cursor, slack = k2, c2, 0
        else:
            slack = min(slack + 10 * len(word) + 1, _SLACK)
        words.append((m.start(), m.end(), i if i >= 0 else None))
    placed = [w for w in words if w[2] is not None]
    if not placed:
        s, e = fallback
        block = Block(kind="front_matter", scopes=scopes, line=src.position(s)[0] - 1)
        block._add(value, s, e, False)
        block._finish()
        return block, (k, cursor)
    block = Block(kind="front_matter", scopes=scopes, line=src.position(placed[0][2])[0] - 1)
    done, prev_src = 0, placed[0][2]  # value[:done] is in the block; it ends at source prev_src
    for a, b, i in placed:
        if a > done:  # spaces, and words not written as they read, between two placed words
            _between(block, text, value[done:a], prev_src, i)
        block._add(value[a:b], i, i + (b - a), True)
        done, prev_src = b, i + (b - a)
    if value[done:].strip():  # words after the last placed one: to the end of its span
        end = next((b for a, b in spans if a <= prev_src <= b), prev_src)
        _between(block, text, value[done:], prev_src, max(end, prev_src))
    block._finish()
    return block, (k, cursor)


def _find_word(text: str, word: str, spans: list, k: int, cursor: int, slack: int = 0) -> tuple[int, int, int]:
    """The first place from span ``k``, offset ``cursor`` where ``word`` is
    written whole (not inside a longer word) within one span, near where the
    last word was (in the next ``_NEAR`` characters, ten times its length, what
    an escape can make of it, and ``slack``, what the words not found since may
    take), or at the start of a later span; (-1, k, cursor) when there is none,
    so that a word not written as it reads costs a bounded look. Returns
    (offset, span index, offset past it)."""
    left = word[:1].isalnum() or word[:1] == "_"
    right = word[-1:].isalnum() or word[-1:] == "_"
    while k < len(spans):
        a, b = spans[k]
        start = max(cursor, a)
        b = min(b, start + _NEAR + 10 * len(word) + slack)
        i = text.find(word, start, b)
        while i >= 0:
            j = i + len(word)
            if not ((left and i > 0 and (text[i - 1].isalnum() or text[i - 1] == "_"))
                    or (right and j < len(text) and (text[j].isalnum() or text[j] == "_"))):
                return i, k, j
            i = text.find(word, i + 1, b)
        k += 1
        cursor = spans[k][0] if k < len(spans) else cursor
    return -1, k, cursor


def _between(block: Block, text: str, piece: str, s: int, e: int) -> None:
    """``piece`` of a value mapped inexactly to source [s, e), its leading and
    trailing spaces to the source's spaces there, so that a word in it spans
    what is written for it, not the spaces around."""
    body = piece.strip()
    if not body:
        block._add(piece, s, e, False)
        return
    lead = piece[: len(piece) - len(piece.lstrip())]
    trail = piece[len(piece.rstrip()) :]
    bs = s + (len(text[s:e]) - len(text[s:e].lstrip()))
    be = max(bs, s + len(text[s:e].rstrip()))
    block._add(lead, s, bs, False)
    block._add(body, bs, max(be, bs + 1), False)
    block._add(trail, be, e, False)
