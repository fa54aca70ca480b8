"""``contentlint server`` end to end: pygls's LanguageClient starts the real
command and talks LSP to it over stdio (tests/lsp_support.py). The findings are
compared with the command's own JSON output on the same files and config."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lsp_support import Client, apply_edits, edits_of, lsp_position, split_lines, types, uri

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.md"))
SEVERITY = {"error": 1, "warning": 2, "info": 3}
HOUSE_RULES = ("substitution", "capitalization")
DOSE_ARTICLE = (
    "# Magnesium for sleep\n\n"
    "Take 400 mg of magnesium before bed; utilise the lowest amount.\n\n"
    "## How Magnesium Affects Sleep\n\n"
    "Some people take it for anxiety and insomnia, and others for pain.\n"
)


def make_workspace(path: Path, config: str = "rule_files: [house]\n") -> Path:
    path.mkdir(parents=True, exist_ok=True)
    (path / ".contentlint.yaml").write_text(config, encoding="utf-8")
    (path / "house").mkdir(exist_ok=True)
    for kind in HOUSE_RULES:
        shutil.copy(ROOT / "tests" / "kinds" / kind / "rules.yaml", path / "house" / f"{kind}.yaml")
    return path


def cli(*args, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "linter", "--no-cache", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=600)


def cli_findings(path: Path, cwd: Path) -> list[dict]:
    proc = cli("--format", "json", path, cwd=cwd)
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


def expected_diagnostics(text: str, findings: list[dict], encoding: str = "utf-16") -> list[tuple]:
    """The command's findings as (rule, severity, start, end) in LSP positions,
    counted from its 1-based code point columns."""
    offsets = [0]
    for body, brk in split_lines(text):  # lines as LSP and the command count them
        offsets.append(offsets[-1] + len(body) + len(brk))

    def pos(line: int, column: int) -> tuple[int, int]:
        return lsp_position(text, offsets[line - 1] + column - 1, encoding)

    return sorted((f["rule"], SEVERITY[f["severity"]], pos(f["line"], f["column"]), pos(f["end_line"], f["end_column"]))
                  for f in findings)


def actual(published) -> list[tuple]:
    return sorted((d.code, int(d.severity), (d.range.start.line, d.range.start.character),
                   (d.range.end.line, d.range.end.character)) for d in published.diagnostics)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    # docs_url: the built-in rules link to their pages only where they are served
    ws = make_workspace(tmp_path_factory.mktemp("lsp") / "site", "rule_files: [house]\ndocs_url: https://lint.example.org/rules/\n")
    (ws / "seeds").mkdir()
    for seed in SEEDS:
        shutil.copy(seed, ws / "seeds" / seed.name)
    return ws


@pytest.fixture(scope="module")
def server(workspace):
    with Client(workspace) as client:
        yield client


def open_and_wait(client: Client, path: Path, text: str | None = None):
    if text is not None:
        path.write_text(text, encoding="utf-8", newline="")
    since = client.mark()
    u = client.open(path, path.read_text(encoding="utf-8", errors="strict") if text is None else text)
    return u, client.wait_published(u, since, version=1)


def range_of(d) -> types.Range:
    return d.range


# -- diagnostics -----------------------------------------------------------------------


def test_diagnostics_are_the_commands_findings_on_every_seed(server, workspace):
    for seed in sorted((workspace / "seeds").glob("*.md")):
        text = seed.read_bytes().decode("utf-8")
        u, published = open_and_wait(server, seed)
        assert actual(published) == expected_diagnostics(text, cli_findings(seed, workspace)), seed.name
        assert all(d.source == "contentlint" for d in published.diagnostics)
        server.close(u)


ASTRAL = (
    "# Kratom \U0001F33F and sleep\r\n\r\n"
    "Kratom\t\U0001F600\U0001F600 users take 4 grams; others utilise 2 g for pain and anxiety.\r\n\r\n"
    "| dose \U0001F48A | note |\r\n|---|---|\r\n| 5\tmg | \U00010348 e-mail us |\r\n\r\n"
    # U+2028 and a form feed: line breaks to Python's str.splitlines, not to LSP or Markdown
    "Kratom\u2028users \U0001F600 take\x0c 3 grams for pain; e-mail us.\r\n"
)


@pytest.mark.parametrize("encoding", [None, "utf-8", "utf-32"])
def test_ranges_in_the_agreed_position_encoding(tmp_path, encoding):
    """Astral-plane characters before a finding on its line, CRLF line endings,
    tabs, U+2028 and form feeds: ranges count UTF-16 code units unless the client
    offers UTF-8 or UTF-32, which the server then takes; documents sync whole."""
    ws = make_workspace(tmp_path / "ws")
    article = ws / "astral.md"
    article.write_bytes(ASTRAL.encode("utf-8"))
    findings = cli_findings(article, ws)
    assert {"no-dose-numbers", "house-style"} <= {f["rule"] for f in findings}
    with Client(ws, encodings=[encoding] if encoding else None) as client:
        assert client.encoding == (encoding or "utf-16")
        assert client.init_result.capabilities.text_document_sync.change == types.TextDocumentSyncKind.Full
        _, published = open_and_wait(client, article, ASTRAL)
        assert actual(published) == expected_diagnostics(ASTRAL, findings, client.encoding)
    dose = next(f for f in findings if f["match"] == "4 grams")
    # by hand: "Kratom", a tab, two emoji (2 UTF-16 units, 4 UTF-8 bytes each), " users take "
    column = {"utf-16": 6 + 1 + 4 + 12, "utf-8": 6 + 1 + 8 + 12, "utf-32": 6 + 1 + 2 + 12}[encoding or "utf-16"]
    assert (dose["rule"], 1, (2, column), (2, column + 7)) in actual(published)
    late = next(f for f in findings if f["match"] == "3 grams")
    assert late["line"] == 9  # the U+2028 and the form feed end no line


def test_a_byte_order_mark_counts_in_the_clients_positions(server, workspace):
    text = "\ufeffTake 400 mg daily.\n"
    u, published = open_and_wait(server, workspace / "bom.md", text)
    dose = next(d for d in published.diagnostics if d.code == "no-dose-numbers")
    assert (dose.range.start.line, dose.range.start.character, dose.range.end.character) == (0, 6, 12)
    server.close(u)


def test_changes_are_debounced_and_stale_results_dropped(tmp_path):
    ws = make_workspace(tmp_path / "ws")
    article = ws / "a.md"
    with Client(ws, init_options={"debounceMs": 1000}) as client:
        u, _ = open_and_wait(client, article, DOSE_ARTICLE)
        since = client.mark()
        versions = [client.change(u, DOSE_ARTICLE.replace("400 mg", f"{n}00 mg")) for n in range(1, 5)]
        final = client.wait_published(u, since, version=versions[-1])
        # the first change, after a pause, at once (unless the next ones came while it was
        # linted: then it is not published); the rest once they pause; nothing for those typed over
        assert [p.version for p in client.published_for(u, since)] in ([versions[0], versions[-1]], [versions[-1]])
        doses = [d for d in final.diagnostics if d.code == "no-dose-numbers"]
        assert [d.message for d in doses] == ["Specific dose '400 mg': articles must not give dosing advice; "
                                              "describe dosing in general terms."]


# a health article long enough that its lint takes a second or more on any machine
LONG_ARTICLE = "# Magnesium\n\n" + "Magnesium eases anxiety and helps sleep; take 400 mg daily before bed.\n\n" * 4000


def test_a_long_lint_does_not_hold_a_request_in_another_document(tmp_path):
    ws = make_workspace(tmp_path / "ws")
    with Client(ws) as client:
        small, _ = open_and_wait(client, ws / "small.md", DOSE_ARTICLE)
        since = client.mark()
        big = client.open(ws / "big.md", LONG_ARTICLE)
        answer = client.hover(small, 2, 6)  # "400 mg", linted already
        # answered while the long article was still being linted: its diagnostics come after
        assert client.published_for(big, since) == []
        assert answer is not None and "no-dose-numbers" in answer.contents.value
        done = client.wait_published(big, since, version=1)
        assert any(d.code == "no-dose-numbers" for d in done.diagnostics)


def test_changes_while_a_lint_runs_are_linted_once_and_only_the_newest_is_published(tmp_path):
    ws = make_workspace(tmp_path / "ws")
    with Client(ws, init_options={"debounceMs": 0}) as client:
        since = client.mark()
        big = client.open(ws / "big.md", LONG_ARTICLE)
        versions = [client.change(big, LONG_ARTICLE + f"\nEdit {n}.\n") for n in range(10)]
        client.wait_published(big, since, version=versions[-1])
        # the first lint outlived its version and the nine edits after the first: one lint
        # of the newest text after it, and nothing published for a version typed over
        assert [p.version for p in client.published_for(big, since)] == [versions[-1]]
        answer = client.hover(big, 2, 48)  # "400 mg": the newest lint answers at once
        assert answer is not None


def test_code_actions_answer_for_the_version_they_were_asked_on(tmp_path):
    ws = make_workspace(tmp_path / "ws")
    with Client(ws) as client:
        since = client.mark()
        big = client.open(ws / "big.md", LONG_ARTICLE)
        client.wait_published(big, since, version=1)
        asked_on = "Intro.\n\n" + LONG_ARTICLE
        v = client.change(big, asked_on)
        whole = types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=5))
        future = asyncio.run_coroutine_threadsafe(client.lc.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=big), range=whole,
            context=types.CodeActionContext(diagnostics=[]))), client.loop)
        for n in range(5):  # typed on while the request waits for its lint
            client.change(big, f"Intro {n}.\n\n" * (n + 2) + LONG_ARTICLE)
        actions = future.result(120)
        disclaimer = next(a for a in actions if a.title.startswith("Insert the medical disclaimer"))
        change = disclaimer.edit.document_changes[0]
        assert change.text_document.version == v  # not the version before, nor one typed after
        fixed = apply_edits(asked_on, change.edits, client.encoding)
        assert fixed.startswith(asked_on) and "not medical advice" in fixed[len(asked_on):]


def test_a_config_fixed_while_lints_wait_shows_no_error_again(tmp_path):
    ws = make_workspace(tmp_path / "ws")
    (ws / "a").mkdir()
    config = ws / "a" / ".contentlint.yaml"
    config.write_text("rule_files: [../house]\nignore: [no-dose-number]\n", encoding="utf-8")  # no such rule id
    with Client(ws) as client:
        since = client.mark()
        a = client.open(ws / "a" / "a.md", DOSE_ARTICLE)
        assert client.wait_published(uri(config), since).diagnostics
        big = client.open(ws / "big.md", LONG_ARTICLE)
        time.sleep(0.3)  # (so that the long lint has started: the next one waits behind it)
        client.change(a, DOSE_ARTICLE + "\nMore.\n")  # its lint waits, handed in with the broken config
        config.write_text("rule_files: [../house]\nignore: [no-dose-numbers]\n", encoding="utf-8")
        since = client.mark()
        client.files_changed(config)  # reloaded: the error cleared
        client.wait_published(a, since, check=lambda p: p.diagnostics and p.diagnostics[0].code != "config-error")
        client.wait_published(big, since)
        # the lint that waited ran with the fixed config, or was dropped: the config shows no error
        assert all(not p.diagnostics for p in client.published_for(uri(config), since))


def test_save_lints_at_once(tmp_path):
    ws = make_workspace(tmp_path / "ws")
    article = ws / "a.md"
    with Client(ws, init_options={"debounceMs": 600_000}) as client:  # a change alone would wait ten minutes
        u, first = open_and_wait(client, article, DOSE_ARTICLE)
        assert any(d.code == "no-dose-numbers" for d in first.diagnostics)
        client.change(u, DOSE_ARTICLE + "\nMore.\n")  # after a pause: linted at once
        since = client.mark()
        v = client.change(u, DOSE_ARTICLE.replace("Take 400 mg of magnesium", "Take magnesium"))  # waits
        client.save(u)
        saved = client.wait_published(u, since, version=v)
        assert not any(d.code == "no-dose-numbers" for d in saved.diagnostics)


def test_non_markdown_documents_are_not_linted(server, workspace):
    since = server.mark()
    u = server.open(workspace / "notes.txt", "Take 400 mg daily.\n", language_id="plaintext")
    server.hover(u, 0, 7)  # answered after the open was handled
    assert server.published_for(u, since) == []
    server.close(u)


def test_a_file_uri_naming_no_file_gets_no_diagnostics(server, workspace):
    """Neovim 0.7 opens an unnamed buffer as ``file://``; what is published to that
    URI it files under another buffer, so nothing is published to it."""
    since = server.mark()
    nameless = "file://"
    server.versions[nameless] = 1
    server.notify(server.lc.text_document_did_open, types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=nameless, language_id="markdown", version=1,
                                             text=DOSE_ARTICLE)))
    server.change(nameless, DOSE_ARTICLE + "\nTake 200 mg at noon.\n")
    assert server.hover(nameless, 2, 6) is None
    named = server.open(workspace / "named.md", DOSE_ARTICLE)  # answered after the nameless one
    assert server.wait_published(named, since).diagnostics
    assert server.published_for(nameless, since) == []
    server.close(nameless)
    server.close(named)


# -- code actions ---------------------------------------------------------------------------


def finding(published, rule: str, match_start: tuple[int, int] | None = None):
    hits = [d for d in published.diagnostics if d.code == rule]
    if match_start is not None:
        hits = [d for d in hits if (d.range.start.line, d.range.start.character) == match_start]
    assert hits, (rule, [(d.code, d.range) for d in published.diagnostics])
    return hits[0]


def relint(client: Client, u: str, text: str):
    since = client.mark()
    v = client.change(u, text)
    return client.wait_published(u, since, version=v)


def test_a_safe_fix_is_preferred_and_an_unsafe_one_is_marked(server, workspace):
    u, published = open_and_wait(server, workspace / "fixes.md", DOSE_ARTICLE)
    style = finding(published, "house-style")
    actions = server.code_actions(u, style.range, diagnostics=[style])
    fix = next(a for a in actions if a.title.startswith("Replace 'utilise' with 'use'"))
    assert fix.is_preferred and fix.kind == "quickfix" and "unsafe" not in fix.title
    assert fix.diagnostics[0].code == "house-style"
    fixed = apply_edits(DOSE_ARTICLE, edits_of(fix, u), server.encoding)
    assert fixed == DOSE_ARTICLE.replace("utilise", "use")

    heading = finding(published, "heading-sentence-case")
    actions = server.code_actions(u, heading.range)
    unsafe = next(a for a in actions if "How Magnesium Affects Sleep" in a.title and a.title.startswith("Replace"))
    assert not unsafe.is_preferred and "[unsafe: may change meaning]" in unsafe.title
    assert apply_edits(DOSE_ARTICLE, edits_of(unsafe, u), server.encoding) == DOSE_ARTICLE.replace(
        "How Magnesium Affects Sleep", "How magnesium affects sleep")
    server.close(u)


def test_insert_the_medical_disclaimer(server, workspace):
    seed = workspace / "seeds" / SEEDS[0].name
    text = seed.read_text(encoding="utf-8")
    u, published = open_and_wait(server, seed)
    missing = finding(published, "medical-disclaimer")
    actions = server.code_actions(u, missing.range)
    insert = next(a for a in actions if a.title.startswith("Insert the medical disclaimer"))
    assert insert.is_preferred
    fixed = apply_edits(text, edits_of(insert, u), server.encoding)
    assert "is not medical advice" in fixed and fixed.startswith(text.rstrip("\n"))
    after = relint(server, u, fixed)
    assert not [d for d in after.diagnostics if d.code == "medical-disclaimer"]
    server.close(u)


def test_suppression_comments_with_a_reason_placeholder(tmp_path):
    ws = make_workspace(tmp_path / "ws", "rule_files: [house]\nrequire_suppression_reason: true\n")
    text = DOSE_ARTICLE.replace("\n", "\r\n").replace("before bed;", "before bed;  ")
    with Client(ws) as client:
        u, published = open_and_wait(client, ws / "a.md", text)
        dose = finding(published, "no-dose-numbers")
        actions = client.code_actions(u, dose.range)
        line = next(a for a in actions if a.title == "Suppress no-dose-numbers on this line")
        placeholder = apply_edits(text, edits_of(line, u), client.encoding)
        assert "<!-- contentlint-disable-line no-dose-numbers -- TODO: why this is fine here -->" in placeholder
        assert placeholder.count("\r\n") == text.count("\r\n") and "\n" not in placeholder.replace("\r\n", "")
        # the placeholder is no reason: until the writer gives one, the finding stands
        codes = {d.code for d in relint(client, u, placeholder).diagnostics}
        assert {"no-dose-numbers", "suppression-without-reason"} <= codes
        fixed = placeholder.replace("TODO: why this is fine here", "quoting the label")
        after = relint(client, u, fixed)
        codes = {d.code for d in after.diagnostics}
        assert "no-dose-numbers" not in codes and not codes & {"unused-suppression", "suppression-without-reason"}

        missing = finding(after, "medical-disclaimer")
        whole = next(a for a in client.code_actions(u, missing.range) if a.title == "Suppress medical-disclaimer in this file")
        fixed2 = apply_edits(fixed, edits_of(whole, u), client.encoding)
        assert fixed2.startswith("<!-- contentlint-disable-file medical-disclaimer -- TODO: why this is fine here -->\r\n# ")
        fixed2 = fixed2.replace("TODO: why this is fine here", "a landing page")
        assert "medical-disclaimer" not in {d.code for d in relint(client, u, fixed2).diagnostics}


@pytest.mark.parametrize("line, where", [
    ("| Valerian | Take 2 capsules daily |", "| Valerian | Take 2 capsules daily <!--"),  # inside the last cell
    ("## Take 2 capsules daily ##", "## Take 2 capsules daily <!--"),  # before a heading's closing marks
    ("Take 2 capsules daily.\\", "Take 2 capsules daily. <!--"),  # before a hard line break
    ("- ## Take 2 capsules daily ##", "- ## Take 2 capsules daily <!--"),  # a heading in a list item
    ("> ## Take 2 capsules daily ##", "> ## Take 2 capsules daily <!--"),  # in a quote
    ("| Take 2 capsules daily | `a|b` here |", "| Take 2 capsules daily | `a <!--"),  # a cell past the header's count
])
def test_a_suppression_comment_goes_where_it_suppresses(tmp_path, line, where):
    """The quick fix puts the comment where the page keeps it and the line stays
    what it was: not after a table row's last pipe (a cell no reader sees) nor
    after a heading's closing marks (which would then show)."""
    ws = make_workspace(tmp_path / "ws", "select: [no-dose-numbers]\n")
    text = "# Herbs\n\n| Herb | Note |\n|---|---|\n" + (line if line.startswith("|") else "| a | b |\n\n" + line) + "\nNext.\n"
    with Client(ws) as client:
        u, published = open_and_wait(client, ws / "a.md", text)
        dose = finding(published, "no-dose-numbers")
        action = next(a for a in client.code_actions(u, dose.range) if a.title == "Suppress no-dose-numbers on this line")
        fixed = apply_edits(text, edits_of(action, u), client.encoding)
        assert where in fixed
        codes = {d.code for d in relint(client, u, fixed).diagnostics}
        assert not codes & {"no-dose-numbers", "unused-suppression"}


