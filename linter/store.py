"""The store that building rules reads and writes what it computed: parsed YAML,
first words of phrase patterns, lexicon alternations, which patterns compile;
and the built-in claim model in a form that loads faster than its JSON.

It is handed to rule building explicitly (``resolve_rules(config, store)``,
``Compiler(store)``), never found through a global: a run makes one from its
cache (``Store(cache)``); library use and ``--no-cache`` get ``Store()``, which
answers from the entries shipped for the built-in packs (``prebuilt``) and keeps
nothing.
"""

from __future__ import annotations

from . import prebuilt


class Store:
    __slots__ = ("cache", "shipped")

    def __init__(self, cache=None, shipped: bool = True):
        self.cache = cache  # a cache.Cache, or anything with get(kind, key) and put(kind, key, value)
        self.shipped = shipped  # whether the built-in packs' prebuilt entries answer first

    @property
    def keeps(self) -> bool:
        """Whether ``put`` keeps anything."""
        return self.cache is not None

    def get(self, kind: str, key: str):
        """An entry shipped for the built-in packs, or else the cache's, or None."""
        value = prebuilt.get(kind, key) if self.shipped else None
        if value is None and self.cache is not None:
            value = self.cache.get(kind, key)
        return value

    def put(self, kind: str, key: str, value) -> None:
        if self.cache is not None:
            self.cache.put(kind, key, value)

    def get_blob(self, kind: str, key: str) -> bytes | None:
        """The cache's binary entry (``cache.Cache.get_blob``), or None."""
        getter = getattr(self.cache, "get_blob", None)
        return getter(kind, key) if getter is not None else None

    def put_blob(self, kind: str, key: str, data: bytes) -> None:
        putter = getattr(self.cache, "put_blob", None)
        if putter is not None:
            putter(kind, key, data)
