"""``--format html``: one self-contained page (inline CSS and JS, nothing fetched,
works from file://) for editors: a summary with charts, and every article's source
text with its findings highlighted in place.

Highlighting works on source offsets. Every finding's span becomes a ``<mark>``;
spans that nest become nested marks, and a span that crosses another one's end is
cut into fragments there (all fragments share ``data-fid``, the first has the
``id`` the finding list links to), so no text is lost or repeated. Line numbers
are empty absolutely positioned spans at each line start, so marks can run across
lines and the text keeps wrapping naturally.

The page is a template, ``html_page/report.html``, with its CSS and JS beside it
(package data); this module computes what it shows. Options a caller may pass:
``title`` (page title), ``docs_url`` (base URL of the rule pages). Others are
ignored.
"""

from __future__ import annotations

import json
from collections import Counter
from html import escape
from pathlib import Path

from ..findings import SEVERITIES

_SEV_LABEL = {"error": "errors", "warning": "warnings", "info": "info"}


def _a(value) -> str:
    """Escaped for a double-quoted attribute."""
    return escape(str(value), quote=True)


def _t(value) -> str:
    """Escaped for element text."""
    return escape(str(value), quote=False)


def _squash(text: str) -> str:
    return " ".join(str(text).split())


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


# -- highlighting ----------------------------------------------------------------


def _text_html(text: str, a: int, b: int) -> str:
    """``text[a:b]`` as element text. Line endings become ``\\n`` here rather than
    in the browser so that a CRLF pair split by a mark boundary still makes one
    line break."""
    chunk = text[a:b]
    if a > 0 and chunk.startswith("\n") and text[a - 1] == "\r":
        chunk = chunk[1:]
    if "\r" in chunk:
        chunk = chunk.replace("\r\n", "\n").replace("\r", "\n")
    return _t(chunk)


def _mark_open(f, fid: int, depth: int, first: bool) -> str:
    cls = f"sev-{f.severity} d{min(depth, 3)}"
    if f.start == f.end:
        cls += " empty"
    if not first:
        cls += " cont"
    ident = f' id="f-{fid}"' if first else ""
    return (
        f'<mark{ident} class="{cls}" data-fid="{fid}" data-rule="{_a(f.rule)}" '
        f'data-severity="{f.severity}" data-loc="{f.line}:{f.column}" '
        f'data-message="{_a(f.message)}" title="{_a(f"{f.rule} ({f.severity}): {f.message}")}">'
    )


def highlight(text: str, line_starts: list[int], findings: list[tuple[int, object]]) -> str:
    """The source text as HTML with each ``(fid, finding)`` wrapped in marks and a
    line-number span at each line start."""
    n = len(text)
    spans = []
    for fid, f in findings:
        s = max(0, min(f.start, n))
        e = max(s, min(f.end, n))
        spans.append((s, e, fid, f))
    starts: dict[int, list] = {}
    ends: dict[int, set] = {}
    empties: dict[int, list] = {}
    for s, e, fid, f in spans:
        if s == e:
            empties.setdefault(s, []).append((fid, f))
        else:
            starts.setdefault(s, []).append((e, fid, f))
            ends.setdefault(e, set()).add(fid)
    lines = {p: i + 1 for i, p in enumerate(line_starts) if p < n or p == 0}
    points = sorted(set(starts) | set(ends) | set(empties) | set(lines) | {0, n})

    out: list[str] = []
    stack: list[tuple[int, object]] = []  # open marks, outermost first
    started: set[int] = set()
    prev = 0
    for p in points:
        if p > prev:
            out.append(_text_html(text, prev, p))
        prev = p
        closing = ends.get(p)
        if closing:
            # Close down to the deepest mark that ends here; marks above it that go
            # on are reopened as continuation fragments.
            while any(fid in closing for fid, _ in stack):
                reopen = []
                while stack:
                    fid, f = stack.pop()
                    out.append("</mark>")
                    if fid in closing:
                        break
                    reopen.append((fid, f))
                for fid, f in reversed(reopen):
                    out.append(_mark_open(f, fid, len(stack), False))
                    stack.append((fid, f))
        if p in lines:
            out.append(f'<span class="ln" data-n="{lines[p]}"></span>')
        for fid, f in empties.get(p, ()):
            out.append(_mark_open(f, fid, len(stack), True) + "</mark>")
        # Longer spans open first, so that they hold the shorter ones.
        for e, fid, f in sorted(starts.get(p, ()), key=lambda t: (-t[0], t[1])):
            out.append(_mark_open(f, fid, len(stack), fid not in started))
            started.add(fid)
            stack.append((fid, f))
    out.extend("</mark>" for _ in stack)
    return "".join(out)


