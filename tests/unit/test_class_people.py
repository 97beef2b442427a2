"""`класс 5А`: how many people of each kind the class has, each counted once."""

from bot.domain.classes import ClassName
from bot.domain.people import Person, Role, RoleGrant
from bot.texts.school import class_people

C5A = ClassName(5, "А")
PETYA, MASHA, OLYA = (
    Person(1, 1001, "Иванов Пётр"),
    Person(2, None, "Иванова Мария"),
    Person(3, None, "Орлова Ольга"),
)
PUPILS = {p.id: p.full_name for p in (PETYA, MASHA, OLYA)}


def pupil(p: Person) -> tuple[Person, RoleGrant]:
    return p, RoleGrant(Role.PUPIL, C5A)


def parent(p: Person, child: Person) -> tuple[Person, RoleGrant]:
    return p, RoleGrant(Role.PARENT, pupil_id=child.id)


def test_a_parent_of_two_pupils_is_one_parent():
    mother = Person(10, 2001, "Иванова Елена")
    text = class_people(
        "5А", [pupil(PETYA), pupil(MASHA), parent(mother, PETYA), parent(mother, MASHA)], PUPILS
    )
    assert "Родители (1):" in text
    assert "• Иванова Елена — родитель: Иванов Пётр, Иванова Мария" in text
    assert "Ученики (2):" in text and "• Иванова Мария (нет VK)" in text


def test_two_people_with_one_name_are_two_parents():
    one, two = Person(10, None, "Орлова Анна"), Person(11, None, "Орлова Анна")
    text = class_people("5А", [pupil(OLYA), parent(one, OLYA), parent(two, OLYA)], PUPILS)
    assert "Родители (2):" in text
    assert text.count("• Орлова Анна (нет VK) — родитель: Орлова Ольга") == 2


def test_one_person_in_two_roles_is_in_both_lists_once_each():
    teacher = Person(20, 3001, "Ольга Николаевна")
    members = [
        (teacher, RoleGrant(Role.CURATOR, C5A)),
        (teacher, RoleGrant(Role.TEACHER, C5A, "математика")),
        (teacher, RoleGrant(Role.TEACHER, C5A, "физика")),
        pupil(OLYA),
        parent(teacher, OLYA),
    ]
    text = class_people("5А", members, PUPILS)
    assert "Куратор класса (1):" in text and "Учителя (1):" in text
    assert "• Ольга Николаевна — математика, физика" in text
    assert "Родители (1):\n• Ольга Николаевна — родитель: Орлова Ольга" in text


def test_an_empty_class_says_how_to_fill_it():
    assert "Загрузите списки" in class_people("5А", [], {})
