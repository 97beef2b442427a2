"""A real headless Chromium (Debian's package) driven by Playwright, for the sandbox's page.

Where no Chromium is installed the tests skip and say so; CI (`.ci/run`) installs it and sets
SCHOOLBOT_REQUIRE_BROWSER=1, so there a missing browser fails instead of hiding.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# The machine's network is closed: no background connections, no first-run, no updates.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    explicit = os.environ.get("SCHOOLBOT_CHROMIUM")
    if explicit:
        return explicit if Path(explicit).exists() else None
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _missing(reason: str) -> None:
    if os.environ.get("SCHOOLBOT_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (SCHOOLBOT_REQUIRE_BROWSER=1: CI must run the browser tests)")
    pytest.skip(reason)


@pytest.fixture
async def browser():
    executable = chromium_path()
    if executable is None:
        _missing("no Chromium here: install Debian's `chromium` (apt-get install chromium)")
    try:
        from playwright.async_api import async_playwright
    except ImportError:
        _missing("playwright is not installed: pip install -e '.[dev]'")
    async with async_playwright() as playwright:
        # launch() gives every browser a fresh temporary profile (--user-data-dir) of its own.
        launched = await playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield launched
        finally:
            await launched.close()


@pytest.fixture
async def page(browser):
    context = await browser.new_context(viewport={"width": 1280, "height": 900}, locale="ru-RU")
    opened = await context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    try:
        yield opened
    finally:
        await context.close()
    assert not errors, f"the page's JavaScript failed: {errors}"
