"""Pictures of the real messages of an onboarding run (bench/onboarding.py), for docs/onboarding.md.

Each picture is one message as the bot sent it through the sandbox: its text, word for word, in
a bubble, with its buttons under it. Drawn with Pillow and the DejaVu font the bot prints with.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH = 760
PAD = 24
BUBBLE_PAD = 16
LINE = 26
MAX_LINES = 60  # a longer message is cut with a note that says how much is left out
BG, BUBBLE, TEXT, MUTED = "#edeef0", "#ffffff", "#222222", "#818c99"
BUTTON, BUTTON_TEXT = "#e5ebf1", "#2a5885"


SYSTEM_FONTS = Path("/usr/share/fonts/truetype/dejavu")
# Signs the font has no glyph for are drawn as the nearest one it has; others are left out.
SUBSTITUTES = {"✅": "✔"}


def _font(bold: bool = False, size: int = 17) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    if (SYSTEM_FONTS / name).exists():  # the full font: ⚠ ✔ ✖; the bot's copy is cut to letters
        return ImageFont.truetype(str(SYSTEM_FONTS / name), size)
    with resources.as_file(resources.files("bot.printing").joinpath("fonts", name)) as path:
        return ImageFont.truetype(str(path), size)


def _drawable(text: str, font: ImageFont.FreeTypeFont) -> str:
    def mask(ch: str) -> tuple:
        m = font.getmask(ch)
        return m.size, bytes(m)

    missing = mask("\U0010fffd")
    out = []
    for ch in text:
        ch = SUBSTITUTES.get(ch, ch)
        if ch.isspace() or ord(ch) < 0x2000 or mask(ch) != missing:
            out.append(ch)
    return "".join(out).replace("\ufe0f", "")


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines = []
    for paragraph in text.split("\n"):
        words, line = paragraph.split(" "), ""
        for word in words:
            candidate = f"{line} {word}" if line else word
            if font.getlength(candidate) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            while font.getlength(word) > width:  # a long link: cut it where it no longer fits
                cut = len(word)
                while font.getlength(word[:cut]) > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return lines


def draw(title: str, text: str, buttons: list[list[str]], path: Path) -> Path:
    font, bold = _font(), _font(bold=True, size=15)
    inner = WIDTH - 2 * PAD - 2 * BUBBLE_PAD
    lines = _wrap(_drawable(text, font), font, inner)
    if len(lines) > MAX_LINES:
        left = len(lines) - MAX_LINES
        lines = [*lines[:MAX_LINES], f"[…ещё строк сообщения: {left}]"]
    bubble_h = 2 * BUBBLE_PAD + LINE * len(lines)
    buttons_h = sum(44 + 8 for _ in buttons)
    height = PAD + 28 + bubble_h + (8 + buttons_h if buttons else 0) + PAD
    image = Image.new("RGB", (WIDTH, height), BG)
    pen = ImageDraw.Draw(image)
    pen.text((PAD, PAD), f"Школьный бот · {title}", font=bold, fill=MUTED)
    top = PAD + 28
    pen.rounded_rectangle((PAD, top, WIDTH - PAD, top + bubble_h), radius=14, fill=BUBBLE)
    for i, line in enumerate(lines):
        pen.text((PAD + BUBBLE_PAD, top + BUBBLE_PAD + i * LINE), line, font=font, fill=TEXT)
    y = top + bubble_h + 8
    for row in buttons:
        gap = 8
        w = (WIDTH - 2 * PAD - gap * (len(row) - 1)) / len(row)
        for j, label in enumerate(row):
            x = PAD + j * (w + gap)
            pen.rounded_rectangle((x, y, x + w, y + 44), radius=10, fill=BUTTON)
            shown = label if font.getlength(label) < w - 16 else label[:40] + "…"
            tw = font.getlength(shown)
            pen.text((x + (w - tw) / 2, y + 12), shown, font=font, fill=BUTTON_TEXT)
        y += 44 + gap
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, optimize=True)
    return path


def draw_all(shots: dict, folder: Path) -> list[Path]:
    """One PNG per captured message, named by its key (`bench.onboarding.Shot`)."""
    return [
        draw(shot.title, shot.text, shot.buttons, folder / f"{key}.png")
        for key, shot in sorted(shots.items(), key=lambda kv: int(kv[0].split("-")[0]))
    ]
