"""Compiled regular expressions kept between runs, so a pre-commit start pays
microseconds, not a tenth of a second, for the rule pack's big phrase patterns.

Python cannot pickle a compiled pattern (unpickling compiles it again), and
compiling is most of a one-file run: the claim rule's phrase families are a few
thousand characters each, and ``re`` parses and assembles each one anew in every
process. What ``re`` builds is a list of integers (the engine's program) plus
group tables; ``_sre.compile`` turns that list into a pattern object at once. So
this module stores the list (JSON, in the run's ``.contentlint_cache/regex/``,
under a name keyed by the interpreter's exact version, the pattern and its flags,
and the per-user secret every cache name carries) and rebuilds from it.

Why this is safe to rely on: the stored program is what ``re`` itself produced
on this very interpreter version; ``_sre.compile`` validates a program before
accepting it (a malformed one raises, it never runs); any failure falls back to
``re.compile``; and ``--no-cache``, other interpreters and short patterns (which
``re``'s own in-process cache serves well) simply use ``re.compile``.
"""

from __future__ import annotations

import re
import sys

# the engine's code words are 32-bit (SRE_CODE); "I" is 32 bits on every CPython platform
_WORD = "I"

# Below this many characters compiling costs less than reading a cache entry.
MIN_LENGTH = 24

_ENABLED = sys.implementation.name == "cpython"
_INTERPRETER = f"{sys.implementation.cache_tag}:{sys.hexversion}:{sys.byteorder}:{sys.maxunicode}"


def compile(pattern: str, flags: int = 0) -> re.Pattern:  # noqa: A001 - mirrors re.compile
    """``re.compile``, reading the compiled program from the run's cache when it
    holds one and storing it there when not."""
    return _compile_cached(pattern, flags)


def _stored(pattern: str, flags: int):
    """(cache, key, stored program or None) when the run's cache keeps this
    pattern's program; None when it keeps none (no cache, another interpreter,
    a pattern short enough that ``re``'s own cache serves it)."""
    from .cache import active

    cache = active()
    if cache is None or not _ENABLED or len(pattern) < MIN_LENGTH:
        return None
    key = f"{_INTERPRETER}:{flags}:{pattern}"
    return cache, key, cache.get("regex", key)


def _compile_cached(pattern: str, flags: int) -> re.Pattern:
    flags = int(flags)  # as re does: RegexFlag arithmetic in the parser is slow
    stored = _stored(pattern, flags)
    if stored is None:
        return re.compile(pattern, flags)
    cache, key, entry = stored
    if entry is not None:
        regex = _rebuild(pattern, entry)
        if regex is not None:
            return regex
    regex, entry = _compile_with_program(pattern, flags)
    if entry is not None:
        cache.put("regex", key, entry)
    return regex


def loader(pattern: str, flags: int = 0):
    """A function returning ``compile(pattern, flags)``, for a regex a run may
    not need. The pattern is compiled now, as ``compile`` would, unless the run's
    cache holds its program: that program compiled before, on this interpreter,
    so a bad pattern still fails where the rule is built, and rebuilding (~0.5 ms
    for a big phrase list) waits for the first call."""
    flags = int(flags)
    stored = _stored(pattern, flags)
    if stored is not None and stored[2] is not None:
        entry = stored[2]
        regex = None

        def load() -> re.Pattern:
            nonlocal regex
            if regex is None:
                regex = _rebuild(pattern, entry) or _compile_cached(pattern, flags)
            return regex

        return load
    compiled = _compile_cached(pattern, flags)
    return lambda: compiled


def _rebuild(pattern: str, entry) -> re.Pattern | None:
    try:
        import _sre

        flags, packed, groups, groupindex, indexgroup = entry
        if not (isinstance(packed, str) and isinstance(groupindex, dict) and isinstance(indexgroup, list)):
            return None
        return _sre.compile(pattern, int(flags), _unpack(packed), int(groups), groupindex, tuple(indexgroup))
    except Exception:  # noqa: BLE001 - a foreign or stale entry is a miss, never an error
        return None


def _pack(code: list) -> str:
    """The program as base64 of 32-bit words: a string JSON reads at memory speed,
    where a list of 100,000 numbers costs milliseconds to parse."""
    import base64
    from array import array

    return base64.b64encode(array(_WORD, code).tobytes()).decode("ascii")


def _unpack(packed: str) -> list:
    import binascii
    from array import array

    words = array(_WORD)
    words.frombytes(binascii.a2b_base64(packed))
    return words.tolist()


def _compile_with_program(pattern: str, flags: int):
    """The pattern compiled as ``re`` does it, and the parts needed to rebuild it
    (None if this interpreter's ``re`` internals are not the expected shape)."""
    try:
        import _sre
        from re import _compiler, _parser

        parsed = _parser.parse(pattern, flags)
        code = _compiler._code(parsed, flags)
        state = parsed.state
        groupindex = dict(state.groupdict)
        indexgroup = [None] * state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        entry = [flags | state.flags, _pack(code), state.groups - 1, groupindex, indexgroup]
        regex = _sre.compile(pattern, entry[0], code, entry[2], groupindex, tuple(indexgroup))
        return regex, entry
    except re.error:
        raise
    except Exception:  # noqa: BLE001 - internals changed: plain re.compile, no entry
        return re.compile(pattern, flags), None
