"""MAX's error replies ({code, message} with an HTTP status) and the sandbox's own control errors.

Codes seen in MAX's answers: `verify.token` (401), `chat.denied` (403), `attachment.not.ready`
and `proto.payload` (400), `chat.not.found` and `not.found` (404), `too.many.requests` (429),
`internal.error` (500), `service.unavailable` (503). `method.not.allowed` (405) is this
sandbox's guess for the refusal the schema lists but names no code for.
"""

from __future__ import annotations

from typing import Any


class MaxError(Exception):
    """An API refusal: becomes `{"code", "message"}` with `status`."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message

    def body(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message}


def bad_request(message: str) -> MaxError:
    return MaxError(400, "proto.payload", message)


def denied(message: str) -> MaxError:
    return MaxError(403, "chat.denied", message)


def not_found(message: str) -> MaxError:
    return MaxError(404, "not.found", message)


def chat_not_found(chat_id: int | str) -> MaxError:
    return MaxError(404, "chat.not.found", f"Chat {chat_id} not found")


def too_many_requests(message: str = "Too many requests") -> MaxError:
    return MaxError(429, "too.many.requests", message)


class SandboxError(Exception):
    """A control-API request was refused (unknown user, blocked joiner, no such button...)."""
