"""Output formats: concise, json-lines, sarif, github, junit, --statistics and
--output, each checked against --format json of the same run (real parsing, real
rules, the CLI in-process)."""

from __future__ import annotations

import json
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from urllib.parse import quote, unquote

import pytest

from linter.reporters import FORMATS

ROOT = Path(__file__).resolve().parents[1]
SARIF_SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"

# Doses and a claim after non-ASCII text (an astral emoji is one code point, two
# UTF-16 units), in a health article without a disclaimer.
ARTICLE = (
    "# Kratom für Anfänger 🙂\n"
    "\n"
    "Kratom may help reduce anxiety and promote relaxation.\n"
    "\n"
    "Ünd café 🙂: take 1–2 grams, then 600 mg. Some take 600 mg twice.\n"
)
# CRLF line endings, a UTF-8 BOM, a dose split by emphasis.
CRLF = "\ufeffIntro.\r\n\r\nTake **600** mg of kratom for pain.\r\n\r\nOr 5 capsules.\r\n"
CLEAN = "# Lisbon\n\nA walk along the river at dawn, then coffee.\n"
BINARY = b"\x00\x01binary"

HOUSE_CONFIG = "extends: [health]\nrule_files: [house/]\n"
# A warning and an info rule whose messages need escaping in every format.
HOUSE_RULES = r"""rules:
  - id: no-miracle
    kind: pattern
    severity: warning
    message: "100% sure, really: '{match}' <&> over-promises.\nSay what the evidence shows."
    terms: [miracle cure]
  - id: no-superfood
    kind: pattern
    severity: info
    message: "'{match}' is vague"
    terms: [superfood]
"""
HOUSE_ARTICLE = "# Greens\n\nA miracle cure, a superfood.\n"


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_bytes(data.encode("utf-8"))  # no newline translation: CRLF stays CRLF
    return path


@pytest.fixture
def project(tmp_path):
    """Four articles (one CRLF, one clean), one binary file, and house rules with
    awkward messages."""
    write(tmp_path / ".contentlint.yaml", HOUSE_CONFIG)
    write(tmp_path / "house" / "rules.yaml", HOUSE_RULES)
    write(tmp_path / "a.md", ARTICLE)
    write(tmp_path / "docs" / "crlf.md", CRLF)
    write(tmp_path / "clean.md", CLEAN)
    write(tmp_path / "greens.md", HOUSE_ARTICLE)
    write(tmp_path / "bin.md", BINARY)
    return tmp_path


FILES = ("a.md", "docs/crlf.md", "clean.md", "greens.md", "bin.md")


@pytest.fixture
def baseline(project, run_cli):
    code, out, err = run_cli("--format", "json", *FILES, cwd=project)
    assert code == 2, err  # the binary file
    findings = json.loads(out)
    rules = {d["rule"] for d in findings}
    # the fixture is what the tests think it is
    assert {"no-dose-numbers", "claim-needs-citation", "medical-disclaimer", "no-miracle", "no-superfood"} <= rules
    assert {d["path"] for d in findings} == {"a.md", "docs/crlf.md", "greens.md"}
    return findings


def source_text(root: Path, path: str) -> str:
    text = (root / path).read_bytes().decode("utf-8")
    return text[1:] if text.startswith("\ufeff") else text


# -- concise ------------------------------------------------------------------


def test_concise_is_one_line_per_finding(project, run_cli, baseline):
    code, out, err = run_cli("--format", "concise", *FILES, cwd=project)
    assert code == 2
    assert err.startswith("bin.md: error: binary file")
    lines = out.splitlines()
    assert len(lines) == len(baseline)  # no excerpt, no summary
    for line, d in zip(lines, baseline):
        message = " ".join(d["message"].split("\n"))  # a line break in a message becomes a space
        assert line == f"{d['path']}:{d['line']}:{d['column']}: {d['severity']} {d['rule']} {message}"
    dose = next(line for line in lines if line.startswith("a.md:5:"))
    # column in code points after "Ünd café 🙂: take "
    column = len("Ünd café 🙂: take ") + 1
    assert dose.startswith(f"a.md:5:{column}: error no-dose-numbers Specific dose '1–2 grams'")


def test_concise_clean_run_prints_nothing(project, run_cli):
    code, out, _ = run_cli("--format", "concise", "clean.md", cwd=project)
    assert (code, out) == (0, "")


