"""The language server: pygls wiring and the state it keeps between requests.

- Diagnostics: on open and save at once; on a change at once when it follows a
  pause (no change for ``debounce``), else once the changes pause (a burst of
  them), a newer change cancelling a pending lint; published with the document
  version they were made for.
- Lints run in the main thread, one at a time, while the event loop (in another
  thread) goes on answering requests (``lint_thread``): a long article's lint does
  not hold a hover in another document. Changes that come while a document's lint
  runs are linted once it ends, as one lint of the newest text; a lint whose
  document changed meanwhile is not published.
- The config of a document is resolved as the command resolves it (the nearest
  ``.contentlint.yaml`` or ``pyproject.toml``); configs and their rules are
  built once and kept, and dropped when a config or rule file changes (watched
  files, or a config saved in the editor). A config that cannot be loaded is one
  diagnostic on that file.
- Documents sync whole (``TextDocumentSyncKind.Full``): pygls applies
  incremental edits by ``str.splitlines`` lines, which break at characters LSP
  does not count as line ends (U+2028, form feed), and would misplace edits.
"""

from __future__ import annotations

import asyncio
import logging
import os
from pathlib import Path
import threading
import time
from urllib.parse import unquote

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path as _from_fs_path, to_fs_path

from .. import __version__, safeio
from ..engine import DEFAULT_TIME_LIMIT
from ..errors import UserError
from ..problems import UNREADABLE, Problem
from ..resolver import Resolver
from ..runner import describe
from ..source import DecodeError, Source
from . import actions as actions_module
from .documents import SOURCE_NAME, Linted, is_markdown, lint_document
from .hover import hover as hover_for
from .lint_thread import LintThread
from .workspace import WATCHED_GLOBS, affects_config, config_error_diagnostic, markdown_files

log = logging.getLogger(__name__)

LINT_WORKSPACE = "contentlint.lintWorkspace"
DEFAULT_DEBOUNCE_S = 0.05


def config_stamp(resolver: Resolver, folder: str) -> tuple:
    """(path, size, mtime) of every file the config of articles in ``folder`` is
    built from, and of each config file name in the folders between it and that
    config (where a nearer one would appear); a file that is not there has none."""
    from ..config.settings import CONFIG_NAMES, source_files

    try:
        config = resolver.for_dir(Path(folder)).config
        files = [str(p) for p in source_files(config)]
        top = os.path.dirname(os.path.abspath(config.path)) if config.path else None
    except UserError:
        files, top = [], None  # a broken config: the names below still tell when it is edited
    here = os.path.abspath(folder)
    while True:
        files += [os.path.join(here, name) for name in (*CONFIG_NAMES, "pyproject.toml")]
        parent = os.path.dirname(here)
        if here == top or parent == here:
            break
        here = parent
    out = []
    for f in files:
        try:
            st = os.stat(f)
        except OSError:
            out.append((f, None, None))
        else:
            out.append((f, st.st_size, st.st_mtime_ns))
    return tuple(out)


def from_fs_path(path: str) -> str:
    """A file's URI. A name that is not valid UTF-8 (its odd bytes held as
    surrogate escapes) is percent-encoded byte for byte, as an editor names it."""
    try:
        return _from_fs_path(path)
    except UnicodeEncodeError:
        return Path(os.path.abspath(path)).as_uri()


def not_linted_diagnostic(exc: UserError) -> types.Diagnostic:
    """The diagnostic on an article whose config cannot be loaded: at its start."""
    at = types.Position(line=0, character=0)
    return types.Diagnostic(
        range=types.Range(start=at, end=at),
        message=f"Not linted: contentlint cannot use its config: {exc}",
        severity=types.DiagnosticSeverity.Error,
        source=SOURCE_NAME,
        code="config-error",
    )


def problem_diagnostic(problem) -> types.Diagnostic:
    """A problem of the lint itself (a rule stopped at its time limit, a rule
    that crashed, a file that cannot be read) on the document's first line, so
    that an article linted only in part, or not at all, never looks clean."""
    at = types.Position(line=0, character=0)
    what = "Not linted" if problem.not_linted else "Linted only in part"
    text = problem.text[len("error: "):] if problem.text.startswith("error: ") else problem.text
    return types.Diagnostic(
        range=types.Range(start=at, end=at),
        message=f"{what}: {text}",
        severity=types.DiagnosticSeverity.Error,
        source=SOURCE_NAME,
        code=problem.kind,
    )


