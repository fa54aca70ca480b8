"""Running a lint over many files: find them, read and decode each, answer it
from the result cache or lint it (here or in worker processes), and collect
findings and per-file problems into a Report. Which config applies to a file:
``resolver.py``; the cached form of a result: ``results.py``; the worker
processes: ``workers.py``."""

from __future__ import annotations

import os
import sys
from itertools import chain, islice

from . import safeio
from .document import Document
from .engine import RuleCrash, check_document, known_ids
from .filters import apply, for_fixing, for_run
from .problems import (
    CHANGED_MEANWHILE, COULD_NOT_WRITE, INTERNAL, NOT_FIXED, OUT_OF_MEMORY, TIMEOUT, UNREADABLE, Problem,
)
from .record import Record
from .report import Report
from .resolver import Resolver, Setup
from .results import FileResult, from_json, result_key, to_json
from .source import DecodeError, Source


class Options(Record):
    __slots__ = FIELDS = ("encoding", "fix", "unsafe_fixes", "diff", "time_limit_s", "reported")

    def __init__(self, encoding: str = "utf-8", fix: bool = False, unsafe_fixes: bool = False, diff: bool = False,
                 time_limit_s: float | None = None, reported=None):
        self.encoding = encoding
        self.fix = fix
        self.unsafe_fixes = unsafe_fixes
        self.diff = diff
        self.time_limit_s = time_limit_s
        # --fix and --diff fix only what the run reports: ``filters.for_fixing``'s
        # function of a file's findings, or None (no --diff-base or --baseline)
        self.reported = reported


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
    changed=None,
    baseline_file: tuple | None = None,
    progress=None,
) -> Report:
    """Lint every file. Cache hits are answered at once; the misses run here or,
    when there are enough of them and ``jobs`` > 1, in worker processes. The
    report lists files in the order found, whatever the number of jobs. Its
    findings have been through the run's filter steps (``filters.for_run``:
    ``changed`` lines for --diff-base, ``baseline_file`` (path, fingerprints)
    for --baseline). ``cache`` keeps results; the rules' own store is the
    resolver's. ``progress(total)`` gives a progress.Progress for the run, or
    None."""
    reported = for_fixing(changed, baseline_file) if fix or diff else None
    try:
        report = _lint_paths(paths, resolver, encoding, stdin_name, fix, unsafe_fixes, diff, time_limit_s, jobs, cache, progress,
                             reported)
    finally:
        if cache is not None:
            cache.flush()
    report.findings = apply(report.findings, for_run(report, changed, baseline_file))
    return report


def _lint_paths(paths, resolver, encoding, stdin_name, fix, unsafe_fixes, diff, time_limit_s, jobs, cache, progress=None,
                reported=None) -> Report:
    from .discovery import iter_files

    opts = Options(encoding, fix, unsafe_fixes, diff, time_limit_s, reported)
    report = Report()
    report.rules_loader = resolver.all_rules
    if paths == ["-"]:
        targets = [(stdin_name or "<stdin>", None)]
        if stdin_name and resolver.excluded(stdin_name):
            # an editor's unsaved text of a file the config excludes: excluded, as the file named would be
            report.excluded += 1
            report.excluded_named += 1
            targets = []
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

    tracker = progress(len(targets)) if progress is not None else None
    try:
        results: dict[str, FileResult] = tracker.watch() if tracker is not None else {}
        _lint_targets(targets, resolver, report, results, cache, opts, fix, diff, jobs)
    finally:
        if tracker is not None:
            tracker.close()
    _collect(targets, results, report)
    return report