@pytest.mark.parametrize("text", [
    "Take 2 capsules daily `as the\nlabel` says.\n",  # the line ends inside a code span
    "Take 2 capsules daily <a\nhref=x>here</a>.\n",  # inside an HTML tag
])
def test_no_suppression_is_offered_where_it_would_not_be_a_comment(tmp_path, text):
    """At the end of such a line a comment would be code, or break the tag and
    show: the action is left out rather than offered broken."""
    ws = make_workspace(tmp_path / "ws", "select: [no-dose-numbers]\n")
    with Client(ws) as client:
        u, published = open_and_wait(client, ws / "a.md", text)
        dose = finding(published, "no-dose-numbers")
        titles = [a.title for a in client.code_actions(u, dose.range)]
        assert "Suppress no-dose-numbers on this line" not in titles


def test_a_document_linted_only_in_part_says_so(tmp_path):
    """A rule stopped at its time limit leaves a diagnostic on the first line
    (the editor would otherwise show the article clean)."""
    ws = make_workspace(tmp_path / "ws", "extends: []\nrule_files: [house]\n")
    (ws / "house" / "slow.yaml").write_text(
        "id: slow-pattern\nkind: pattern\nmessage: x\npatterns: ['(a+)+$']\n", encoding="utf-8")
    with Client(ws, init_options={"timeoutSeconds": 0.2}) as client:
        u, published = open_and_wait(client, ws / "a.md", "# Notes\n\n" + "a" * 40 + "b\n")
        first = [d for d in published.diagnostics if d.range.start.line == 0 and d.code == "timeout"]
        assert len(first) == 1 and first[0].message.startswith("Linted only in part: rule 'slow-pattern' stopped")


