"""End to end: the real bot against the VK sandbox, measured beside a bare vkbottle bot.

    .venv/bin/python -m bench.e2e            # modest: 50 and 200 msg/s, a burst of 100 deletions
    .venv/bin/python -m bench.e2e --full     # 50/200/1000 msg/s for 10 s, 500 deletions, district
    .venv/bin/python -m bench.e2e --profile  # also cProfile the full bot (bench-e2e-full.prof)

The sandbox and the traffic run in this process; each bot runs in its own, so its CPU and
memory are its own (read from /proc). For throughput and latency VK's 20 requests a second is
lifted in both the sandbox and the bot, to measure the bot itself; the rate-limit phase puts it
back and sends a burst of deletions. Figures go to stdout (and --json FILE); docs/performance.md
explains them.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.e2e_proc import BotProcess
from bench.e2e_school import add_district, load_school
from bench.e2e_traffic import Traffic, burst, feed, latencies, percentiles
from bot.sandbox_mode import SANDBOX_ADMIN_ID, embedded_config
from vksandbox import Sandbox, SandboxClient, simulate

LIFTED_RPS = 100_000
VK_RPS = 20


async def phase(
    sb: Sandbox,
    control: SandboxClient,
    bot: BotProcess,
    traffic: Traffic,
    *,
    rate: float | None,
    seconds: float = 0,
    count: int = 0,
    kind: str | None = None,
) -> dict[str, Any]:
    """Feed at `rate` for `seconds` (or a burst of `count` when rate is None) and measure."""
    ts0, seq0 = sb.world.events.next_ts, len(sb.actions.items)
    before, u0 = await bot.stats(), bot.usage()
    if rate is None:
        fed = await burst(control, traffic, count, kind=kind)
    else:
        fed = await feed(control, traffic, rate=rate, seconds=seconds, kind=kind)
    events = sb.world.events.next_ts - ts0
    after = await bot.wait_processed(before["processed"] + events, within=60 + seconds * 5)
    await asyncio.sleep(0.3)  # the last replies of the last messages
    u1 = bot.usage()
    done = after["processed"] - before["processed"]
    span = max((after["last_done"] or 0) - (fed.first_at or 0), 1e-9)
    lat = latencies(sb, fed, ts0=ts0, seq0=seq0)
    return {
        "rate": rate, "seconds": seconds, "sent": fed.sent, "refused": fed.refused,
        "events": events, "processed": done, "complete": done >= events,
        "throughput": done / span,
        "lag_s": (after["last_done"] or 0) - fed.last_at,
        "cpu_ms_per_msg": (u1.cpu_s - u0.cpu_s) * 1000 / max(done, 1),
        "cpu_share": (u1.cpu_s - u0.cpu_s) / span,
        "rss_mb": u1.rss_mb, "peak_rss_mb": u1.peak_rss_mb,
        "acted_on": len(lat), "latency_ms": {k: v * 1000 if v is not None else None
                                             for k, v in percentiles(lat).items()},
    }  # fmt: skip


async def run_bot(
    kind: str,
    sb: Sandbox,
    control: SandboxClient,
    traffic: Traffic,
    opts: argparse.Namespace,
    workdir: Path,
    db: Path,
) -> dict[str, Any]:
    profile = workdir.parent / "bench-e2e-full.prof" if opts.profile and kind == "full" else None
    bot = await BotProcess.start(kind, sb.api_url, db=db, rps=LIFTED_RPS, profile=profile,
                                 log=workdir / f"{kind}.log")  # fmt: skip
    out: dict[str, Any] = {"startup_s": bot.startup_s, "wall_startup_s": bot.wall_startup_s,
                           "idle_rss_mb": bot.usage().rss_mb, "rates": {}}  # fmt: skip
    try:
        for rate in opts.rates:
            out["rates"][rate] = await phase(sb, control, bot, traffic, rate=rate,
                                             seconds=opts.seconds)  # fmt: skip
            print(f"  {kind:4} {rate:>5} msg/s: {_line(out['rates'][rate])}", flush=True)
        out["saturated"] = await phase(sb, control, bot, traffic, rate=None, count=opts.saturate)
        print(f"  {kind:4} burst {opts.saturate}: {_line(out['saturated'])}", flush=True)
    finally:
        await bot.stop()
    return out


async def rate_limit(
    sb: Sandbox,
    control: SandboxClient,
    traffic: Traffic,
    opts: argparse.Namespace,
    workdir: Path,
    db: Path,
) -> dict[str, Any]:
    """VK's limit back on: a burst of deletions, and how fast the bot's calls drain."""
    sb.limiter.limit = VK_RPS
    bot = await BotProcess.start("full", sb.api_url, db=db, rps=VK_RPS, log=workdir / "rl.log")
    try:
        await asyncio.sleep(1.1)  # start-up calls out of the window
        sb.limiter.reset()
        seq0 = len(sb.actions.items)
        began = time.time()
        result = await phase(sb, control, bot, traffic, rate=None, count=opts.burst,
                             kind="violation")  # fmt: skip
        await asyncio.sleep(1.0)
        calls = sb.actions.items[seq0:]
        deletes = [a for a in calls if a["method"] == "messages.delete"]
        stats = sb.limiter.stats()
        last_delete = max((a["time"] for a in deletes), default=began)
        last_call = max((a["time"] for a in calls), default=began)
        requests = stats["calls"] - stats["rate_limited"]
        result.update(
            deletions=sum(len(a["params"].get("cmids", "").split(",")) for a in deletes),
            delete_calls=len(deletes), requests=requests, **stats,
            all_deleted_s=last_delete - began, drained_s=last_call - began,
            limit_bound_s=requests / VK_RPS,
            by_method=_count(calls),
        )  # fmt: skip
    finally:
        await bot.stop()
        sb.limiter.limit = LIFTED_RPS
    return result


async def district(
    opts: argparse.Namespace, sb: Sandbox, workdir: Path, school_db: Path
) -> dict[str, Any]:
    db = workdir / "district.sqlite3"
    shutil.copy(school_db, db)
    began = time.perf_counter()
    await add_district(db, schools=opts.schools, classes=opts.classes, pupils=opts.pupils)
    made = time.perf_counter() - began
    bot = await BotProcess.start("full", sb.api_url, db=db, rps=LIFTED_RPS,
                                 log=workdir / "district.log")  # fmt: skip
    try:
        idle = bot.usage()
    finally:
        await bot.stop()
    return {"schools": opts.schools, "people": opts.schools * opts.classes * opts.pupils * 2,
            "generate_s": made, "db_mb": db.stat().st_size / 2**20,
            "startup_s": bot.startup_s, "wall_startup_s": bot.wall_startup_s,
            "idle_rss_mb": idle.rss_mb}  # fmt: skip


async def bench(opts: argparse.Namespace) -> dict[str, Any]:
    workdir = Path(tempfile.mkdtemp(prefix="bench-e2e-"))
    sb = Sandbox(rps_limit=LIFTED_RPS, event_history=5_000_000)
    await sb.start()
    control = SandboxClient(sb.url)
    report: dict[str, Any] = {"options": {k: v for k, v in vars(opts).items()}}
    try:
        simulate.create_user(sb.world, "Администратор", "1", user_id=SANDBOX_ADMIN_ID)
        simulate.allow_messages(sb.world, SANDBOX_ADMIN_ID)
        config = embedded_config(workdir / "school.sqlite3")
        began = time.perf_counter()
        chats = await load_school(config, sb.world, classes=opts.classes, pupils=opts.pupils)
        db = config.storage.path
        report["school"] = {"classes": opts.classes, "chats": len(chats.peers),
                            "people": opts.classes * opts.pupils * 2,
                            "load_s": time.perf_counter() - began,
                            "db_mb": db.stat().st_size / 2**20}  # fmt: skip
        print(f"school: {report['school']}", flush=True)
        snapshot = workdir / "school-fresh.sqlite3"
        shutil.copy(db, snapshot)
        for kind in ("bare", "full"):  # bare first: the full bot changes the chats (removals)
            traffic = Traffic(chats, chat_count=opts.chats)
            report[kind] = await run_bot(kind, sb, control, traffic, opts, workdir, db)
        report["ratio"] = {
            "throughput_full_over_bare": report["full"]["saturated"]["throughput"]
            / report["bare"]["saturated"]["throughput"],
        }
        print(f"ratio: {report['ratio']}", flush=True)
        report["rate_limit"] = await rate_limit(sb, control, Traffic(chats, seed=10), opts,
                                                workdir, db)  # fmt: skip
        print(f"rate limit: {report['rate_limit']}", flush=True)
        if opts.district:
            report["district"] = await district(opts, sb, workdir, snapshot)
            print(f"district: {report['district']}", flush=True)
    finally:
        await control.close()
        await sb.stop()
        if not opts.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    return report


def _line(r: dict[str, Any]) -> str:
    lat = r["latency_ms"]
    fmt = lambda v: "—" if v is None else f"{v:.1f}"  # noqa: E731
    return (f"{r['processed']}/{r['events']} events, {r['throughput']:.0f}/s, "
            f"lag {r['lag_s']:.2f}s, cpu {r['cpu_ms_per_msg']:.2f} ms/msg "
            f"({r['cpu_share']:.0%}), rss {r['rss_mb']:.0f} MB, acted on {r['acted_on']}: "
            f"p50 {fmt(lat['p50'])} p95 {fmt(lat['p95'])} p99 {fmt(lat['p99'])} ms")  # fmt: skip


def _count(calls: list[dict[str, Any]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for call in calls:
        out[call["method"]] = out.get(call["method"], 0) + 1
    return out


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog="python -m bench.e2e",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--full", action="store_true", help="the full run (see the top)")
    p.add_argument("--rates", type=float, nargs="+", default=None)
    p.add_argument("--seconds", type=float, default=None)
    p.add_argument("--saturate", type=int, default=3000, help="burst for the saturated rate")
    p.add_argument("--burst", type=int, default=None, help="deletions for the rate-limit phase")
    p.add_argument("--classes", type=int, default=60)
    p.add_argument("--pupils", type=int, default=25)
    p.add_argument("--chats", type=int, default=100)
    p.add_argument("--district", action="store_true")
    p.add_argument("--schools", type=int, default=50)
    p.add_argument("--profile", action="store_true")
    p.add_argument("--keep", action="store_true", help="keep the work folder (logs, databases)")
    p.add_argument("--json", type=Path, default=None)
    opts = p.parse_args(argv)
    opts.rates = opts.rates or ([50, 200, 1000] if opts.full else [50, 200])
    opts.seconds = opts.seconds or (10.0 if opts.full else 5.0)
    opts.burst = opts.burst or (500 if opts.full else 100)
    opts.district = opts.district or opts.full
    return opts


def main(argv: list[str] | None = None) -> int:
    opts = parse_args(sys.argv[1:] if argv is None else argv)
    report = asyncio.run(bench(opts))
    if opts.json:
        opts.json.write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
