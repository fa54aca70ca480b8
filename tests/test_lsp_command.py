"""``contentlint server`` as a command: pygls stays out of a lint run, a missing
extra is one line naming the pip command, and the server exits cleanly when the
client says so."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from lsp_support import Client

SERVER_MODULES = ("pygls", "lsprotocol", "cattrs", "linter.lsp")


def test_a_lint_run_does_not_import_the_language_server(tmp_path):
    (tmp_path / "a.md").write_text("Take 400 mg of magnesium.\n", encoding="utf-8")
    code = (
        "import sys, linter.cli\n"
        "rc = linter.cli.main(['--no-cache', 'a.md'])\n"
        f"print(rc, sorted(m for m in sys.modules if m.startswith({SERVER_MODULES!r})))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert proc.stdout.splitlines()[-1] == "1 []", proc.stdout + proc.stderr


BLOCK_PYGLS = """
import sys, importlib.abc
class Missing(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.split('.')[0] in ('pygls', 'lsprotocol'):
            raise ModuleNotFoundError(f'No module named {name!r}', name=name)
sys.meta_path.insert(0, Missing())
import linter.cli
sys.exit(linter.cli.main(['server']))
"""


def test_without_the_server_extra_one_line_names_the_pip_command(tmp_path):
    proc = subprocess.run([sys.executable, "-c", BLOCK_PYGLS], cwd=tmp_path, capture_output=True, text=True,
                          timeout=300, stdin=subprocess.DEVNULL)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.splitlines() == [
        "contentlint: the language server needs pygls and lsprotocol: pip install 'contentlint[server]'"
    ]


def test_the_server_exits_cleanly_on_shutdown_and_exit(tmp_path: Path):
    client = Client(tmp_path)
    client.stop()
    assert client.lc._server.returncode == 0, client.stderr.decode(errors="replace")


def test_a_malformed_message_is_one_line_on_stderr_not_a_traceback(tmp_path):
    """A client that sends something not JSON-RPC gets pygls's error message; the
    server's log (an editor shows it) says what was wrong in one line."""
    bad = b"Content-Length: 5\r\n\r\nhello" + b"Content-Length: 2\r\n\r\n{}"
    proc = subprocess.run([sys.executable, "-m", "linter", "server"], cwd=tmp_path, input=bad, capture_output=True,
                          timeout=300)
    err = proc.stderr.decode(errors="replace")
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 2 and all(line.startswith("contentlint server: ") for line in lines), err
    assert "Expecting value" in lines[0]
