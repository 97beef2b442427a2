"""A local MAX Bot API sandbox: one bot, long polling and webhooks, a control API, over loopback.

It plays MAX (platform-api2.max.ru) for a real client such as maxapi; it imports nothing from
`bot`. See docs/maxsandbox.md.
"""

from .client import MaxSandboxClient
from .errors import MaxError, SandboxError
from .server import MaxSandbox

__all__ = ["MaxError", "MaxSandbox", "MaxSandboxClient", "SandboxError"]