def _lint_targets(targets, resolver, report, results, cache, opts, fix, diff, jobs) -> None:
    """Every target's FileResult into ``results``: from the cache, here, or from
    worker processes."""
    use_cache = cache is not None and not (fix or diff)
    read = [0]  # files read so far
    misses = _read_and_look_up(targets, resolver, report, results, cache if use_cache else None, opts, read)
    # Read until enough files need linting to be worth worker processes; then the
    # workers start on those while the rest are read (rather than reading,
    # hashing and looking up every file, serially, before any worker starts). A
    # warm run, whose files are all in the cache, never starts a pool.
    first = list(islice(misses, 2 * jobs))
    todo = chain(first, misses)
    in_workers = False
    if jobs > 1 and len(first) >= 2 * jobs and not (fix or diff):
        # how many will need linting, judged by the share of misses so far: a few
        # edited files on a cached site must not all go to one worker in one chunk
        expected = len(targets) * len(first) // max(read[0], 1)
        from .workers import chunk_size, run_in_workers

        in_workers = run_in_workers(lint_one, todo, targets, report.sources, resolver, opts, jobs, results, chunk_size(expected, jobs), cache=cache)
    if not in_workers:
        for name, path, key in todo:
            r = results[name] = lint_one(report.sources[name], path, resolver.for_target(name, path), opts)
            if key is not None and not r.problems:
                cache.put("results", key, to_json(r))


def _collect(targets, results, report) -> None:
    """The results, in the order the files were found, into the report."""
    for name, _ in targets:
        r = results.get(name)
        if r is None:
            continue
        report.problems.extend(r.problems)
        if any(p.not_linted for p in r.problems):
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
            results[name] = FileResult(problems=[Problem(name, UNREADABLE, f"error: {describe(exc)}")])
            continue
        report.sources[name] = source
        key = None
        if cache is not None:
            key = result_key(resolver.for_target(name, path), name, data, opts)
            hit = cache.get("results", key)
            if hit is not None:
                results[name] = from_json(hit, source)
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

            original = source.text

            def lint(src):
                # what the run reports of this file, and so what --fix may change
                findings = _check(src, config, rules, name, opts.time_limit_s).findings
                return findings if opts.reported is None else opts.reported(findings, original, src.text)

            result = fix_source(source, lint, opts.unsafe_fixes)
            if result.changed:
                try:
                    if not opts.diff:
                        write_atomically(path, result.fixed, opts.encoding, source.had_bom, original=source)
                except ChangedMeanwhile:
                    out.problems.append(Problem(name, CHANGED_MEANWHILE, "error: changed while --fix ran; left as it is (run --fix again)"))
                    return out
                except CannotEncode as exc:
                    # the other fixes of the run go on; this file is linted as it is
                    out.problems.append(Problem(name, NOT_FIXED, f"error: not fixed: {exc}"))
                else:
                    out.fix = result
                    out.text = result.fixed
                    source = Source.from_text(name, result.fixed, strip_bom=False)
        outcome = _check(source, config, rules, name, opts.time_limit_s)
    except (RuleCrash, RecursionError) as exc:
        out.problems.append(Problem(name, INTERNAL, f"internal error: {exc}"))
        return out
    except MemoryError:
        # under a memory limit (ulimit -v, a container's): markup-dense text costs
        # hundreds of times its size (see SECURITY.md); the other files go on
        out.problems.append(Problem(name, OUT_OF_MEMORY, "error: out of memory while linting (the file is too large or too dense in markup)"))
        return out
    except OSError as exc:
        out.problems.append(Problem(name, COULD_NOT_WRITE, f"error: could not write the fixed file: {describe(exc)}"))
        return out
    out.findings = outcome.findings
    out.suppressed = outcome.suppressed
    for rule_id in outcome.stopped:
        out.problems.append(Problem(
            name,
            TIMEOUT,
            f"error: rule '{rule_id}' stopped after {opts.time_limit_s:g} s of CPU time (a very large file, or a regular "
            "expression that backtracks catastrophically?); its findings for this file are missing",
        ))
    return out


def _check(source: Source, config, rules, name: str, time_limit_s: float | None = None):
    return check_document(Document.parse(source), rules, config=config, path=name, time_limit_s=time_limit_s,
                          known=known_ids(rules))


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
