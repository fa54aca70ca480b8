"""Running a lint over many files: which config applies to each file, the result
cache, worker processes, reading and decoding, and collecting findings and
per-file problems into a Report."""

from __future__ import annotations

import os
import sys
from itertools import chain, islice
from pathlib import Path

from . import safeio
from .document import Document
from .engine import RuleCrash, check_document
from .findings import Finding
from .record import Record
from .report import Report
from .source import DecodeError, Source


class Setup:
    """A resolved config and, built only when a file actually needs linting, its
    rules. ``key`` fingerprints everything the rules are made from."""

    def __init__(self, config):
        self.config = config
        self._rules = None
        self._key = None

    @property
    def rules(self) -> list:
        if self._rules is None:
            from .config.settings import resolve_rules

            self._rules = resolve_rules(self.config)
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
    file's folder or above. Each config is loaded once."""

    def __init__(self, explicit: Path | None = None, cwd: Path | None = None):
        self.explicit = explicit
        self.cwd = (cwd or Path.cwd()).resolve()
        self._by_dir: dict[Path, object] = {}
        self._by_parent: dict = {}  # a file's folder as written -> its setup
        self._loaded: dict = {}

    def _load(self, config_path) -> Setup:
        from .config.settings import load_config

        key = str(config_path) if config_path else None
        if key not in self._loaded:
            self._loaded[key] = Setup(load_config(config_path, self.cwd))
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


class Options(Record):
    __slots__ = FIELDS = ("encoding", "fix", "unsafe_fixes", "diff", "time_limit_s")

    def __init__(self, encoding: str = "utf-8", fix: bool = False, unsafe_fixes: bool = False, diff: bool = False,
                 time_limit_s: float | None = None):
        self.encoding = encoding
        self.fix = fix
        self.unsafe_fixes = unsafe_fixes
        self.diff = diff
        self.time_limit_s = time_limit_s


class FileResult(Record):
    """What linting one file produced, in a form that crosses process boundaries."""

    __slots__ = FIELDS = ("findings", "suppressed", "problems", "fix", "text")

    def __init__(self, findings: list | None = None, suppressed: list | None = None, problems: list | None = None,
                 fix=None, text: str | None = None):
        self.findings = [] if findings is None else findings  # Finding
        self.suppressed = [] if suppressed is None else suppressed  # (Finding, Directive)
        self.problems = [] if problems is None else problems
        self.fix = fix  # FixResult
        self.text = text  # the text after fixing, when it changed


def lint_paths(
    paths: list[str],
    resolver: Resolver,
    encoding: str = "utf-8",
    stdin_name: str | None = None,
    *,
    fix: bool = False,
    unsafe_fixes: bool = False,
    diff: bool = False,
    time_limit_s: float | None = None,
    jobs: int = 1,
    cache=None,
) -> Report:
    """Lint every file. Cache hits are answered at once; the misses run here or,
    when there are enough of them and ``jobs`` > 1, in worker processes. The
    report lists files in the order found, whatever the number of jobs."""
    from . import cache as cache_module

    cache_module.activate(cache)
    try:
        return _lint_paths(paths, resolver, encoding, stdin_name, fix, unsafe_fixes, diff, time_limit_s, jobs, cache)
    finally:
        cache_module.activate(None)
        if cache is not None:
            cache.flush()


def _lint_paths(paths, resolver, encoding, stdin_name, fix, unsafe_fixes, diff, time_limit_s, jobs, cache) -> Report:
    from .discovery import iter_files

    opts = Options(encoding, fix, unsafe_fixes, diff, time_limit_s)
    report = Report()
    report.rules_loader = resolver.all_rules
    if paths == ["-"]:
        targets = [(stdin_name or "<stdin>", None)]
    else:
        named = {p for p in paths if not os.path.isdir(p)}

        def excluded(path: str) -> bool:
            if not resolver.excluded(path):
                return False
            report.excluded += 1
            report.excluded_named += path in named
            return True

        files, problems = iter_files(paths, excluded)
        report.problems.extend(problems)
        report.unlinted += len(problems)
        targets = [(f, f) for f in files]

    results: dict[str, FileResult] = {}
    use_cache = cache is not None and not (fix or diff)
    read = [0]  # files read so far
    misses = _read_and_look_up(targets, resolver, report, results, cache if use_cache else None, opts, read)
    # Read until enough files need linting to be worth worker processes; then the
    # workers start on those while the rest are read (reading, hashing and cache
    # lookups were a serial ~0.7 s before any worker started, on 2,000 files). A
    # warm run, whose files are all in the cache, never starts a pool.
    first = list(islice(misses, 2 * jobs))
    todo = chain(first, misses)
    in_workers = False
    if jobs > 1 and len(first) >= 2 * jobs and not (fix or diff):
        # how many will need linting, judged by the share of misses so far: a few
        # edited files on a cached site must not all go to one worker in one chunk
        expected = len(targets) * len(first) // max(read[0], 1)
        in_workers = _run_in_workers(todo, targets, report.sources, resolver, opts, jobs, results, _chunk_size(expected, jobs))
    if not in_workers:
        for name, path, key in todo:
            r = results[name] = lint_one(report.sources[name], path, resolver.for_target(name, path), opts)
            if key is not None and not r.problems:
                cache.put("results", key, _to_json(r))

    for name, _ in targets:
        r = results.get(name)
        if r is None:
            continue
        report.problems.extend(r.problems)
        if any("internal error" in p or "could not write" in p or "out of memory" in p for p in r.problems):
            report.sources.pop(name, None)  # not linted: not counted
        if name not in report.sources:
            report.unlinted += 1
        elif r.problems:
            report.incomplete += 1
        if r.fix is not None:
            report.fixes.append(r.fix)
            report.sources[name] = Source.from_text(name, r.text, strip_bom=False)
        report.findings.extend(r.findings)
        report.suppressed.extend(r.suppressed)
    return report