def test_fix_all_is_what_the_command_writes(server, workspace, tmp_path):
    text = (DOSE_ARTICLE + "\nSend an e-mail about health care; we utilise it.\n").replace("\n", "\r\n")
    u, published = open_and_wait(server, workspace / "fixall.md", text)
    rng = types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0))
    actions = server.code_actions(u, rng, only=[types.CodeActionKind.SourceFixAll])
    assert [a.kind for a in actions] == ["source.fixAll.contentlint"]
    assert actions[0].title == "Fix all safe problems in this file (contentlint)"
    fixed = apply_edits(text, edits_of(actions[0], u), server.encoding)

    copy = workspace / "fixall-cli.md"
    copy.write_bytes(text.encode("utf-8"))
    cli("--fix", copy, cwd=workspace)
    assert fixed == copy.read_bytes().decode("utf-8")
    assert "utilise" not in fixed and "is not medical advice" in fixed
    assert "How Magnesium Affects Sleep" in fixed  # unsafe: left alone
    everywhere = types.Range(start=types.Position(line=0, character=0), end=types.Position(line=99, character=0))
    quick = server.code_actions(u, everywhere, only=[types.CodeActionKind.QuickFix])
    assert quick and {a.kind for a in quick} == {"quickfix"}
    server.close(u)


