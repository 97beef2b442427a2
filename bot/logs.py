"""Logging set-up: plain lines on stderr, secrets replaced before anything is written."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable

REDACTED = "***"


class SecretFilter(logging.Filter):
    """Replaces every known secret (the VK token) in a record's final text."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self._secrets = [secret for secret in secrets if secret and len(secret) >= 4]

    def filter(self, record: logging.LogRecord) -> bool:
        if not self._secrets:
            return True
        message = record.getMessage()
        if record.exc_info:
            message += "\n" + logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
            record.exc_text = None
        for secret in self._secrets:
            message = message.replace(secret, REDACTED)
        record.msg, record.args = message, None
        return True


def setup_logging(level: str = "INFO", secrets: Iterable[str] = ()) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(SecretFilter(secrets))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    quiet_vkbottle()


def quiet_vkbottle() -> None:
    # vkbottle adds its own coloured handler at import and logs request bodies (personal data)
    # at DEBUG: keep its records flowing only through ours, at INFO or above.
    vk_logger = logging.getLogger("vkbottle")
    vk_logger.handlers.clear()
    # It reports per-recipient send errors at INFO; the gateway handles those itself.
    vk_logger.setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
