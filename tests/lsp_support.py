"""A real LSP client for the server tests: pygls's own ``LanguageClient`` talking
to ``contentlint server`` (a subprocess, over its standard input and output) on an
event loop in a background thread, with blocking helpers for the tests.

Edits and positions are checked here with code written independently of the
server's (``units``, ``apply_edits``), so a conversion bug on one side is not
mirrored on the other."""

from __future__ import annotations

import asyncio
import os
import re
import sys
import threading
from pathlib import Path

import pytest

lsp = pytest.importorskip("lsprotocol.types", reason="pip install '.[test]' (pygls for the language server tests)")
from lsprotocol import types  # noqa: E402
from pygls.lsp.client import LanguageClient  # noqa: E402
from pygls.uris import from_fs_path  # noqa: E402

TIMEOUT = 120  # seconds for any one answer: a loaded CI machine, never a measurement


def server_command() -> list[str]:
    return [sys.executable, "-m", "linter", "server"]


def uri(path: Path | str) -> str:
    return from_fs_path(str(path))


def units(text: str, encoding: str) -> int:
    """Code units of ``text``, counted character by character."""
    n = 0
    for ch in text:
        cp = ord(ch)
        if encoding == "utf-32":
            n += 1
        elif encoding == "utf-16":
            n += 2 if cp > 0xFFFF else 1
        else:
            n += 1 if cp < 0x80 else 2 if cp < 0x800 else 3 if cp < 0x10000 else 4
    return n


def split_lines(text: str) -> list[tuple[str, str]]:
    """(body, line break) of each line, as LSP counts lines."""
    parts = re.split(r"(\r\n|\r|\n)", text)
    return list(zip(parts[0::2], parts[1::2] + [""]))


def lsp_position(text: str, offset: int, encoding: str = "utf-16") -> tuple[int, int]:
    """(line, character) of a code point offset, the long way."""
    pos = 0
    lines = split_lines(text)
    for i, (body, brk) in enumerate(lines):
        if offset < pos + len(body) + len(brk) or i == len(lines) - 1:
            return i, units(text[pos:min(offset, pos + len(body))], encoding)
        pos += len(body) + len(brk)
    raise AssertionError("unreachable")


def offset_of(text: str, line: int, character: int, encoding: str = "utf-16") -> int:
    lines = split_lines(text)
    pos = sum(len(b) + len(e) for b, e in lines[:line])
    body = lines[line][0] if line < len(lines) else ""
    n = 0
    for i, ch in enumerate(body):
        if n >= character:
            return pos + i
        n += units(ch, encoding)
    return pos + len(body)


def apply_edits(text: str, edits, encoding: str = "utf-16") -> str:
    """Apply LSP TextEdits (non-overlapping) to ``text``."""
    spans = []
    for e in edits:
        a = offset_of(text, e.range.start.line, e.range.start.character, encoding)
        b = offset_of(text, e.range.end.line, e.range.end.character, encoding)
        spans.append((a, b, e.new_text))
    for a, b, new in sorted(spans, reverse=True):
        text = text[:a] + new + text[b:]
    return text


def edits_of(action, doc_uri: str) -> list:
    edit = action.edit
    out = []
    for change in edit.document_changes or []:
        if change.text_document.uri == doc_uri:
            out.extend(change.edits)
    out.extend((edit.changes or {}).get(doc_uri, []))
    return out


