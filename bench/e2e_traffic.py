"""Chat traffic for the end-to-end benchmark and what the sandbox saw the bot do about it.

The mix: most messages clean (the moderation corpus's clean lines), some with obscenities the
bot deletes, some commands (`/кто я`, answered in the chat). Every message goes through the
sandbox's control API (`write_chat_many`) and reaches the bot only through the long poll.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import time
from dataclasses import dataclass, field
from typing import Any

from bench.e2e_school import SchoolChats
from bot.vk.random_ids import random_id_for
from tests.moderation.corpus_io import load_corpus
from vksandbox import Sandbox, SandboxClient

COMMAND = "/кто я"
TICK = 0.02  # seconds between injections at a set rate


@dataclass(frozen=True)
class Mix:
    violations: float = 0.05
    commands: float = 0.05


@dataclass
class Traffic:
    """Who says what where, deterministic for a seed."""

    chats: SchoolChats
    chat_count: int = 100
    mix: Mix = field(default_factory=Mix)
    seed: int = 9
    clean: list[str] = field(default_factory=list)
    dirty: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        lines = load_corpus()
        self.clean = [line.text for line in lines if not line.expected]
        self.dirty = [line.text for line in lines if "profanity" in line.expected]
        self.peers = self.chats.peers[: self.chat_count]

    def message(self, *, kind: str | None = None) -> dict[str, Any]:
        peer = self.rng.choice(self.peers)
        author = self.rng.choice(self.chats.members[peer])
        roll = self.rng.random()
        if kind is None:
            kind = (
                "violation" if roll < self.mix.violations
                else "command" if roll < self.mix.violations + self.mix.commands
                else "clean"
            )  # fmt: skip
        text = {
            "violation": lambda: self.rng.choice(self.dirty),
            "command": lambda: COMMAND,
            "clean": lambda: self.rng.choice(self.clean),
        }[kind]()
        return {"user_id": author, "peer_id": peer, "text": text}


@dataclass
class Fed:
    sent: int = 0
    refused: int = 0
    first_at: float | None = None
    last_at: float = 0.0
    commands: dict[int, tuple[int, int]] = field(default_factory=dict)  # random_id → (peer, cmid)

    def record(self, batch: list[dict[str, Any]], results: list[dict[str, Any]]) -> None:
        now = time.time()
        self.first_at = self.first_at or now
        self.last_at = now
        for item, result in zip(batch, results, strict=True):
            if "cmid" not in result:
                self.refused += 1
                continue
            self.sent += 1
            if item["text"] == COMMAND:
                key = f"reply:{item['peer_id']}:{result['cmid']}:{item['user_id']}"
                self.commands[random_id_for(key)] = (item["peer_id"], result["cmid"])


async def feed(
    control: SandboxClient,
    traffic: Traffic,
    *,
    rate: float,
    seconds: float,
    kind: str | None = None,
) -> Fed:
    """`rate` messages a second for `seconds`, in small batches every TICK."""
    fed = Fed()
    loop = asyncio.get_running_loop()
    start = loop.time()
    total = int(rate * seconds)
    while fed.sent + fed.refused < total:
        due = min(total, int((loop.time() - start) * rate) + 1)
        batch = [traffic.message(kind=kind) for _ in range(due - fed.sent - fed.refused)]
        if batch:
            fed.record(batch, await control.write_chat_many(batch))
        await asyncio.sleep(max(0.0, start + (fed.sent + fed.refused) / rate - loop.time()))
    return fed


async def burst(
    control: SandboxClient,
    traffic: Traffic,
    count: int,
    *,
    kind: str | None = None,
    chunk: int = 1000,
) -> Fed:
    """`count` messages at once (in a few control calls): the bot's backlog from a standing
    start, for the saturated throughput."""
    fed = Fed()
    while fed.sent + fed.refused < count:
        size = min(chunk, count - fed.sent - fed.refused)
        batch = [traffic.message(kind=kind) for _ in range(size)]
        fed.record(batch, await control.write_chat_many(batch))
    return fed


def latencies(sb: Sandbox, fed: Fed, *, ts0: int, seq0: int) -> list[float]:
    """Seconds from each message's event to the bot's first action about it (a deletion, or
    the reply to a command; the bare bot's answer carries the cmid it answers)."""
    events = {(e["peer_id"], e["cmid"]): e["time"] for e in sb.world.events.times(ts0)}
    first: dict[tuple[int, int], float] = {}
    for action in sb.actions.items[seq0:]:
        for target in _targets(action, fed):
            first.setdefault(target, action["time"])
    return sorted(first[k] - events[k] for k in first if k in events)


def _targets(action: dict[str, Any], fed: Fed) -> list[tuple[int, int]]:
    params = action["params"]
    if action["method"] == "messages.delete" and params.get("cmids"):
        peer = int(params["peer_id"])
        return [(peer, int(c)) for c in params["cmids"].split(",")]
    if action["method"] == "messages.send":
        rid = int(params.get("random_id", "0") or 0)
        if rid in fed.commands:
            return [fed.commands[rid]]
        text, peer = params.get("message", ""), params.get("peer_ids", "")
        if rid == 0 and text.isdigit() and peer.lstrip("-").isdigit():
            return [(int(peer), int(text))]
    return []


def percentiles(values: list[float]) -> dict[str, float | None]:
    if not values:
        return {"p50": None, "p95": None, "p99": None}
    if len(values) == 1:
        return dict.fromkeys(("p50", "p95", "p99"), values[0])
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return {"p50": cuts[49], "p95": cuts[94], "p99": cuts[98]}
