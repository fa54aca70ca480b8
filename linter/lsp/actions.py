"""Code actions on a linted document: a rule's own fix (safe ones preferred,
unsafe ones titled so and never preferred), the text a ``required`` rule asks for
(the medical disclaimer), a suppression comment with a reason to fill in, and
"fix all safe problems in this file" (``source.fixAll``), which is exactly what
``contentlint --fix`` writes.

Every edit is made by applying a fix to the text with the fixer the command uses
(which writes line breaks as the file does) and sending the changed span."""

from __future__ import annotations

import re

from lsprotocol import types

from ..findings import BUILTIN_IDS, Finding, Fix
from ..fixer import apply_fixes
from ..runner import Options, lint_one
from ..suppressions import REASON_PLACEHOLDER
from .documents import SOURCE_NAME, Linted

FIX_ALL_KIND = types.CodeActionKind.SourceFixAll + "." + SOURCE_NAME  # source.fixAll.contentlint
KINDS = [types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll, FIX_ALL_KIND]


def changed_span(old: str, new: str) -> tuple[int, int, int] | None:
    """(start, end in ``old``, end in ``new``) of the one span that differs
    between two texts, or None when they are equal. A boundary never falls
    between the CR and LF of a line break."""
    if old == new:
        return None
    n = min(len(old), len(new))
    lo, hi = 0, n  # the common prefix's length, by bisection: slice compares run in C
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if old[:mid] == new[:mid]:
            lo = mid
        else:
            hi = mid - 1
    start = lo
    lo, hi = 0, n - start  # the common suffix, not overlapping the prefix
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if old[len(old) - mid:] == new[len(new) - mid:]:
            lo = mid
        else:
            hi = mid - 1
    end_old, end_new = len(old) - lo, len(new) - lo
    if 0 < start < len(old) and old[start - 1] == "\r" and old[start] == "\n":
        start -= 1
    if 0 < end_old < len(old) and old[end_old - 1] == "\r" and old[end_old] == "\n":
        end_old += 1
        end_new += 1
    return start, end_old, end_new


def text_edit(linted: Linted, new_text: str) -> types.TextEdit | None:
    span = changed_span(linted.source.text, new_text)
    if span is None:
        return None
    start, end_old, end_new = span
    return types.TextEdit(range=linted.range(start, end_old), new_text=new_text[start:end_new])


def workspace_edit(linted: Linted, edit: types.TextEdit, versioned: bool) -> types.WorkspaceEdit:
    """An edit of the document; with ``versioned`` (the client supports
    ``documentChanges``) it names the version it was made for, so a client
    refuses it once the text has changed."""
    if versioned and linted.version is not None:
        doc = types.OptionalVersionedTextDocumentIdentifier(uri=linted.uri, version=linted.version)
        return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(text_document=doc, edits=[edit])])
    return types.WorkspaceEdit(changes={linted.uri: [edit]})


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def fix_title(linted: Linted, f: Finding) -> str:
    rule = linted.rule(f.rule)
    edit = f.fix.edits[0]
    start, end, replacement = edit.start, edit.end, edit.replacement
    if rule is not None and rule.kind == "required":
        title = f"Insert the {f.rule.replace('-', ' ')}"  # medical-disclaimer: "Insert the medical disclaimer"
    elif len(f.fix.edits) > 1:
        title = f"Apply {len(f.fix.edits)} edits"
    elif start == end:
        title = f"Insert '{_short(replacement)}'"
    elif not replacement:
        title = f"Delete '{_short(linted.source.text[start:end])}'"
    else:
        title = f"Replace '{_short(linted.source.text[start:end])}' with '{_short(replacement)}'"
    title += f" ({f.rule})"
    return title if f.fix.is_safe else f"{title} [unsafe: may change meaning]"


def fix_all_text(linted: Linted) -> str:
    """The text ``contentlint --fix`` would write (safe fixes, repeated until
    stable), computed once per document version."""
    if linted.fixed is None:
        opts = Options(fix=True, diff=True, time_limit_s=linted.time_limit_s)  # diff: nothing is written
        out = lint_one(linted.source, linted.source.path, linted.setup, opts)
        linted.fixed = out.text if out.fix is not None else linted.source.text
    return linted.fixed


