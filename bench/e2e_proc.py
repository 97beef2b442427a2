"""The bot under test as a child process: start, ask for counts, read its CPU and memory."""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Usage:
    cpu_s: float  # user + system
    rss_mb: float
    peak_rss_mb: float


def usage(pid: int) -> Usage:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    cpu = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime
    status = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
    )
    return Usage(cpu, _kb(status["VmRSS"]) / 1024, _kb(status["VmHWM"]) / 1024)


def _kb(value: str) -> int:
    return int(value.split()[0])


class BotProcess:
    def __init__(self, proc: asyncio.subprocess.Process, startup: dict[str, Any], wall: float):
        self.proc = proc
        self.startup_s = float(startup["startup_s"])
        self.wall_startup_s = wall  # from fork to listening, the interpreter's own start included

    @classmethod
    async def start(
        cls,
        kind: str,
        api_url: str,
        *,
        db: Path | None = None,
        rps: int = 20,
        profile: Path | None = None,
        log: Path | None = None,
    ) -> BotProcess:
        args = [sys.executable, "-m", "bench.e2e_bot", kind, "--api-url", api_url,
                "--rps", str(rps)]  # fmt: skip
        if db is not None:
            args += ["--db", str(db)]
        if profile is not None:
            args += ["--profile", str(profile)]
        began = time.perf_counter()
        stderr = log.open("ab") if log is not None else None
        try:
            proc = await asyncio.create_subprocess_exec(
                *args, cwd=ROOT, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
                stderr=stderr or asyncio.subprocess.DEVNULL,
            )  # fmt: skip
        finally:
            if stderr is not None:
                stderr.close()  # the child holds its own copy
        line = await asyncio.wait_for(proc.stdout.readline(), 120)  # type: ignore[union-attr]
        if not line:
            raise RuntimeError(f"the {kind} bot did not start (see {log})")
        return cls(proc, json.loads(line), time.perf_counter() - began)

    @property
    def pid(self) -> int:
        return self.proc.pid

    def usage(self) -> Usage:
        return usage(self.pid)

    async def stats(self) -> dict[str, Any]:
        return await self._ask("stats")

    async def _ask(self, command: str) -> dict[str, Any]:
        self.proc.stdin.write(command.encode() + b"\n")  # type: ignore[union-attr]
        await self.proc.stdin.drain()  # type: ignore[union-attr]
        line = await asyncio.wait_for(self.proc.stdout.readline(), 60)  # type: ignore[union-attr]
        return json.loads(line)

    async def wait_processed(self, target: int, *, within: float) -> dict[str, Any]:
        """Polls until the bot has finished `target` events in all (or the timeout passes)."""
        deadline = time.monotonic() + within
        while True:
            stats = await self.stats()
            if stats["processed"] >= target or time.monotonic() > deadline:
                return stats
            await asyncio.sleep(0.05)

    async def stop(self) -> dict[str, Any]:
        final = await self._ask("stop")
        await asyncio.wait_for(self.proc.wait(), 30)
        return final
