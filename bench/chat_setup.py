"""«Чаты всем классам» for a 30-class school through the sandbox: how long, how many VK calls.

`.venv/bin/python -m bench.chat_setup [--classes 30]` — the real bot and the sandbox on loopback
(20 requests a second, as VK allows a community), every class with a curator who has written to
the community; VK's daily cap is lifted so that the run ends today. Prints the wall time from
the press of «Создать» to the summary, the chats made, the calls to VK and the peak calls in
any second.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path

from bot.demo.world import running_world
from bot.domain.classes import ClassName

LETTERS = "АБВГД"


def classes(n: int) -> list[ClassName]:
    return [ClassName(1 + i // len(LETTERS), LETTERS[i % len(LETTERS)]) for i in range(n)]


async def run(count: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        async with running_world(Path(tmp)) as world:
            await world.control.set_chats_per_day(None)
            admin = world.people[world.config.school.admins[0]]
            for number, name in enumerate(classes(count)):
                curator = await world.person("Куратор", f"Номер{number}", user_id=5000 + number)
                await world.control.allow_messages(curator.id)
                await world.dm(admin, f"добавить класс {name}")
                await world.dm(admin, f"назначить куратора {name} [id{curator.id}|К]")
            since = await world.mark()
            await world.control.write_dm(admin.id, "чаты всем классам")
            action = await world.control.wait_action(
                "messages.send", since=since, peer_ids=str(admin.id)
            )
            go = json.loads(
                json.loads(action["params"]["keyboard"])["buttons"][0][0]["action"]["payload"]
            )
            cmid = action["response"][0]["conversation_message_id"]
            before = await world.control.stats()
            since = await world.mark()
            started = time.perf_counter()
            await world.control.press_button(admin.id, admin.id, cmid, go)
            progress = 0
            while True:  # «Создано 10 из 60…» on the way, «Готово…» at the end
                action = await world.control.wait_action(
                    "messages.send", since=since, timeout=60, peer_ids=str(admin.id)
                )
                since = action["seq"]
                text = action["params"].get("message", "")
                progress += text.startswith("Создано")
                if text.startswith("Готово"):
                    break
            elapsed = time.perf_counter() - started
            after = await world.control.stats()
            return {
                "classes": count,
                "chats": len(world.sandbox.world.chats),
                "seconds": round(elapsed, 1),
                "vk_calls": after["calls"] - before["calls"],
                "max_calls_in_any_second": after["max_calls_in_any_second"],
                "rate_limited": after["rate_limited"],
                "progress_notes": progress,
            }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--classes", type=int, default=30)
    args = parser.parse_args(argv)
    result = asyncio.run(run(args.classes))
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