def suppression_fix(linted: Linted, f: Finding) -> tuple[str, Fix]:
    """(title, fix) of a comment that suppresses ``f``: ``disable-line`` at the end
    of the finding's first line (an inline comment: the paragraph stays one), or
    for a finding about the whole file, ``disable-file`` on a line of its own above
    the finding (the article's first line of prose, after any front matter)."""
    src = linted.source
    line0 = f.line - 1
    if f.document_level:
        at = src.line_starts[line0]
        comment = f"<!-- contentlint-disable-file {f.rule} -- {REASON_PLACEHOLDER} -->\n"
        return f"Suppress {f.rule} in this file", Fix.safe(at, at, comment)
    line = src.line_text(line0).rstrip(" \t")
    end = len(line)
    blocks = [b for b in linted.document.blocks if b.line == line0]
    cells = [b for b in blocks if b.kind == "table_cell" and b.text]
    if cells:
        # a table row: at the end of its last cell the page keeps (after the last
        # pipe, or in a cell past the header's count, a comment is dropped with it)
        end = max(b.to_source(0, len(b.text))[1] for b in cells) - src.line_starts[line0]
    elif any(b.kind == "heading" for b in blocks) and _ATX.match(line) and (marks := _CLOSING_MARKS.search(line)):
        end = marks.start()  # "## Title ##": before the closing marks, which close it
    elif line.endswith("\\") and not line.endswith("\\\\"):
        end = len(line) - 1  # before a hard line break (a backslash; trailing spaces were left out above)
    at = src.line_starts[line0] + end
    comment = f" <!-- contentlint-disable-line {f.rule} -- {REASON_PLACEHOLDER} -->"
    return f"Suppress {f.rule} on this line", Fix.safe(at, at, comment)


# an ATX heading's line, after any list markers and quote marks it sits in
_ATX = re.compile(r"(?:[ \t]*(?:>|[-+*]|[0-9]{1,9}[.)])(?=[ \t]|$))*[ \t]*#{1,6}(?:[ \t]|$)")
_CLOSING_MARKS = re.compile(r"[ \t]+#+$")


def _comment_only(linted: Linted, fix: Fix, new: str) -> bool:
    """Whether the line's comment, once inserted, is read as a suppression
    comment and the page's text is what it was: not when the line ends inside a
    code span, an HTML tag or an attribute that goes on to the next line (there
    the comment would be code, or break the tag). Decided by parsing the new text."""
    from ..document import Document
    from ..source import Source
    from ..suppressions import find_directives

    after = Document.parse(Source.from_text(linted.source.path, new))
    at = fix.edits[0].start + 1  # past the space before "<!--"
    if not any(d.start == at for d in find_directives(after)):
        return False

    def shown(doc) -> list[str]:  # the page's text, spaces aside (the comment brings one)
        return [" ".join(b.text.split()) for b in doc.blocks]

    return shown(linted.document) == shown(after)


def _wanted(kind: str, only) -> bool:
    """Whether a kind is asked for: ``only`` lists kinds whose sub-kinds count
    too (``source`` asks for ``source.fixAll.contentlint``)."""
    return not only or any(kind == k or kind.startswith(k + ".") for k in only)


def code_actions(linted: Linted, start: int, end: int, only, versioned: bool) -> list[types.CodeAction]:
    """The actions for findings that touch [start, end] (source offsets), and the
    file-wide fix-all when any safe fix is left."""
    actions: list[types.CodeAction] = []
    diagnostics = {}
    if _wanted(types.CodeActionKind.QuickFix, only):
        for f in linted.findings:
            if f.start > end or f.end < start:
                continue
            diag = diagnostics.setdefault(id(f), linted.diagnostic(f))
            if f.fix is not None:
                new = apply_fixes(linted.source.text, [f.fix])[0]
                edit = text_edit(linted, new)
                if edit is not None:
                    actions.append(types.CodeAction(
                        title=fix_title(linted, f),
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=[diag],
                        is_preferred=f.fix.is_safe,
                        edit=workspace_edit(linted, edit, versioned),
                    ))
            if f.rule in BUILTIN_IDS:
                continue  # a suppression comment's own findings are fixed in the comment
            title, fix = suppression_fix(linted, f)
            new = apply_fixes(linted.source.text, [fix])[0]
            if not f.document_level and not _comment_only(linted, fix, new):
                continue  # no place on the line where a comment would be one and leave the page as it was
            edit = text_edit(linted, new)
            actions.append(types.CodeAction(
                title=title,
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diag],
                edit=workspace_edit(linted, edit, versioned),
            ))
    if _wanted(FIX_ALL_KIND, only) and any(f.fix is not None and f.fix.is_safe for f in linted.findings):
        edit = text_edit(linted, fix_all_text(linted))
        if edit is not None:
            actions.append(types.CodeAction(
                title="Fix all safe problems in this file (contentlint)",
                kind=FIX_ALL_KIND,
                edit=workspace_edit(linted, edit, versioned),
            ))
    return actions
