"""``--format junit``: JUnit XML, which CI systems (GitLab ``artifacts:reports:junit``,
Jenkins, Azure Pipelines, CircleCI) show as a test report.

    <testsuites name="contentlint" tests="3" failures="1" errors="1">
      <testsuite name="contentlint" tests="3" failures="1" errors="1">
        <testcase classname="contentlint" name="a.md" file="a.md">
          <failure message="Specific dose '600 mg': ..." type="no-dose-numbers"
            >1:6: error no-dose-numbers Specific dose ...</failure>
        </testcase>
        <testcase classname="contentlint" name="b.md" file="b.md" />
        <testcase classname="contentlint" name="c.md" file="c.md">
          <error message="c.md: error: binary file (contains NUL bytes)" type="not-linted" />
        </testcase>

One test case per linted file: it passes if the file has no findings and has one
``<failure>`` per finding otherwise. A file that could not be linted is a test case
with an ``<error>``. ``tests`` counts test cases, ``failures`` the files with
findings, ``errors`` the files that could not be linted (JUnit's meaning: a failed
test counts once, however many assertions failed in it).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

# Characters XML 1.0 cannot carry at all, not even as &#...; references.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    """``text`` with what XML cannot carry escaped as the text format shows it: a
    control character as ``\\xNN``, a name's odd byte (a surrogate) as ``\\udcNN``."""
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text)


def problem_path(problem) -> str:
    """The file a problem names; ``contentlint`` for one about the run."""
    return problem.path if problem.path is not None else "contentlint"


def render(report, stream, **_) -> None:
    by_path: dict[str, list] = {p: [] for p in report.sources}
    for f in report.findings:
        by_path.setdefault(f.path, []).append(f)
    failures = sum(1 for found in by_path.values() if found)
    counts = {
        "tests": str(len(by_path) + len(report.problems)),
        "failures": str(failures),
        "errors": str(len(report.problems)),
    }
    root = ET.Element("testsuites", {"name": "contentlint", **counts})
    suite = ET.SubElement(root, "testsuite", {"name": "contentlint", **counts})
    for path, found in by_path.items():
        case = ET.SubElement(suite, "testcase", {"classname": "contentlint", "name": _xml(path), "file": _xml(path)})
        for f in found:
            failure = ET.SubElement(case, "failure", {"message": _xml(f.message), "type": f.rule})
            failure.text = _xml(f"{f.line}:{f.column}: {f.severity} {f.rule} {f.message}")
    for problem in report.problems:
        path = problem_path(problem)
        case = ET.SubElement(suite, "testcase", {"classname": "contentlint", "name": _xml(path), "file": _xml(path)})
        ET.SubElement(case, "error", {"message": _xml(str(problem)), "type": "not-linted"})
    ET.indent(root, space="  ")
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(root, encoding="unicode"))
    stream.write("\n")
