"""The ledger of handled events: once each, again only when cut short, and bounded."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from bot.services.ledger import MARK_BATCH, EventLedger
from bot.storage.db import Database
from bot.storage.event_repo import ProcessedEventRepo

pytestmark = pytest.mark.reliability


@pytest.fixture
async def repo(tmp_path):
    db = await Database.open(tmp_path / "bot.sqlite3")
    try:
        yield ProcessedEventRepo(db)
    finally:
        await db.close()


def ledger(repo, **options) -> EventLedger:
    return EventLedger(repo, clock=lambda: datetime(2025, 9, 1, tzinfo=UTC), **options)


async def test_an_event_is_handled_once(repo):
    runs = []

    async def handle():
        runs.append(1)

    book = ledger(repo)
    assert await book.once("e1", handle) is True
    assert await book.once("e1", handle) is False
    assert runs == [1]


async def test_an_event_cut_short_runs_again(repo):
    async def crash():
        raise RuntimeError("killed")

    book = ledger(repo)
    with pytest.raises(RuntimeError):
        await book.once("e1", crash)
    runs = []

    async def handle():
        runs.append(1)

    assert await book.once("e1", handle) is True
    assert runs == [1]


async def test_events_without_an_id_always_run(repo):
    runs = []

    async def handle():
        runs.append(1)

    book = ledger(repo)
    await book.once(None, handle)
    await book.once(None, handle)
    assert runs == [1, 1]


async def nothing() -> None:
    return None


async def handle_events(book: EventLedger, count: int) -> None:
    """Events e0 … e<count-1>, each written down before the next."""
    for number in range(count):
        await book.once(f"e{number}", nothing)
        await book.flush()


async def test_the_ledger_stays_bounded(repo):
    book = ledger(repo, keep=10, prune_every=5)
    await handle_events(book, 40)
    assert await repo.count() <= 15
    assert not await repo.is_processed(event_id="e0")
    assert await repo.is_processed(event_id="e39")


async def test_events_handled_before_a_restart_are_skipped_after_it(repo):
    runs = []

    async def handle():
        runs.append(1)

    before = ledger(repo)
    await before.once("e1", handle)
    await before.close()
    after_restart = ledger(repo)
    assert await after_restart.once("e1", handle) is False
    assert await after_restart.once("e2", handle) is True
    assert runs == [1, 1]


async def test_memory_of_handled_events_is_bounded_too(repo):
    book = ledger(repo, keep=10, prune_every=5)
    await handle_events(book, 100)
    # Like the table, the memory keeps the recent ones only (a crash re-reads far fewer).
    assert await book.once("e99", nothing) is False
    assert await book.once("e0", nothing) is True


async def test_handled_events_are_written_soon_without_waiting_for_more(repo):
    book = ledger(repo, mark_delay=0.01)
    await book.once("e1", nothing)
    await book.once("e2", nothing)
    for _ in range(100):
        if await repo.is_processed(event_id="e2"):
            break
        await asyncio.sleep(0.01)
    assert await repo.is_processed(event_id="e1")
    assert await repo.is_processed(event_id="e2")


async def test_a_burst_is_written_in_batches_before_the_delay(repo):
    book = ledger(repo, mark_delay=3600)
    for number in range(MARK_BATCH):
        await book.once(f"e{number}", nothing)
    assert await repo.count() == MARK_BATCH
