"""Typed access to VK method parameters, which always arrive as strings."""

from __future__ import annotations

import json
from typing import Any

from .errors import param_error


def flatten_value(value: Any) -> str | None:
    """Encode a value the way VK clients put it on the wire (lists comma-joined, bools 0/1)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, list | tuple):
        return ",".join(str(flatten_value(v)) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def flatten(params: dict[str, Any]) -> dict[str, str]:
    out = {}
    for key, value in params.items():
        flat = flatten_value(value)
        if flat is not None:
            out[key] = flat
    return out


class Params:
    def __init__(self, raw: dict[str, str]) -> None:
        self.raw = raw

    def has(self, name: str) -> bool:
        return self.raw.get(name, "") != ""

    def str(self, name: str, default: str | None = None, required: bool = False) -> str | None:
        if not self.has(name):
            if required:
                raise param_error(f"{name} is a required parameter")
            return default
        return self.raw[name]

    def int(self, name: str, default: int | None = None, required: bool = False) -> int | None:
        value = self.str(name, required=required)
        if value is None:
            return default
        try:
            return int(value)
        except ValueError:
            raise param_error(f"{name} not integer") from None

    def bool(self, name: str) -> bool:
        return self.str(name, "0").lower() in ("1", "true")

    def int_list(self, name: str, required: bool = False) -> list[int]:
        value = self.str(name, required=required)
        if value is None:
            return []
        try:
            return [int(v) for v in value.split(",") if v.strip()]
        except ValueError:
            raise param_error(f"{name} should be a list of integers") from None

    def str_list(self, name: str) -> list[str]:
        value = self.str(name)
        return [v.strip() for v in value.split(",") if v.strip()] if value else []
