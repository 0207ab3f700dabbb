"""Fast pickling for the engine's frozen, slotted dataclasses.

Results the pages cache (a trust's thousand pathway checks and forecasts, say) go
through pickle. For a dataclass with `frozen=True, slots=True`, the standard library
restores each object with a `__setstate__` that calls `dataclasses.fields()` once per
object: 0.55 s to read back one cached set of 15,000 checks (issue 15, the education
unit page at national scale). `by_fields` pickles such a class as a call of the class
with its field values instead, which restores it through its own `__init__`.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

T = TypeVar("T")


def by_fields(cls: type[T]) -> type[T]:
    """Class decorator (after @dataclass): pickle by the positional field values.

    Every field must be an `__init__` argument, in field order (checked here).
    """
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    if not all(field.init for field in fields):
        raise TypeError(f"{cls.__name__}: every field must be an __init__ argument")
    names = tuple(field.name for field in fields)

    def __reduce__(self: Any) -> tuple[type[T], tuple[Any, ...]]:
        return cls, tuple(getattr(self, name) for name in names)

    cls.__reduce__ = __reduce__  # type: ignore[method-assign]
    return cls