# -- charts ----------------------------------------------------------------------


def _bar_chart(rows: list[tuple[str, str, dict]], width: int = 640) -> str:
    """Horizontal stacked bars (one segment per severity) as inline SVG. ``rows`` are
    (label, link, counts by severity)."""
    if not rows:
        return '<p class="empty-note">No findings.</p>'
    bar_h, gap, top = 18, 8, 4
    max_chars = 38
    longest = min(max_chars, max(len(label) for label, _, _ in rows))
    label_width = int(longest * 7.1) + 18  # about 7px a character at 12.5px
    total_max = max(sum(c.values()) for _, _, c in rows) or 1
    count_w = 44
    span = width - label_width - count_w
    height = top * 2 + len(rows) * (bar_h + gap) - gap
    out = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" preserveAspectRatio="xMinYMin meet">'
    ]
    for i, (label, href, counts) in enumerate(rows):
        y = top + i * (bar_h + gap)
        total = sum(counts.values())
        shown = label if len(label) <= max_chars else "…" + label[-(max_chars - 1):]
        tip = f"{label}: " + ", ".join(f"{counts[s]} {s}" for s in SEVERITIES if counts.get(s))
        out.append(f'<a href="{_a(href)}"><g class="row"><title>{_t(tip)}</title>')
        out.append(f'<rect class="hit" x="0" y="{y - gap / 2}" width="{width}" height="{bar_h + gap}"/>')
        out.append(
            f'<text class="lbl" x="{label_width - 10}" y="{y + bar_h / 2}" text-anchor="end" '
            f'dominant-baseline="central">{_t(shown)}</text>'
        )
        x = float(label_width)
        for sev in SEVERITIES:
            c = counts.get(sev, 0)
            if not c:
                continue
            w = max(2.0, span * c / total_max)
            out.append(
                f'<rect class="bar sev-{sev}" x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" rx="3"/>'
            )
            x += w
        out.append(
            f'<text class="num" x="{x + 6:.1f}" y="{y + bar_h / 2}" dominant-baseline="central">{total}</text>'
        )
        out.append("</g></a>")
    out.append("</svg>")
    return "".join(out)


# -- page ------------------------------------------------------------------------


def render(report, stream, *, title: str | None = None, docs_url: str | None = None, show_suppressed: bool = False, **_) -> None:
    stream.write(build(report, title=title, docs_url=docs_url, show_suppressed=show_suppressed))


def _page():
    """The page template, with escaping on by default: every value is escaped as
    ``_a`` escapes an attribute, unless it is markup the report made (``Markup``);
    ``|text`` escapes element text as ``_t`` does. Jinja2 (imported only for this
    format): a maintained template engine whose escaping cannot be forgotten at
    one value, unlike string building."""
    global _PAGE
    if _PAGE is None:
        from jinja2 import Environment, FileSystemLoader, StrictUndefined
        from markupsafe import Markup

        def finalize(value):
            return value if isinstance(value, Markup) else Markup(_a(value))

        env = Environment(
            loader=FileSystemLoader(ASSETS),
            autoescape=True,
            finalize=finalize,
            undefined=StrictUndefined,
        )
        env.filters["text"] = lambda value: value if isinstance(value, Markup) else Markup(_t(value))
        _PAGE = env.get_template("report.html")
    return _PAGE


_PAGE = None