class Client:
    """One server process and the client talking to it. Blocking methods;
    ``published`` records every publishDiagnostics in arrival order."""

    def __init__(self, root: Path, *, encodings: list[str] | None = None, init_options: dict | None = None,
                 watch: bool = True, document_changes: bool = True, command: list[str] | None = None):
        self.root = Path(root)
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.published: list[types.PublishDiagnosticsParams] = []
        self.registrations: list = []
        self.messages: list = []
        self.stderr = bytearray()
        self.cond = threading.Condition()
        self.versions: dict[str, int] = {}
        self.lc = LanguageClient("contentlint-tests", "1")

        @self.lc.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def _diagnostics(ls, params):
            with self.cond:
                self.published.append(params)
                self.cond.notify_all()

        @self.lc.feature(types.CLIENT_REGISTER_CAPABILITY)
        def _register(ls, params):
            self.registrations.extend(params.registrations)

        @self.lc.feature(types.WINDOW_SHOW_MESSAGE)
        def _message(ls, params):
            self.messages.append(params)

        @self.lc.feature(types.WINDOW_LOG_MESSAGE)
        def _log(ls, params):
            self.messages.append(params)

        env = dict(os.environ)
        self.run(self.lc.start_io(*(command or server_command()), cwd=str(self.root), env=env))
        self.run(self._drain_stderr_later())
        general = types.GeneralClientCapabilities(position_encodings=encodings) if encodings else None
        caps = types.ClientCapabilities(
            general=general,
            workspace=types.WorkspaceClientCapabilities(
                workspace_edit=types.WorkspaceEditClientCapabilities(document_changes=document_changes),
                did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=watch),
            ),
        )
        self.init_result = self.run(self.lc.initialize_async(types.InitializeParams(
            capabilities=caps,
            root_uri=uri(self.root),
            workspace_folders=[types.WorkspaceFolder(uri=uri(self.root), name="root")],
            initialization_options=init_options,
        )))
        self.encoding = str(self.init_result.capabilities.position_encoding or "utf-16")
        self.notify(self.lc.initialized, types.InitializedParams())

    async def _drain_stderr_later(self):
        async def drain():
            stream = self.lc._server.stderr
            while True:
                chunk = await stream.read(4096)
                if not chunk:
                    return
                self.stderr.extend(chunk)

        asyncio.ensure_future(drain())

    def run(self, coro, timeout: float = TIMEOUT):
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def notify(self, fn, params) -> None:
        async def call():
            fn(params)

        self.run(call())

    # -- documents -----------------------------------------------------------------
    def open(self, path: Path, text: str | None = None, language_id: str = "markdown") -> str:
        text = Path(path).read_text(encoding="utf-8") if text is None else text
        u = uri(path)
        self.versions[u] = 1
        self.notify(self.lc.text_document_did_open, types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=u, language_id=language_id, version=1, text=text)))
        return u

    def change(self, u: str, text: str) -> int:
        self.versions[u] += 1
        v = self.versions[u]
        self.notify(self.lc.text_document_did_change, types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=u, version=v),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))
        return v

    def save(self, u: str) -> None:
        self.notify(self.lc.text_document_did_save, types.DidSaveTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=u)))

    def close(self, u: str) -> None:
        self.notify(self.lc.text_document_did_close, types.DidCloseTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=u)))

    def files_changed(self, *paths: Path) -> None:
        self.notify(self.lc.workspace_did_change_watched_files, types.DidChangeWatchedFilesParams(changes=[
            types.FileEvent(uri=uri(p), type=types.FileChangeType.Changed) for p in paths]))

    # -- answers ---------------------------------------------------------------------
    def mark(self) -> int:
        with self.cond:
            return len(self.published)

    def wait_published(self, u: str, since: int = 0, version: int | None = None, check=None):
        """The first publishDiagnostics for ``u`` after the ``since``-th one (and of
        ``version``, and passing ``check``, when given)."""

        def find():
            for p in self.published[since:]:
                if p.uri == u and (version is None or p.version == version) and (check is None or check(p)):
                    return p
            return None

        with self.cond:
            if not self.cond.wait_for(lambda: find() is not None, timeout=TIMEOUT):
                pytest.fail(f"no diagnostics for {u} (version {version}); published: "
                            f"{[(p.uri, p.version, len(p.diagnostics)) for p in self.published[since:]]}; "
                            f"server stderr: {self.stderr.decode(errors='replace')[-2000:]}")
            return find()

    def published_for(self, u: str, since: int = 0) -> list:
        with self.cond:
            return [p for p in self.published[since:] if p.uri == u]

    def code_actions(self, u: str, rng: types.Range, only=None, diagnostics=None):
        return self.run(self.lc.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=u),
            range=rng,
            context=types.CodeActionContext(diagnostics=diagnostics or [], only=only)))) or []

    def hover(self, u: str, line: int, character: int):
        return self.run(self.lc.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=u), position=types.Position(line=line, character=character))))

    def command(self, name: str, *arguments):
        return self.run(self.lc.workspace_execute_command_async(types.ExecuteCommandParams(
            command=name, arguments=list(arguments) or None)))

    def stop(self) -> None:
        try:
            self.run(self.lc.shutdown_async(None), timeout=30)
            self.notify(self.lc.exit, None)
            self.run(self.lc.stop(), timeout=30)
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(timeout=10)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
