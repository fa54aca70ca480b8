"""Assertions shared by the tests of hostile input."""

from __future__ import annotations


def one_line_error(code, out, err, *words):
    """A user error: exit 2, one line on stderr naming ``words``, no traceback."""
    assert code == 2, (out, err)
    assert "Traceback" not in err and "internal error" not in err
    assert len(err.strip().splitlines()) == 1, err
    for w in words:
        assert w in err, (w, err)