# -- json-lines ---------------------------------------------------------------


def test_json_lines_equal_json(project, run_cli, baseline):
    code, out, _ = run_cli("--format", "json-lines", *FILES, cwd=project)
    assert code == 2
    assert out.endswith("\n")
    assert [json.loads(line) for line in out.split("\n")[:-1]] == baseline
    assert "für" in out or "Ünd" in out or "–" in out  # non-ASCII written as is


def test_json_lines_survive_unicode_line_separators(tmp_path, run_cli):
    # U+2028 is whitespace to the dose rule and a line break to str.splitlines()
    # (and to JavaScript): it is escaped so each finding stays on one line.
    write(tmp_path / "a.md", "Take 600\u2028mg daily.\n")
    code, out, _ = run_cli("--format", "json-lines", "a.md", cwd=tmp_path)
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 1 and "\\u2028" in lines[0]
    assert json.loads(lines[0])["match"] == "600\u2028mg"


# -- sarif --------------------------------------------------------------------


def sarif(run_cli, cwd, *args):
    code, out, err = run_cli("--format", "sarif", *args, cwd=cwd)
    return code, json.loads(out), err


def test_sarif_validates_against_the_official_schema(project, run_cli):
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"SARIF 2.1.0 schema not found at {SARIF_SCHEMA} (../shared/schemas/ beside the repository)")
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
    for args in (FILES, ("clean.md",), ("docs",)):
        _, log, _ = sarif(run_cli, project, *args)
        errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
        assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def test_sarif_log_shape(project, run_cli, baseline, health_rules):
    from linter import __version__

    code, log, _ = sarif(run_cli, project, *FILES)
    assert code == 2
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert driver["name"] == "contentlint" and driver["version"] == __version__
    rules = driver["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids))
    assert {"no-dose-numbers", "claim-needs-citation", "medical-disclaimer", "no-miracle", "no-superfood"} <= set(ids)
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in rules}
    assert levels["no-dose-numbers"] == "error"
    assert levels["no-miracle"] == "warning"
    assert levels["no-superfood"] == "note"  # info -> note
    dose = rules[ids.index("no-dose-numbers")]
    assert dose["name"] == "NoDoseNumbers"
    description = " ".join(next(r for r in health_rules if r.id == "no-dose-numbers").description.split())
    short = dose["shortDescription"]["text"]
    assert dose["fullDescription"]["text"] == description
    assert description.startswith(short) and short.endswith(".") and len(short) < len(description)
    assert "Gives a finding:" in dose["help"]["text"] and "Fine:" in dose["help"]["text"]
    assert dose["properties"]["kind"] == "quantity" and "quantity" in dose["properties"]["tags"]
    # a rule without a description: the message template stands in
    superfood = rules[ids.index("no-superfood")]
    assert superfood["shortDescription"]["text"] == "'{match}' is vague"

    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and note["message"]["text"].startswith("bin.md: error: binary file")
    root = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert root.startswith("file:") and root.endswith("/")
    assert Path(unquote(root[len("file://") :])).resolve() == project.resolve()

    # results: one per finding, same order, pointing at their rule
    assert len(run["results"]) == len(baseline)
    for res, d in zip(run["results"], baseline):
        assert res["ruleId"] == d["rule"] and rules[res["ruleIndex"]]["id"] == d["rule"]
        assert res["level"] == {"error": "error", "warning": "warning", "info": "note"}[d["severity"]]
        assert res["message"]["text"] == d["message"]


def test_short_description_is_the_first_sentence():
    from linter.reporters.sarif import first_sentence

    assert first_sentence('A dose ("1-2 grams", e.g. 5 mg) tells how much. Remove it.') == (
        'A dose ("1-2 grams", e.g. 5 mg) tells how much.'
    )
    assert first_sentence("Is it a claim? Cite it.") == "Is it a claim?"
    assert first_sentence("Take vitamin D. Or not.") == "Take vitamin D. Or not."  # an initial, not an end
    assert first_sentence("Version 1.5 is fine. Next.") == "Version 1.5 is fine."
    assert first_sentence("no full stop") == "no full stop"