def unreadable_diagnostic(path: str, exc: Exception) -> types.Diagnostic:
    """The diagnostic on a file on disk that cannot be read or decoded, worded as the command line words it."""
    return problem_diagnostic(Problem(path, UNREADABLE, f"error: {describe(exc)}"))


class State:
    def __init__(self):
        self.resolver: Resolver | None = None
        self.linted: dict[str, Linted] = {}  # unquoted uri -> the last lint published
        self.pending: dict[str, asyncio.Task] = {}  # unquoted uri -> a lint waiting for the pause to end
        self.running: dict[str, asyncio.Task] = {}  # unquoted uri -> its lint handed to the lint thread
        self.again: set[str] = set()  # unquoted uris changed while their lint ran: linted once more after it
        self.last_change: dict[str, float] = {}  # unquoted uri -> when its last change was handled (monotonic)
        self.config_errors: set[str] = set()  # uris of config files showing an error
        self.debounce = DEFAULT_DEBOUNCE_S
        self.time_limit = DEFAULT_TIME_LIMIT  # seconds of CPU time a rule may take on a document
        self.workspace_linted = False  # the workspace command ran: closed files keep their diagnostics
        self.watching = False  # the editor reports changed config files (didChangeWatchedFiles)
        self.stamps: dict[str, tuple] = {}  # a config file's path -> (size, mtime) when last read; (None, None): absent


