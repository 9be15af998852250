"""Remembering what was computed: a value kept on its instance, a bounded table."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")
V = TypeVar("V")

TABLE_SIZE = 32_768  # entries a table of keys holds before it starts again


def keep(table: dict[Any, V], key: object, value: V, size: int = TABLE_SIZE) -> V:
    """``value`` stored under ``key`` in a table bounded to ``size`` entries (emptied
    when full: a run checks a corpus, not a stream)."""
    if len(table) >= size:
        table.clear()
    table[key] = value
    return value


class once(Generic[T]):  # noqa: N801 (used like the decorator it stands for)
    """:func:`functools.cached_property` without the lock it takes at every first use on
    Python 3.11 (a checked pair's shared work is first used several times an entry, and
    the lock was a fiftieth of the checking); like it, a value is stored in the
    instance's ``__dict__``, which then answers every later lookup."""

    def __init__(self, compute: Callable[[Any], T]) -> None:
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> once[T]: ...

    @overload
    def __get__(self, instance: object, owner: type | None = None) -> T: ...

    def __get__(self, instance: object, owner: type | None = None) -> T | once[T]:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.compute(instance)
        return value
