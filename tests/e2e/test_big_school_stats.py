"""A real school's size: 30 classes. The director's statistics fit one screen, the chart's class
names never overlap, and every class is in the attached table."""

from __future__ import annotations

import base64
import csv
import io

import pytest
from PIL import Image

from bot.printing.chart import WIDTH_PX, height_px
from tests.e2e.school_setup import roster_doc

pytestmark = pytest.mark.e2e

CLASSES = [f"{grade}{letter}" for grade in range(1, 11) for letter in "АБВ"]  # 30 classes


def big_roster() -> bytes:
    """One pupil in every class; half the parents named, so half have joined nothing yet."""
    rows = ["класс;роль;фамилия;имя;отчество;vk;ребёнок"]
    for i, name in enumerate(CLASSES):
        rows.append(f"{name};ученик;Ученик{chr(1040 + i % 32)}ов;Иван;;;")
        rows.append(
            f";родитель;Ученик{chr(1040 + i % 32)}ова;Мария;;;Ученик{chr(1040 + i % 32)}ов Иван"
        )
    return ("\n".join(rows) + "\n").encode("utf-8")


async def test_thirty_classes_fit_one_screen_with_the_details_attached(world):
    admin = world.people[world.config.school.admins[0]]
    director = await world.person("Ирина", "Директорова", user_id=3100)
    answer = await world.dm(admin, "", attachments=[roster_doc(big_roster())])
    assert answer[0].startswith("Списки загружены"), answer
    assert (await world.dm(admin, f"назначить директора [id{director.id}|И]"))[0].startswith(
        "Готово"
    )
    since = await world.mark()
    message = (await world.dm(director, "статистика"))[0]
    lines = message.splitlines()
    assert len(lines) <= 16 and len(message) < 1500, message  # one screen of a phone
    assert lines[0].startswith("Итоги «")
    assert "Где нужна помощь — 30 классов из 30:" in message
    assert sum(line.startswith("• ") for line in lines) == 5
    assert "…и ещё 25 классов." in message
    assert "Подробно по каждому классу — в файле statistika.csv" in message
    await world.control.wait_action("messages.send", since=since + 1, peer_ids=str(director.id))
    await world.quiet(since, 0.5)

    (photo,) = await world.control.sent_photos(director.id)
    image = Image.open(io.BytesIO(base64.b64decode(photo["content_b64"])))
    assert image.size == (WIDTH_PX, height_px(30))
    (table,) = [d for d in await world.control.sent_documents(director.id)
                if d["title"] == "statistika.csv"]  # fmt: skip
    text = base64.b64decode(table["content_b64"]).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][:3] == ["класс", "учеников", "учеников в чатах"]
    assert [r[0] for r in rows[1:-1]] == CLASSES
    assert rows[-1][0] == "вся школа" and rows[-1][1] == "30"