def _read_and_look_up(targets, resolver, report, results, cache, opts, read):
    """Read and decode each target in turn; answer it from the cache when it can
    be (into ``results``), and yield (name, path, cache key or None) for the ones
    that need linting. A file that cannot be read gets its problem in ``results``.
    ``read[0]`` counts the files read."""
    for name, path in targets:
        read[0] += 1
        try:
            # a FIFO or device (in a linted folder, or named) is refused without
            # blocking: it is not an article
            data = sys.stdin.buffer.read() if path is None else safeio.read_regular(path)
            source = Source.from_bytes(name, data, opts.encoding)
        except (OSError, DecodeError, LookupError) as exc:
            results[name] = FileResult(problems=[f"{name}: error: {describe(exc)}"])
            continue
        report.sources[name] = source
        key = None
        if cache is not None:
            key = _result_key(resolver.for_target(name, path), name, data, opts)
            hit = cache.get("results", key)
            if hit is not None:
                results[name] = _from_json(hit, source)
                continue
        yield name, path, key


def lint_one(source: Source, path: str | None, setup: Setup, opts: Options) -> FileResult:
    """Lint (and with --fix, fix) one file against its setup."""
    name = source.path
    config = setup.config
    out = FileResult()
    try:
        rules = setup.rules
        if (opts.fix or opts.diff) and path is not None:
            from .fixer import CannotEncode, ChangedMeanwhile, fix_source, write_atomically

            result = fix_source(source, lambda src: _check(src, config, rules, name, opts.time_limit_s).findings, opts.unsafe_fixes)
            if result.changed:
                try:
                    if not opts.diff:
                        write_atomically(path, result.fixed, opts.encoding, source.had_bom, original=source)
                except ChangedMeanwhile:
                    out.problems.append(f"{name}: error: changed while --fix ran; left as it is (run --fix again)")
                    return out
                except CannotEncode as exc:
                    # the other fixes of the run go on; this file is linted as it is
                    out.problems.append(f"{name}: error: not fixed: {exc}")
                else:
                    out.fix = result
                    out.text = result.fixed
                    source = Source.from_text(name, result.fixed, strip_bom=False)
        outcome = _check(source, config, rules, name, opts.time_limit_s)
    except (RuleCrash, RecursionError) as exc:
        out.problems.append(f"{name}: internal error: {exc}")
        return out
    except MemoryError:
        # under a memory limit (ulimit -v, a container's): markup-dense text costs
        # hundreds of times its size (see SECURITY.md); the other files go on
        out.problems.append(f"{name}: error: out of memory while linting (the file is too large or too dense in markup)")
        return out
    except OSError as exc:
        out.problems.append(f"{name}: error: could not write the fixed file: {describe(exc)}")
        return out
    out.findings = [f for f in outcome.findings if config.reported(f.severity) and config.rule_active(f.rule, name)]
    out.suppressed = outcome.suppressed
    for rule_id in outcome.stopped:
        out.problems.append(
            f"{name}: error: rule '{rule_id}' stopped after {opts.time_limit_s:g} s (a very large file, or a regular "
            "expression that backtracks catastrophically?); its findings for this file are missing"
        )
    return out


