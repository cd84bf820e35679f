"""Every string of the typed curriculum with its path and its field's declared type.

The character and link policies walk the models rather than a list of fields,
so a field added later is covered without anyone remembering to add it.
"""

from __future__ import annotations

from typing import Iterator

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..data.problems import Path


def strings(model: BaseModel, path: Path = ()) -> Iterator[tuple[Path, FieldInfo, str]]:
    """(path, the field it belongs to, value) for every string in `model`, depth first."""
    for name, info in type(model).model_fields.items():
        yield from _values(getattr(model, name), path + (name,), info)


def _values(value: object, path: Path, info: FieldInfo) -> Iterator[tuple[Path, FieldInfo, str]]:
    if isinstance(value, str):
        yield path, info, value
    elif isinstance(value, BaseModel):
        yield from strings(value, path)
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _values(item, path + (i,), info)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _values(item, path + (key,), info)
