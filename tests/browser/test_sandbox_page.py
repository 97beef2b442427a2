"""The sandbox's page in a real browser: a person plays the school and sees what VK would show."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
from pathlib import Path

import pytest

from bot.demo.school import fill_demo_school
from tests.browser.people import appears, be, message, open_chat, open_dm, write

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

PARENTS_CHAT = "5А · родители"
MOTHER, CURATOR, ADMIN = 2001, 3001, 100001
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CARD = "В классе нашли карту 2200 7001 2345 6781, чья она?"


async def start_run(cwd: Path) -> tuple[asyncio.subprocess.Process, str]:
    """`schoolbot run` without a token; returns the process and the page's address it printed."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", "--log-level", "WARNING",
        cwd=cwd, env=dict(os.environ),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    said = ""
    async with asyncio.timeout(30):
        while "Остановить" not in said:
            line = await process.stdout.readline()
            if not line:
                raise AssertionError(f"schoolbot run ended before its banner: {said}")
            said += line.decode()
    return process, re.search(r"Страница песочницы.*?(http://\S+/_sandbox/)", said).group(1)


async def stop_run(process: asyncio.subprocess.Process) -> None:
    process.send_signal(signal.SIGTERM)
    _out, err = await asyncio.wait_for(process.communicate(), timeout=20)
    assert process.returncode == 0, err.decode()


async def test_a_parent_writes_and_sees_the_answer_and_the_deletion_live(tmp_path, page):
    process, url = await start_run(tmp_path)
    try:
        await page.goto(url)
        await page.evaluate("window.stillTheSamePage = true")
        await page.get_by_role("button", name="Заполнить демо-школой").click()
        await page.get_by_text("Демо-школа готова").wait_for(timeout=60000)

        await be(page, MOTHER)
        await open_chat(page, PARENTS_CHAT)
        await write(page, CARD)
        warning = await appears(message(page, "ваше сообщение удалено", kind=".out"))
        assert "номер банковской карты" in await warning.inner_text()
        mine = await appears(page.locator("#messages .msg.mine.deleted", has_text="2200 7001"))
        assert "удалено" in await mine.inner_text()
        struck = await mine.locator(".text").evaluate("e => getComputedStyle(e).textDecorationLine")
        assert struck == "line-through"

        # The curator gets the alert with its buttons; «Исключить» goes through message_event.
        await be(page, CURATOR)
        await open_dm(page, CURATOR)
        alert = await appears(message(page, f"Нарушение в чате «{PARENTS_CHAT}»", kind=".out"))
        await alert.get_by_role("button", name="Исключить").click()
        await page.locator(".toast", has_text="Автор исключён из чата").wait_for(timeout=15000)
        await open_chat(page, PARENTS_CHAT)
        await page.locator(
            "#messages .service", has_text="исключает из чата: Елена Иванова"
        ).wait_for(timeout=15000)

        # The mother still sees the chat, read-only, with her removal in it.
        await be(page, MOTHER)
        await open_chat(page, PARENTS_CHAT)
        await page.get_by_text("Вы не участник этого чата.").wait_for()
        assert await page.locator("#text").is_disabled()
        # All of it arrived live: the page was never reloaded.
        assert await page.evaluate("window.stillTheSamePage") is True
    finally:
        await stop_run(process)


async def test_documents_photos_links_and_removals_on_the_page(world, page):
    await fill_demo_school(world)
    await page.goto(world.sandbox.url + "/_sandbox/")

    # A document the bot sends is a link that downloads it.
    await be(page, CURATOR)
    await open_dm(page, CURATOR)
    await write(page, "листовки 5А")
    doc = await appears(page.locator("#messages .msg.out a.doc", has_text="priglasheniya"))
    downloaded = await page.request.get(await doc.get_attribute("href"))
    assert (await downloaded.body()).startswith(b"%PDF")

    # A photo the bot sends is shown as a picture.
    await be(page, ADMIN)
    await open_dm(page, ADMIN)
    await write(page, "статистика")
    picture = await appears(page.locator("#messages .msg.out img").last)
    await page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=await picture.element_handle()
    )

    # A person attaches a file from the page: the bot reads it.
    since = await world.mark()
    roster = EXAMPLES / "roster.csv"
    sent_docs = page.locator("#messages .msg.mine a.doc", has_text="roster.csv")
    before = await sent_docs.count()
    await page.set_input_files("#file", str(roster))
    await page.get_by_text("Вложение: roster.csv").wait_for()
    await page.click("#send")
    await appears(sent_docs.nth(before))
    answer = (await world.replies(ADMIN, since))[0]
    await appears(message(page, answer.splitlines()[0], kind=".out"))

    # A stranger opens the chat's link that reached them elsewhere, and is removed live.
    stranger = next(u["id"] for u in await world.control.users() if u["first_name"] == "Случайный")
    chat = next(c for c in await world.control.conversations(None) if c["title"] == PARENTS_CHAT)
    link = await world.app.services.messenger.invite_link(chat["peer_id"])
    await be(page, stranger)
    await page.fill("#link", link)
    await page.get_by_role("button", name="Открыть", exact=True).click()
    await page.locator("#conv-title").get_by_text(PARENTS_CHAT, exact=True).wait_for()
    await page.locator(
        "#messages .service", has_text="исключает из чата: Случайный Прохожий"
    ).wait_for(timeout=15000)
    await page.get_by_text("Вы не участник этого чата.").wait_for()
