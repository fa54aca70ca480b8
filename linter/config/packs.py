"""Rule packs: the built-in ones and the ones installed with pip.

A built-in pack is a folder of ``linter/rules/`` in the installed package (put
there by the wheel build) or, in a source checkout, of the repository's top-level
``rules/``. An installed pack is a Python distribution that registers a package
holding its rule files under the entry point group ``contentlint.packs``::

    [project.entry-points."contentlint.packs"]
    fda-claims = "fda_claims"      # pack name = package whose folder holds the YAML

``extends: [fda-claims]`` (or ``["fda-claims>=1.2"]``, a version constraint on
the distribution) names it. Built-in packs win over installed ones of the same
name. Installed packs are looked up only when a config names a pack that is not
built in (or ``contentlint packs`` lists them): a run on the built-in packs
never scans the installed distributions.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from ..record import Record

_PACKAGE = Path(__file__).resolve().parent.parent

ENTRY_POINT_GROUP = "contentlint.packs"
DEFAULT_PACKS = ("health",)

# What can name a pack in ``extends`` (a distribution-style name, PEP 508); a
# path with a folder separator or a YAML/TOML suffix is always a file.
_NAME = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$")
_FILE_SUFFIXES = (".yaml", ".yml", ".toml")
_CONSTRAINT_CHARS = "<>=!~"


_PROJECT_DOCS = object()  # Pack.docs_url: contentlint's documentation + "rules/"


class Pack(Record):
    """A rule pack: its name (as ``extends`` names it), version, rule folder, the
    distribution that installed it (None for a built-in pack), and the base URL
    of its rule pages (a site made by ``contentlint docs``; None if unknown)."""

    FIELDS = ("name", "version", "folder", "dist", "docs_url")
    __slots__ = ("name", "version", "folder", "dist", "_docs_url")

    def __init__(self, name: str, version: str, folder: Path, dist: str | None = None, docs_url=None):
        self.name = name
        self.version = version
        self.folder = folder
        self.dist = dist
        self._docs_url = docs_url

    @property
    def docs_url(self) -> str | None:
        # a built-in pack's address comes from contentlint's own metadata, read
        # (importlib.metadata) only when a page link is asked for, not on every run
        if self._docs_url is _PROJECT_DOCS:
            base = project_docs_url()
            self._docs_url = base + "rules/" if base else None
        return self._docs_url

    @property
    def builtin(self) -> bool:
        return self.dist is None


# -- built-in packs ----------------------------------------------------------------


def builtin_rules_dir() -> Path:
    installed = _PACKAGE / "rules"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "rules"


def pack_names() -> list[str]:
    """The built-in packs' names."""
    root = builtin_rules_dir()
    return sorted(p.name for p in root.iterdir() if p.is_dir()) if root.is_dir() else []


def builtin_pack(name: str) -> Pack | None:
    d = builtin_rules_dir() / name
    if not _NAME.match(name) or not d.is_dir():  # a name, never a path ('..') into the package
        return None
    from .. import __version__

    return Pack(name, __version__, d, None, _PROJECT_DOCS)


def project_docs_url() -> str | None:
    """contentlint's own documentation (``Documentation`` in ``[project.urls]``),
    ending in '/', from the installed package's metadata."""
    return _docs_url_of("contentlint")


@functools.cache
def _docs_url_of(dist_name: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        meta = metadata(dist_name)
    except PackageNotFoundError:
        return None
    return _documentation_url(meta)


def project_urls(meta) -> dict[str, str]:
    """A distribution's ``[project.urls]`` from its metadata: lowercased label ->
    URL, in the order written."""
    urls: dict[str, str] = {}
    for entry in meta.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        urls[label.strip().lower()] = url.strip()
    return urls


def _documentation_url(meta) -> str | None:
    for label, url in project_urls(meta).items():
        if label in ("documentation", "docs") and url:
            return url if url.endswith("/") else url + "/"
    return None


# -- installed packs ---------------------------------------------------------------


class Broken(Record):
    """A registered pack that cannot be used, and why (``contentlint packs`` lists
    it; ``extends`` naming it is an error with the reason)."""

    __slots__ = FIELDS = ("name", "version", "dist", "reason")

    def __init__(self, name: str, version: str, dist: str, reason: str):
        self.name = name
        self.version = version
        self.dist = dist
        self.reason = reason


@functools.cache
def installed_packs() -> dict:
    """Every pack registered under ``contentlint.packs`` by an installed
    distribution: name -> Pack, or Broken when its package cannot be found or
    holds no rule folder. Read once per process (``installed_packs.cache_clear()``
    reads them again)."""
    from importlib.metadata import entry_points

    found: dict = {}
    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: (e.name, e.value)):
        dist = getattr(ep, "dist", None)
        dist_name = dist.metadata["Name"] if dist is not None else "?"
        version = dist.version if dist is not None else "?"
        if not _NAME.match(ep.name):
            shown = ep.name.encode("unicode_escape").decode("ascii")
            found[shown] = Broken(shown, version, dist_name, "its name is not a pack name (letters, digits, '-', '_', '.')")
            continue
        if ep.name in found:
            other = found[ep.name]
            found[ep.name] = Broken(ep.name, version, dist_name, f"registered twice: by {other.dist} and by {dist_name}")
            continue
        folder, reason = _pack_folder(ep.value)
        if folder is None:
            found[ep.name] = Broken(ep.name, version, dist_name, reason)
        else:
            docs = _documentation_url(dist.metadata) if dist is not None else None
            found[ep.name] = Pack(ep.name, version, folder, dist_name, docs)
    return found


