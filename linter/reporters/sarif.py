"""``--format sarif``: a SARIF 2.1.0 log, for GitHub code scanning
(``github/codeql-action/upload-sarif``), Azure DevOps, VS Code's SARIF viewer and
other tools that read static-analysis results.

One run. ``tool.driver.rules`` has a reportingDescriptor for every rule in effect;
each finding is a result with its rule, level, message and one physical location:
the file as a URI (relative to ``%SRCROOT%``, the directory contentlint ran in,
when the path is relative) and the exact region: lines and columns (1-based,
``columnKind: unicodeCodePoints``, end just past the match, as in the JSON
output), ``charOffset``/``charLength`` in code points from the start of the text
(a UTF-8 BOM is not counted, as it is not counted in columns) and the matched text
as the snippet.

``partialFingerprints["contentlint/v1"]`` identifies a finding across runs so that
code scanning tracks it rather than opening a new alert when lines move: a hash of
the rule id, the file's path (relative, forward slashes), the matched text with
whitespace folded, and which occurrence of that same (rule, path, text) in the file
it is. Line numbers and columns are not part of it, nor the message, the line-ending
style or the machine.

Files that could not be linted are ``toolExecutionNotifications`` of the one
invocation, whose ``executionSuccessful`` is then false. With ``--show-suppressed``
the findings that suppression comments hid are results too, each with an
``inSource`` suppression (its reason as the justification).
"""

from __future__ import annotations

import json
import os
import posixpath
import re
from pathlib import Path
from urllib.parse import quote

from ..fingerprints import _posix, fingerprints_of

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
VERSION = "2.1.0"
FINGERPRINT = "contentlint/v1"
SRCROOT = "%SRCROOT%"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}

# Characters kept as they are in a URI path: unreserved, sub-delims and "@". A ":"
# is percent-encoded, so that "c:foo.md" cannot be read as a URI scheme.
_URI_SAFE = "/!$&'()*+,;=@~"


def render(report, stream, *, show_suppressed: bool = False, docs_url: str | None = None, **_) -> None:
    json.dump(sarif_log(report, show_suppressed=show_suppressed, docs_url=docs_url), stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def sarif_log(report, cwd: Path | None = None, show_suppressed: bool = False, docs_url: str | None = None) -> dict:
    from .. import __version__

    cwd = Path.cwd() if cwd is None else cwd
    rules = list(report.rules)
    index = {r.id: i for i, r in enumerate(rules)}
    descriptors = [descriptor(r, docs_url) for r in rules]
    suppressed = list(getattr(report, "suppressed", ()))
    everything = list(report.findings) + [f for f, _ in suppressed]
    # Rules no rule file defines: the suppression checks (unused-suppression, ...)
    # and anything a library caller put in its Report.
    for f in everything:
        if f.rule not in index:
            index[f.rule] = len(descriptors)
            config = {"level": _level(f.severity)}
            descriptors.append({"id": f.rule, "name": rule_name(f.rule), "defaultConfiguration": config})

    driver = {"name": "contentlint", "version": __version__, "semanticVersion": __version__}
    uri = information_uri()
    if uri:
        driver["informationUri"] = uri
    driver["rules"] = descriptors

    # Suppressed findings take part in the occurrence numbering whether shown or
    # not, so that --show-suppressed does not change any fingerprint.
    fingerprints = fingerprints_of(everything, cwd)
    results = [result(f, index[f.rule], fingerprints[i]) for i, f in enumerate(report.findings)]
    if show_suppressed:
        for j, (f, directive) in enumerate(suppressed):
            res = result(f, index[f.rule], fingerprints[len(report.findings) + j])
            res["suppressions"] = [suppression(f, directive)]
            results.append(res)
    root_uri = cwd.resolve().as_uri()
    run = {
        "tool": {"driver": driver},
        "invocations": [
            {
                "executionSuccessful": not report.problems,
                "toolExecutionNotifications": [
                    {"level": "error", "message": {"text": str(problem)}} for problem in report.problems
                ],
            }
        ],
        "originalUriBaseIds": {
            SRCROOT: {
                "uri": root_uri if root_uri.endswith("/") else root_uri + "/",
                "description": {"text": "The directory contentlint ran in; relative paths are relative to it."},
            }
        },
        "results": results,
        "columnKind": "unicodeCodePoints",
        "defaultSourceLanguage": "markdown",
    }
    return {"$schema": SCHEMA, "version": VERSION, "runs": [run]}


# -- rules --------------------------------------------------------------------


def descriptor(rule, docs_url: str | None = None) -> dict:
    """A rule's reportingDescriptor; ``helpUri`` is its page (see linter.docsite),
    when it has one."""
    from ..docsite import rule_url
    from ..rule import description_text

    description = description_text(rule.description)
    short = first_sentence(_fold(description)) or _fold(rule.message)
    names = getattr(getattr(rule, "scope", None), "names", None)
    properties = {"kind": rule.kind, "tags": list(dict.fromkeys([rule.kind, "markdown"]))}
    if names:
        properties["scope"] = sorted(names)
    out = {
        "id": rule.id,
        "name": rule_name(rule.id),
        "shortDescription": {"text": short},
        "fullDescription": {"text": description or short},
        "help": help_text(rule, description or short),
        "defaultConfiguration": {"enabled": bool(rule.enabled), "level": _level(rule.severity)},
        "properties": properties,
    }
    uri = rule_url(rule, docs_url)
    if uri:
        out["helpUri"] = uri
    return out


def rule_name(rule_id: str) -> str:
    """``no-dose-numbers`` -> ``NoDoseNumbers`` (SARIF's name is an identifier)."""
    parts = [p for p in re.split(r"[^0-9A-Za-z]+", rule_id) if p]
    return "".join(p[:1].upper() + p[1:] for p in parts) or rule_id


_ABBREVIATIONS = {"e.g", "i.e", "etc", "vs", "cf", "approx", "dr", "mr", "mrs", "ms", "st", "no", "fig"}
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]*[A-Z0-9]|$)")