def test_sarif_regions_match_json_and_the_source(project, run_cli, baseline):
    _, log, _ = sarif(run_cli, project, *FILES)
    results = log["runs"][0]["results"]
    for res, d in zip(results, baseline):
        (loc,) = res["locations"]
        art, region = loc["physicalLocation"]["artifactLocation"], loc["physicalLocation"]["region"]
        assert art == {"uri": d["path"], "uriBaseId": "%SRCROOT%"}
        assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (
            d["line"],
            d["column"],
            d["end_line"],
            d["end_column"],
        )
        assert region["snippet"]["text"] == d["match"]
        # charOffset/charLength: code points into the file's text (BOM not counted,
        # CRLF counted as two characters), exactly the match
        text = source_text(project, d["path"])
        assert text[region["charOffset"] : region["charOffset"] + region["charLength"]] == d["match"]
        # and the line/column pair points at the same place
        line = text.splitlines()[d["line"] - 1]
        if d["line"] == d["end_line"]:
            assert line[d["column"] - 1 : d["end_column"] - 1] == d["match"]
    crlf = [r for r, d in zip(results, baseline) if d["path"] == "docs/crlf.md" and d["rule"] == "no-dose-numbers"]
    assert crlf[0]["locations"][0]["physicalLocation"]["region"]["snippet"]["text"] == "600** mg"


def test_sarif_uris_are_relative_and_percent_encoded(tmp_path, run_cli):
    name = "my notes/café #1.md"
    write(tmp_path / name, "Take 600 mg.\n")
    _, log, _ = sarif(run_cli, tmp_path, name)
    art = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert art == {"uri": quote("my notes/café #1.md"), "uriBaseId": "%SRCROOT%"}
    assert art["uri"] == "my%20notes/caf%C3%A9%20%231.md"
    # an absolute path is an absolute file: URI, with no base
    _, log, _ = sarif(run_cli, tmp_path, str(tmp_path / name))
    art = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert "uriBaseId" not in art and art["uri"] == (tmp_path / name).as_uri()


def fingerprints(log) -> list[tuple[str, str, int, str]]:
    out = []
    for res in log["runs"][0]["results"]:
        region = res["locations"][0]["physicalLocation"]["region"]
        fingerprint = res["partialFingerprints"]["contentlint/v1"]
        out.append((res["ruleId"], region["snippet"]["text"], region["startLine"], fingerprint))
    return out


def test_sarif_fingerprints_survive_line_shifts_and_differ_per_match(tmp_path, run_cli):
    write(tmp_path / "a.md", ARTICLE)
    _, before, _ = sarif(run_cli, tmp_path, "a.md")
    fp_before = fingerprints(before)
    assert len(fp_before) >= 4
    fps = [fp for *_, fp in fp_before]
    assert len(set(fps)) == len(fps)  # different matches, and the two '600 mg', differ
    assert all(re.fullmatch(r"[0-9a-f]{64}", fp) for fp in fps)
    same_text = [fp for rule, text, _, fp in fp_before if text == "600 mg"]
    assert len(same_text) == 2 and same_text[0] != same_text[1]

    # lines inserted above every finding: same fingerprints, lines shifted by 3
    write(tmp_path / "a.md", "A walk along the river.\n\nThen coffee.\n" + ARTICLE)
    _, after, _ = sarif(run_cli, tmp_path, "a.md")
    fp_after = fingerprints(after)
    # the missing disclaimer is about the whole file and sits on its (new) first line:
    # another text, the same fingerprint
    assert [(r, fp) for r, _, _, fp in fp_after] == [(r, fp) for r, _, _, fp in fp_before]
    assert [(r, t) for r, t, _, _ in fp_after if r != "medical-disclaimer"] == [
        (r, t) for r, t, _, _ in fp_before if r != "medical-disclaimer"]
    assert [line for r, _, line, _ in fp_after if r != "medical-disclaimer"] == [
        line + 3 for r, _, line, _ in fp_before if r != "medical-disclaimer"]
    assert [(t, line) for r, t, line, _ in fp_after if r == "medical-disclaimer"] == [("A walk along the river.", 1)]

    # and with CRLF line endings (another machine's checkout): still the same
    write(tmp_path / "a.md", ARTICLE.replace("\n", "\r\n"))
    _, crlf, _ = sarif(run_cli, tmp_path, "a.md")
    assert [fp for *_, fp in fingerprints(crlf)] == fps

    # the same text in another file is another finding
    write(tmp_path / "b.md", ARTICLE)
    _, both, _ = sarif(run_cli, tmp_path, "a.md", "b.md")
    all_fps = [fp for *_, fp in fingerprints(both)]
    assert len(set(all_fps)) == len(all_fps) == 2 * len(fps)


