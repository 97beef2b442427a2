"""`schoolbot demo`: the whole product, scene by scene, against the sandbox."""

from __future__ import annotations

import tempfile
from pathlib import Path

from bot.demo.scenes import SCENES
from bot.demo.transcript import Transcript
from bot.demo.world import ManualClock, a_school_morning, running_world
from bot.texts import demo as texts


async def play(out: Transcript | None = None) -> int:
    out = out or Transcript()
    with tempfile.TemporaryDirectory(prefix="schoolbot-demo-") as tmp:
        # The demo's own clock, so a scene can move time on (a post scheduled for tomorrow).
        async with running_world(Path(tmp), clock=ManualClock(a_school_morning())) as world:
            print(texts.INTRO.format(url=world.sandbox.url))
            try:
                for scene in SCENES:
                    await scene(world, out)
            except TimeoutError as error:
                print(texts.FAILED.format(error=error))
                return 1
    print(texts.DONE)
    return 0
