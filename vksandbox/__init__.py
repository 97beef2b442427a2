"""A local VK API sandbox: one community, Bots Long Poll and a control API, over loopback HTTP."""

from .client import SandboxClient
from .errors import SandboxError, VKError
from .server import Sandbox

__all__ = ["Sandbox", "SandboxClient", "SandboxError", "VKError"]
