"""Linting in worker processes: forked once per run, each lints its share of the
files and writes their cache entries; the parent rebuilds the results."""

from __future__ import annotations

from .results import from_json, to_json
from .source import Source

_WORKER: dict = {}  # what a forked worker lints with, set by its initializer


def _worker_init(lint, resolver, opts, cache) -> None:
    _WORKER["lint"], _WORKER["resolver"], _WORKER["opts"], _WORKER["cache"] = lint, resolver, opts, cache


def _worker_lint(item):
    """Lint one file in a worker; the worker also writes its cache entry, so the
    parent's serial share of the run stays small."""
    name, path, text, had_bom, key = item
    lint, resolver, opts = _WORKER["lint"], _WORKER["resolver"], _WORKER["opts"]
    source = Source.from_text(name, text, strip_bom=False)
    source.had_bom = had_bom
    r = lint(source, path, resolver.for_file(name), opts)
    data = to_json(r)
    cache = _WORKER["cache"]
    if cache is not None and key is not None and not r.problems:
        cache.put("results", key, data)
    return name, data, r.problems


def chunk_size(expected: int, jobs: int) -> int:
    """Files per task: small, since the last chunk to finish sets the wall time
    and a big one leaves a core idle at the end; a pickled article costs
    microseconds to send."""
    return max(1, min(8, expected // (jobs * 32)))


def run_in_workers(lint, todo, targets, sources, resolver, opts, jobs, results, chunk: int = 1, cache=None) -> bool:
    """Fork workers that run ``lint(source, path, setup, opts)`` (they inherit
    the loaded config and compiled rules, built once here); hand each a share of
    the files as ``todo`` (an iterator that reads them) yields them; rebuild
    findings against the parent's sources. Workers write
    their own entries in the results ``cache``. False, with ``todo`` untouched, where fork is
    unavailable: the caller lints in-process."""
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    try:
        ctx = mp.get_context("fork")
    except ValueError:
        return False
    # build rule sets and their checks before forking: shared, not rebuilt (a claim
    # rule's cue regexes that the cache holds load on first use, in each worker that
    # needs one)
    for setup in {id(s): s for s in (resolver.for_target(name, path) for name, path in targets)}.values():
        for rule in setup.rules:
            if rule.enabled:
                rule.check  # noqa: B018 - built on first use
    items = ((name, path, sources[name].text, sources[name].had_bom, key) for name, path, key in todo)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_worker_init, initargs=(lint, resolver, opts, cache)) as pool:
        for name, data, problems in pool.map(_worker_lint, items, chunksize=chunk):
            r = from_json(data, sources[name])
            r.problems = problems
            results[name] = r
    return True
