"""``--format html``: one self-contained page (inline CSS and JS, nothing fetched,
works from file://) for editors: a summary with charts, and every article's source
text with its findings highlighted in place.

Highlighting works on source offsets. Every finding's span becomes a ``<mark>``;
spans that nest become nested marks, and a span that crosses another one's end is
cut into fragments there (all fragments share ``data-fid``, the first has the
``id`` the finding list links to), so no text is lost or repeated. Line numbers
are empty absolutely positioned spans at each line start, so marks can run across
lines and the text keeps wrapping naturally.

Options a caller may pass: ``title`` (page title). Others are ignored.
"""

from __future__ import annotations

import json
from collections import Counter
from html import escape

from ..findings import SEVERITIES

_SEV_COLOR = {"error": "#dc2626", "warning": "#d97706", "info": "#2563eb"}
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


def render(report, stream, *, title: str | None = None, docs_url: str | None = None, **_) -> None:
    stream.write(build(report, title=title, docs_url=docs_url))


def build(report, title: str | None = None, docs_url: str | None = None) -> str:
    """The page; a rule id links to the rule's page where it has one (see
    linter.docsite; ``docs_url`` is the config's base URL)."""
    from ..docsite import rule_url

    findings = report.findings
    sources = report.sources
    rules = {r.id: r for r in report.rules}
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
    rule_ids = [r.id for r in report.rules] + sorted(set(rule_counts) - set(rules))
    total = len(findings)
    affected = sum(1 for p in paths if by_path[p])
    page_title = title or f"contentlint report: {_plural(total, 'finding')} in {_plural(len(paths), 'file')}"

    h: list[str] = []
    w = h.append
    w("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
    w('<meta name="viewport" content="width=device-width, initial-scale=1">\n')
    w('<meta name="generator" content="contentlint">\n')
    w(f"<title>{_t(page_title)}</title>\n")
    w('<link rel="icon" href="data:,">\n')
    w(f"<style>{CSS}</style>\n</head>\n<body>\n")

    # Toolbar: filters and the live count.
    w('<header class="bar" id="toolbar"><div class="bar-in">')
    w('<a class="brand" href="#top">contentlint<span>report</span></a>')
    w('<div class="filters" role="group" aria-label="Filter by severity">')
    for sev in SEVERITIES:
        c = sev_counts.get(sev, 0)
        dis = "" if c else " disabled"
        w(
            f'<label class="chip sev-{sev}{" zero" if not c else ""}"><input type="checkbox" data-filter="severity" '
            f'value="{sev}" checked{dis}><i></i>{sev} <b data-count-severity="{sev}">{c}</b></label>'
        )
    w("</div>")
    w('<div class="filters" role="group" aria-label="Filter by rule">')
    for rid in rule_ids:
        c = sum(rule_counts.get(rid, Counter()).values())
        if not c:
            continue
        w(
            f'<label class="chip rule"><input type="checkbox" data-filter="rule" value="{_a(rid)}" checked>'
            f"<i></i>{_t(rid)} <b>{c}</b></label>"
        )
    w("</div>")
    w(
        f'<div class="shown">showing <b id="shown">{total}</b> of <span id="shown-of">{total}</span>'
        '<button type="button" id="reset" hidden>reset</button></div>'
    )
    w("</div></header>\n")

    w('<main id="top">\n<section class="summary" aria-label="Summary">')
    w(f"<h1>{_t(page_title)}</h1>")
    if report.problems:
        w('<div class="problems"><strong>Files that could not be linted</strong><ul>')
        w("".join(f"<li>{_t(str(p))}</li>" for p in report.problems))
        w("</ul></div>")
    w('<div class="cards">')
    w(f'<div class="card total"><span class="k">findings</span><b id="total">{total}</b></div>')
    for sev in SEVERITIES:
        c = sev_counts.get(sev, 0)
        w(f'<div class="card sev-{sev}"><span class="k">{_SEV_LABEL[sev]}</span><b data-severity-total="{sev}">{c}</b></div>')
    w(
        f'<div class="card"><span class="k">files with findings</span><b id="files-affected">{affected}</b>'
        f'<span class="of">of {len(paths)}</span></div>'
    )
    w("</div>")

    rule_rows = [(rid, "#rule-" + rid, dict(rule_counts[rid])) for rid in rule_ids if rid in rule_counts]
    rule_rows.sort(key=lambda r: -sum(r[2].values()))
    file_rows = [
        (p, f"#file-{i}", dict(Counter(f.severity for f in by_path[p]))) for i, p in enumerate(paths) if by_path[p]
    ]
    file_rows.sort(key=lambda r: -sum(r[2].values()))
    w('<div class="charts">')
    w(f'<figure><figcaption>Findings per rule</figcaption>{_bar_chart(rule_rows)}</figure>')
    w(
        f'<figure><figcaption>Findings per file <span class="dim">({affected} of {len(paths)} files)</span></figcaption>'
        f'<div class="scroll">{_bar_chart(file_rows)}</div></figure>'
    )
    w("</div>")

    w('<table class="rules"><thead><tr><th>Rule</th><th>Severity</th><th class="n">Findings</th>'
      "<th>What it checks</th></tr></thead><tbody>")
    for rid in rule_ids:
        r = rules.get(rid)
        counts = rule_counts.get(rid, Counter())
        c = sum(counts.values())
        sev = r.severity if r is not None else (counts.most_common(1)[0][0] if counts else "info")
        desc = _squash(r.description) if r is not None and r.description else ""
        kind = f'<span class="kind">{_t(r.kind)}</span>' if r is not None else ""
        url = rule_url(r, docs_url) if r is not None else None
        name = f'<a href="{_a(url)}"><code>{_t(rid)}</code></a>' if url else f"<code>{_t(rid)}</code>"
        w(
            f'<tr id="rule-{_a(rid)}" class="{"" if c else "quiet"}"><td>{name}{kind}</td>'
            f'<td><span class="badge sev-{sev}">{sev}</span></td>'
            f'<td class="n" data-rule-count="{_a(rid)}">{c}</td><td class="desc">{_t(desc) or "<span class=dim>(no description)</span>"}</td></tr>'
        )
    w("</tbody></table></section>\n")

    # Articles.
    for i, p in enumerate(paths):
        items = numbered[p]
        src = sources.get(p)
        counts = Counter(f.severity for _, f in items)
        w(f'<section class="doc" id="file-{i}" data-path="{_a(p)}">')
        w(f'<details{" open" if items else ""}><summary class="doc-head">')
        w(f'<h2>{_t(p)}</h2><span class="doc-counts"><b class="fcount">{len(items)}</b> '
          f'<span class="fword">{"finding" if len(items) == 1 else "findings"}</span>')
        for sev in SEVERITIES:
            if counts.get(sev):
                w(f' <span class="badge sev-{sev}" data-sev="{sev}"><b>{counts[sev]}</b> {sev}</span>')
        w("</span></summary>")
        docs = [(n, f) for n, f in items if f.document_level]
        if docs:
            w('<div class="doc-level">')
            for n, f in docs:
                w(
                    f'<div class="docf sev-{f.severity}" data-rule="{_a(f.rule)}" data-severity="{f.severity}" '
                    f'data-fid="{n}"><span class="badge sev-{f.severity}">{f.severity}</span>'
                    f'<a href="#f-{n}"><code>{_t(f.rule)}</code></a> <span>{_t(f.message)}</span></div>'
                )
            w("</div>")
        w('<div class="doc-body">')
        if src is not None:
            w(f'<div class="src">{highlight(src.text, src.line_starts, items)}</div>')
        else:
            w('<div class="src missing">(source text not available)</div>')
        w('<nav class="flist" aria-label="Findings in this file">')
        if items:
            w("<ol>")
            for n, f in items:
                m = _squash(f.match)
                if len(m) > 90:
                    m = m[:87] + "…"
                w(
                    f'<li class="fi sev-{f.severity}" data-rule="{_a(f.rule)}" data-severity="{f.severity}" data-fid="{n}">'
                    f'<a href="#f-{n}"><span class="loc">{f.line}:{f.column}</span>'
                    f'<code>{_t(f.rule)}</code></a><q>{_t(m)}</q></li>'
                )
            w("</ol>")
        else:
            w('<p class="empty-note">No findings.</p>')
        w("</nav></div></details></section>\n")

    w("</main>\n")
    w(
        '<aside id="panel" hidden aria-live="polite"><div class="panel-head"><div class="pt"><b id="panel-title">Finding</b>'
        '<span id="panel-file"></span></div>'
        '<span class="panel-nav"><button type="button" id="prev" title="previous finding (k)">&#8593;</button>'
        '<button type="button" id="next" title="next finding (j)">&#8595;</button>'
        '<button type="button" id="close" title="close (Esc)">&#215;</button></span></div>'
        '<div id="panel-body"></div></aside>\n'
    )
    rule_data = {
        rid: {
            "kind": rules[rid].kind if rid in rules else "",
            "description": _squash(rules[rid].description) if rid in rules else "",
        }
        for rid in rule_ids
    }
    data = json.dumps(rule_data, ensure_ascii=False).replace("<", "\\u003c")
    w(f'<script type="application/json" id="rule-data">{data}</script>\n')
    w(f"<script>{JS}</script>\n</body>\n</html>\n")
    return "".join(h)


CSS = """
:root{--err:#dc2626;--warn:#d97706;--info:#2563eb;--ink:#1f2933;--dim:#667085;--line:#e4e7ec;
--bg:#f5f6f8;--card:#fff;--ui:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Liberation Sans",sans-serif;
--prose:Charter,"Bitstream Charter","Sitka Text",Cambria,Georgia,"DejaVu Serif",serif;
--mono:ui-monospace,"SFMono-Regular",Menlo,Consolas,"DejaVu Sans Mono","Liberation Mono",monospace}
*{box-sizing:border-box}
[hidden]{display:none!important}
html{scroll-padding-top:7rem}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.45 var(--ui)}
a{color:inherit}
code{font:12.5px var(--mono)}
.dim{color:var(--dim);font-weight:400}
.sev-error{--c:var(--err);--t:rgba(220,38,38,.11);--t2:rgba(220,38,38,.22)}
.sev-warning{--c:var(--warn);--t:rgba(245,158,11,.16);--t2:rgba(245,158,11,.32)}
.sev-info{--c:var(--info);--t:rgba(37,99,235,.10);--t2:rgba(37,99,235,.22)}
.bar{position:sticky;top:0;z-index:5;background:rgba(255,255,255,.96);border-bottom:1px solid var(--line);
backdrop-filter:blur(6px)}
.bar-in{max-width:1320px;margin:0 auto;padding:.55rem 1.25rem;display:flex;flex-wrap:wrap;gap:.5rem 1.25rem;align-items:center}
.brand{font-weight:700;text-decoration:none;letter-spacing:-.01em;font-size:15px}
.brand span{font-weight:400;color:var(--dim);margin-left:.35em}
.filters{display:flex;flex-wrap:wrap;gap:.35rem}
.chip{display:inline-flex;align-items:center;gap:.4em;border:1px solid var(--line);border-radius:999px;
padding:.18rem .65rem .18rem .5rem;background:#fff;cursor:pointer;user-select:none;font-size:13px}
.chip input{position:absolute;opacity:0;pointer-events:none}
.chip i{width:.7em;height:.7em;border-radius:50%;background:var(--c,#475467);border:2px solid var(--c,#475467)}
.chip b{font-weight:600;color:var(--dim)}
.chip:has(input:not(:checked)){color:var(--dim);background:#f2f4f7;text-decoration:line-through}
.chip:has(input:not(:checked)) i{background:transparent}
.chip:has(input:focus-visible){outline:2px solid var(--info);outline-offset:1px}
.chip.zero{opacity:.45;cursor:default}
.shown{margin-left:auto;color:var(--dim)}
.shown b{color:var(--ink)}
.shown button{margin-left:.6em}
button{font:inherit;font-size:12.5px;border:1px solid var(--line);background:#fff;border-radius:6px;padding:.1rem .5rem;cursor:pointer}
button:hover{background:#f2f4f7}
main{max-width:1320px;margin:0 auto;padding:1.25rem}
h1{font-size:20px;margin:.25rem 0 1rem;letter-spacing:-.01em}
.problems{background:#fff7ed;border:1px solid #fed7aa;border-radius:8px;padding:.6rem .9rem;margin-bottom:1rem}
.problems ul{margin:.3rem 0 0;padding-left:1.2rem;font-family:var(--mono);font-size:12.5px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:.75rem;margin-bottom:1rem}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:.7rem .9rem;border-top:3px solid var(--c,#475467)}
.card .k{display:block;color:var(--dim);font-size:12px;text-transform:uppercase;letter-spacing:.05em}
.card b{font-size:26px;font-weight:650;line-height:1.2}
.card .of{color:var(--dim);margin-left:.35em}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:.75rem;margin-bottom:1rem}
figure{margin:0;background:var(--card);border:1px solid var(--line);border-radius:10px;padding:.75rem .9rem}
figcaption{font-weight:600;margin-bottom:.5rem}
.scroll{max-height:340px;overflow:auto}
.chart{display:block;max-width:100%;height:auto;font:12.5px var(--ui)}
.chart .lbl{fill:var(--ink)}
.chart .num{fill:var(--dim);font-weight:600}
.chart .hit{fill:transparent}
.chart a:hover .hit{fill:#f2f4f7}
.chart .bar.sev-error{fill:var(--err)}
.chart .bar.sev-warning{fill:#f59e0b}
.chart .bar.sev-info{fill:var(--info)}
table.rules{width:100%;border-collapse:collapse;background:var(--card);border:1px solid var(--line);border-radius:10px;overflow:hidden;margin-bottom:1.5rem}
.rules th,.rules td{text-align:left;vertical-align:top;padding:.55rem .8rem;border-bottom:1px solid var(--line)}
.rules th{font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:var(--dim);background:#fafbfc}
.rules tr:last-child td{border-bottom:0}
.rules td:first-child{white-space:nowrap}
.rules .n{text-align:right;font-variant-numeric:tabular-nums;font-weight:600}
.rules .desc{color:#475467;max-width:70ch}
.rules .kind{display:block;color:var(--dim);font-size:12px}
.rules tr.quiet{color:var(--dim)}
.rules tr:target{background:#fffbe6}
.badge{display:inline-block;font-size:11.5px;font-weight:600;line-height:1.5;padding:0 .45em;border-radius:4px;
color:var(--c);background:var(--t2);white-space:nowrap}
.doc{margin:0 0 1.25rem;content-visibility:auto;contain-intrinsic-size:auto 900px}
.doc>details{background:var(--card);border:1px solid var(--line);border-radius:10px}
.doc-head{display:flex;flex-wrap:wrap;align-items:baseline;gap:.4rem .9rem;padding:.75rem 1rem;cursor:pointer;list-style:none;
border-bottom:1px solid transparent}
.doc-head::-webkit-details-marker{display:none}
.doc-head::before{content:"\\25B8";color:var(--dim);transition:transform .15s;display:inline-block}
details[open]>.doc-head::before{transform:rotate(90deg)}
details[open]>.doc-head{border-bottom-color:var(--line)}
.doc-head h2{font:600 15px var(--mono);margin:0;word-break:break-all}
.doc-counts{color:var(--dim)}
.doc-counts .fcount{color:var(--ink)}
.doc.none .doc-counts .fcount{color:var(--dim)}
.doc-level{padding:.6rem 1rem 0;display:grid;gap:.4rem}
.docf{display:flex;gap:.6rem;align-items:baseline;background:var(--t);border-left:3px solid var(--c);border-radius:6px;padding:.5rem .75rem;color:#344054}
.docf a{white-space:nowrap}
.doc-body{display:grid;grid-template-columns:minmax(0,880px) minmax(280px,1fr);gap:0}
.src{position:relative;padding:1rem 1.5rem 1.25rem 4rem;white-space:pre-wrap;overflow-wrap:anywhere;tab-size:4;
font:16.5px/var(--lh) var(--prose);color:#1d2530;--lh:29px}
.src.missing{font-family:var(--ui);color:var(--dim)}
.ln{position:absolute;left:0;width:3rem;text-align:right;color:#98a2b3;font:11.5px/var(--lh) var(--mono);user-select:none;pointer-events:none}
.ln::before{content:attr(data-n)}
mark{color:inherit;background:var(--t);border-bottom:2px solid var(--c);border-radius:2px;cursor:pointer;
-webkit-box-decoration-break:clone;box-decoration-break:clone}
mark:hover{background:var(--t2)}
mark mark{border-bottom-width:3px;padding-bottom:2px}
mark mark mark{padding-bottom:5px}
mark.empty::after{content:"\\2038";color:var(--c);font-weight:700}
mark.off{background:transparent;border-bottom-color:transparent;cursor:auto}
mark.off.empty::after{content:none}
mark.cur{background:var(--t2);outline:2px solid var(--c);outline-offset:1px}
.flist{border-left:1px solid var(--line);background:#fbfbfc;border-radius:0 0 10px 0}
.flist ol{list-style:none;margin:0;padding:.5rem;position:sticky;top:3.6rem;max-height:calc(100vh - 4.5rem);overflow:auto}
.fi{border-left:3px solid var(--c);border-radius:4px;margin:0 0 .3rem;background:#fff}
.fi a{display:flex;gap:.5rem;align-items:baseline;padding:.3rem .5rem 0;text-decoration:none}
.fi .loc{font:600 11.5px var(--mono);color:var(--c);min-width:4.2em}
.fi code{color:#344054;font-size:12px}
.fi q{display:block;padding:0 .5rem .35rem 5.2em;color:var(--dim);font-size:12.5px;quotes:"\\201C" "\\201D";
overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.fi:hover{background:#f2f4f7;cursor:pointer}
.fi.cur{background:var(--t);outline:1px solid var(--c)}
.empty-note{color:var(--dim);margin:.5rem}
#panel{position:fixed;right:1rem;bottom:1rem;z-index:10;width:min(420px,calc(100vw - 2rem));max-height:60vh;overflow:auto;
background:#fff;border:1px solid #d0d5dd;border-radius:12px;box-shadow:0 12px 32px rgba(16,24,40,.18)}
.panel-head{display:flex;justify-content:space-between;align-items:center;gap:.5rem;padding:.5rem .75rem;border-bottom:1px solid var(--line);
position:sticky;top:0;background:#fff}
.pt{display:flex;flex-direction:column;min-width:0}
#panel-file{font:12px var(--mono);color:var(--dim);overflow:hidden;text-overflow:ellipsis;white-space:nowrap;direction:rtl;text-align:left}
.panel-nav{display:flex;gap:.25rem;flex:none}
.panel-nav button{min-width:1.9rem}
.pf{padding:.7rem .9rem;border-left:4px solid var(--c)}
.pf+.pf{border-top:1px solid var(--line)}
.pf-h{display:flex;gap:.5rem;align-items:baseline;flex-wrap:wrap}
.pf-h .where{margin-left:auto;color:var(--dim);font:12px var(--mono)}
.pf-msg{margin:.45rem 0 .3rem;font-size:14.5px}
.pf-desc{color:var(--dim);font-size:12.5px}
.pf-desc summary{cursor:pointer;width:max-content}
.pf-desc p{margin:.3rem 0 0}
@media (max-width:900px){.doc-body{grid-template-columns:1fr}.flist{border-left:0;border-top:1px solid var(--line)}
.flist ol{position:static;max-height:none}.src{padding-left:3.4rem;font-size:16px;--lh:28px}}
@media print{.bar,#panel{display:none}.doc{content-visibility:visible}}
"""

JS = """
(()=>{
const $=(s,r=document)=>r.querySelector(s),$$=(s,r=document)=>Array.from(r.querySelectorAll(s));
const RULES=JSON.parse($('#rule-data').textContent);
const panel=$('#panel'),body=$('#panel-body'),docs=$$('.doc');
let marks=null,cur=null;
const allMarks=()=>marks||(marks=$$('mark[id^="f-"]'));
function hidden(el,r,s){return r.has(el.dataset.rule)||s.has(el.dataset.severity)}
function apply(){
 const r=new Set($$('input[data-filter=rule]:not(:checked)').map(i=>i.value));
 const s=new Set($$('input[data-filter=severity]:not(:checked)').map(i=>i.value));
 for(const m of $$('mark[data-fid]'))m.classList.toggle('off',hidden(m,r,s));
 for(const e of $$('.fi,.docf'))e.hidden=hidden(e,r,s);
 let total=0;
 for(const d of docs){const n=$$('.fi:not([hidden])',d).length;total+=n;
  $('.fcount',d).textContent=n;
  for(const b of $$('.badge[data-sev]',d)){const k=$$('.fi:not([hidden])[data-severity="'+b.dataset.sev+'"]',d).length;b.firstChild.textContent=k;b.hidden=!k}$('.fword',d).textContent=n===1?'finding':'findings';d.classList.toggle('none',!n)}
 $('#shown').textContent=total;$('#reset').hidden=!(r.size||s.size);
 if(cur&&cur.classList.contains('off'))closePanel();
}
function el(tag,cls,text){const e=document.createElement(tag);if(cls)e.className=cls;if(text!=null)e.textContent=text;return e}
function show(mark){
 const seen=new Set(),list=[];
 for(let m=mark;m;m=m.parentElement&&m.parentElement.closest('mark[data-fid]')){
  const id=m.dataset.fid;if(seen.has(id)||m.classList.contains('off'))continue;seen.add(id);list.push(document.getElementById('f-'+id)||m)}
 if(!list.length)return;
 $$('.cur').forEach(e=>e.classList.remove('cur'));
 cur=list[0];
 body.textContent='';
 for(const m of list){
  const d=m.dataset,f=el('div','pf sev-'+d.severity),h=el('div','pf-h');
  h.append(el('span','badge sev-'+d.severity,d.severity),el('code',null,d.rule),el('span','where','line '+d.loc.replace(':',', col ')));
  f.append(h,el('p','pf-msg',d.message));
  const info=RULES[d.rule];
  if(info&&info.description){const x=el('details','pf-desc'),sm=el('summary',null,'What this rule checks');x.append(sm,el('p',null,info.description));f.append(x)}
  body.append(f);
  $$('mark[data-fid="'+d.fid+'"]').forEach(x=>x.classList.add('cur'));
  const li=$('.fi[data-fid="'+d.fid+'"]');if(li)li.classList.add('cur');
 }
 const doc=cur.closest('.doc'),vis=allMarks().filter(m=>!m.classList.contains('off'));
 $('#panel-title').textContent=(list.length>1?list.length+' findings here \\u00b7 ':'Finding ')+(vis.indexOf(cur)+1)+' of '+vis.length;
 $('#panel-file').textContent=doc?'\\u200e'+doc.dataset.path+'\\u200e':'';
 panel.hidden=false;
}
function closePanel(){panel.hidden=true;cur=null;$$('.cur').forEach(e=>e.classList.remove('cur'))}
function go(id){
 const m=document.getElementById('f-'+id);if(!m)return;
 const det=m.closest('details');if(det&&!det.open)det.open=true;
 // Instant, not smooth: articles off screen are laid out only when reached
 // (content-visibility), so a long smooth scroll would miss its target.
 const into=()=>{const r=m.getBoundingClientRect();if(r.top<60||r.bottom>innerHeight)m.scrollIntoView({block:'center'})};
 m.scrollIntoView({block:'center'});requestAnimationFrame(()=>requestAnimationFrame(into));
 show(m);history.replaceState(null,'','#f-'+id);
}
function step(dir){
 const vis=allMarks().filter(m=>!m.classList.contains('off'));if(!vis.length)return;
 let i=cur?vis.indexOf(cur):-1;i=i<0?(dir>0?0:vis.length-1):(i+dir+vis.length)%vis.length;
 go(vis[i].dataset.fid);
}
document.addEventListener('change',e=>{if(e.target.matches('input[data-filter]'))apply()});
document.addEventListener('click',e=>{
 const t=e.target;
 const m=t.closest('mark[data-fid]');if(m&&!m.classList.contains('off')){show(m);return}
 const entry=t.closest('.fi,.docf');
 const a=t.closest('a[href^="#f-"]');
 if(entry||a){e.preventDefault();go((entry||a).dataset.fid||a.getAttribute('href').slice(3));return}
});
$('#close').onclick=closePanel;$('#next').onclick=()=>step(1);$('#prev').onclick=()=>step(-1);
$('#reset').onclick=()=>{$$('input[data-filter]').forEach(i=>i.checked=true);apply()};
document.addEventListener('keydown',e=>{
 if(e.ctrlKey||e.metaKey||e.altKey||(e.target.matches('input,textarea,select')&&e.key!=='Escape'))return;
 if(e.key==='Escape')closePanel();else if(e.key==='j'||e.key==='n')step(1);else if(e.key==='k'||e.key==='p')step(-1);
});
const h=location.hash.match(/^#f-(\\d+)$/);if(h)go(h[1]);
apply();
})();
"""
