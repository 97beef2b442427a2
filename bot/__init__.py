"""schoolbot: a VK Messenger bot that runs a Russian school's chats by the school's regulation."""

import sys

REQUIRED_PYTHON = (3, 11)

# Checked at import, before any module that needs 3.11 is read: an older interpreter gets one
# Russian sentence saying which Python is needed instead of a SyntaxError or an ImportError.
if sys.version_info < REQUIRED_PYTHON:  # pragma: no cover - exercised in a subprocess
    from bot.texts.cli import python_too_old

    raise SystemExit(python_too_old(sys.version_info[:3], REQUIRED_PYTHON))
