"""What the commands share: the argument parser, exit codes, error lines, how
paths and configs are shown and found."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..errors import ConfigError

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """argparse's formatter with the width read from ``os``: the stock one imports
    shutil (and with it bz2 and lzma) on every run, help printed or not."""

    def __init__(self, prog: str):
        try:
            width = int(os.environ.get("COLUMNS", "")) or os.get_terminal_size(sys.stdout.fileno()).columns
        except (ValueError, OSError, AttributeError):
            width = 80
        super().__init__(prog, width=max(width - 2, 40))


def parser(**kwargs) -> argparse.ArgumentParser:
    kwargs.setdefault("formatter_class", _Formatter)
    return argparse.ArgumentParser(**kwargs)


def error_line(text: str) -> None:
    """One line on standard error. Lines start with a file name or ``contentlint:``;
    names and messages can hold anything a file name can (line breaks, ``::``),
    so they are escaped as the text format escapes its lines."""
    from ..reporters.text import line_start

    print(line_start(text), file=sys.stderr)


def resolver(config_arg: str | None, cache=None):
    """The config resolver for ``--config FILE``, or the one that finds
    ``.contentlint.yaml`` beside each file. ``cache``: the run's, where building
    rules keeps what it computed (none: only the built-in packs' shipped entries)."""
    from ..runner import Resolver
    from ..store import Store

    store = Store(cache)
    if config_arg:
        path = Path(config_arg)
        if not path.is_file():
            raise ConfigError("config file not found", config_arg)
        return Resolver(explicit=path, store=store)
    return Resolver(store=store)


def load(config_arg: str | None, start: Path):
    """Config and rules for the working directory (for rules, explain, test-rules)."""
    setup = resolver(config_arg).for_dir(start)
    return setup.config, setup.rules


def relative(path: str) -> str:
    """A path under the working directory as relative (shorter, and what editors
    resolve); anything else as it is."""
    try:
        rel = Path(path).resolve().relative_to(Path.cwd().resolve())
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symbolic link loop
        return str(path)
    return rel.as_posix()


def display_path(path: str) -> str:
    """A rule file's path: ``builtin:...`` inside the built-in packs,
    ``pack:NAME/...`` inside an installed pack, else relative."""
    from ..config.packs import builtin_rules_dir, pack_of

    try:
        return "builtin:" + Path(path).resolve().relative_to(builtin_rules_dir().resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symbolic link loop
        pass
    try:
        pack = pack_of(path)
    except (OSError, RuntimeError):
        pack = None
    if pack is not None:
        return f"pack:{pack.name}/{Path(path).name}"
    try:
        return os.path.relpath(path)
    except ValueError:
        return path