def test_unversioned_edits_for_a_client_without_document_changes(tmp_path):
    ws = make_workspace(tmp_path / "ws")
    with Client(ws, document_changes=False) as client:
        u, published = open_and_wait(client, ws / "a.md", DOSE_ARTICLE)
        style = finding(published, "house-style")
        fix = next(a for a in client.code_actions(u, style.range) if a.title.startswith("Replace"))
        assert fix.edit.document_changes is None and list(fix.edit.changes) == [u]


# -- hover -----------------------------------------------------------------------------------


def test_hover_explains_the_rule_and_links_its_page(server, workspace):
    u, published = open_and_wait(server, workspace / "hover.md", DOSE_ARTICLE)
    dose = finding(published, "no-dose-numbers")
    h = server.hover(u, dose.range.start.line, dose.range.start.character + 2)
    explain = subprocess.run([sys.executable, "-m", "linter", "explain", "no-dose-numbers"], cwd=workspace,
                             capture_output=True, text=True, check=True).stdout
    description = explain.split("\n\n")[1].strip()
    assert h.contents.kind == "markdown"
    assert description in h.contents.value
    sarif = json.loads(cli("--format", "sarif", "hover.md", cwd=workspace).stdout)
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    page = next(r["helpUri"] for r in rules if r["id"] == "no-dose-numbers")  # the rule's page, as SARIF links it
    assert page.endswith("/no-dose-numbers.html")
    assert f"[no-dose-numbers: the rule's page]({page})" in h.contents.value
    assert dose.code_description.href == page
    style = finding(published, "house-style")  # a rule of the project's own files: no page, no link
    assert style.code_description is None
    assert "the rule's page" not in server.hover(u, style.range.start.line, style.range.start.character).contents.value
    assert server.hover(u, 1, 0) is None  # the blank line: no finding
    server.close(u)