def test_sarif_clean_run(project, run_cli):
    code, log, _ = sarif(run_cli, project, "clean.md")
    assert code == 0
    (run,) = log["runs"]
    assert run["results"] == []
    assert run["invocations"][0]["executionSuccessful"] is True
    assert run["invocations"][0]["toolExecutionNotifications"] == []
    assert run["tool"]["driver"]["rules"]  # the rules in effect are listed even so


SUPPRESSED = (
    "Take 600 mg.\n"
    "\n"
    "<!-- contentlint-disable-next-line no-dose-numbers -- quoting the label -->\n"
    "Take 600 mg daily.\n"
    "\n"
    "<!-- contentlint-disable-next-line claim-needs-citation -- nothing to hide -->\n"
    "A walk.\n"
)


def test_suppressed_findings_in_json_lines_and_sarif(tmp_path, run_cli):
    write(tmp_path / "s.md", SUPPRESSED)
    _, plain_json, _ = run_cli("--format", "json", "--show-suppressed", "s.md", cwd=tmp_path)
    _, lines, _ = run_cli("--format", "json-lines", "--show-suppressed", "s.md", cwd=tmp_path)
    assert [json.loads(line) for line in lines.splitlines()] == json.loads(plain_json)
    assert any(d.get("suppressed") for d in json.loads(plain_json))

    _, hidden, _ = sarif(run_cli, tmp_path, "s.md")
    _, shown, _ = sarif(run_cli, tmp_path, "--show-suppressed", "s.md")
    if SARIF_SCHEMA.is_file():
        import jsonschema

        schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
        jsonschema.validators.validator_for(schema)(schema).validate(shown)
    rules = [r["id"] for r in shown["runs"][0]["tool"]["driver"]["rules"]]
    results = shown["runs"][0]["results"]
    for res in results:  # also the built-in unused-suppression check, which no rule file defines
        assert rules[res["ruleIndex"]] == res["ruleId"]
    assert "unused-suppression" in {r["ruleId"] for r in results}
    (suppressed,) = [r for r in results if "suppressions" in r]
    assert suppressed["ruleId"] == "no-dose-numbers"
    assert suppressed["locations"][0]["physicalLocation"]["region"]["startLine"] == 4
    (sup,) = suppressed["suppressions"]
    assert sup["kind"] == "inSource" and sup["justification"] == "quoting the label"
    assert sup["location"]["physicalLocation"]["region"]["startLine"] == 3
    # the flag adds results and changes no fingerprint
    assert fingerprints(hidden) == [fp for fp in fingerprints(shown) if fp[3] != fingerprints_of(suppressed)]
    assert len(set(fp[3] for fp in fingerprints(shown))) == len(results)


def fingerprints_of(result) -> str:
    return result["partialFingerprints"]["contentlint/v1"]


# -- github -------------------------------------------------------------------


def test_github_workflow_commands(project, run_cli, baseline):
    code, out, _ = run_cli("--format", "github", *FILES, cwd=project)
    assert code == 2
    lines = out.splitlines()
    assert len(lines) == len(baseline)
    command = {"error": "error", "warning": "warning", "info": "notice"}
    for line, d in zip(lines, baseline):
        assert line.startswith(
            f"::{command[d['severity']]} file={d['path']},line={d['line']},col={d['column']},"
            f"endLine={d['end_line']},endColumn={d['end_column']},title={d['rule']}::"
        )
    miracle = next(line for line in lines if "title=no-miracle" in line)
    assert miracle == (
        "::warning file=greens.md,line=3,col=3,endLine=3,endColumn=15,title=no-miracle::"
        "100%25 sure, really: 'miracle cure' <&> over-promises.%0ASay what the evidence shows."
    )
    assert any(line.startswith("::notice file=greens.md,") and "title=no-superfood::" in line for line in lines)


def test_github_paths_are_workspace_relative(project, run_cli):
    for arg in ("./greens.md", str(project / "greens.md")):
        _, out, _ = run_cli("--format", "github", arg, cwd=project)
        assert out.splitlines()[0].startswith("::warning file=greens.md,line=3,"), arg


