"""The token and personal data stay out of everything the bot writes: a whole demo run with a
real-looking token, every log record at DEBUG (with no redaction at all), the transcript and
the console are searched for it."""

from __future__ import annotations

import io
import logging
import sqlite3

import pytest

import bot.demo.world as demo_world
import bot.sandbox_mode as sandbox_mode
from bot.demo import play
from bot.demo.transcript import Transcript
from bot.logs import setup_logging

pytestmark = [pytest.mark.e2e, pytest.mark.reliability]

TOKEN = "vk1.a.Zx9QmT4pL2sW8nR6yK1vB3cH7dF5gJ0aE2uI9oP4lM8tN6rS1qX3wY5zC7bV0kD2"
CARD = "2200 7001 2345 6781"  # the card number the demo's parent posts
CARD_DIGITS = CARD.replace(" ", "")


@pytest.fixture
def captured(monkeypatch):
    stream = io.StringIO()
    setup_logging("DEBUG", secrets=())  # no filter: the token must never reach a record at all
    root = logging.getLogger()
    handler = root.handlers[0]
    handler.setStream(stream)
    try:
        yield stream
    finally:
        root.removeHandler(handler)
        root.setLevel(logging.WARNING)


async def test_a_whole_demo_never_shows_the_token_or_the_card(
    tmp_path, monkeypatch, capsys, captured
):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SCHOOLBOT_VK_TOKEN", TOKEN)
    monkeypatch.setattr(sandbox_mode, "SANDBOX_TOKEN", TOKEN)
    monkeypatch.setattr(demo_world, "SANDBOX_TOKEN", TOKEN)
    databases = []
    original = demo_world.App.create

    async def create(config, **kwargs):
        assert kwargs["token"] == TOKEN  # the demo really runs on this token
        databases.append(config.storage.path)
        return await original(config, **kwargs)

    monkeypatch.setattr(demo_world.App, "create", create)
    transcript = io.StringIO()
    assert await play(Transcript(transcript)) == 0
    console = capsys.readouterr()
    log = captured.getvalue()
    assert log.count("\n") > 50  # the log did capture the run
    for text in (log, transcript.getvalue(), console.out, console.err):
        assert TOKEN not in text
        assert TOKEN[6:30] not in text  # nor a piece of it
    assert CARD not in log and CARD_DIGITS not in log
    assert "**** **** **** 6781" in transcript.getvalue()


async def test_stored_incidents_hold_only_the_masked_text(world):
    from tests.e2e.moderation_setup import set_up_chats
    from tests.e2e.school_setup import set_up_school

    school = await set_up_school(world)
    chats = await set_up_chats(world, school)
    since = await world.mark()
    await world.control.write_chat(school.parent.id, chats.parents, f"Карта {CARD}, переводите")
    await world.control.wait_action("messages.delete", since=since, peer_id=str(chats.parents))
    await world.quiet(since, 0.5)
    conn = sqlite3.connect(world.config.storage.path)
    try:
        dumped = "\n".join(conn.iterdump())
    finally:
        conn.close()
    assert CARD not in dumped and CARD_DIGITS not in dumped
    assert "**** **** **** 6781" in dumped