def _check(source: Source, config, rules, name: str, time_limit_s: float | None = None):
    active = [r for r in rules if r.enabled and config.rule_active(r.id, name)]
    return check_document(
        Document.parse(source),
        active,
        require_reason=config.require_suppression_reason.value,
        active=lambda rule_id: config.rule_active(rule_id, name),
        time_limit_s=time_limit_s,
    )


# -- cache entries ------------------------------------------------------------------


def _result_key(setup: Setup, name: str, data: bytes, opts: Options) -> str:
    """What a file's result depends on: its bytes, name, encoding, time limit, the
    setup, and the parser that reads it (the two backends are held equal by
    tests, but a result must never be served to a run of the other one)."""
    from .cache import digest
    from .document import parser_backend

    return digest("result", setup.key, Path(name).as_posix(), opts.encoding, str(opts.time_limit_s), parser_backend(), data)


def _finding_json(f: Finding) -> list:
    """A finding as a cache entry: a list, not an object (a warm run decodes
    ~30 of them per article; keys cost more to decode than the values)."""
    return [
        f.rule, f.severity, f.message, f.start, f.end, f.line, f.column, f.end_line, f.end_column,
        list(f.fix) if f.fix else None, f.fix_safe, f.document_level,
    ]


def _finding_from(d: list, source: Source) -> Finding:
    """A finding back from the cache: positions as stored, the match sliced from
    the (identical) text, so a warm run needs no line index."""
    rule, severity, message, start, end, line, column, end_line, end_column, fix, fix_safe, document_level = d
    return Finding(
        source.path, rule, severity, message, start, end, line, column, end_line, end_column,
        source.text[start:end], tuple(fix) if fix else None, fix_safe, document_level,
    )


def _to_json(r: FileResult) -> dict:
    suppressed = []
    for f, d in r.suppressed:
        dd = d.as_dict()
        dd["rules"] = sorted(d.rules) if d.rules is not None else None
        suppressed.append([_finding_json(f), dd])
    return {"findings": [_finding_json(f) for f in r.findings], "suppressed": suppressed}


def _from_json(data: dict, source: Source) -> FileResult:
    from .suppressions import Directive

    out = FileResult()
    out.findings = [_finding_from(d, source) for d in data["findings"]]
    for fd, dd in data["suppressed"]:
        dd["rules"] = frozenset(dd["rules"]) if dd["rules"] is not None else None
        out.suppressed.append((_finding_from(fd, source), Directive(**dd)))
    return out


# -- worker processes --------------------------------------------------------------

_WORKER: dict = {}


def _worker_init(resolver: Resolver, opts: Options) -> None:
    _WORKER["resolver"], _WORKER["opts"] = resolver, opts


def _worker_lint(item):
    """Lint one file in a worker; the worker also writes its cache entry, so the
    parent's serial share of the run stays small."""
    from .cache import active

    name, path, text, had_bom, key = item
    resolver, opts = _WORKER["resolver"], _WORKER["opts"]
    source = Source.from_text(name, text, strip_bom=False)
    source.had_bom = had_bom
    r = lint_one(source, path, resolver.for_file(name), opts)
    data = _to_json(r)
    cache = active()
    if cache is not None and key is not None and not r.problems:
        cache.put("results", key, data)
    return name, data, r.problems


def _chunk_size(expected: int, jobs: int) -> int:
    """Files per task: small, since the last chunk to finish sets the wall time
    and a big one leaves a core idle at the end; a pickled article costs
    microseconds to send."""
    return max(1, min(8, expected // (jobs * 32)))


def _run_in_workers(todo, targets, sources, resolver, opts, jobs, results, chunk: int = 1) -> bool:
    """Fork workers (they inherit the loaded config and compiled rules, built once
    here); hand each a share of the files as ``todo`` (an iterator that reads them)
    yields them; rebuild findings against the parent's sources. Workers write
    their own cache entries. False, with ``todo`` untouched, where fork is
    unavailable: the caller lints in-process."""
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    try:
        ctx = mp.get_context("fork")
    except ValueError:
        return False
    # build rule sets before forking: shared, not rebuilt (a claim rule's cue
    # regexes that the cache holds load on first use, in each worker that needs one)
    for name, path in targets:
        resolver.for_target(name, path).rules
    items = ((name, path, sources[name].text, sources[name].had_bom, key) for name, path, key in todo)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_worker_init, initargs=(resolver, opts)) as pool:
        for name, data, problems in pool.map(_worker_lint, items, chunksize=chunk):
            r = _from_json(data, sources[name])
            r.problems = problems
            results[name] = r
    return True


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def describe(exc: BaseException) -> str:
    """A short reason for a file that could not be read."""
    if isinstance(exc, FileNotFoundError):
        return "file vanished or does not exist"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, LookupError):
        return str(exc)
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc)