@pytest.mark.skipif(sys.platform == "win32", reason="':' cannot be in a Windows file name")
def test_github_escapes_properties(tmp_path, run_cli):
    write(tmp_path / "50%, part: 2.md", "Take 600 mg.\r\n")
    code, out, _ = run_cli("--format", "github", "50%, part: 2.md", cwd=tmp_path)
    assert code == 1
    assert out.startswith(
        "::error file=50%25%2C part%3A 2.md,line=1,col=6,endLine=1,endColumn=12,title=no-dose-numbers::"
    )
    message = out.split("::", 2)[2].rstrip("\n")
    assert "\r" not in message and "\n" not in message
    assert message.startswith("Specific dose '600 mg'")


# -- junit --------------------------------------------------------------------


def test_junit_xml(project, run_cli, baseline):
    code, out, _ = run_cli("--format", "junit", *FILES, cwd=project)
    assert code == 2
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "contentlint"
    cases = suite.findall("testcase")
    assert all(c.get("classname") == "contentlint" for c in cases)
    by_name = {c.get("name"): c for c in cases}
    assert set(by_name) == {"a.md", "docs/crlf.md", "clean.md", "greens.md", "bin.md"}

    with_findings = {d["path"] for d in baseline}
    for el in (root, suite):
        assert el.get("tests") == str(len(cases)) == "5"
        assert el.get("failures") == str(len(with_findings)) == "3"
        assert el.get("errors") == "1"
    assert list(by_name["clean.md"]) == []  # passes
    (error,) = list(by_name["bin.md"])
    assert error.tag == "error" and "binary file" in error.get("message")

    failures = [(c.get("name"), f) for c in cases for f in c.findall("failure")]
    assert len(failures) == len(baseline)
    for (name, f), d in zip(failures, baseline):
        assert name == d["path"]
        assert f.get("type") == d["rule"]
        assert f.get("message") == d["message"]  # <, &, > and the newline come back intact
        assert f.text == f"{d['line']}:{d['column']}: {d['severity']} {d['rule']} {d['message']}"


def test_junit_all_clean(project, run_cli):
    code, out, _ = run_cli("--format", "junit", "clean.md", cwd=project)
    assert code == 0
    root = ET.fromstring(out)
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("1", "0", "0")


# -- --statistics -------------------------------------------------------------


def test_statistics_counts_match_json(project, run_cli, baseline):
    code, out, err = run_cli("--statistics", *FILES, cwd=project)
    assert code == 2 and "bin.md" in err
    *rows, total = out.splitlines()
    parsed = []
    for row in rows:
        m = re.fullmatch(r"\s*(\d+)  (\S+) +(error|warning|info)", row)
        assert m, row
        parsed.append((int(m[1]), m[2], m[3]))
    expected = Counter((d["rule"], d["severity"]) for d in baseline)
    assert {(rule, sev): n for n, rule, sev in parsed} == dict(expected)
    assert [n for n, _, _ in parsed] == sorted((n for n, _, _ in parsed), reverse=True)
    # columns line up
    assert len({len(row) - len(row.lstrip()) + len(str(n)) for row, (n, _, _) in zip(rows, parsed)}) == 1
    assert total == (
        f"1 file could not be linted (errors above); found {len(baseline)} problems ({_severity_counts(baseline)}) "
        "in 3 of 4 linted files."
    )  # the binary file


def _severity_counts(findings) -> str:
    c = Counter(d["severity"] for d in findings)
    names = {"error": "errors", "warning": "warnings", "info": "info"}
    return ", ".join(f"{c[s]} {names[s] if c[s] != 1 else s}" for s in ("error", "warning", "info") if c[s])


def test_statistics_is_a_text_table_and_handles_a_clean_run(project, run_cli):
    """--statistics with another --format is an error: a CI step uploading a
    SARIF or JSON file would otherwise get a text table."""
    code, text_stats, _ = run_cli("--statistics", "a.md", cwd=project)
    assert code == 1 and "Found" in text_stats and not text_stats.lstrip().startswith("[")
    code, out, err = run_cli("--statistics", "--format", "json", "a.md", cwd=project)
    assert code == 2 and out == "" and "--statistics prints a table of counts, not --format json" in err
    code, out, _ = run_cli("--statistics", "clean.md", cwd=project)
    assert (code, out) == (0, "No problems found in 1 file.\n")


# -- --output -----------------------------------------------------------------