def build(report, title: str | None = None, docs_url: str | None = None, show_suppressed: bool = False) -> str:
    """The page; a rule id links to the rule's page where it has one (see
    linter.docsite; ``docs_url`` is the config's base URL). With
    ``show_suppressed``, a table of the findings suppression comments hid, each
    with its comment and reason (what a compliance review reads)."""
    from markupsafe import Markup

    from ..docsite import rule_url
    from ..rule import description_text

    findings = report.findings
    sources = report.sources
    rule_list = list(report.rules)
    rules = {r.id: r for r in rule_list}
    paths = list(sources)
    for f in findings:  # a finding for a file without source (should not happen)
        if f.path not in sources and f.path not in paths:
            paths.append(f.path)

    by_path: dict[str, list] = {p: [] for p in paths}
    for f in sorted(findings, key=lambda f: (f.start, f.end, f.rule)):
        by_path[f.path].append(f)
    numbered: dict[str, list[tuple[int, object]]] = {}
    fid = 0
    for p in paths:
        numbered[p] = []
        for f in by_path[p]:
            numbered[p].append((fid, f))
            fid += 1

    sev_counts = Counter(f.severity for f in findings)
    rule_counts: dict[str, Counter] = {}
    for f in findings:
        rule_counts.setdefault(f.rule, Counter())[f.severity] += 1
    rule_ids = [r.id for r in rule_list] + sorted(set(rule_counts) - set(rules))
    total = len(findings)
    affected = sum(1 for p in paths if by_path[p])
    page_title = title or f"contentlint report: {_plural(total, 'finding')} in {_plural(len(paths), 'file')}"

    rule_table = []
    for rid in rule_ids:
        r = rules.get(rid)
        counts = rule_counts.get(rid, Counter())
        rule_table.append({
            "id": rid,
            "count": sum(counts.values()),
            "kind": r.kind if r is not None else None,
            "url": rule_url(r, docs_url) if r is not None else None,
            "severity": r.severity if r is not None else (counts.most_common(1)[0][0] if counts else "info"),
            "description": description_text(r.description) if r is not None else "",
        })
    rule_rows = [(rid, "#rule-" + rid, dict(rule_counts[rid])) for rid in rule_ids if rid in rule_counts]
    rule_rows.sort(key=lambda r: -sum(r[2].values()))
    file_rows = [
        (p, f"#file-{i}", dict(Counter(f.severity for f in by_path[p]))) for i, p in enumerate(paths) if by_path[p]
    ]
    file_rows.sort(key=lambda r: -sum(r[2].values()))

    files = []
    for p in paths:
        items = numbered[p]
        src = sources.get(p)
        counts = Counter(f.severity for _, f in items)
        files.append({
            "path": p,
            "findings": [(n, f, _shown_match(f.match)) for n, f in items],
            "severity_counts": [(sev, counts[sev]) for sev in SEVERITIES if counts.get(sev)],
            "document_findings": [(n, f) for n, f in items if f.document_level],
            "highlighted": Markup(highlight(src.text, src.line_starts, items)) if src is not None else None,
        })
    rule_data = {
        rid: {
            "kind": rules[rid].kind if rid in rules else "",
            "description": description_text(rules[rid].description) if rid in rules else "",
        }
        for rid in rule_ids
    }
    suppressed = [
        {"path": f.path, "line": f.line, "column": f.column, "rule": f.rule, "message": f.message,
         "comment": d.describe(), "comment_line": d.line, "reason": d.reason}
        for f, d in sorted(getattr(report, "suppressed", ()), key=lambda fd: (fd[0].path, fd[0].start, fd[0].rule))
    ] if show_suppressed else None
    return _page().render(
        nl=Markup("\n"),
        suppressed=suppressed,
        title=page_title,
        css=Markup(_asset("report.css")),
        js=Markup(_asset("report.js")),
        severity_counts=[(sev, sev_counts.get(sev, 0)) for sev in SEVERITIES],
        severity_labels=_SEV_LABEL,
        rule_table=rule_table,
        total=total,
        problems=[str(p) for p in report.problems],
        affected=affected,
        files=files,
        rule_chart=Markup(_bar_chart(rule_rows)),
        file_chart=Markup(_bar_chart(file_rows)),
        # JSON inside a script element is not HTML: it is kept from closing the
        # element by writing "<" as \u003c, not by HTML escaping
        rule_data=Markup(json.dumps(rule_data, ensure_ascii=False).replace("<", "\\u003c")),
    )


def _shown_match(match: str) -> str:
    m = _squash(match)
    return m[:87] + "…" if len(m) > 90 else m


ASSETS = Path(__file__).resolve().parent / "html_page"  # the page template, its CSS and JS (package data)


def _asset(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")
