"""``contentlint docs OUTPUT``: a small static site with one page per rule of the
built-in and installed packs, and an index by pack.

Each page is made from the rule as its pack ships it: the description, the
message, the examples (run through the rule: each finding's span is marked, and
a fix the rule makes is shown as the text after ``--fix``), the kind's options
with the pack's values, and how to change or silence the rule. Pages are plain
HTML and one stylesheet; every value from a rule file is HTML-escaped (a rule
pack is someone else's text). Nothing depends on the time or the machine, so
the same packs give the same bytes (``docs/rules/`` in the repository is kept
current by a test that regenerates it).
"""

from __future__ import annotations

import os
import re
from html import escape
from pathlib import Path

from ..errors import UserError
from . import page_path

GENERATOR = "contentlint docs"
LONG_LIST = 12  # longer option values are folded in a <details>

STYLE = Path(__file__).resolve().parent / "style.css"  # the pages' stylesheet (package data)


def _e(value) -> str:
    """Escaped for element text and double-quoted attributes alike."""
    return escape(str(value), quote=True)


_CODE = re.compile(r"`([^`\n]+)`")


def _prose(text: str) -> str:
    """A rule description as paragraphs: escaped, `code` spans kept as code."""
    from ..rule import description_lines

    def line(text: str) -> str:
        return _CODE.sub(lambda m: f"<code>{m.group(1)}</code>", _e(text))

    return "\n".join("<p>" + "<br>\n".join(line(x) for x in lines) + "</p>" for lines in description_lines(text))


def _page(title: str, body: str, depth: int) -> str:
    up = "../" * depth
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="{GENERATOR}">\n'
        f"<title>{_e(title)}</title>\n"
        f'<link rel="stylesheet" href="{up}style.css">\n'
        "</head>\n<body>\n"
        f"{body}"
        f'<footer>Made by <code>{GENERATOR}</code>. Every rule: <a href="{up}index.html">index</a>.</footer>\n'
        "</body>\n</html>\n"
    )


# -- one rule -----------------------------------------------------------------------


def _marked(text: str, spans) -> str:
    """``text`` escaped, the findings' spans in <mark> (overlapping spans merged)."""
    merged: list = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    out, at = [], 0
    for a, b in merged:
        out.append(_e(text[at:a]))
        out.append(f"<mark>{_e(text[a:b]) or '&#8203;'}</mark>")
        at = b
    out.append(_e(text[at:]))
    return "".join(out)


def _run_example(rule, text: str):
    """(findings, text after safe fixes, text after all fixes) of one example."""
    from ..document import Document
    from ..engine import DEFAULT_TIME_LIMIT, check_document
    from ..fixer import fix_source
    from ..source import Source

    def lint(source):
        outcome = check_document(Document.parse(source), [rule], time_limit_s=DEFAULT_TIME_LIMIT)
        return outcome.findings

    source = Source.from_text("<example>", text)
    findings = lint(source)
    safe = fix_source(source, lint, unsafe=False).fixed if findings else text
    everything = fix_source(source, lint, unsafe=True).fixed if findings else text
    return findings, safe, everything


def _option_value(value, field) -> str:
    if isinstance(value, (list, tuple)):
        items = [str(v) for v in value]
        if field.items == "regex":  # a regex may hold commas: one per line
            shown = "<br>".join(f"<code>{_e(v)}</code>" for v in items)
        else:
            shown = ", ".join(_e(v) for v in items)
        shown = shown or "<em>(empty)</em>"
        if len(items) > LONG_LIST:
            return f"<details><summary>{len(items)} items</summary>{shown}</details>"
        return shown
    if isinstance(value, dict):
        rows = [f"{_e(k)}: {_e(v)}" for k, v in value.items()]
        shown = "<br>".join(rows) if rows else "<em>(empty)</em>"
        return f"<details><summary>{len(rows)} entries</summary>{shown}</details>" if len(rows) > LONG_LIST else shown
    if isinstance(value, bool):
        return "true" if value else "false"
    return _e(value) if value not in (None, "") else "<em>(none)</em>"