@pytest.mark.parametrize("args", [("--format", name) for name in FORMATS] + [("--statistics",)], ids=lambda a: a[-1])
def test_output_file_has_the_same_bytes_as_stdout(project, run_cli, args):
    code, out, err = run_cli(*args, *FILES, cwd=project)
    target = project / "out" / "report.txt"
    target.parent.mkdir()
    code2, out2, err2 = run_cli(*args, "--output", str(target), *FILES, cwd=project)
    assert (code2, err2) == (code, err) == (2, err)
    assert out2 == ""
    assert out
    assert target.read_bytes() == out.encode("utf-8")


def test_json_lines_are_exactly_what_json_dumps_writes():
    """The JSON reporter writes each finding with a format string (cheaper than
    one dumps per finding, a warm run's main output cost): byte for byte what
    ``json.dumps(f.as_dict(), ensure_ascii=False)`` gives, for any text."""
    import io
    from types import SimpleNamespace

    from linter.findings import Finding
    from linter.reporters import json as json_reporter

    tricky = ['plain', 'quote " and \\ backslash', "tab\tnew\nline\r", "ünï 日本語 😀", "\u2028\u2029\x00\x1f", ""]
    findings = [
        Finding(path=p, rule="r-" + m, severity="error", message=m, start=0, end=len(m), line=i + 1, column=2,
                end_line=i + 3, end_column=40, match=m)
        for i, (p, m) in enumerate(zip(["a.md", "dir/ü.md", 'q"uote.md', "a.md", "b\\c.md", "x.md"], tricky))
    ]
    stream = io.StringIO()
    json_reporter.render(SimpleNamespace(findings=findings, suppressed=[]), stream)
    expected = "[\n" + ",\n".join(json.dumps(f.as_dict(), ensure_ascii=False) for f in findings) + "\n]\n"
    assert stream.getvalue() == expected


# -- gitlab -------------------------------------------------------------------

GITLAB_SCHEMA = Path(__file__).resolve().parent / "schemas" / "gitlab-codequality.schema.json"


def test_gitlab_code_quality_report(project, run_cli, baseline):
    """Valid against GitLab's documented fields (tests/schemas/), one issue per
    finding with its rule, message, path and position as in the JSON output, a
    fingerprint unique in the report and equal to the SARIF one."""
    import jsonschema

    schema = json.loads(GITLAB_SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    code, out, err = run_cli("--format", "gitlab", *FILES, cwd=project)
    assert code == 2 and err.startswith("bin.md: error: binary file")  # problems stay on stderr
    report = json.loads(out)
    errors = list(cls(schema).iter_errors(report))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])
    assert len(report) == len(baseline)
    fingerprints = [i["fingerprint"] for i in report]
    assert len(set(fingerprints)) == len(fingerprints)
    severity = {"error": "major", "warning": "minor", "info": "info"}
    for issue, d in zip(report, baseline):
        assert issue["check_name"] == d["rule"] and issue["description"] == d["message"]
        assert issue["severity"] == severity[d["severity"]]
        assert issue["location"]["path"] == d["path"]
        assert issue["location"]["positions"] == {
            "begin": {"line": d["line"], "column": d["column"]},
            "end": {"line": d["end_line"], "column": d["end_column"]},
        }
    assert {i["severity"] for i in report} == {"major", "minor", "info"}
    _, log, _ = sarif(run_cli, project, *FILES)
    assert fingerprints == [r["partialFingerprints"]["contentlint/v1"] for r in log["runs"][0]["results"]]


def test_gitlab_paths_relative_to_the_run_and_repeated_matches_distinct(tmp_path, run_cli):
    write(tmp_path / "site" / "a.md", "Take 600 mg. Then 600 mg. Then 600 mg.\n")
    reports = []
    for named in ("./site", str(tmp_path / "site" / "a.md")):
        code, out, _ = run_cli("--no-cache", "--format", "gitlab", named, cwd=tmp_path)
        reports.append(json.loads(out))
        assert {i["location"]["path"] for i in reports[-1]} == {"site/a.md"}
        doses = [i for i in reports[-1] if i["check_name"] == "no-dose-numbers"]
        assert len(doses) == 3 and len({i["fingerprint"] for i in doses}) == 3
    assert reports[0] == reports[1]


