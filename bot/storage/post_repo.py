"""Posts, broadcasts, events and reminders, with one delivery row per chat."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from bot.domain.post_records import Delivery, DeliveryStatus, Post, PostStatus
from bot.domain.posts import PostKind
from bot.storage.db import Database

_COLUMNS = (
    "kind, parent_id, label, author_vk_id, target, text, attachments, status, due_at, event_at, "
    "created_at, nonce"
)


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def _when(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


class PostRepo:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(self, *, post: Post, deliveries: Iterable[Delivery]) -> Post:
        """The post and its deliveries, all or nothing; returns it with its id."""
        p = post
        async with self._db.transaction() as tx:
            post_id = await tx.execute(
                f"INSERT INTO posts ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    p.kind.value, p.parent_id, p.label, p.author_vk_id, p.target, p.text,
                    ",".join(p.attachments), p.status.value, _iso(p.due_at), _iso(p.event_at),
                    _iso(p.created_at), p.nonce,
                ),
            )  # fmt: skip
            for d in deliveries:
                await tx.execute(
                    "INSERT INTO post_deliveries (post_id, peer_id, title) VALUES (?, ?, ?) "
                    "ON CONFLICT DO NOTHING",
                    (post_id, d.peer_id, d.title),
                )
        found = await self.get(post_id=post_id)
        assert found is not None
        return found

    async def get(self, *, post_id: int) -> Post | None:
        row = await self._db.fetch_one("SELECT * FROM posts WHERE id = ?", (post_id,))
        if row is None:
            return None
        rows = await self._db.fetch_all(
            "SELECT * FROM post_deliveries WHERE post_id = ? ORDER BY rowid", (post_id,)
        )
        return _post(row, tuple(_delivery(r) for r in rows))

    async def move(
        self,
        *,
        post_id: int,
        to: PostStatus,
        only_from: Iterable[PostStatus],
        at: datetime | None = None,
    ) -> bool:
        """Change the status only if it is one of `only_from`: the first of two racers wins."""
        allowed = [s.value for s in only_from]
        marks = ", ".join("?" for _ in allowed)
        sent_at = _iso(at) if to is PostStatus.SENT else None
        async with self._db.transaction() as tx:
            row = await tx.fetch_one(
                f"UPDATE posts SET status = ?, sent_at = COALESCE(?, sent_at) "
                f"WHERE id = ? AND status IN ({marks}) RETURNING id",
                (to.value, sent_at, post_id, *allowed),
            )
        return row is not None

    async def set_due(self, *, post_id: int, due: datetime) -> bool:
        async with self._db.transaction() as tx:
            row = await tx.fetch_one(
                "UPDATE posts SET due_at = ? WHERE id = ? AND status IN ('draft', 'scheduled') "
                "RETURNING id",
                (_iso(due), post_id),
            )
        return row is not None

    async def mark_delivery(
        self,
        *,
        post_id: int,
        peer_id: int,
        status: DeliveryStatus,
        at: datetime,
        cmid: int | None = None,
        error_code: int | None = None,
    ) -> None:
        await self._db.execute(
            "UPDATE post_deliveries SET status = ?, cmid = ?, error_code = ?, at = ? "
            "WHERE post_id = ? AND peer_id = ?",
            (status.value, cmid, error_code, _iso(at), post_id, peer_id),
        )

    async def with_status(self, *, statuses: Iterable[PostStatus]) -> list[Post]:
        values = [s.value for s in statuses]
        marks = ", ".join("?" for _ in values)
        rows = await self._db.fetch_all(
            f"SELECT id FROM posts WHERE status IN ({marks}) ORDER BY due_at, id", tuple(values)
        )
        return [p for r in rows if (p := await self.get(post_id=r["id"])) is not None]

    async def children(self, *, parent_id: int) -> list[Post]:
        rows = await self._db.fetch_all(
            "SELECT id FROM posts WHERE parent_id = ? ORDER BY due_at", (parent_id,)
        )
        return [p for r in rows if (p := await self.get(post_id=r["id"])) is not None]


def _post(row, deliveries: tuple[Delivery, ...]) -> Post:
    return Post(
        kind=PostKind(row["kind"]),
        author_vk_id=row["author_vk_id"],
        target=row["target"],
        text=row["text"],
        created_at=datetime.fromisoformat(row["created_at"]),
        nonce=row["nonce"],
        status=PostStatus(row["status"]),
        due_at=_when(row["due_at"]),
        event_at=_when(row["event_at"]),
        attachments=tuple(a for a in row["attachments"].split(",") if a),
        parent_id=row["parent_id"],
        label=row["label"],
        sent_at=_when(row["sent_at"]),
        id=row["id"],
        deliveries=deliveries,
    )


def _delivery(row) -> Delivery:
    return Delivery(
        peer_id=row["peer_id"],
        title=row["title"],
        status=DeliveryStatus(row["status"]),
        error_code=row["error_code"],
        cmid=row["cmid"],
    )
