"""``Field``: one declared key of a rule kind's options or of a config, what
``config.schema`` validates a mapping against. It lives below both, so that a
rule kind declares its options without importing the config layer."""

from __future__ import annotations

from typing import Any, Callable

from .record import Frozen


class Field(Frozen):
    __slots__ = FIELDS = ("type", "required", "default", "choices", "items", "check", "doc")
    type: str  # str | int | float | bool | list | map | regex | str-or-list
    required: bool
    default: Any
    choices: tuple | None
    items: str  # type of list items: str | regex | any
    check: Callable[[Any], str | None] | None  # returns an error text or None
    doc: str

    def __init__(
        self,
        type: str,  # noqa: A002 - the field's type name, as the schema calls it
        required: bool = False,
        default: Any = None,
        choices: tuple | None = None,
        items: str = "str",
        check: Callable[[Any], str | None] | None = None,
        doc: str = "",
    ):
        self._set(type, required, default, choices, items, check, doc)