def rule_page(rule, pack) -> str:
    from ..kinds import check_class

    cls = check_class(rule.kind)
    scope = ", ".join(sorted(getattr(rule.scope, "names", ()) or ())) or "prose"
    w = [
        f'<nav><a href="../index.html">All rules</a> &rsaquo; <a href="../index.html#pack-{_e(pack.name)}">{_e(pack.name)}</a></nav>\n',
        "<main>\n",
        f'<h1 id="{_e(rule.id)}"><code>{_e(rule.id)}</code></h1>\n',
        f'<p class="meta">Pack <strong>{_e(pack.name)}</strong> {_e(pack.version)}'
        f' &middot; kind <code>{_e(rule.kind)}</code>'
        f' &middot; severity <span class="badge sev-{_e(rule.severity)}">{_e(rule.severity)}</span>'
        f' &middot; scope {_e(scope)}' + ("" if rule.enabled else " &middot; <strong>off by default</strong>") + "</p>\n",
        "<h2>What it checks</h2>\n",
        _prose(rule.description) or "<p><em>(no description)</em></p>",
        "\n<h2>Message</h2>\n",
        f"<pre>{_e(rule.message)}</pre>\n",
    ]
    fixes = []  # (before, after, safe)
    fail = rule.examples.get("fail") or []
    good = rule.examples.get("pass") or []
    if fail or good:
        w.append("<h2>Examples</h2>\n")
    if fail:
        w.append("<h3>Gives a finding</h3>\n")
        for ex in fail:
            findings, safe, everything = _run_example(rule, ex["text"])
            w.append(f'<pre class="fail">{_marked(ex["text"], [(f.start, f.end) for f in findings])}</pre>\n')
            if everything != ex["text"]:
                fixes.append((ex["text"], everything, safe == everything))
    if good:
        w.append("<h3>Fine</h3>\n")
        for ex in good:
            w.append(f'<pre class="pass">{_e(ex["text"])}</pre>\n')

    w.append("<h2>Fix</h2>\n")
    if fixes:
        all_safe = all(s for _, _, s in fixes)
        if all_safe:
            w.append("<p>Safe: <code>contentlint --fix</code> applies it (<code>--diff</code> shows it first).</p>\n")
        else:
            w.append("<p>Unsafe (it may change meaning): applied only with <code>contentlint --fix --unsafe-fixes</code>; "
                     "<code>--diff --unsafe-fixes</code> shows it first.</p>\n")
        before, after, _ = fixes[0]
        w.append(f'<pre class="fail">{_e(before)}</pre>\n<p>becomes</p>\n<pre class="fixed">{_e(after)}</pre>\n')
    else:
        w.append("<p>No automatic fix: edit the text as the description says.</p>\n")

    options = [(name, field) for name, field in cls.OPTIONS.items()]
    if options:
        w.append("<h2>Options</h2>\n<p>Set in a config under <code>rules:</code> (a list replaces the pack's list).</p>\n")
        w.append("<table><thead><tr><th>Option</th><th>In this pack</th><th>What it does</th></tr></thead><tbody>\n")
        for name, field in options:
            value = rule.check.options.get(name, field.default)
            w.append(f'<tr><td><code>{_e(name)}</code></td><td class="value">{_option_value(value, field)}</td>'
                     f"<td>{_e(field.doc)}</td></tr>\n")
        w.append("</tbody></table>\n")

    w.append("<h2>Configure or silence</h2>\n")
    w.append(
        "<pre>"
        + _e(f"# .contentlint.yaml\nextends: [{_extends(pack)}]\nrules:\n  {rule.id}:\n    severity: warning   # or: enabled: false\n")
        + "</pre>\n<p>One place in an article:</p>\n<pre>"
        + _e(f"<!-- contentlint-disable-next-line {rule.id} -- the reason -->")
        + "</pre>\n"
    )
    w.append("</main>\n")
    return _page(f"{rule.id} ({pack.name}) - contentlint", "".join(w), depth=1)