def first_sentence(text: str) -> str:
    """The first sentence of a (whitespace-folded) description."""
    for m in _SENTENCE_END.finditer(text):
        word = text[: m.start()].rsplit(" ", 1)[-1].lstrip("(\"'")
        if text[m.start()] == "." and (word.lower() in _ABBREVIATIONS or (len(word) == 1 and word.isupper())):
            continue
        return text[: m.end()]
    return text


def help_text(rule, description: str) -> dict:
    """What the rule checks and how to fix a finding (the description says both),
    then its examples: plain text, and Markdown for viewers that render it."""
    # a rule file's text is untrusted (a pull request can add one): in the Markdown a
    # viewer renders, every ASCII punctuation mark is escaped, so no link, image or
    # tag is made of it; a line break inside a paragraph stays one (a backslash at
    # the line's end is a hard break)
    text = [description]
    markdown = ["\n\n".join("\\\n".join(_markdown_escaped(line) for line in para.split("\n")) for para in description.split("\n\n"))]
    examples = getattr(rule, "examples", None) or {}
    for key, title in (("fail", "Gives a finding"), ("pass", "Fine")):
        items = [ex["text"] if isinstance(ex, dict) else str(ex) for ex in examples.get(key) or []]
        if not items:
            continue
        text.append(f"{title}:\n" + "\n".join("- " + t.replace("\n", "\n  ") for t in items))
        markdown.append(f"**{title}:**\n\n" + "\n\n".join(_fenced(t) for t in items))
    return {"text": "\n\n".join(text), "markdown": "\n\n".join(markdown)}


_PUNCTUATION = re.compile(r"""([!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])""")


def _markdown_escaped(text: str) -> str:
    """``text`` as Markdown that renders as the text: each ASCII punctuation mark
    backslash-escaped (CommonMark reads any of them escaped as itself)."""
    return _PUNCTUATION.sub(r"\\\1", text)


def _fenced(text: str) -> str:
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}markdown\n{text}\n{fence}"


def information_uri() -> str | None:
    """The project's home page from the installed package's metadata
    (``[project.urls]`` in pyproject.toml), if it has one."""
    try:
        from importlib.metadata import PackageNotFoundError, metadata

        meta = metadata("contentlint")
    except (ImportError, PackageNotFoundError):
        return None
    from ..config.packs import project_urls

    urls = project_urls(meta)
    for label in ("homepage", "repository", "source", "documentation"):
        if urls.get(label):
            return urls[label]
    return meta.get("Home-page") or next(iter(urls.values()), None)


# -- results ------------------------------------------------------------------


def result(f, rule_index: int, fingerprint: str) -> dict:
    return {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": _level(f.severity),
        "message": {"text": f.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": artifact_location(f.path),
                    "region": {
                        "startLine": f.line,
                        "startColumn": f.column,
                        "endLine": f.end_line,
                        "endColumn": f.end_column,
                        "charOffset": f.start,
                        "charLength": f.end - f.start,
                        "snippet": {"text": f.match},
                    },
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT: fingerprint},
    }


def suppression(f, directive) -> dict:
    """A suppression comment in the article (``--show-suppressed``)."""
    out = {"kind": "inSource", "status": "accepted"}
    if getattr(directive, "reason", ""):
        out["justification"] = directive.reason
    line = getattr(directive, "line", 0)
    if line >= 1:
        region = {"startLine": line, "endLine": max(line, getattr(directive, "end_line", line))}
        out["location"] = {"physicalLocation": {"artifactLocation": artifact_location(f.path), "region": region}}
    return out


def artifact_location(path: str) -> dict:
    """A relative path as a relative URI against %SRCROOT%; an absolute one as a
    ``file:`` URI."""
    if os.path.isabs(path):
        return {"uri": Path(path).as_uri()}
    rel = posixpath.normpath(_posix(path))
    # the name's bytes, percent-encoded: also a name that is not valid UTF-8
    return {"uri": quote(os.fsencode(rel), safe=_URI_SAFE), "uriBaseId": SRCROOT}


def _level(severity: str) -> str:
    return LEVELS.get(severity, "warning")


def _fold(text: str) -> str:
    return " ".join((text or "").split())
