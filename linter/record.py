"""Record: what the start-up path used ``@dataclass`` for (equality, a readable
repr), without its cost.

``@dataclass`` writes each class's ``__init__``, ``__repr__`` and ``__eq__`` as
source text and compiles it with ``exec`` when the module is imported, for
every class a one-file pre-commit run imports, on every run (``bench/README.md``,
*One core*, has the cost). A class written out is compiled once, into the
module's bytecode. Each record class names its fields in ``FIELDS`` (in
constructor order) and writes its own ``__init__``.
"""

from __future__ import annotations


class Record:
    """Equality and repr over ``FIELDS``, as a dataclass has them. Unhashable,
    like a dataclass with ``eq=True``; ``Frozen`` records are hashable."""

    __slots__ = ()
    FIELDS: tuple = ()

    def _values(self) -> tuple:
        return tuple(getattr(self, f) for f in self.FIELDS)

    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"{type(self).__qualname__}(" + ", ".join(f"{f}={getattr(self, f)!r}" for f in self.FIELDS) + ")"


class Frozen(Record):
    """A record whose fields are set once, in ``__init__`` (with ``_set``):
    hashable, and assignment raises AttributeError."""

    __slots__ = ()

    def _set(self, *values) -> None:
        """Set every field once, in ``FIELDS`` order (for ``__init__``)."""
        for name, value in zip(self.FIELDS, values, strict=True):
            object.__setattr__(self, name, value)

    def __setattr__(self, name, value):
        raise AttributeError(f"cannot assign to field '{name}' of a frozen {type(self).__name__}")

    def __delattr__(self, name):
        raise AttributeError(f"cannot delete field '{name}' of a frozen {type(self).__name__}")

    def __hash__(self) -> int:
        return hash(self._values())

    def __reduce__(self):
        # pickling sets slot state with setattr, which a frozen record refuses
        return (type(self), self._values())
