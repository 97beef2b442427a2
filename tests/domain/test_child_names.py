"""Which pupil a parent means: case, ё, order, short names and «мама Пети» do not matter."""

import pytest

from bot.domain.child_names import NamedPupil, find_pupils, same_person

CLASS = [
    NamedPupil(1, "Иванов Пётр Сергеевич"),
    NamedPupil(2, "Иванова Мария Сергеевна"),
    NamedPupil(3, "Смирнов Артём Андреевич"),
    NamedPupil(4, "Кузнецова Алиса"),
    NamedPupil(5, "Попов Никита Олегович"),
]


def named(text: str) -> list[int]:
    return [p.id for p in find_pupils(text, CLASS)]


@pytest.mark.parametrize(
    ("text", "pupil"),
    [
        ("Иванов Пётр", 1),
        ("иванов петр", 1),
        ("Петя Иванов", 1),
        ("Иванов Петя", 1),
        ("ИВАНОВ ПЁТР СЕРГЕЕВИЧ", 1),
        ("Я мама Иванова Петра", 1),
        ("мама Пети Иванова, 5А", 1),
        ("Иваноф Петр", 1),  # one slip
        ("Иванова Маша", 2),
        ("папа Ивановой Маши", 2),
        ("Смирнов Тёма", 3),
        ("Алиса Кузнецова", 4),
        ("мама Кузнецовой Алисы", 4),
        ("Попова Никиты", 5),
    ],
)
def test_a_pupil_is_found(text, pupil):
    assert named(text) == [pupil]


@pytest.mark.parametrize(
    "text",
    [
        "Иванов",  # a surname alone
        "Петя",
        "Иванов Пётр Андреевич",  # another patronymic: another child
        "Сидоров Петя",
        "Иванов Пётр и ещё кто-то",
        "2 марта; 3 марта",
        "",
    ],
)
def test_nobody_is_found(text):
    assert named(text) == []


def test_namesakes_are_all_found():
    twins = [NamedPupil(1, "Иванов Пётр Сергеевич"), NamedPupil(2, "Иванов Пётр Андреевич")]
    assert len(find_pupils("Иванов Пётр", twins)) == 2
    assert [p.id for p in find_pupils("Иванов Пётр Андреевич", twins)] == [2]


def test_same_person():
    assert same_person("Мария Иванова", "Иванова Мария Сергеевна")
    assert same_person("Андрей Смирнов", "Смирнов Андрей Павлович")
    assert not same_person("Елена Иванова", "Иванова Мария Сергеевна")
    assert not same_person("id123", "Иванова Мария Сергеевна")