class ContentlintServer(LanguageServer):
    def __init__(self):
        super().__init__("contentlint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
        self.state = State()
        self.lint_thread = LintThread()

    # -- helpers ---------------------------------------------------------------
    @property
    def encoding(self) -> str:
        return str(self.workspace.position_encoding or types.PositionEncodingKind.Utf16)

    def root(self) -> str:
        return self.workspace.root_path or os.getcwd()

    def resolver(self) -> Resolver:
        if self.state.resolver is None:
            from pathlib import Path

            self.state.resolver = Resolver(cwd=Path(self.root()))
        return self.state.resolver

    def versioned_edits(self) -> bool:
        caps = self.client_capabilities.workspace
        return bool(caps and caps.workspace_edit and caps.workspace_edit.document_changes)

    def publish(self, uri: str, diagnostics: list, version: int | None = None) -> None:
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
        )

    def show_config_error(self, exc: UserError) -> None:
        if not exc.path:
            self.window_show_message(types.ShowMessageParams(type=types.MessageType.Error, message=f"contentlint: {exc}"))
            return
        path, diag = config_error_diagnostic(exc, self.encoding)
        uri = from_fs_path(path)
        self.state.config_errors.add(uri)
        self.publish(uri, [diag])

    # -- linting ---------------------------------------------------------------
    async def lint_text(self, uri: str, path: str | None, text: str, version: int | None,
                        open_doc: bool = False, closed_doc: bool = False) -> Linted | None:
        """Lint (in the lint thread) and publish; None when its config cannot be
        loaded: the error shows on the config file, and the document gets one
        diagnostic on its first line saying it was not linted and why (an editor
        that does not have the config open would otherwise show a clean article).
        Nothing is published, and None returned, when the config was reloaded
        while it ran (a lint with the new one follows), for an open document
        (``open_doc``) that changed or closed meanwhile (its ``Linted`` is still
        returned: a request about that version uses it), or for a closed one
        (``closed_doc``, linted as saved) that was opened again."""
        encoding, limit = self.encoding, self.state.time_limit

        def job():
            resolver = self.resolver()  # when it runs: a reload before that is seen
            try:
                return resolver, lint_document(resolver, uri, path, text, version, encoding, limit), None
            except UserError as exc:
                return resolver, None, exc

        resolver, linted, error = await self.lint_thread.run(job)
        if resolver is not self.state.resolver:
            return None
        if open_doc and self._outdated(uri, version):
            return linted
        if closed_doc and unquote(uri) in self.workspace.text_documents:
            return None
        if error is not None:
            self.show_config_error(error)
            self.state.linted.pop(unquote(uri), None)
            self.publish(uri, [not_linted_diagnostic(error)], version)
            return None
        for problem in linted.problems:
            self.window_log_message(types.LogMessageParams(type=types.MessageType.Warning, message=str(problem)))
        self.state.linted[unquote(uri)] = linted
        self.publish(uri, [problem_diagnostic(p) for p in linted.problems] + linted.diagnostics(), version)
        return linted

    def _outdated(self, uri: str, version: int | None) -> bool:
        """Whether an open document is closed now or at another version."""
        doc = self.workspace.text_documents.get(unquote(uri))
        return doc is None or doc.version != version

    def _lintable(self, uri: str):
        """(the open document, its path or None) when it is one to lint, else None."""
        doc = self.workspace.text_documents.get(unquote(uri))
        if doc is None or not is_markdown(doc.path, doc.language_id):
            return None
        if doc.uri.startswith("file:") and not doc.path:
            # a file URI naming no file (Neovim 0.7 opens an unnamed buffer as "file://"):
            # diagnostics published to it land on another buffer, so it is linted once saved
            return None
        return doc, (doc.path if doc.uri.startswith("file:") else None)

    def lint_open(self, uri: str) -> asyncio.Task | None:
        """Lint an open document now (cancelling a pending lint of it): the task
        whose result is its ``Linted`` (None: not linted). While a lint of it runs,
        that one is returned, and the document is linted once more after it."""
        key = unquote(uri)
        task = self.state.pending.pop(key, None)
        if task is not None:
            task.cancel()
        running = self.state.running.get(key)
        if running is not None:
            self.state.again.add(key)
            return running
        target = self._lintable(uri)
        if target is None:
            return None
        doc, path = target
        task = asyncio.ensure_future(self.lint_text(doc.uri, path, doc.source, doc.version, open_doc=True))
        self.state.running[key] = task
        task.add_done_callback(lambda t: self._lint_ended(key, doc.uri, t))
        return task

    def _lint_ended(self, key: str, uri: str, task: asyncio.Task) -> None:
        self.state.running.pop(key, None)
        if not task.cancelled() and task.exception() is not None:
            # said in the editor's server log in one line, as pygls says a handler's error
            log.error("linting %s failed: %s", uri, task.exception())
        if key in self.state.again:
            self.state.again.discard(key)
            if key in self.workspace.text_documents:
                self.lint_open(uri)

    async def current(self, uri: str) -> Linted | None:
        """The lint of the document as the editor held it when it asked: the last
        one when it is of that version, else the one running when it is, else a
        lint of that version's text (answered even if the document changes
        meanwhile: the request is about the text it was made on)."""
        key = unquote(uri)
        doc = self.workspace.text_documents.get(key)
        linted = self.state.linted.get(key)
        if doc is None or (linted is not None and linted.version == doc.version):
            return linted
        version, text = doc.version, doc.source
        running = self.state.running.get(key)
        if running is not None:
            got = await asyncio.shield(running)  # a cancelled request leaves the lint to finish
            if got is not None and got.version == version:
                return got
        target = self._lintable(uri)
        if target is None:
            return linted
        return await asyncio.shield(asyncio.ensure_future(
            self.lint_text(doc.uri, target[1], text, version, open_doc=True)))

    def changed(self, uri: str) -> None:
        """A change: linted now after a pause, else when the changes pause."""
        key = unquote(uri)
        now = time.monotonic()
        last = self.state.last_change.get(key)
        self.state.last_change[key] = now
        if key not in self.state.pending and (last is None or now - last >= self.state.debounce):
            self.lint_open(uri)
        else:
            self.schedule(uri)

    def schedule(self, uri: str) -> None:
        """Lint after the pause; a newer change cancels this one."""
        key = unquote(uri)
        task = self.state.pending.pop(key, None)
        if task is not None:
            task.cancel()
        self.state.pending[key] = asyncio.ensure_future(self._lint_later(uri))

    async def _lint_later(self, uri: str) -> None:
        await asyncio.sleep(self.state.debounce)
        self.state.pending.pop(unquote(uri), None)
        self.lint_open(uri)

    def config_changed(self, uri: str) -> bool:
        """For an editor that does not report changed files: whether the config
        files that apply to the article at ``uri`` (its config's chain, its rule
        files and packs, and the places a nearer config could appear) changed on
        disk since they were last read. Checked when an article is opened or
        saved: a stat per file, no reading."""
        if self.state.watching:
            return False
        path = to_fs_path(uri)
        if not path:
            return False
        folder = os.path.dirname(os.path.abspath(path))
        changed = False
        for f, size, mtime in config_stamp(self.resolver(), folder):
            before = self.state.stamps.get(f)
            self.state.stamps[f] = (size, mtime)
            changed = changed or (before is not None and before != (size, mtime))
        return changed

    def reload_config(self) -> None:
        """Drop every loaded config and rule set, clear config errors, and lint
        the open documents (and the workspace, when it was linted) again."""
        self.state.resolver = None
        self.state.linted.clear()
        for uri in self.state.config_errors:
            self.publish(uri, [])
        self.state.config_errors.clear()
        for doc in list(self.workspace.text_documents.values()):
            if unquote(doc.uri) in self.state.running:  # it ran with the old config: again after it
                self.state.again.add(unquote(doc.uri))
            else:
                self.lint_open(doc.uri)
        if self.state.workspace_linted:
            asyncio.ensure_future(self.lint_workspace())

    async def lint_workspace(self) -> dict:
        """Publish diagnostics for every Markdown file in the workspace folders
        that the config does not exclude; open documents are linted as the editor
        holds them. Other requests are served between files."""
        self.state.workspace_linted = True
        folders = [to_fs_path(f.uri) for f in self.workspace.folders.values()] or [self.root()]
        errors: list[UserError] = []

        def find_files() -> list[str]:  # in the lint thread, which alone uses the configs
            resolver = self.resolver()

            def excluded(path: str) -> bool:
                try:
                    return resolver.excluded(path)
                except UserError as exc:
                    errors.append(exc)
                    return True

            return list(markdown_files([f for f in folders if f], excluded))

        files = await self.lint_thread.run(find_files)
        for exc in errors:
            self.show_config_error(exc)
        counted = findings = 0
        skipped: list[str] = []
        for path in files:
            uri = from_fs_path(path)
            if unquote(uri) in self.workspace.text_documents:
                task = self.lint_open(uri)
                linted = await asyncio.shield(task) if task is not None else None
            else:
                try:
                    text = Source.from_bytes(path, safeio.read_regular(path)).text
                except (OSError, DecodeError) as exc:
                    # said on the file, as the command line says it, not only in a log
                    self.window_log_message(types.LogMessageParams(type=types.MessageType.Warning, message=f"{path}: {exc}"))
                    self.publish(uri, [unreadable_diagnostic(path, exc)])
                    skipped.append(path)
                    continue
                linted = await self.lint_text(uri, path, text, None)
            counted += 1
            findings += len(linted.findings) if linted else 0
        if skipped:
            self.window_show_message(types.ShowMessageParams(
                type=types.MessageType.Warning,
                message=f"contentlint: {len(skipped)} file{'s' if len(skipped) != 1 else ''} could not be linted "
                        f"(the first: {skipped[0]}); each shows why"))
        return {"files": counted, "findings": findings, "skipped": len(skipped)}