# -- the index ----------------------------------------------------------------------


def _extends(pack) -> str:
    """What a config's ``extends`` lists to use ``pack``: an installed pack beside
    the built-in ``health`` one, which naming any pack leaves out."""
    return pack.name if pack.builtin else f"health, {pack.name}"


def index_page(packs_rules) -> str:
    from ..reporters.sarif import first_sentence

    w = ["<main>\n<h1>contentlint rules</h1>\n"]
    w.append("<p>" + ", ".join(f'<a href="#pack-{_e(p.name)}">{_e(p.name)}</a>' for p, _ in packs_rules) + "</p>\n")
    for pack, rules in packs_rules:
        origin = "built in" if pack.builtin else f"installed from <code>{_e(pack.dist)}</code>"
        w.append(f'<h2 id="pack-{_e(pack.name)}">{_e(pack.name)} <small>{_e(pack.version)}</small></h2>\n')
        w.append(f'<p class="meta">{origin}; <code>extends: [{_e(_extends(pack))}]</code></p>\n')
        w.append("<table><thead><tr><th>Rule</th><th>Severity</th><th>Kind</th><th>What it checks</th></tr></thead><tbody>\n")
        for r in rules:
            summary = first_sentence(" ".join((r.description or "").split()))
            w.append(
                f'<tr><td><a href="{_e(page_path(pack.name, r.id))}"><code>{_e(r.id)}</code></a></td>'
                f'<td><span class="badge sev-{_e(r.severity)}">{_e(r.severity)}</span></td>'
                f"<td><code>{_e(r.kind)}</code></td><td>{_CODE.sub(lambda m: f'<code>{m.group(1)}</code>', _e(summary))}</td></tr>\n"
            )
        w.append("</tbody></table>\n")
    w.append("</main>\n")
    return _page("contentlint rules", "".join(w), depth=0)


# -- the site -----------------------------------------------------------------------


def site_files(packs) -> dict[str, str]:
    """Every file of the site: relative path -> text."""
    from ..config.rules import load_rule_paths

    packs_rules = []
    for pack in sorted(packs, key=lambda p: (not p.builtin, p.name)):
        rules = sorted(load_rule_paths([pack.folder]), key=lambda r: r.id)
        packs_rules.append((pack, rules))
    files = {"index.html": index_page(packs_rules), "style.css": STYLE.read_text(encoding="utf-8")}
    for pack, rules in packs_rules:
        for rule in rules:
            files[page_path(pack.name, rule.id)] = rule_page(rule, pack)
    return files


def _is_ours(directory: Path) -> bool:
    index = directory / "index.html"
    try:
        head = index.read_text(encoding="utf-8", errors="replace")[:600]
    except OSError:
        return False
    return f'<meta name="generator" content="{GENERATOR}">' in head


def write_site(directory: Path, packs) -> list[str]:
    """Write the site into ``directory`` (new, empty, or made by this command
    before: its old pages that are no longer made are removed). Returns the
    paths written, relative."""
    files = site_files(packs)
    if directory.exists():
        if not directory.is_dir():
            raise UserError(f"{directory} is not a folder")
        if any(directory.iterdir()) and not _is_ours(directory):
            raise UserError(f"{directory} is not empty and not a site made by '{GENERATOR}'; give a new or empty folder")
        for old in sorted(directory.glob("*/*.html")):
            rel = old.relative_to(directory).as_posix()
            if rel not in files:
                old.unlink()
                try:
                    old.parent.rmdir()  # only when it is left empty
                except OSError:
                    pass
    for rel, text in files.items():
        target = directory / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.is_symlink():
            raise UserError(f"{target} is a symbolic link; not written through")
        with open(target, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    return sorted(files)


def _relpath(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)