# -- config ------------------------------------------------------------------------------------


def test_the_nearest_config_applies(server, workspace):
    sub = workspace / "legal"
    sub.mkdir(exist_ok=True)
    (sub / ".contentlint.yaml").write_text("ignore: [no-dose-numbers]\n", encoding="utf-8")
    _, here = open_and_wait(server, workspace / "near.md", DOSE_ARTICLE)
    _, there = open_and_wait(server, sub / "near.md", DOSE_ARTICLE)
    assert "no-dose-numbers" in {d.code for d in here.diagnostics}
    assert "no-dose-numbers" not in {d.code for d in there.diagnostics}
    assert "house-style" not in {d.code for d in there.diagnostics}  # its own config: no house rules
    assert actual(there) == expected_diagnostics(DOSE_ARTICLE, cli_findings(sub / "near.md", workspace))


def test_a_broken_config_is_one_diagnostic_on_it_and_reloads_when_fixed(tmp_path):
    ws = make_workspace(tmp_path / "ws")
    config = ws / ".contentlint.yaml"
    with Client(ws) as client:
        u, published = open_and_wait(client, ws / "a.md", DOSE_ARTICLE)
        watched = [r for r in client.registrations if r.method == "workspace/didChangeWatchedFiles"]
        assert "**/.contentlint.yaml" in [w["globPattern"] for r in watched for w in r.register_options["watchers"]]
        assert "no-dose-numbers" in {d.code for d in published.diagnostics}

        config.write_text("rule_files: [house]\nmin_severity: loud\n", encoding="utf-8")
        since = client.mark()
        client.files_changed(config)
        broken = client.wait_published(uri(config), since)
        assert len(broken.diagnostics) == 1
        d = broken.diagnostics[0]
        assert d.severity == 1 and d.range.start.line == 1 and "min_severity" in d.message
        # the article says it was not linted, and why, at its start
        (note,) = client.wait_published(u, since).diagnostics
        assert note.code == "config-error" and note.severity == 1 and note.range.start.line == 0
        assert note.message.startswith("Not linted: contentlint cannot use its config: ") and "min_severity" in note.message
        assert ".contentlint.yaml:2:" in note.message
        assert client.hover(u, 2, 7) is None  # still serving

        config.write_text("rule_files: [house]\nignore: [no-dose-numbers]\n", encoding="utf-8")
        since = client.mark()
        client.files_changed(config)
        assert not client.wait_published(uri(config), since).diagnostics
        relinted = client.wait_published(u, since, check=lambda p: p.diagnostics)
        codes = {d.code for d in relinted.diagnostics}
        assert "house-style" in codes and "no-dose-numbers" not in codes


