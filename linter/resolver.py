"""Which config applies to each file, and the rules it resolves to: ``--config``
for all, or the nearest ``.contentlint.yaml`` (or ``pyproject.toml``) above it."""

from __future__ import annotations

import os
from pathlib import Path


class Setup:
    """A resolved config and, built only when a file actually needs linting, its
    rules. ``key`` fingerprints everything the rules are made from."""

    def __init__(self, config, store=None):
        self.config = config
        self.store = store  # what building the rules reads and keeps (linter.store)
        self._rules = None
        self._key = None

    @property
    def rules(self) -> list:
        if self._rules is None:
            from .config.settings import resolve_rules

            self._rules = resolve_rules(self.config, self.store)
        return self._rules

    @property
    def key(self) -> str:
        if self._key is None:
            from .cache import code_version, digest, file_digest
            from .config.settings import source_files

            parts = [code_version()]
            for p in source_files(self.config):
                parts += [str(p), file_digest(p)]
            self._key = digest(*parts)
        return self._key


class Resolver:
    """Finds the config for each file: ``--config`` for all, or else the nearest
    ``.contentlint.yaml`` (or ``pyproject.toml`` with ``[tool.contentlint]``) in the
    file's folder or above. Each config is loaded once. ``store`` is what
    loading configs and building their rules reads and keeps (``linter.store``;
    none: only the built-in packs' shipped entries)."""

    def __init__(self, explicit: Path | None = None, cwd: Path | None = None, store=None):
        self.explicit = explicit
        self.store = store
        self.cwd = (cwd or Path.cwd()).resolve()
        self._by_dir: dict[Path, object] = {}
        self._by_parent: dict = {}  # a file's folder as written -> its setup
        self._loaded: dict = {}

    def _load(self, config_path) -> Setup:
        from .config.settings import load_config

        key = str(config_path) if config_path else None
        if key not in self._loaded:
            self._loaded[key] = Setup(load_config(config_path, self.cwd, self.store), self.store)
        return self._loaded[key]

    def for_dir(self, directory: Path) -> Setup:
        from .config.settings import find_config

        if self.explicit is not None:
            return self._load(self.explicit)
        directory = directory.resolve()
        if directory not in self._by_dir:
            self._by_dir[directory] = find_config(directory)
        return self._load(self._by_dir[directory])

    def for_file(self, path: str) -> Setup:
        # by the folder as written first: resolving it (realpath, an lstat per
        # part) for each of a site's thousands of files cost more than linting a
        # cached one
        parent = (os.path.dirname(path) or ".") if path else None
        setup = self._by_parent.get(parent)
        if setup is None:
            setup = self._by_parent[parent] = self.for_dir(Path(parent) if parent else self.cwd)
        return setup

    def for_target(self, name: str, path: str | None) -> Setup:
        """A target's setup: a file's by its path, standard input's (``path``
        None, shown as ``name``) by the working directory."""
        return self.for_file(name if path is not None else str(self.cwd / name))

    def excluded(self, path: str) -> bool:
        return self.for_file(path).config.excluded(path)

    def all_rules(self) -> list:
        seen, out = set(), []
        for setup in self._loaded.values():
            for r in setup.rules:
                if r.id not in seen:
                    seen.add(r.id)
                    out.append(r)
        return out
