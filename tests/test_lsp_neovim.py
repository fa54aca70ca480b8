"""The language server in a real editor: Neovim (Debian's package, ``nvim
--headless``) with its built-in LSP client, configured with the README's Neovim
snippet exactly as written there. A Lua script opens a seed article, reads the
diagnostics back, and applies "Insert the medical disclaimer" through Neovim's own
code action flow (``vim.lsp.buf.code_action``, the choice made in ``vim.ui.select``);
the file written afterwards must be what ``contentlint --fix`` writes.

Neovim is required in CI (``.ci/run`` installs it) and skipped elsewhere when
absent, as the Chromium tests are."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "kratom-anxiety.md"


def readme_neovim_snippet() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Editors\n", 1)[1].split("\n## ", 1)[0]
    neovim = section.split("**Neovim**", 1)[1]
    return re.search(r"```lua\n(.*?)```", neovim, re.S).group(1)


def nvim() -> str:
    path = os.environ.get("NVIM") or shutil.which("nvim")
    if path is None:
        why = "Neovim is not installed: the editor test needs it (Debian/Ubuntu: apt-get install -y neovim)."
        if os.environ.get("CI"):
            pytest.fail(why, pytrace=False)
        pytest.skip(why)
    return path


DRIVER = r"""
local out_path = vim.env.CONTENTLINT_NVIM_OUT
local result = {}
local function finish()
  local f = io.open(out_path, "w")
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd("qa!")
end
local function snapshot()
  local items = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    local lsp = (d.user_data and d.user_data.lsp) or {}
    table.insert(items, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, code = lsp.code or d.code, source = d.source })
  end
  return items
end
local function has(code)
  for _, d in ipairs(snapshot()) do
    if d.code == code then return true end
  end
  return false
end

if not vim.wait(120000, function() return has("medical-disclaimer") end, 50) then
  result.error = "no diagnostics from contentlint"
  return finish()
end
result.before = snapshot()

vim.ui.select = function(items, opts, on_choice)
  result.titles = {}
  for _, item in ipairs(items) do
    table.insert(result.titles, (item.action or item[2]).title)
  end
  for i, item in ipairs(items) do
    local action = item.action or item[2]
    if action.title:find("^Insert the medical disclaimer") then
      result.chosen = action.title
      return on_choice(item, i)
    end
  end
  on_choice(nil, nil)
end
vim.api.nvim_win_set_cursor(0, { 1, 0 })
vim.lsp.buf.code_action()
if not vim.wait(120000, function() return result.chosen ~= nil and not has("medical-disclaimer") end, 50) then
  result.error = "the code action did not clear the finding"
  result.after = snapshot()
  return finish()
end
vim.cmd("write")
result.after = snapshot()
finish()
"""


def byte_column(line: str, column: int) -> int:
    """A 1-based code point column as Neovim's 0-based byte column."""
    return len(line[: column - 1].encode("utf-8"))


def test_neovim_shows_the_findings_and_applies_a_code_action(tmp_path):
    editor = nvim()
    version = subprocess.run([editor, "--version"], capture_output=True, text=True).stdout.split("\n", 1)[0]
    work = tmp_path / "site"
    work.mkdir()
    article = work / SEED.name
    shutil.copy(SEED, article)
    (tmp_path / "init.lua").write_text(readme_neovim_snippet(), encoding="utf-8")
    (tmp_path / "drive.lua").write_text(DRIVER, encoding="utf-8")
    out = tmp_path / "result.json"
    env = dict(os.environ)
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")  # the contentlint under test
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[var] = str(tmp_path / var.lower())
    env["CONTENTLINT_NVIM_OUT"] = str(out)
    proc = subprocess.run(
        [editor, "--headless", "-n", "-i", "NONE", "-u", str(tmp_path / "init.lua"), article.name,
         "-c", f"luafile {tmp_path / 'drive.lua'}"],
        cwd=work, env=env, capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL,
    )
    assert out.exists(), f"{version} wrote no result (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
    result = json.loads(out.read_text(encoding="utf-8"))
    assert "error" not in result, (version, result, proc.stderr)

    # the diagnostics Neovim holds are the command's findings (byte columns, as Neovim counts)
    original = SEED.read_text(encoding="utf-8")
    lines = original.split("\n")
    cli = subprocess.run([sys.executable, "-m", "linter", "--no-cache", "--format", "json", SEED.name],
                         cwd=SEED.parent, capture_output=True, text=True)
    expected = sorted(
        (f["rule"], f["line"] - 1, byte_column(lines[f["line"] - 1], f["column"]),
         f["end_line"] - 1, byte_column(lines[f["end_line"] - 1], f["end_column"]),
         {"error": 1, "warning": 2, "info": 3}[f["severity"]])
        for f in json.loads(cli.stdout)
    )
    got = sorted((d["code"], d["lnum"], d["col"], d["end_lnum"], d["end_col"], d["severity"]) for d in result["before"])
    assert got == expected
    assert {d["source"] for d in result["before"]} == {"contentlint"}

    # the action chosen from Neovim's list, and the file written afterwards: what --fix writes
    assert result["chosen"] == "Insert the medical disclaimer (medical-disclaimer)"
    assert "Fix all safe problems in this file (contentlint)" in result["titles"]
    fixed_by_cli = tmp_path / "cli" / SEED.name
    fixed_by_cli.parent.mkdir()
    shutil.copy(SEED, fixed_by_cli)
    subprocess.run([sys.executable, "-m", "linter", "--no-cache", "--fix", SEED.name], cwd=fixed_by_cli.parent,
                   capture_output=True, text=True)
    assert article.read_text(encoding="utf-8") == fixed_by_cli.read_text(encoding="utf-8") != original
    assert "medical-disclaimer" not in {d["code"] for d in result["after"]}
    assert len(result["after"]) == len(result["before"]) - 1
