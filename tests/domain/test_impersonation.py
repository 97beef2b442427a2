"""Names that pose as the school's staff."""

from __future__ import annotations

import pytest

from bot.domain.impersonation import StaffMember, fold_name, poses_as_staff

CURATOR = StaffMember(3001, "Смирнова Ольга Николаевна")
STAFF = [CURATOR, StaffMember(3100, "Ирина Директорова")]


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("Директор Школы", "директор"),
        ("Дирeктор Школы", "директор"),  # a Latin «e»
        ("ДИРЕКТОР", "директор"),
        ("Зав\u200bуч Петрова", "завуч"),  # a zero-width space inside
        ("Классный руководитель", "классный руководитель"),
        ("Марина (кл. рук.)", "кл рук"),
        ("Учитель Математики", "учитель"),
        ("Администрация школы", "администрация"),
    ],
)
def test_titles(name: str, title: str) -> None:
    pose = poses_as_staff(name, STAFF)
    assert pose is not None and pose.title == title


@pytest.mark.parametrize(
    "name",
    [
        "Ольга Николаевна (кл. рук.)",
        "Ольга Николаевна",
        "Oльгa Hикoлaeвнa",  # Latin look-alikes
        "Смирнова Ольга",
    ],
)
def test_a_staff_members_name(name: str) -> None:
    pose = poses_as_staff(name, STAFF)
    assert pose is not None and pose.member == CURATOR


@pytest.mark.parametrize(
    "name",
    [
        "Ирина Директорова",  # a surname, not a title
        "Павел Завучев",
        "Светлана Учителева",
        "Ольга Петрова",  # one word of a name is not the name
        "Елена Иванова",
        "",
        "🙂",
    ],
)
def test_ordinary_names(name: str) -> None:
    pose = poses_as_staff(name, [CURATOR])
    assert pose is None


def test_fold_name() -> None:
    assert fold_name("  Дирeктор,  ШКОЛЫ!! ") == "директор школы"