def test_gitlab_paths_are_relative_to_the_project_in_a_gitlab_job(tmp_path, run_cli, monkeypatch):
    """A job that runs contentlint in a subfolder still reports paths from the
    repository's root ($CI_PROJECT_DIR), which is what GitLab reads them against."""
    write(tmp_path / "docs" / "site" / "a.md", "Take 600 mg.\n")
    monkeypatch.delenv("CI_PROJECT_DIR", raising=False)
    _, out, _ = run_cli("--no-cache", "--format", "gitlab", "site", cwd=tmp_path / "docs")
    outside = json.loads(out)
    assert {i["location"]["path"] for i in outside} == {"site/a.md"}
    monkeypatch.setenv("CI_PROJECT_DIR", str(tmp_path))
    for named in ("site", str(tmp_path / "docs" / "site" / "a.md")):
        _, out, _ = run_cli("--no-cache", "--format", "gitlab", named, cwd=tmp_path / "docs")
        inside = json.loads(out)
        assert {i["location"]["path"] for i in inside} == {"docs/site/a.md"}
        # the fingerprints stay those of the run (as in SARIF)
        assert [i["fingerprint"] for i in inside] == [i["fingerprint"] for i in outside]
    monkeypatch.setenv("CI_PROJECT_DIR", str(tmp_path / "no-such-dir"))
    _, out, _ = run_cli("--no-cache", "--format", "gitlab", "site", cwd=tmp_path / "docs")
    assert {i["location"]["path"] for i in json.loads(out)} == {"site/a.md"}


def test_gitlab_project_dir_given_through_a_link_or_relative(tmp_path, run_cli, monkeypatch):
    """$CI_PROJECT_DIR may lead to the checkout through a symbolic link (the working
    directory is the link's target) or be relative: paths stay from the root."""
    real = tmp_path / "real" / "proj"
    write(real / "docs" / "site" / "a.md", "Take 600 mg.\n")
    (tmp_path / "link").symlink_to(real, target_is_directory=True)
    for project in (str(tmp_path / "link"), "..", str(real)):
        monkeypatch.setenv("CI_PROJECT_DIR", project)
        for named in ("site", str(tmp_path / "link" / "docs" / "site" / "a.md")):
            _, out, _ = run_cli("--no-cache", "--format", "gitlab", named, cwd=tmp_path / "link" / "docs")
            assert {i["location"]["path"] for i in json.loads(out)} == {"docs/site/a.md"}, (project, named)


def test_gitlab_schema_rejects_what_gitlab_would_not_read():
    """The schema is not a rubber stamp: each documented field is enforced."""
    import jsonschema

    schema = json.loads(GITLAB_SCHEMA.read_text(encoding="utf-8"))
    good = {"description": "d", "check_name": "r", "fingerprint": "f", "severity": "minor",
            "location": {"path": "a.md", "lines": {"begin": 1}}}
    jsonschema.validate([good], schema)
    bad = [
        {k: v for k, v in good.items() if k != "fingerprint"},
        {**good, "severity": "error"},
        {**good, "location": {"path": "./a.md", "lines": {"begin": 1}}},
        {**good, "location": {"path": "a.md"}},
        {**good, "location": {"path": "a.md", "positions": {"begin": {"line": 0}}}},
    ]
    for item in bad:
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate([item], schema)


def test_sarif_help_markdown_renders_a_rule_s_description_as_text(tmp_path, run_cli):
    """A rule file's description (which a pull request can write) becomes no link,
    image or tag in the Markdown a code-scanning viewer renders."""
    from markdown_it import MarkdownIt

    description = "Bad <img src=x onerror=alert(1)> [click](javascript:alert(1)) ![t](https://x.example/t.png)."
    (tmp_path / "r.yaml").write_text(f"id: house\nkind: pattern\nmessage: m\nterms: [miracle]\ndescription: '{description}'\n",
                                     encoding="utf-8")
    (tmp_path / ".contentlint.yaml").write_text("extends: []\nrule_files: [r.yaml]\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("A miracle.\n", encoding="utf-8")
    code, out, err = run_cli("--no-cache", "--format", "sarif", "a.md", cwd=tmp_path)
    assert code == 0 or code == 1, err
    (rule,) = json.loads(out)["runs"][0]["tool"]["driver"]["rules"]
    assert rule["help"]["text"].startswith(description)
    html = MarkdownIt("commonmark").render(rule["help"]["markdown"])
    assert "<img" not in html and "<a " not in html and html.startswith("<p>Bad &lt;img src=x")
