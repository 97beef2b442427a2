"""What a person does on the sandbox's page: choose who they are, open a chat, type, press."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.async_api import Locator, Page

WAIT_MS = 15000


async def be(page: Page, user_id: int) -> None:
    """Choose who writes, and wait until the page shows that person's conversations."""
    await page.select_option("#who", value=str(user_id))
    await page.locator(f"body[data-me='{user_id}']").wait_for(timeout=WAIT_MS)


async def open_chat(page: Page, title: str) -> None:
    await page.locator("#conversations .conv-name").get_by_text(title, exact=True).click()
    await page.locator("#conv-title").get_by_text(title, exact=True).wait_for(timeout=WAIT_MS)


async def open_dm(page: Page, user_id: int) -> None:
    await page.locator(f"#conversations button[data-peer='{user_id}']").click()
    await page.locator(f"body[data-peer='{user_id}']").wait_for(timeout=WAIT_MS)


async def write(page: Page, text: str) -> None:
    await page.fill("#text", text)
    await page.keyboard.press("Enter")


def message(page: Page, text: str, *, kind: str = "") -> Locator:
    """The latest message (of `kind`: `.out` from the community, `.mine`) with this text."""
    return page.locator(f"#messages .msg{kind}", has_text=text).last


async def appears(locator: Locator) -> Locator:
    await locator.wait_for(timeout=WAIT_MS)
    return locator
