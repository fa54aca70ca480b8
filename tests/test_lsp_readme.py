"""The README's editor snippets (section Editors): each starts the same command,
``contentlint server``, for Markdown; that command, found on PATH as an editor
finds it, answers an editor's requests. (The Neovim snippet also runs in a real
Neovim: tests/test_lsp_neovim.py.)"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import tomllib
from pathlib import Path

from lsp_support import Client

ROOT = Path(__file__).resolve().parent.parent
COMMAND = ["contentlint", "server"]


def section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split("\n## Editors\n", 1)[1].split("\n## ", 1)[0]


def block(editor: str, language: str, index: int = 0) -> str:
    after = section().split(f"**{editor}**", 1)[1]
    return re.findall(rf"```{language}\n(.*?)```", after, re.S)[index]


def test_every_editor_snippet_starts_contentlint_server_for_markdown():
    neovim = block("Neovim", "lua")
    assert 'cmd = { "contentlint", "server" }' in neovim and 'pattern = "markdown"' in neovim

    helix = tomllib.loads(block("Helix", "toml"))
    server = helix["language-server"]["contentlint"]
    assert [server["command"], *server["args"]] == COMMAND
    assert [lang for lang in helix["language"] if "contentlint" in lang["language-servers"]][0]["name"] == "markdown"

    eglot = block("Emacs", "elisp")
    assert '("contentlint" "server")' in eglot and "markdown-mode" in eglot

    vscode = json.loads(block("VS Code", "json"))
    assert [vscode["glspc.server.command"], *vscode["glspc.server.commandArguments"]] == COMMAND
    assert vscode["glspc.server.languageId"] == ["markdown"]

    zed = tomllib.loads(block("Zed", "toml"))
    assert zed["language_servers"]["contentlint"]["languages"] == ["Markdown"]
    rust = block("Zed", "rust")
    assert '.which("contentlint")' in rust and 'args: vec!["server".into()]' in rust


def test_the_command_the_snippets_start_answers(tmp_path):
    found = shutil.which("contentlint", path=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
    assert found, "contentlint is not on PATH beside the test's Python"
    (tmp_path / "a.md").write_text("# Magnesium\n\nTake 400 mg daily.\n", encoding="utf-8")
    with Client(tmp_path, command=[found, *COMMAND[1:]]) as client:
        u = client.open(tmp_path / "a.md")
        codes = {d.code for d in client.wait_published(u, version=1).diagnostics}
        assert "no-dose-numbers" in codes