def test_saving_the_config_in_the_editor_reloads_it(tmp_path):
    ws = make_workspace(tmp_path / "ws")
    config = ws / ".contentlint.yaml"
    with Client(ws, watch=False) as client:
        assert client.registrations == []
        u, published = open_and_wait(client, ws / "a.md", DOSE_ARTICLE)
        assert "house-style" in {d.code for d in published.diagnostics}
        cu = client.open(config, language_id="yaml")
        config.write_text("ignore: [house-style]\nrule_files: [house]\n", encoding="utf-8")
        # the config and rules loaded at open serve every later request until a reload
        assert "house-style" in {d.code for d in relint(client, u, DOSE_ARTICLE + "\nMore.\n").diagnostics}
        since = client.mark()
        client.change(cu, config.read_text(encoding="utf-8"))
        client.save(cu)
        relinted = client.wait_published(u, since)
        assert "house-style" not in {d.code for d in relinted.diagnostics}
        assert "no-dose-numbers" in {d.code for d in relinted.diagnostics}


def test_an_editor_that_reports_no_file_changes_gets_the_config_as_it_is_on_disk(tmp_path):
    """Neovim 0.7 and 0.8 neither watch files for the server nor open the config
    with it: a config or rule file edited elsewhere is read again when an article
    is opened or saved, and so is a nearer config that appears."""
    ws = make_workspace(tmp_path / "ws")
    config = ws / ".contentlint.yaml"
    (ws / "guides").mkdir()
    with Client(ws, watch=False) as client:
        u, published = open_and_wait(client, ws / "a.md", DOSE_ARTICLE)
        assert {"house-style", "no-dose-numbers"} <= {d.code for d in published.diagnostics}
        config.write_text("ignore: [house-style]\nrule_files: [house]\n", encoding="utf-8")
        since = client.mark()
        client.save(u)
        codes = {d.code for d in client.wait_published(u, since).diagnostics}
        assert "house-style" not in codes and "no-dose-numbers" in codes
        # edited elsewhere again, then an article of a folder not opened before
        config.write_text("ignore: [no-dose-numbers]\nrule_files: [house]\n", encoding="utf-8")
        (ws / "notes").mkdir()
        since = client.mark()
        n = client.open(ws / "notes" / "n.md", DOSE_ARTICLE)
        codes = {d.code for d in client.wait_published(n, since).diagnostics}
        assert "no-dose-numbers" not in codes and "house-style" in codes
        (ws / "guides" / ".contentlint.yaml").write_text("ignore: [no-dose-numbers]\nrule_files: [../house]\n",
                                                         encoding="utf-8")
        since = client.mark()
        b = client.open(ws / "guides" / "b.md", DOSE_ARTICLE)
        codes = {d.code for d in client.wait_published(b, since).diagnostics}
        assert "no-dose-numbers" not in codes and "house-style" in codes


