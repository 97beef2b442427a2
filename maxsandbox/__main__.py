"""`python -m maxsandbox --port 8090`: run the MAX sandbox standalone until interrupted."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal

from .server import MaxSandbox


async def _serve(args: argparse.Namespace) -> None:
    sandbox = MaxSandbox(
        args.token,
        bot_username=args.bot_username,
        bot_name=args.bot_name,
        rps_limit=args.rps_limit,
        add_members=args.add_members,
    )
    await sandbox.start(host=args.host, port=args.port)
    print(f"maxsandbox listening on {sandbox.url}", flush=True)
    print(f"API_URL={sandbox.url}  (maxapi: bot.set_api_url(API_URL))", flush=True)
    print(f"token={sandbox.token} bot=@{sandbox.bot_username} id={sandbox.bot_id}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        await sandbox.stop()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m maxsandbox", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8090)
    parser.add_argument("--token", default="max-sandbox-token")
    parser.add_argument("--bot-username", default="id7701234567_bot")
    parser.add_argument("--bot-name", default="Школа №1")
    parser.add_argument("--rps-limit", type=int, default=30)
    parser.add_argument(
        "--add-members", choices=("restricted", "removed", "open"), default="restricted"
    )
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(parser.parse_args()))


if __name__ == "__main__":
    main()
