"""«Чаты всем классам»: the runs and the chats each is to make."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime

from bot.domain.chat_setup import ItemState, RunState, SetupItem, SetupRun, SetupStep
from bot.domain.chats import ChatKind, SchoolChat
from bot.domain.classes import ClassName
from bot.storage.db import Database

_ITEM = "SELECT id, grade, letter, kind, title, state, peer_id, attempted_at, error FROM chat_setup_items "
_RUN = (
    "SELECT id, report_peer_id, state, started_at, resume_at, actor_person_id FROM chat_setup_runs "
)


class RunBusy(Exception):
    """Another run has not finished yet."""


class ChatSetupRepo:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def start(
        self, *, actor_person_id: int | None, report_peer_id: int, steps: Sequence[SetupStep],
        at: datetime,
    ) -> int:  # fmt: skip
        """A new run with an item per chat to make; RunBusy while another is unfinished."""
        try:
            async with self._db.transaction() as tx:
                run_id = await tx.execute(
                    "INSERT INTO chat_setup_runs (actor_person_id, report_peer_id, state, "
                    "started_at) VALUES (?, ?, 'running', ?)",
                    (actor_person_id, report_peer_id, at.isoformat()),
                )
                for step in steps:
                    await tx.execute(
                        "INSERT INTO chat_setup_items (run_id, grade, letter, kind, title, state) "
                        "VALUES (?, ?, ?, ?, ?, 'planned')",
                        (run_id, step.class_name.grade, step.class_name.letter,
                         step.kind.value, step.title),
                    )  # fmt: skip
        except sqlite3.IntegrityError:
            raise RunBusy() from None
        return run_id

    async def live(self) -> SetupRun | None:
        row = await self._db.fetch_one(_RUN + "WHERE finished_at IS NULL")
        return _run(row)

    async def run(self, *, run_id: int) -> SetupRun | None:
        return _run(await self._db.fetch_one(_RUN + "WHERE id = ?", (run_id,)))

    async def items(self, *, run_id: int) -> list[SetupItem]:
        rows = await self._db.fetch_all(_ITEM + "WHERE run_id = ? ORDER BY id", (run_id,))
        return [_item(row) for row in rows]

    async def mark(
        self, *, item_id: int, state: ItemState, attempted_at: float | None = None,
        error: str | None = None,
    ) -> None:  # fmt: skip
        await self._db.execute(
            "UPDATE chat_setup_items SET state = ?, attempted_at = COALESCE(?, attempted_at), "
            "error = ? WHERE id = ?",
            (state.value, attempted_at, error, item_id),
        )

    async def created(self, *, item_id: int, chat: SchoolChat) -> SchoolChat:
        """The chat VK made: stored as the school's chat and the item done, in one step."""
        assert chat.class_name is not None
        async with self._db.transaction() as tx:
            row = await tx.fetch_one(
                "SELECT id FROM classes WHERE grade = ? AND letter = ?",
                (chat.class_name.grade, chat.class_name.letter),
            )
            chat_id = await tx.execute(
                "INSERT INTO chats (peer_id, kind, class_id, subject, title, created_by_bot) "
                "VALUES (?, ?, ?, NULL, ?, 1)",
                (chat.peer_id, chat.kind.value, row["id"] if row else None, chat.title),
            )
            await tx.execute(
                "UPDATE chat_setup_items SET state = 'created', peer_id = ?, error = NULL "
                "WHERE id = ?",
                (chat.peer_id, item_id),
            )
        return SchoolChat(chat.peer_id, chat.kind, chat.class_name, None, chat.title, id=chat_id)

    async def set_state(
        self, *, run_id: int, state: RunState, resume_at: datetime | None = None,
        at: datetime | None = None,
    ) -> None:  # fmt: skip
        finished = at.isoformat() if state is RunState.DONE and at else None
        await self._db.execute(
            "UPDATE chat_setup_runs SET state = ?, resume_at = ?, "
            "finished_at = COALESCE(finished_at, ?) WHERE id = ?",
            (state.value, resume_at.isoformat() if resume_at else None, finished, run_id),
        )


def _run(row) -> SetupRun | None:
    if row is None:
        return None
    return SetupRun(
        id=row["id"],
        report_peer_id=row["report_peer_id"],
        state=RunState(row["state"]),
        started_at=datetime.fromisoformat(row["started_at"]),
        resume_at=datetime.fromisoformat(row["resume_at"]) if row["resume_at"] else None,
        actor_person_id=row["actor_person_id"],
    )


def _item(row) -> SetupItem:
    return SetupItem(
        id=row["id"],
        class_name=ClassName(row["grade"], row["letter"]),
        kind=ChatKind(row["kind"]),
        title=row["title"],
        state=ItemState(row["state"]),
        peer_id=row["peer_id"],
        attempted_at=row["attempted_at"],
        error=row["error"],
    )