# -- workspace ---------------------------------------------------------------------------------


def test_lint_the_workspace_fills_the_problems_panel(tmp_path):
    ws = make_workspace(tmp_path / "ws", 'rule_files: [house]\nexclude: ["drafts/"]\n')
    files = {"a.md": DOSE_ARTICLE, "guides/b.markdown": DOSE_ARTICLE, "drafts/c.md": DOSE_ARTICLE,
             "node_modules/d.md": DOSE_ARTICLE, "notes.txt": DOSE_ARTICLE}
    for name, text in files.items():
        (ws / name).parent.mkdir(parents=True, exist_ok=True)
        (ws / name).write_text(text, encoding="utf-8")
    with Client(ws) as client:
        open_text = DOSE_ARTICLE.replace("400 mg", "300 mg")
        opened = client.open(ws / "a.md", open_text)
        since = client.mark()
        result = client.command("contentlint.lintWorkspace")
        assert result == {"files": 2, "findings": result["findings"], "skipped": 0} and result["findings"] > 0
        published = {p.uri for p in client.published[since:]}
        assert published == {uri(ws / "a.md"), uri(ws / "guides" / "b.markdown")}
        b = client.wait_published(uri(ws / "guides" / "b.markdown"), since)
        assert actual(b) == expected_diagnostics(DOSE_ARTICLE, cli_findings(ws / "guides" / "b.markdown", ws))
        a = client.wait_published(opened, since)
        assert any("300 mg" in d.message for d in a.diagnostics)  # the editor's text, not the file's

        since = client.mark()
        client.close(opened)  # linted from disk: the panel keeps the file
        closed = client.wait_published(opened, since)
        assert any("400 mg" in d.message for d in closed.diagnostics)


