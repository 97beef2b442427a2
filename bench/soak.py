"""Soak: the real `schoolbot run` process against the sandbox for a set time, with a steady mix
of chat talk, rule breaking, commands and joins. Reports the bot process's memory over time
(it must stay flat), errors in its log, and actions lost (must be 0).

    .venv/bin/python -m bench.soak [--minutes 10] [--rate 4]

The school is prepared in this process first (roster, staff, chats); then the bot runs as its
own process, so the memory measured is the bot's alone (the sandbox keeps every message, and
lives here).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.domain.chats import ChatKind
from tests.e2e.moderation_setup import register
from tests.e2e.school_setup import set_up_school
from tests.reliability.process import (
    ADMIN,
    TOKEN,
    BotProcess,
    integrity,
    read_config,
    setup_world,
    write_config,
)
from vksandbox import Sandbox, SandboxClient

OBSCENE = "ну это п.и.з.д.е.ц какой-то"
TALK = ["Добрый вечер!", "Завтра контрольная по математике?", "Спасибо, Ольга Николаевна", "👍"]
# Of every nine ticks: three talk, two break a rule, three are commands, one is a join.
PATTERN = [
    "talk",
    "violation",
    "command",
    "talk",
    "violation",
    "command",
    "talk",
    "join",
    "command",
]


@dataclass
class Tally:
    talk: int = 0
    violations: list[tuple[int, int]] = field(default_factory=list)  # (peer, cmid)
    commands: dict[int, int] = field(default_factory=dict)  # user -> commands written
    joins: list[int] = field(default_factory=list)


def rss_mib(pid: int) -> float:
    try:
        import psutil

        return psutil.Process(pid).memory_info().rss / 2**20
    except ImportError:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


async def prepare(sandbox: Sandbox, folder: Path, authors: int) -> tuple[Path, int, list[int]]:
    config_path = write_config(folder, sandbox)
    async with setup_world(sandbox, read_config(config_path)) as world:
        school = await set_up_school(world)
        people = [(await world.person("Ученик", f"№{n}")).id for n in range(authors)]
        chat = await world.control.create_chat(
            "5А · ученики", member_ids=[school.curator.id, *people], owner_id=school.curator.id
        )
        await register(world, chat, ChatKind.PUPILS, "5А · ученики")
        await world.app.services.messenger.invite_link(chat)  # the link newcomers will use
    return config_path, chat, people


async def drive(control: SandboxClient, chat: int, authors: list[int], seconds: float,
                rate: float, pid: int) -> tuple[Tally, list[tuple[float, float]]]:  # fmt: skip
    tally, memory = Tally(), []
    askers = [await control.create_user("Родитель", f"№{n}") for n in range(20)]
    started = time.monotonic()
    tick = 0
    next_sample = started
    while (now := time.monotonic()) - started < seconds:
        if now >= next_sample:
            memory.append((now - started, rss_mib(pid)))
            next_sample += max(5.0, seconds / 24)
        kind = PATTERN[tick % len(PATTERN)]
        if kind == "talk":
            await control.write_chat(authors[tick % len(authors)], chat, TALK[tick % len(TALK)])
            tally.talk += 1
        elif kind == "violation":
            author = authors[len(tally.violations) % len(authors)]
            cmid = await control.write_chat(author, chat, OBSCENE)
            tally.violations.append((chat, cmid))
        elif kind == "command":
            asker = askers[tick % len(askers)]
            await control.write_dm(asker, "помощь")
            tally.commands[asker] = tally.commands.get(asker, 0) + 1
        else:
            newcomer = await control.create_user("Гость", f"№{tick}")
            await control.join_by_link(newcomer, (await control.chat(chat))["invite_link"])
            tally.joins.append(newcomer)
        tick += 1
        await asyncio.sleep(max(0.0, started + tick / rate - time.monotonic()))
    memory.append((time.monotonic() - started, rss_mib(pid)))
    return tally, memory


async def lost(control: SandboxClient, chat: int, tally: Tally) -> dict[str, int]:
    messages = {m["conversation_message_id"]: m for m in await control.messages(chat)}
    not_deleted = sum(1 for _, cmid in tally.violations if not messages[cmid]["deleted"])
    unanswered = 0
    for asker, count in tally.commands.items():
        answers = [m for m in await control.messages(asker) if m["from_id"] < 0]
        unanswered += abs(count - len(answers))  # too few is lost, too many is sent twice
    members = set((await control.chat(chat))["members"])
    let_in = sum(1 for uid in tally.joins if uid in members)
    return {"violations": not_deleted, "commands": unanswered, "joins": let_in}


async def soak(seconds: float, rate: float) -> int:
    with tempfile.TemporaryDirectory(prefix="schoolbot-soak-") as tmp:
        folder = Path(tmp)
        async with Sandbox(group_id=1, screen_name="school1", token=TOKEN, rps_limit=20) as sb:
            async with SandboxClient(sb.url) as control:
                await control.create_user("Администратор", "1", user_id=ADMIN)
                authors = int(seconds * rate / 3) + 10
                config_path, chat, people = await prepare(sb, folder, authors)
                process = BotProcess(folder, config_path, level="WARNING")
                await process.start()
                assert process.process is not None
                try:
                    tally, memory = await drive(
                        control, chat, people, seconds, rate, process.process.pid
                    )
                    await asyncio.sleep(10)  # let the last actions land
                    missing = await lost(control, chat, tally)
                    stats = await control.stats()
                finally:
                    code, stop_seconds = await process.terminate()
                log = process.output()
                ok = integrity(folder / "data" / "bot.sqlite3")
    report(seconds, rate, tally, memory, missing, stats, log, code, stop_seconds, ok)
    return 0 if not any(missing.values()) and code == 0 and ok == "ok" else 1


def report(seconds, rate, tally, memory, missing, stats, log, code, stop_seconds, ok) -> None:
    errors = sum(1 for line in log.splitlines() if " ERROR " in line or "Traceback" in line)
    print(f"Soak: {seconds / 60:.1f} min at {rate:g} events/s against the sandbox")
    print(f"  talk {tally.talk}, violations {len(tally.violations)}, "
          f"commands {sum(tally.commands.values())}, joins {len(tally.joins)}")  # fmt: skip
    print("  bot memory (RSS, MiB) over time:")
    for at, mib in memory:
        print(f"    {at:7.1f} s  {mib:7.1f}")
    first, last = memory[0][1], memory[-1][1]
    settled = memory[len(memory) // 3][1] if len(memory) > 3 else first
    print(f"  RSS start {first:.1f} MiB, at one third {settled:.1f} MiB, end {last:.1f} MiB "
          f"(growth after warm-up {last - settled:+.1f} MiB)")  # fmt: skip
    print(f"  VK calls {stats['calls']}, rate-limited {stats['rate_limited']}, "
          f"peak per second {stats['max_calls_in_any_second']}")  # fmt: skip
    print(f"  errors in the bot's log: {errors}")
    print(f"  lost: violations not acted on {missing['violations']}, commands unanswered or "
          f"answered twice {missing['commands']}, uninvited joins left in {missing['joins']}")  # fmt: skip
    print(f"  SIGTERM stop: exit {code} in {stop_seconds:.1f} s; integrity_check: {ok}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="schoolbot soak test against the sandbox")
    parser.add_argument("--minutes", type=float, default=1.0)
    parser.add_argument("--rate", type=float, default=4.0, help="events per second")
    args = parser.parse_args(argv)
    return asyncio.run(soak(args.minutes * 60, args.rate))


if __name__ == "__main__":
    sys.exit(main())
