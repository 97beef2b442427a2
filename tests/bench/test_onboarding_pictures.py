"""The onboarding pictures keep every word of the bot's message and its buttons."""

from __future__ import annotations

from PIL import Image

from bench.onboarding_pictures import WIDTH, _drawable, _font, _wrap, draw


def test_wrapping_keeps_every_word_and_fits_the_bubble():
    font = _font()
    text = (
        "Общая ссылка в чат «1Б · родители»: https://vk.me/school1?ref=A5R2NUMMGK9A5R2NUMMGK9"
        "A5R2NUMMGK9A5R2NUMMGK9A5R2NUMMGK9\nДействует до 22.12.2026.\n\n" + "слово " * 80
    )
    lines = _wrap(text, font, 500)
    assert all(font.getlength(line) <= 500 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "").replace("\n", "")
    assert "" in lines  # the empty line between paragraphs stays


def test_signs_the_font_lacks_are_replaced_and_the_picture_has_the_buttons(tmp_path):
    font = _font()
    # ✔ where the font has it (the system's DejaVu), left out where it has not (the bot's copy).
    assert _drawable("есть в списках ✅", font) in ("есть в списках ✔", "есть в списках ")
    path = draw(
        "t", "Запрос №1\nесть в списках ✅", [["Впустить", "Отклонить"]], tmp_path / "a.png"
    )
    with Image.open(path) as image:
        assert image.width == WIDTH
        no_buttons = draw("t", "Запрос №1\nесть в списках ✅", [], tmp_path / "b.png")
        with Image.open(no_buttons) as plain:
            assert image.height > plain.height
