"""Code point ranges, shared by the language detector (which scripts a text is
written in) and narrowing (whether a document holds letters of some script)."""

from __future__ import annotations

from bisect import bisect_left


def points(text: str) -> list:
    """The distinct code points of ``text``, sorted (what ``any_in`` reads)."""
    return sorted(map(ord, set(text)))


def any_in(points: list, ranges) -> bool:
    """Whether the sorted code points ``points`` hold one in one of ``ranges``
    ((first, last) pairs, both included): a bisection per range, so a text of
    thousands of distinct Chinese characters costs what a short one does."""
    for lo, hi in ranges:
        i = bisect_left(points, lo)
        if i < len(points) and points[i] <= hi:
            return True
    return False


def class_body(ranges) -> str:
    """The inside of a regex character class (``\\uXXXX-\\uXXXX`` ...) for
    (first, last) pairs, each in the Basic Multilingual Plane."""
    for lo, hi in ranges:
        if not 0 <= lo <= hi <= 0xFFFF:
            raise ValueError(f"a range of U+{lo:04X}..U+{hi:04X} is not one within U+0000..U+FFFF")
    return "".join(f"\\u{lo:04x}-\\u{hi:04x}" if lo != hi else f"\\u{lo:04x}" for lo, hi in ranges)