def test_a_file_the_workspace_lint_cannot_read_says_why(tmp_path):
    ws = make_workspace(tmp_path / "ws")
    (ws / "a.md").write_text(DOSE_ARTICLE, encoding="utf-8")
    (ws / "b.md").write_bytes(b"caf\xe9 au lait\n")
    with Client(ws) as client:
        since = client.mark()
        result = client.command("contentlint.lintWorkspace")
        assert result["files"] == 1 and result["skipped"] == 1
        b = client.wait_published(uri(ws / "b.md"), since)
        assert [d.message.split(" (")[0] for d in b.diagnostics] == ["Not linted: not valid utf-8 text"]
        assert any("1 file could not be linted" in m.message for m in client.messages)
        # opened with text the editor can hold, then closed: the file on disk is still unreadable
        since = client.mark()
        opened = client.open(ws / "b.md", "café au lait\n")
        assert not client.wait_published(opened, since).diagnostics
        since = client.mark()
        client.close(opened)
        closed = client.wait_published(opened, since)
        assert [d.message.split(" (")[0] for d in closed.diagnostics] == ["Not linted: not valid utf-8 text"]


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS file systems refuse names that are not UTF-8")
def test_lint_the_workspace_with_a_file_name_that_is_not_utf8(tmp_path):
    """Its URI is the name's bytes percent-encoded, and the other files are linted."""
    ws = make_workspace(tmp_path / "ws")
    (ws / os.fsdecode(b"caf\xe9.md")).write_text(DOSE_ARTICLE, encoding="utf-8")
    (ws / "a.md").write_text(DOSE_ARTICLE, encoding="utf-8")
    with Client(ws) as client:
        since = client.mark()
        assert client.command("contentlint.lintWorkspace")["files"] == 2
        assert client.wait_published(uri(ws) + "/caf%E9.md", since).diagnostics
