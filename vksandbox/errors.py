"""VK error envelope and the sandbox's own control errors."""

from __future__ import annotations

from typing import Any

# Texts follow what VK returns: a generic description, sometimes followed by ": <detail>".
ERROR_MESSAGES: dict[int, str] = {
    1: "Unknown error occurred",
    3: "Unknown method passed",
    5: "User authorization failed: invalid access_token (4).",
    6: "Too many requests per second",
    7: "Permission to perform this action is denied",
    9: "Flood control",
    10: "Internal server error",
    12: "Unable to compile code",
    13: "Runtime error occurred during code invocation",
    15: "Access denied",
    100: "One of the parameters specified was missing or invalid",
    104: "Not found",
    113: "Invalid user id",
    901: "Can't send messages for users without permission",
    909: "Can't edit this message, because it's too old",
    911: "Keyboard format is invalid",
    914: "Message is too long",
    917: "You don't have access to this chat",
    919: "You can't see invite link for this chat",
    920: "Can't edit this kind of message",
    924: "Can't delete this message for everybody",
    925: "You are not admin of this chat",
    927: "Chat does not exist",
    935: "User not found in chat",
    936: "Contact not found",
}


class VKError(Exception):
    """An API error that becomes the `{"error": {...}}` envelope."""

    def __init__(self, code: int, detail: str | None = None) -> None:
        self.code = code
        base = ERROR_MESSAGES.get(code, "Unknown error occurred")
        self.msg = f"{base}: {detail}" if detail else base
        super().__init__(f"[{code}] {self.msg}")

    def envelope(self, method: str, params: dict[str, str]) -> dict[str, Any]:
        request_params = [
            {"key": "method", "value": method},
            {"key": "oauth", "value": "1"},
        ]
        request_params += [{"key": k, "value": str(v)} for k, v in params.items()]
        return {
            "error": {
                "error_code": self.code,
                "error_msg": self.msg,
                "request_params": request_params,
            }
        }


def param_error(detail: str) -> VKError:
    return VKError(100, detail)


class SandboxError(Exception):
    """A control-API request was refused (unknown user, annulled link, restricted member...)."""