def build() -> ContentlintServer:
    server = ContentlintServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: ContentlintServer, params: types.InitializeParams):
        options = params.initialization_options
        if isinstance(options, dict) and isinstance(options.get("debounceMs"), (int, float)):
            ls.state.debounce = max(0.0, options["debounceMs"] / 1000)
        if isinstance(options, dict) and isinstance(options.get("timeoutSeconds"), (int, float)) and options["timeoutSeconds"] > 0:
            ls.state.time_limit = float(options["timeoutSeconds"])  # each rule's CPU time on a document, as --timeout

    @server.feature(types.INITIALIZED)
    async def initialized(ls: ContentlintServer, params: types.InitializedParams):
        caps = ls.client_capabilities.workspace
        watched = caps.did_change_watched_files if caps else None
        if not (watched and watched.dynamic_registration):
            return
        options = types.DidChangeWatchedFilesRegistrationOptions(
            watchers=[types.FileSystemWatcher(glob_pattern=g) for g in WATCHED_GLOBS]
        )
        registration = types.Registration(
            id="contentlint-config-files", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES, register_options=options
        )
        try:
            await ls.client_register_capability_async(types.RegistrationParams(registrations=[registration]))
        except Exception as exc:  # noqa: BLE001 - a client that refuses: configs reload on save only
            log.info("watched files not registered: %s", exc)
        else:
            ls.state.watching = True

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: ContentlintServer, params: types.DidOpenTextDocumentParams):
        doc = params.text_document
        # config files are read in the lint thread, which uses them (not two threads at once)
        if is_markdown(to_fs_path(doc.uri), doc.language_id) and await ls.lint_thread.run(lambda: ls.config_changed(doc.uri)):
            ls.reload_config()  # lints the open documents, this one too
        else:
            ls.lint_open(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: ContentlintServer, params: types.DidChangeTextDocumentParams):
        doc = ls.workspace.text_documents.get(unquote(params.text_document.uri))
        if doc is not None and is_markdown(doc.path, doc.language_id):
            ls.changed(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: ContentlintServer, params: types.DidSaveTextDocumentParams):
        uri = params.text_document.uri
        if affects_config(to_fs_path(uri)) or await ls.lint_thread.run(lambda: ls.config_changed(uri)):
            ls.reload_config()
        else:
            ls.lint_open(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    async def did_close(ls: ContentlintServer, params: types.DidCloseTextDocumentParams):
        uri = params.text_document.uri
        key = unquote(uri)
        task = ls.state.pending.pop(key, None)
        if task is not None:
            task.cancel()
        ls.state.linted.pop(key, None)
        ls.state.last_change.pop(key, None)
        ls.state.again.discard(key)
        path = to_fs_path(uri)
        if ls.state.workspace_linted and path and is_markdown(path) and os.path.isfile(path):
            # the problems panel keeps the file, as saved
            try:
                text = Source.from_bytes(path, safeio.read_regular(path)).text
            except (OSError, DecodeError) as exc:  # as the workspace lint said it: the file is still unreadable
                ls.publish(uri, [unreadable_diagnostic(path, exc)])
                return
            await ls.lint_text(uri, path, text, None, closed_doc=True)
            if key not in ls.workspace.text_documents:  # (not opened again meanwhile)
                ls.state.linted.pop(key, None)
        else:
            ls.publish(uri, [])

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(ls: ContentlintServer, params: types.DidChangeWatchedFilesParams):
        if any(affects_config(to_fs_path(change.uri)) for change in params.changes):
            ls.reload_config()

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=actions_module.KINDS, resolve_provider=False),
    )
    async def code_action(ls: ContentlintServer, params: types.CodeActionParams):
        linted = await ls.current(params.text_document.uri)
        if linted is None:
            return None
        start, end = linted.offset(params.range.start), linted.offset(params.range.end)
        only, versioned = params.context.only, ls.versioned_edits()
        # in the lint thread: fix-all lints again to apply the fixes (under the time limit)
        return await ls.lint_thread.run(lambda: actions_module.code_actions(linted, start, end, only, versioned)) or None

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: ContentlintServer, params: types.HoverParams):
        linted = await ls.current(params.text_document.uri)
        if linted is None:
            return None
        return hover_for(linted, linted.offset(params.position))

    @server.command(LINT_WORKSPACE)
    async def lint_workspace(ls: ContentlintServer, *args):
        return await ls.lint_workspace()

    return server


class _OneLine(logging.Formatter):
    """A log record as one line on standard error, with the exception's message
    but no traceback: pygls logs a message it cannot read with its traceback,
    and an editor's server log should say what was wrong, not where in pygls."""

    def format(self, record: logging.LogRecord) -> str:
        text = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            text += f": {record.exc_info[1]}"
        return "contentlint server: " + " ".join(text.split())


def serve_stdio() -> int:
    """Serve one client over standard input and output until it exits: pygls's
    event loop in a thread of its own, the lints in this (the main) thread."""
    handler = logging.StreamHandler()  # standard error: standard output is the protocol's
    handler.setFormatter(_OneLine())
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.WARNING:
        root.setLevel(logging.WARNING)
    server = build()
    failed: list[BaseException] = []

    def talk() -> None:
        try:
            server.start_io()
        except Exception as exc:  # noqa: BLE001 - one line on standard error, exit 1
            failed.append(exc)
            log.error("stopped: %s", exc)
        finally:
            server.lint_thread.stop()

    try:
        server.lint_thread.serving = True  # before the loop can hand in a job
        threading.Thread(target=talk, name="contentlint-lsp", daemon=True).start()
        server.lint_thread.serve()
    finally:
        root.removeHandler(handler)
    return 1 if failed else 0
