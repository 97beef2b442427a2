"""A tiny VKScript subset for `execute`: `return <expr>;` where expr may hold API calls.

Supported: `API.section.method({...})`, array and object literals, strings, numbers,
true/false/null, `//` comments. Anything else is error 12, like VK's compiler.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from .errors import VKError

MAX_CALLS = 25
_TOKEN = re.compile(
    r"""\s+|//[^\n]*|(?P<str>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|(?P<num>-?\d+(?:\.\d+)?)"""
    r"""|(?P<id>[A-Za-z_][A-Za-z0-9_]*)|(?P<punct>[\[\]{}(),.:;])""",
    re.S,
)


@dataclass
class Call:
    method: str
    args: Any


def _tokens(code: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    while pos < len(code):
        match = _TOKEN.match(code, pos)
        if match is None:
            raise VKError(12, f"unexpected character {code[pos]!r} at {pos}")
        pos = match.end()
        if match.lastgroup:
            out.append((match.lastgroup, match.group(match.lastgroup)))
    return out


class _Parser:
    def __init__(self, code: str) -> None:
        self.toks = _tokens(code)
        self.i = 0
        self.calls = 0

    def peek(self) -> tuple[str, str]:
        return self.toks[self.i] if self.i < len(self.toks) else ("eof", "")

    def take(self, value: str | None = None) -> tuple[str, str]:
        tok = self.peek()
        if tok[0] == "eof" or (value is not None and tok[1] != value):
            raise VKError(12, f"expected {value or 'token'}, got {tok[1] or 'end of code'!r}")
        self.i += 1
        return tok

    def program(self) -> Any:
        if self.take()[1] != "return":
            raise VKError(12, "only `return <expression>;` is supported")
        node = self.expr()
        if self.peek()[1] == ";":
            self.take()
        if self.peek()[0] != "eof":
            raise VKError(12, f"unexpected {self.peek()[1]!r} after return")
        return node

    def expr(self) -> Any:
        kind, value = self.peek()
        if value == "[":
            return self.seq("[", "]", self.expr)
        if value == "{":
            return self.obj()
        self.take()
        if kind == "str":
            return _unquote(value)
        if kind == "num":
            return float(value) if "." in value else int(value)
        if kind == "id":
            if value in ("true", "false", "null"):
                return {"true": True, "false": False, "null": None}[value]
            if value == "API":
                return self.call()
        raise VKError(12, f"unexpected {value!r}")

    def seq(self, start: str, end: str, item: Callable[[], Any]) -> list[Any]:
        self.take(start)
        out = []
        while self.peek()[1] != end:
            out.append(item())
            if self.peek()[1] != ",":
                break
            self.take(",")
        self.take(end)
        return out

    def obj(self) -> dict[str, Any]:
        def pair() -> tuple[str, Any]:
            kind, key = self.take()
            if kind not in ("id", "str"):
                raise VKError(12, f"bad object key {key!r}")
            self.take(":")
            return (_unquote(key) if kind == "str" else key, self.expr())

        return dict(self.seq("{", "}", pair))

    def call(self) -> Call:
        parts = []
        while self.peek()[1] == ".":
            self.take(".")
            kind, name = self.take()
            if kind != "id":
                raise VKError(12, f"bad method name part {name!r}")
            parts.append(name)
        if len(parts) != 2:
            raise VKError(12, "expected API.section.method")
        args = self.seq("(", ")", self.expr)
        if len(args) > 1 or (args and not isinstance(args[0], dict)):
            raise VKError(12, "an API call takes one object argument")
        self.calls += 1
        return Call(".".join(parts), args[0] if args else {})


def _unquote(token: str) -> str:
    if token.startswith("'"):
        token = '"' + token[1:-1].replace('\\"', '"').replace('"', '\\"') + '"'
        token = token.replace("\\'", "'")
    return json.loads(token)


def parse(code: str) -> Any:
    parser = _Parser(code)
    node = parser.program()
    if parser.calls > MAX_CALLS:
        raise VKError(13, f"too many API calls ({parser.calls} > {MAX_CALLS})")
    return node


CallFn = Callable[[str, dict[str, Any]], Awaitable[Any]]


async def evaluate(node: Any, call: CallFn) -> Any:
    """Run the calls in source order; `call` returns the result or False on error."""
    if isinstance(node, Call):
        args = await evaluate(node.args, call)
        return await call(node.method, args)
    if isinstance(node, list):
        return [await evaluate(item, call) for item in node]
    if isinstance(node, dict):
        return {key: await evaluate(value, call) for key, value in node.items()}
    return node
