"""The bot under test, in its own process so that its CPU and memory are its own.

    python -m bench.e2e_bot full --api-url URL --db PATH [--rps N] [--profile FILE]
    python -m bench.e2e_bot bare --api-url URL

`full` is the real schoolbot (App.create, the same as `schoolbot run`, logging at INFO);
`bare` is a bare vkbottle bot with one handler that answers every message. Both count the
events they have finished handling. The driver talks over stdin/stdout, one JSON line each:
after start-up the process prints {"ready": true, "startup_s"}; on "stats" it prints
{"processed", "first_start", "last_done"}; on "stop" it stops, writes the profile and exits.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import sys
import time
from pathlib import Path
from typing import Any

STARTED = time.perf_counter()


class Counter:
    def __init__(self) -> None:
        self.processed = 0
        self.first_start: float | None = None
        self.last_done: float | None = None

    def wrap(self, target: Any) -> None:
        """Counts every event the framework finishes, whatever its handlers did with it."""
        original = target.process_event

        async def counted(*args: Any, **kwargs: Any) -> Any:
            if self.first_start is None:
                self.first_start = time.time()
            try:
                return await original(*args, **kwargs)
            finally:
                self.processed += 1
                self.last_done = time.time()

        target.process_event = counted

    def stats(self) -> dict[str, Any]:
        return {
            "processed": self.processed,
            "first_start": self.first_start,
            "last_done": self.last_done,
        }


async def start_full(args: argparse.Namespace, counter: Counter) -> Any:
    from bot.app import App
    from bot.logs import setup_logging
    from bot.runner import settle_memory
    from bot.sandbox_mode import SANDBOX_TOKEN, embedded_config

    setup_logging("INFO", [SANDBOX_TOKEN])
    config = embedded_config(Path(args.db))
    # model_copy skips validation: the benchmark may lift VK's 20 rps to measure the bot itself.
    vk = config.vk.model_copy(
        update={"api_url": args.api_url, "requests_per_second": args.rps, "long_poll_wait": 25}
    )
    config = config.model_copy(update={"vk": vk})
    app = await App.create(config, token=SANDBOX_TOKEN)
    counter.wrap(app.bot)
    await app.start()
    settle_memory()  # as `schoolbot run` does
    return app.stop


async def start_bare(args: argparse.Namespace, counter: Counter) -> Any:
    from vkbottle import API, Bot
    from vkbottle.bot import Message
    from vkbottle.http import AiohttpClient
    from vkbottle.polling import BotPolling

    api = API("sandbox-token", http_client=AiohttpClient())
    api.API_URL = args.api_url
    ready = asyncio.Event()

    class Polling(BotPolling):
        async def get_server(self) -> dict:
            server = await super().get_server()
            ready.set()
            return server

    bot = Bot(api=api, polling=Polling(api, group_id=1))

    @bot.on.message()
    async def answer(message: Message) -> None:
        await message.answer(str(message.conversation_message_id))

    counter.wrap(bot)
    task = asyncio.create_task(bot.run_polling())
    await ready.wait()

    async def stop() -> None:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await api.http_client.close()

    return stop


async def main_async(args: argparse.Namespace) -> None:
    counter = Counter()
    profiler = cProfile.Profile() if args.profile else None
    if profiler:
        profiler.enable()
    starter = start_full if args.kind == "full" else start_bare
    stop = await starter(args, counter)
    say({"ready": True, "startup_s": time.perf_counter() - STARTED})
    loop = asyncio.get_running_loop()
    while True:
        line = await loop.run_in_executor(None, sys.stdin.readline)
        command = line.strip()
        if command == "stats":
            say(counter.stats())
        elif command in ("stop", ""):
            break
    await stop()
    if profiler:
        profiler.disable()
        profiler.dump_stats(args.profile)
    say({"stopped": True, **counter.stats()})


def say(data: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(data) + "\n")
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.e2e_bot")
    parser.add_argument("kind", choices=("full", "bare"))
    parser.add_argument("--api-url", required=True)
    parser.add_argument("--db", default="bench-e2e.sqlite3")
    parser.add_argument("--rps", type=int, default=20)
    parser.add_argument("--profile", default=None)
    asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    main()
