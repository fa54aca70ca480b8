"""Code point range tests, shared by the language detector (which scripts a text
is written in) and narrowing (whether a document holds letters of some script)."""

from __future__ import annotations

from bisect import bisect_left


def any_in(points: list, ranges) -> bool:
    """Whether the sorted code points ``points`` hold one in one of ``ranges``
    ((first, last) pairs, both included): a bisection per range, so a text of
    thousands of distinct Chinese characters costs what a short one does."""
    for lo, hi in ranges:
        i = bisect_left(points, lo)
        if i < len(points) and points[i] <= hi:
            return True
    return False