def _pack_folder(value: str) -> tuple[Path | None, str]:
    """The folder of the package an entry point names, found on ``sys.path``
    part by part without importing anything (a pack is data: no code of it, or
    of a parent package, runs)."""
    from importlib.machinery import PathFinder

    module = value.split(":", 1)[0].strip()
    search = None
    for part in module.split("."):
        try:
            spec = PathFinder.find_spec(part, search)
            if spec is None and search is None:
                spec = _editable_spec(part)
        except (ImportError, ValueError) as exc:
            return None, f"its package '{module}' cannot be found: {exc}"
        if spec is None:
            return None, f"its package '{module}' is not installed"
        search = list(spec.submodule_search_locations or [])
        if not search:
            return None, f"'{module}' is a module, not a package folder holding rule files"
    folder = Path(search[0])
    if not any(folder.glob("*.yaml")) and not any(folder.glob("*.yml")):
        return None, f"its package folder {folder} holds no rule files (*.yaml)"
    return folder, ""


def _editable_spec(name: str):
    """The spec of a top-level package that the path does not hold but another
    finder knows: an editable install (``pip install -e``) maps its package to the
    source folder with a finder of its own. A finder's ``find_spec`` runs no code of
    the package."""
    import sys
    from importlib.machinery import PathFinder

    for finder in sys.meta_path:
        find = getattr(finder, "find_spec", None)
        if find is None or finder is PathFinder:
            continue
        spec = find(name, None)
        if spec is not None and spec.submodule_search_locations:
            return spec
    return None


def all_packs() -> list:
    """Built-in packs, then installed ones (Pack or Broken), by name; an installed
    pack with a built-in pack's name is left out (the built-in one is used)."""
    builtin = [builtin_pack(n) for n in pack_names()]
    names = {p.name for p in builtin}
    return builtin + [p for n, p in sorted(installed_packs().items()) if n not in names]


def pack_dir(name: str) -> Path | None:
    """The rule folder of the pack called ``name`` (built-in first)."""
    if not _NAME.match(name):
        return None
    d = builtin_rules_dir() / name
    if d.is_dir():
        return d
    pack = installed_packs().get(name)
    return pack.folder if isinstance(pack, Pack) else None


def find_pack(item: str) -> Pack | None:
    """The pack an ``extends`` item names (``name`` or ``name>=1.2``), or None when
    the item is not a pack's name (a path, then). Raises ValueError with a user's
    message when it names a pack that cannot be used: not installed, too old or
    too new for the constraint, or broken."""
    pack = builtin_pack(item)
    if pack is not None:
        return pack
    if "/" in item or "\\" in item or item.endswith(_FILE_SUFFIXES):
        return None
    if _NAME.match(item):
        found = installed_packs().get(item)
        if isinstance(found, Broken):
            raise ValueError(f"pack '{item}' ({found.dist} {found.version}) cannot be used: {found.reason}")
        return found
    if not any(c in item for c in _CONSTRAINT_CHARS):
        return None
    return _constrained(item)


def _constrained(item: str) -> Pack | None:
    from packaging.requirements import InvalidRequirement, Requirement

    try:
        req = Requirement(item)
    except InvalidRequirement as exc:
        name = re.match(r"[A-Za-z0-9._\-]*", item).group()
        if name and (builtin_pack(name) is not None or name in installed_packs()):
            raise ValueError(f"'{item}': not a version constraint ({exc}); write it like '{name}>=1.2'") from None
        return None
    if req.extras or req.url or req.marker:
        raise ValueError(f"'{item}': a pack is named with a version constraint only (like 'fda-claims>=1.2')")
    name = req.name
    pack = builtin_pack(name)
    if pack is None:
        found = installed_packs().get(name)
        if found is None:
            raise ValueError(f"pack '{name}' is not installed; install it with: pip install '{item}'")
        if isinstance(found, Broken):
            raise ValueError(f"pack '{name}' ({found.dist} {found.version}) cannot be used: {found.reason}")
        pack = found
    if not req.specifier.contains(pack.version, prereleases=True):
        if pack.builtin:
            raise ValueError(f"the built-in pack '{name}' is version {pack.version}, not {req.specifier}; "
                             f"install a contentlint that has it: pip install --upgrade contentlint")
        raise ValueError(
            f"pack '{name}' is version {pack.version} ({pack.dist}), not {req.specifier}; "
            f"install one that is: pip install '{pack.dist}{req.specifier}'"
        )
    return pack


def pack_of(path: str | Path) -> Pack | None:
    """The pack a rule file belongs to (for its page's address), or None for a
    rule file of the project's own."""
    p = Path(path).resolve()
    root = builtin_rules_dir().resolve()
    if root in p.parents:
        return builtin_pack(p.relative_to(root).parts[0])
    for pack in installed_packs().values():
        if isinstance(pack, Pack) and p.parent == pack.folder.resolve():
            return pack
    return None


def nearest_pack(item: str) -> str | None:
    """The pack a misspelt ``extends`` item most likely means: one whose name is
    the same but for case and '-', '_', '.' (as pip reads names), else the
    closest name; None when none is close."""
    from ..errors import nearest

    names = [*pack_names(), *installed_packs()]
    norm = re.sub(r"[-_.]+", "-", item).lower()
    same = [n for n in names if re.sub(r"[-_.]+", "-", n).lower() == norm]
    return same[0] if same else nearest(item, names)


def looks_like_pack(item: str) -> bool:
    """Whether an ``extends`` item that is neither a pack nor a file could be a
    pack's name (the error then says how to install it)."""
    return bool(_NAME.match(item)) and not item.endswith(_FILE_SUFFIXES)
