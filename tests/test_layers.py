"""The import graph of ``linter/``, read with ``ast`` (every import, lazy ones in
functions included): no cycle among its modules, and no module imports from a
layer above its own. A new module goes into the layer of what it does; a test
failure here names the import to move (usually: move the shared piece down).
And no code of the project imports the regex engine's private modules."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "linter"

# Bottom first. A module may import from its own layer and any layer below.
# An entry names a module or a package (and with it every module inside).
LAYERS = [
    # plain data and helpers every part uses
    ("core", ["linter", "linter.record", "linter.errors", "linter.atomic", "linter.safeio", "linter.source",
              "linter.findings", "linter.fingerprints", "linter.fields", "linter.problems", "linter.codepoints"]),
    # what is kept between runs and handed to rule building; reading YAML files
    ("store", ["linter.cache", "linter.prebuilt", "linter.store", "linter.yamlfile"]),
    # compiled patterns and every matching speed-up
    ("matching", ["linter.matching"]),
    # a Markdown file read into prose with positions
    ("document", ["linter.document"]),
    # rule kinds and the rules built from them
    ("kinds", ["linter.kinds", "linter.rule"]),
    # running rules on one document, and the filter steps its findings go through
    ("engine", ["linter.engine", "linter.suppressions", "linter.examples", "linter.filters", "linter.baseline"]),
    # rule files, configs and packs
    ("config", ["linter.config"]),
    # running over many files: configs per file, workers, results, filters, output
    ("run", ["linter.runner", "linter.resolver", "linter.results", "linter.workers", "linter.report",
             "linter.fixer", "linter.gitdiff", "linter.discovery", "linter.reporters", "linter.progress",
             "linter.pack_skeleton", "linter.docsite"]),
    # what a user starts: the command line, its commands, the language server
    ("front ends", ["linter.cli", "linter.commands", "linter.lsp", "linter.__main__"]),
]


def _modules() -> dict[str, tuple[Path, bool]]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts = parts[:-1]
        out[".".join(parts)] = (path, is_package)
    return out


def _target(name: str, modules: dict) -> str | None:
    """The linter module ``name`` loads (a name inside a module: that module)."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def _imports(name: str, path: Path, is_package: bool, modules: dict) -> set[tuple[str, int]]:
    """(module imported, line) for every import of a linter module in ``path``."""
    package = name if is_package else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            # "from . import x": x may be a module of its own
            targets = [f"{source}.{a.name}" if f"{source}.{a.name}" in modules else source for a in node.names]
        else:
            continue
        for t in targets:
            if t == "linter" or t.startswith("linter."):
                module = _target(t, modules)
                if module is not None and module != name:
                    found.add((module, node.lineno))
    return found


def _layer(name: str) -> int | None:
    best, best_len = None, -1
    for rank, (_, entries) in enumerate(LAYERS):
        for entry in entries:
            if (name == entry or (entry != "linter" and name.startswith(entry + "."))) and len(entry) > best_len:
                best, best_len = rank, len(entry)
    return best


@pytest.fixture(scope="module")
def graph() -> dict[str, set[tuple[str, int]]]:
    modules = _modules()
    return {name: _imports(name, path, is_pkg, modules) for name, (path, is_pkg) in modules.items()}


def test_every_module_has_a_layer(graph):
    missing = sorted(name for name in graph if _layer(name) is None)
    assert not missing, f"in no layer of tests/test_layers.py (add each to the layer of what it does): {missing}"


def test_no_module_imports_from_a_layer_above_its_own(graph):
    upward = []
    for name, imports in sorted(graph.items()):
        own = _layer(name)
        for module, line in sorted(imports):
            other = _layer(module)
            if own is not None and other is not None and other > own:
                upward.append(f"{name} (line {line}, layer {LAYERS[own][0]!r}) imports {module} (layer {LAYERS[other][0]!r})")
    assert not upward, "imports that run upward:\n" + "\n".join(upward)


def test_no_import_cycle(graph):
    edges = {name: {m for m, _ in imports} for name, imports in graph.items()}
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state:
                cycle = visit(nxt)
                if cycle:
                    return cycle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(edges):
        if start not in state:
            cycle = visit(start)
            assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_the_checks_see_what_they_guard(graph):
    """The graph reads relative, absolute and lazy imports: a known edge of
    each is there, so an empty graph cannot pass the checks above."""
    assert any(m == "linter.matching" for m, _ in graph["linter.kinds.base"])  # from ..matching import
    assert any(m == "linter.safeio" for m, _ in graph["linter.fixer"])  # from . import x, in a function
    assert any(m == "linter.cache" for m, _ in graph["linter.yamlfile"])  # lazy, in a function
    assert _layer("linter.config.rules") > _layer("linter.kinds.base") > _layer("linter.matching.phrases")


# Modules of CPython's regex engine that are not a public API: their shape
# changes between versions, so no code of the project (linter/, bench/, tests/,
# training/) may import them.
PRIVATE = {"re._parser", "re._constants", "re._casefix", "re._compiler", "sre_parse", "sre_compile", "sre_constants", "_sre"}


def test_nothing_uses_the_regex_engine_s_private_modules():
    root = PACKAGE.parent
    found = []
    for path in sorted(root.rglob("*.py")):
        if any(part.startswith(".") or part in ("build", "dist", "node_modules") for part in path.relative_to(root).parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "re":
                names = [f"re.{node.attr}"]
            for name in names:
                if name in PRIVATE:
                    found.append(f"{path.relative_to(root)}:{node.lineno}: {name}")
    assert not found, "private regex-engine modules used:\n" + "\n".join(found)
