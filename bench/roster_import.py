"""What a roster import costs, and what it does to the rest of the school meanwhile.

    python -m bench.roster_import [--sizes 1000 2500 5000 10000] [--people 5000] [--rate 20]

1. **Cost**: the real import (`RosterService.import_file`, as `schoolbot roster import` runs it)
   into a fresh database, then the same file again (nothing changes: every person is compared),
   with VK ids in the file and without them (the harder case: people are told apart by name).
2. **The school meanwhile**: the VK sandbox in this process, the real bot in its own
   (`bench/e2e_bot.py`), a school of 200 people with 20 chats. Members break the rules and ask
   `/кто я` at `--rate` messages a second; first with nothing else going on, then while an
   administrator's DM carries a `--people` roster (until its report comes). Latency = from a
   message's event to the bot's first action about it (the deletion, or the answer), as the
   sandbox saw them. VK's request limit is lifted by default (`--rps`), as in bench/e2e.py.

Figures and how they were taken: docs/performance.md, «Roster import».
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.e2e_proc import BotProcess
from bench.e2e_school import class_names, load_school, roster_csv
from bench.e2e_traffic import Fed, Mix, Traffic, latencies, percentiles
from bot.offline import COMMAND_LINE, OfflineServices
from bot.sandbox_mode import SANDBOX_ADMIN_ID, embedded_config
from bot.storage.db import Database
from vksandbox import Sandbox, SandboxClient, simulate

FINAL = ("Списки загружены", "Списки уже такие", "Файл не загружен")


def school_file(people: int, *, with_vk: bool = True, shift: int = 0) -> bytes:
    """`people` people: pupils and one mother each, 50 classes (fewer for a small file)."""
    classes = min(50, max(1, people // 100))
    data = roster_csv(class_names(classes), people // (2 * classes)).decode()
    if shift:  # other VK ids than the school already loaded
        data = re.sub(r";([12])(\d{7});", lambda m: f";{int(m.group(0)[1:-1]) + shift};", data)
    if not with_vk:
        data = re.sub(r";\d{8};", ";;", data)
    return data.encode()


async def cost(people: int, *, with_vk: bool) -> dict[str, Any]:
    data = school_file(people, with_vk=with_vk)
    with tempfile.TemporaryDirectory() as tmp:
        config = embedded_config(Path(tmp) / "school.sqlite3")
        db = await Database.open(config.storage.path)
        try:
            roster = OfflineServices(config, db).roster
            times = []
            for _ in range(2):
                began = time.perf_counter()
                result = await roster.import_file(COMMAND_LINE, data)
                times.append(time.perf_counter() - began)
        finally:
            await db.close()
    return {
        "people": people,
        "vk": with_vk,
        "bytes": len(data),
        "first_s": round(times[0], 3),
        "again_s": round(times[1], 3),
        "result": type(result).__name__,
    }


def xlsx_readers(people: int) -> dict[str, Any]:
    """The same sheet read by python-calamine (what the bot uses) and by openpyxl (read-only)."""
    import io

    from openpyxl import Workbook, load_workbook
    from python_calamine import CalamineWorkbook

    book = Workbook()
    sheet = book.active
    for line in school_file(people).decode().splitlines():
        sheet.append([int(c) if c.isdigit() else c for c in line.split(";")])
    buf = io.BytesIO()
    book.save(buf)
    data = buf.getvalue()
    began = time.perf_counter()
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    calamine = time.perf_counter() - began
    began = time.perf_counter()
    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    same = [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
    openpyxl = time.perf_counter() - began
    assert len(rows) == len(same)
    return {"rows": len(rows), "bytes": len(data), "calamine_s": round(calamine, 3),
            "openpyxl_s": round(openpyxl, 3)}  # fmt: skip


async def during(opts: argparse.Namespace) -> dict[str, Any]:
    workdir = Path(tempfile.mkdtemp(prefix="roster-bench-"))
    async with Sandbox(group_id=1, rps_limit=opts.rps) as sb, SandboxClient(sb.url) as control:
        config = embedded_config(workdir / "school.sqlite3")
        chats = await load_school(config, sb.world, classes=10, pupils=10)
        data = school_file(opts.people, with_vk=not opts.no_vk, shift=30_000_000)
        if opts.again:  # the file is already in: the DM's import compares every person
            db = await Database.open(config.storage.path)
            try:
                await OfflineServices(config, db).roster.import_file(COMMAND_LINE, data)
            finally:
                await db.close()
        simulate.create_user(sb.world, "Администратор", "1", user_id=SANDBOX_ADMIN_ID)
        bot = await BotProcess.start(
            "full", sb.api_url, db=config.storage.path, rps=opts.rps, log=workdir / "bot.log"
        )
        try:
            traffic = Traffic(chats, chat_count=20, mix=Mix(violations=0.5, commands=0.5))
            quiet = await _measure(sb, control, traffic, opts.rate, until=_after(opts.seconds))
            seq0 = len(sb.actions.items)
            began = time.time()
            await control.write_dm(
                SANDBOX_ADMIN_ID,
                "",
                attachments=[
                    {
                        "type": "doc",
                        "title": "school.csv",
                        "content_b64": base64.b64encode(data).decode(),
                    }
                ],
            )
            loaded = await _measure(
                sb, control, traffic, opts.rate, until=lambda: _final(sb, seq0) is not None
            )
            final = _final(sb, seq0)
        finally:
            await bot.stop()
    report = (final or {}).get("params", {}).get("message", "")
    return {
        "quiet": quiet,
        "import": loaded,
        "import_s": round(final["time"] - began, 2) if final else None,
        "report": report.split("\n", 1)[0],
        "workdir": str(workdir),
    }


def _after(seconds: float):
    end = time.monotonic() + seconds
    return lambda: time.monotonic() > end


def _final(sb: Sandbox, seq0: int) -> dict[str, Any] | None:
    for action in sb.actions.items[seq0:]:
        params = action["params"]
        if (
            action["method"] == "messages.send"
            and params.get("peer_ids") == str(SANDBOX_ADMIN_ID)
            and params.get("message", "").startswith(FINAL)
        ):
            return action
    return None


async def _measure(sb, control, traffic: Traffic, rate: float, *, until) -> dict[str, Any]:
    ts0 = sb.world.events.next_ts
    seq0 = len(sb.actions.items)
    fed = Fed()
    while not until():
        batch = [traffic.message()]
        fed.record(batch, await control.write_chat_many(batch))
        await asyncio.sleep(1 / rate)
    await asyncio.sleep(2.0)  # the last messages' answers
    lat = latencies(sb, fed, ts0=ts0, seq0=seq0)
    return {
        "messages": fed.sent,
        "acted_on": len(lat),
        **{k: round(v, 3) if v is not None else None for k, v in percentiles(lat).items()},
        "max": round(max(lat), 3) if lat else None,
    }


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.roster_import", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    p.add_argument("--sizes", type=int, nargs="+", default=[1000, 2500, 5000, 10000])
    p.add_argument("--people", type=int, default=5000, help="the roster imported meanwhile")
    p.add_argument("--rate", type=float, default=50.0, help="chat messages a second meanwhile")
    p.add_argument("--seconds", type=float, default=5.0, help="the quiet phase")
    # VK's 20 a second is lifted (as in bench/e2e.py) so that the figures are the bot's own
    # waits, not the queue at the limit; `--rps 20` puts it back.
    p.add_argument("--rps", type=int, default=1000, help="VK requests a second")
    p.add_argument("--no-vk", action="store_true", help="the roster without VK ids")
    p.add_argument("--again", action="store_true", help="the roster is already loaded once")
    p.add_argument("--skip-cost", action="store_true")
    p.add_argument("--skip-during", action="store_true")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    opts = parse_args(sys.argv[1:] if argv is None else argv)
    if not opts.skip_cost:
        print("cost of one import (wall seconds; `again` = the same file a second time)")
        for with_vk in (True, False):
            for people in opts.sizes:
                print(" ", asyncio.run(cost(people, with_vk=with_vk)), flush=True)
        print("reading an XLSX sheet", xlsx_readers(5000), flush=True)
    if not opts.skip_during:
        print("the school while a roster is imported in a DM")
        found = asyncio.run(during(opts))
        for key, value in found.items():
            print(f"  {key}: {value}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
