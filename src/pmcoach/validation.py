"""Pydantic, only when asked: validating plain data into dataclasses, and JSON Schemas.

pmcoach's data types (the report, rubrics, kind files, settings) are stdlib dataclasses,
so a review that only builds and prints them never imports pydantic (about a third of a
cold start). Their constraints are written as ``Annotated[int, Field(ge=1)]`` with
``Field`` imported for type checkers only; :func:`adapter` supplies the real ``Field``
to the class's module when pydantic is first needed (``pmcoach schema``, loading a kind
file or a config file that is not cached yet, validating a saved report).
"""

from __future__ import annotations

import sys
from dataclasses import fields, is_dataclass
from enum import Enum
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import TypeAdapter


@cache
def adapter(cls: type) -> TypeAdapter[Any]:
    """A pydantic ``TypeAdapter`` for dataclass ``cls`` (built once per process)."""
    from pydantic import Field, TypeAdapter

    # The annotations are strings that name Field (and, in a module that defines
    # ``pydantic_names()``, aliases built with it): give the module the real ones.
    namespace = sys.modules[cls.__module__].__dict__
    names = namespace.get("pydantic_names")
    namespace.update(names() if callable(names) else {"Field": Field})
    return TypeAdapter(cls)


def validate(cls: type, data: Any) -> Any:
    """``data`` checked and converted into ``cls``; raises ``pydantic.ValidationError``."""
    return adapter(cls).validate_python(data)


def json_schema(cls: type, **options: Any) -> dict[str, Any]:
    """The JSON Schema of dataclass ``cls``."""
    schema: dict[str, Any] = adapter(cls).json_schema(**options)
    return schema


@cache
def _plan(cls: type) -> tuple[tuple[str, str], ...]:
    """(attribute, JSON key) per field of ``cls`` that goes into JSON, in field order."""
    return tuple((f.name, f.metadata.get("alias", f.name)) for f in fields(cls)
                 if not f.metadata.get("exclude"))


def to_jsonable(value: Any) -> Any:
    """``value`` as JSON data, the way pydantic dumps it in ``mode="json"``: dataclasses
    as objects in field order (aliases applied, excluded fields left out), enums as
    their values, tuples as lists."""
    if is_dataclass(value) and not isinstance(value, type):
        return {key: to_jsonable(getattr(value, name)) for name, key in _plan(type(value))}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list | tuple):
        return [to_jsonable(item) for item in value]
    if isinstance(value, dict):
        return {key: to_jsonable(item) for key, item in value.items()}
    return value
