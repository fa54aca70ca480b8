"""The ``contentlint`` command: picks the command module and turns errors into
one line and an exit code.

    contentlint [OPTION ...] [--] [PATH ...]   lint files and folders (default: .)
    contentlint rules | explain RULE | config [PATH] | init | test-rules [FILE ...] | schema rule|config

Each command is a module of ``linter.commands`` (its list: ``commands.COMMANDS``).

Exit codes: 0 nothing at error level, 1 findings at error level, 2 usage, config
or internal errors, a file that could not be linted, or no file to lint.
"""

from __future__ import annotations

import importlib
import os
import sys

from .commands import COMMANDS
from .commands.common import EXIT_ERROR, error_line, relative
from .errors import UserError


def command(argv: list[str]):
    """The command ``argv`` names, and the arguments it takes: a subcommand's
    name first, else lint."""
    if argv and argv[0] in COMMANDS:
        return importlib.import_module(f"{__package__}.commands.{COMMANDS[argv[0]].module}").run, argv[1:]
    from .commands import lint

    return lint.run, argv


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        run, args = command(argv)
        return run(args)
    except UserError as exc:
        if exc.path:
            exc.path = relative(exc.path)
        error_line(f"contentlint: {exc}" if not exc.path else str(exc))
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError as exc:
        if not _stdout_closed():
            return _internal_error(exc)
        # the reader went away (``contentlint . | head``): stop quietly, and point
        # stdout at /dev/null so the interpreter's last flush does not fail again
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return EXIT_ERROR
    except Exception as exc:  # noqa: BLE001 - a bug: one line and exit 2, not a traceback and not exit 1
        return _internal_error(exc)


def entry() -> None:
    """The ``contentlint`` command and ``python -m linter``: ``main``, then the
    exit. A one-file run (a pre-commit hook's) spends a tenth of its time in the
    interpreter's teardown, freeing what it built (the claim model's tables,
    compiled patterns, modules) just before the process ends; so once the
    output is flushed and the exit functions have run, the process ends at once
    (``os._exit``). Where that could skip work (threads still running, a worker
    pool's module loaded, a profiler, debugger or coverage tool watching, which
    may write its results after the program returns; no way to run the exit
    functions) or the flush fails, it exits as usual."""
    code = main()
    import atexit

    run_exit_functions = getattr(atexit, "_run_exitfuncs", None)  # CPython's: what a normal exit runs
    threading = sys.modules.get("threading")
    if (
        run_exit_functions is None
        or sys.gettrace() is not None
        or sys.getprofile() is not None
        or (threading is not None and threading.active_count() > 1)
        or "multiprocessing" in sys.modules
        or "concurrent.futures.process" in sys.modules
    ):
        sys.exit(code)
    try:
        run_exit_functions()
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:  # noqa: BLE001 - whatever it is, the usual exit reports it
        sys.exit(code)
    os._exit(code)


def _internal_error(exc: BaseException) -> int:
    error_line(f"contentlint: internal error: {type(exc).__name__}: {exc} (please report it)")
    if os.environ.get("CONTENTLINT_DEBUG"):
        raise exc
    return EXIT_ERROR


def _stdout_closed() -> bool:
    """Whether the broken pipe is our output's (its reader went away), not some
    other pipe's (a bug to report). A pipe whose reader is gone polls as an
    error; where that cannot be asked (no poll, stdout not a file), assume it is."""
    try:
        import select

        poller = select.poll()
        poller.register(sys.stdout.fileno(), select.POLLOUT)
        return any(events & (select.POLLERR | select.POLLHUP) for _, events in poller.poll(0))
    except (AttributeError, OSError, ValueError):
        return True
