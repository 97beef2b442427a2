"""`python -m vksandbox --port 8080`: run the sandbox standalone until interrupted."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal

from .server import Sandbox


async def _serve(args: argparse.Namespace) -> None:
    sandbox = Sandbox(group_id=args.group_id, screen_name=args.screen_name,
                      group_name=args.group_name, token=args.token, rps_limit=args.rps_limit)
    await sandbox.start(host=args.host, port=args.port)
    print(f"vksandbox listening on {sandbox.url}", flush=True)
    print(f"API_URL={sandbox.api_url}", flush=True)
    print(f"token={sandbox.token} group_id={sandbox.group_id}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        await sandbox.stop()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m vksandbox", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--group-id", type=int, default=1)
    parser.add_argument("--screen-name", default="school1")
    parser.add_argument("--group-name", default="Школа №1")
    parser.add_argument("--token", default="sandbox-token")
    parser.add_argument("--rps-limit", type=int, default=20)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(parser.parse_args()))


if __name__ == "__main__":
    main()
