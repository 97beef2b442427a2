"""Printing the demo's conversation as a readable transcript."""

from __future__ import annotations

import sys
import textwrap
from typing import TextIO

WIDTH = 100


class Transcript:
    def __init__(self, out: TextIO | None = None) -> None:
        self._out = out or sys.stdout
        self._scenes = 0

    def scene(self, title: str) -> None:
        # Scenes are numbered as they are played, so adding one never renumbers the others' texts.
        self._scenes += 1
        self._out.write(f"\n=== Сцена {self._scenes}. {title} ===\n")

    def note(self, text: str) -> None:
        self._out.write(f"  ({text})\n")

    def line(self, speaker: str, where: str, text: str) -> None:
        head = f"{speaker} [{where}]: "
        body = textwrap.indent(text, " " * 4).lstrip()
        self._out.write(head + body + "\n")

    def flush(self) -> None:
        self._out.flush()
