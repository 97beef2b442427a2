"""Shared fixtures: a whole world (VK sandbox + the real bot) on loopback, per test."""

from __future__ import annotations

import pytest

from bot.demo.world import ManualClock, a_school_morning, running_world


@pytest.fixture
def clock():
    # A Tuesday morning: quiet hours (evenings, weekends) must not depend on when tests run.
    return ManualClock(a_school_morning())


@pytest.fixture
async def world(tmp_path, monkeypatch, clock):
    # vkbottle writes state into the working folder; keep each test's to itself.
    monkeypatch.chdir(tmp_path)
    async with running_world(tmp_path, clock=clock) as world:
        yield world
