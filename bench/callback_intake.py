"""Long Poll against the Callback API, one school on SQLite, the same traffic, alternated.

`.venv/bin/python -m bench.callback_intake [--rate 100] [--seconds 10] [--rounds 2]` — the real
bot and the sandbox in one process on loopback (VK's rate limit lifted), 10 classes × 25 pupils,
5 % of messages obscene. Each round runs the Long Poll bot, then the Callback API bot, on fresh
databases. Prints, per run, the messages handled, the p50/p95/p99 from the event to the bot's
deletion or reply, and the Callback/Long Poll ratio of p99. Figures: docs/performance.md.
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.e2e_school import load_school
from bench.e2e_traffic import Traffic, feed, latencies, percentiles
from bot.app import App
from bot.config import Config, config_from_mapping
from bot.sandbox_mode import SANDBOX_ADMIN_ID, SANDBOX_TOKEN
from vksandbox import Sandbox, SandboxClient

SECRET = "bench-secret"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _config(db: Path, api_url: str, intake: str) -> Config:
    vk: dict[str, Any] = {"group_id": 1, "api_url": api_url, "requests_per_second": 20}
    if intake == "callback":
        vk |= {"intake": "callback", "callback": {"port": _free_port(), "secret": SECRET}}
    return config_from_mapping(
        {"vk": vk, "school": {"name": "Школа", "admins": [SANDBOX_ADMIN_ID]},
         "storage": {"path": str(db)}},
        environ={},
    )  # fmt: skip


async def run(intake: str, *, rate: float, seconds: float, workdir: Path) -> dict[str, Any]:
    async with Sandbox(group_id=1, token=SANDBOX_TOKEN, rps_limit=100_000) as sb:
        control = SandboxClient(sb.url)
        try:
            await control.create_user("Администратор", "1", user_id=SANDBOX_ADMIN_ID)
            await control.allow_messages(SANDBOX_ADMIN_ID)
            config = _config(workdir / f"{intake}.sqlite3", sb.api_url, intake)
            chats = await load_school(config, sb.world, classes=10, pupils=25)
            app = await App.create(config, token=SANDBOX_TOKEN)
            await app.start()
            try:
                if app.callback_url:
                    await control.add_callback_server(app.callback_url, secret=SECRET)
                traffic = Traffic(chats, chat_count=len(chats.peers))
                ts0, seq0 = sb.world.events.next_ts, len(sb.actions.items)
                fed = await feed(control, traffic, rate=rate, seconds=seconds)
                await _settle(sb)
                lat = latencies(sb, fed, ts0=ts0, seq0=seq0)
            finally:
                await app.stop()
        finally:
            await control.close()
    ms = {k: (v * 1000 if v is not None else None) for k, v in percentiles(lat).items()}
    return {"intake": intake, "sent": fed.sent, "acted_on": len(lat), "latency_ms": ms}


async def _settle(sb: Sandbox, quiet: float = 1.0, within: float = 60.0) -> None:
    """Until the bot has done nothing for `quiet` seconds: its last deletions and replies."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    seen = -1
    while loop.time() < deadline and len(sb.actions.items) != seen:
        seen = len(sb.actions.items)
        await asyncio.sleep(quiet)


def _line(r: dict[str, Any]) -> str:
    ms = r["latency_ms"]
    return (f"{r['intake']:8} sent {r['sent']}, acted on {r['acted_on']}; event → action "
            f"p50 {ms['p50']:.1f} ms, p95 {ms['p95']:.1f} ms, p99 {ms['p99']:.1f} ms")  # fmt: skip


async def bench(opts: argparse.Namespace) -> list[dict[str, Any]]:
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for round_ in range(opts.rounds):
            for intake in ("longpoll", "callback"):
                folder = Path(tmp) / f"{round_}"
                folder.mkdir(exist_ok=True)
                r = await run(intake, rate=opts.rate, seconds=opts.seconds, workdir=folder)
                print("  " + _line(r), flush=True)
                results.append(r)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.callback_intake")
    parser.add_argument("--rate", type=float, default=100.0)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--rounds", type=int, default=2)
    opts = parser.parse_args(argv)
    results = asyncio.run(bench(opts))
    p99 = {
        kind: statistics.median(r["latency_ms"]["p99"] for r in results if r["intake"] == kind)
        for kind in ("longpoll", "callback")
    }
    print(f"p99 (median of rounds): long poll {p99['longpoll']:.1f} ms, callback "
          f"{p99['callback']:.1f} ms; ratio callback/long poll {p99['callback'] / p99['longpoll']:.2f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
