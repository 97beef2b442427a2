from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.classes import ClassName
from bot.domain.person_ref import ById, ByScreenName
from bot.domain.roster import (
    Column,
    ParentMerge,
    RosterData,
    RosterErrors,
    RosterParent,
    RosterProblem,
    RosterPupil,
    diff_roster,
    parse_roster,
    render_roster_csv,
)
from bot.domain.roster_diff import apply_diff
from bot.texts.commands import render_roster_diff, render_roster_errors

EXAMPLE = Path(__file__).parents[2] / "examples" / "roster.csv"
C5A, C6B = ClassName(5, "А"), ClassName(6, "Б")
P = RosterProblem
HEAD = "класс;роль;фамилия;имя;отчество;vk;ребёнок\n"


def example() -> RosterData:
    data = parse_roster(EXAMPLE.read_bytes())
    assert isinstance(data, RosterData), data
    return data


def test_example_file_parses():
    data = example()
    assert data.classes == (C5A, C6B)
    assert len(data.pupils) == 7 and len(data.parents) == 5
    assert sum(p.vk is None for p in data.pupils) == 3
    mother = next(p for p in data.parents if p.full_name == "Иванова Елена Викторовна")
    assert {data.pupil(k).full_name for k in mother.children} == {
        "Иванов Пётр Сергеевич", "Иванова Мария Сергеевна",
    }  # fmt: skip
    smirnov = next(p for p in data.pupils if p.full_name.startswith("Смирнов"))
    assert smirnov.vk == ByScreenName("artem_smirnov")
    # «Иванов Пётр» is in 5А and 6Б: the class column on the parent's line decides.
    father = next(p for p in data.parents if p.full_name == "Иванов Андрей Иванович")
    assert [data.pupil(k).class_name for k in father.children] == [C6B]
    assert len(data.links) == 6


def test_encodings_and_delimiters_give_the_same_data():
    text = EXAMPLE.read_text(encoding="utf-8")
    data = example()
    assert parse_roster(text) == data
    assert parse_roster(text.encode("cp1251")) == data
    assert parse_roster(text.encode("utf-8-sig")) == data
    assert parse_roster(text.replace("\n", "\r\n").encode("cp1251")) == data
    assert parse_roster(text.replace(";", "\t")) == data
    comma = text.replace(";", ",").replace(" | ", "|")
    assert isinstance(parse_roster(comma), RosterData)


def test_english_headers_and_full_name_column():
    text = (
        "Class,Role,Full name,VK,Children\n"
        "5a,pupil,Иванов Пётр,id5,\n"
        'x,parent,Иванова Елена,,"Иванов Пётр"\n'.replace("x", "")
    )
    data = parse_roster(text)
    assert isinstance(data, RosterData), data
    assert data.pupils == (RosterPupil("Иванов Пётр", C5A, ById(5)),)
    assert data.parents[0].children == (data.pupils[0].key,)


def test_parent_of_two_on_two_lines_is_one_parent_by_vk_page():
    text = HEAD + (
        "5А;ученик;Иванов;Пётр;;;\n6Б;ученик;Иванова;Мария;;;\n"
        ";родитель;Иванова;Елена;;id9;Иванов Пётр\n;мама;Иванова;Елена;;vk.com/id9;Иванова Мария\n"
    )
    data = parse_roster(text)
    assert isinstance(data, RosterData), data
    assert len(data.parents) == 1 and len(data.parents[0].children) == 2
    assert data.parents[0].vk == ById(9)
    assert data.notes.merges == (ParentMerge("Иванова Елена", (4, 5), by_vk=True),)
    assert "Иванова Елена — строки 4, 5 (одна страница ВКонтакте)" in render_roster_diff(
        diff_roster(RosterData(), data), data.notes
    )


def test_parents_of_one_name_stay_two_people():
    """17.5: same name, in one class or in two, no VK page in common and no child in common."""
    text = HEAD + (
        "5А;ученик;Иванов;Пётр;;;\n5А;ученик;Петров;Иван;;;\n6Б;ученик;Сидоров;Лев;;;\n"
        ";родитель;Иванова;Елена;;;Иванов Пётр\n"  # 5
        ";родитель;Иванова;Елена;;;Петров Иван\n"  # 6: the same class, another child
        ";родитель;Иванова;Елена;;id9;Сидоров Лев\n"  # 7: another class
        ";родитель;Иванова;Елена;;id8;Иванов Пётр\n"  # 8: line 5's child, but another VK
    )
    data = parse_roster(text)
    assert isinstance(data, RosterData), data
    assert len(data.parents) == 3, data.parents  # 5 and 8 share a child and a name: one
    assert sorted(len(p.children) for p in data.parents) == [1, 1, 1]
    assert data.notes.merges == (ParentMerge("Иванова Елена", (5, 8), by_vk=False),)
    assert data.notes.namesakes == (("Иванова Елена", (5, 6, 7, 8)),)
    report = render_roster_diff(diff_roster(RosterData(), data), data.notes)
    assert "Добавлено родителей: 3." in report
    assert "Иванова Елена — строки 5, 8 (общий ребёнок)" in report


def test_a_second_file_with_a_namesake_adds_a_second_parent():
    pupil = RosterPupil("Иванов Пётр", C5A)
    other = RosterPupil("Петров Иван", C6B)
    old = RosterData.build([pupil, other], [RosterParent("Иванова Елена", None, (pupil.key,))])
    new = RosterData.build([pupil, other], [RosterParent("Иванова Елена", None, (other.key,))])
    d = diff_roster(old, new)
    assert not d.parents_changed and [p.children for p in d.parents_added] == [(other.key,)]
    assert len(d.absent_parents) == 1
    merged = apply_diff(old, d)
    assert len(merged.parents) == 2 and diff_roster(merged, new).is_empty


def test_every_problem_is_listed_with_its_line():
    text = HEAD + (
        "5А;ученик;Иванов;Пётр;;;\n"            # 2 ok
        "\n"                                    # 3 blank: skipped, still counted
        "5А;учитль;Петров;Иван;;;\n"            # 4 unknown role
        "12Я;ученик;Сидоров;Олег;;;\n"          # 5 bad class
        "5А;ученик;;Анна;;;\n"                  # 6 missing surname
        "5А;ученик;Козлов;Иван;;vk.com/club1;\n"  # 7 community, not a person
        "5А;ученик;Иванов;Пётр;;;\n"            # 8 duplicate of line 2
        ";родитель;Иванова;Елена;;;Смирнов Артём\n"  # 9 child not found
        ";родитель;Смирнова;Анна;;;\n"          # 10 no child
        "5А;ученик;Орлов;Иван;;id5;\n"          # 11 ok
        "6Б;ученик;Орлова;Ира;;id5;\n"          # 12 vk already on line 11
        ";ученик;Лисин;Ян;;;\n"                 # 13 pupil without class
        "5А;ученик;Волков;Иван;;;Мама\n"        # 14 child on a pupil line
        "5А;ученик;Зайцев;123;;;\n"             # 15 bad name
        "5А;ученик;Ежов;Иван;;;;лишнее\n"       # 16 too many cells
    )  # fmt: skip
    result = parse_roster(text)
    assert isinstance(result, RosterErrors)
    got = [(e.line_no, e.kind) for e in result.errors]
    assert got == [
        (4, P.UNKNOWN_ROLE), (5, P.BAD_CLASS), (6, P.MISSING_VALUE), (7, P.BAD_VK),
        (8, P.DUPLICATE_PUPIL), (9, P.CHILD_NOT_FOUND), (10, P.MISSING_VALUE),
        (12, P.DUPLICATE_VK), (13, P.MISSING_VALUE), (14, P.CHILD_FOR_PUPIL), (15, P.BAD_NAME),
        (16, P.TOO_MANY_CELLS),
    ]  # fmt: skip
    assert result.errors[1].value == "12Я" and result.errors[2].column is Column.LAST_NAME
    assert result.errors[4].other_line == 2 and result.errors[7].other_line == 11
    reply = render_roster_errors(result)
    assert (
        "Строка 4: неизвестная роль «учитль». Допустимо: ученик, родитель, классный руководитель, "
        "учитель, сотрудник." in reply
    )
    assert "Строка 5: неверный класс «12Я»: номер класса должен быть от 1 до 11" in reply
    assert "Строка 8: ученик «Иванов Пётр» уже есть в строке 2." in reply
    assert "найдено ошибок — 12" in reply


def test_ambiguous_child_needs_a_class():
    text = (
        HEAD
        + "5А;ученик;Иванов;Пётр;;;\n6Б;ученик;Иванов;Пётр;;;\n;родитель;Иванов;Иван;;;Иванов Пётр\n"
    )
    result = parse_roster(text)
    assert isinstance(result, RosterErrors)
    assert [(e.line_no, e.kind) for e in result.errors] == [(4, P.CHILD_AMBIGUOUS)]


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"", P.EMPTY_FILE),
        (HEAD.encode(), P.EMPTY_FILE),
        (b"\x00\x01\x02", P.NOT_TEXT),
        (b"\x98\x98\xff\xfe", P.NOT_TEXT),
        ("фамилия;имя\nИванов;Пётр\n", P.MISSING_COLUMN),
        ("класс;роль;фамиля;имя\n5А;ученик;Иванов;Пётр\n", P.UNKNOWN_COLUMN),
        ("класс;роль;фио;фио\n", P.DUPLICATE_COLUMN),
        (b"x" * (5 * 1024 * 1024 + 1), P.FILE_TOO_LARGE),
    ],
)
def test_file_level_problems(data, kind):
    result = parse_roster(data)
    assert isinstance(result, RosterErrors)
    assert result.errors[0].kind is kind
    assert render_roster_errors(result)


def test_same_file_twice_changes_nothing():
    data = example()
    assert diff_roster(data, data).is_empty
    first = diff_roster(RosterData(), data)
    assert len(first.pupils_added) == 7 and len(first.parents_added) == 5
    assert first.classes_added == (C5A, C6B)
    after = apply_diff(RosterData(), first)
    assert after == data
    second = diff_roster(after, data)
    assert second.is_empty and second.unchanged == 12
    assert "ничего не изменилось" in render_roster_diff(second)
    assert "Добавлено учеников: 7." in render_roster_diff(first)


def test_changes_are_reported_and_blank_vk_does_not_erase():
    old = example()
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace(
        "5А;ученик;Иванова;Мария;Сергеевна;;", "6Б;ученик;Иванова;Мария;Сергеевна;id77;"
    )
    text = text.replace("vk.com/id2003", "")  # the secretary did not copy a VK link
    text += "5А;ученик;Новиков;Лев;;;\n"
    new = parse_roster(text)
    assert isinstance(new, RosterData), new
    d = diff_roster(old, new)
    assert [p.full_name for p in d.pupils_added] == ["Новиков Лев"]
    (moved,) = d.pupils_changed
    assert moved.fields == ("class", "vk") and moved.after.class_name == C6B
    assert not d.parents_changed and not d.parents_added  # mother's link follows the pupil
    assert "Иванова Мария Сергеевна: 5А → 6Б" in render_roster_diff(d)
    merged = apply_diff(old, d)
    assert diff_roster(merged, new).is_empty
    assert next(p for p in merged.parents if p.full_name == "Кузнецова Наталья").vk == ById(2003)


def test_absent_people_are_kept_and_reported():
    old = example()
    only_5a = RosterData.build([p for p in old.pupils if p.class_name == C5A])
    d = diff_roster(old, only_5a)
    assert d.is_empty and len(d.absent_pupils) == 3 and len(d.absent_parents) == 5


def test_new_child_for_known_parent():
    pupil = RosterPupil("Иванов Пётр", C5A)
    sister = RosterPupil("Иванова Анна", C6B)
    old = RosterData.build([pupil], [RosterParent("Иванова Елена", None, (pupil.key,))])
    both = tuple(sorted((pupil.key, sister.key)))
    new = RosterData.build([pupil, sister], [RosterParent("Иванова Елена", None, both)])
    d = diff_roster(old, new)
    assert d.parents_changed[0].fields == ("children",)
    assert set(d.parents_changed[0].after.children) == {pupil.key, sister.key}
    assert diff_roster(apply_diff(old, d), new).is_empty


def test_export_round_trip():
    data = example()
    out = render_roster_csv(data)
    assert out.startswith("класс;роль;фамилия;имя;отчество;vk;ребёнок\r\n")
    assert parse_roster(out) == data
    assert parse_roster(out.encode("utf-8-sig")) == data


_name = st.sampled_from(["Иванов", "Петрова", "Ли", "Сидоров-Белый", "Ёжиков", "Orlov"])


@st.composite
def rosters(draw):
    classes = [ClassName(g, c) for g in (1, 5, 11) for c in "АБЯ"]
    pupils = {}
    for _ in range(draw(st.integers(0, 8))):
        p = RosterPupil(
            f"{draw(_name)} {draw(_name)}{'абвгдежзик'[len(pupils)]}",
            draw(st.sampled_from(classes)),
            draw(st.none() | st.integers(1, 10**9).map(ById)),
        )
        pupils.setdefault(p.key, p)
    pupils = list(pupils.values())
    parents = []
    for i in range(draw(st.integers(0, 4)) if pupils else 0):
        kids = draw(st.sets(st.sampled_from([p.key for p in pupils]), min_size=1, max_size=3))
        parents.append(RosterParent(f"Родитель {'абвгд'[i]}", None, tuple(sorted(kids))))
    return RosterData.build(pupils, parents)


@given(rosters())
def test_export_round_trip_property(data):
    vks = [p.vk for p in data.pupils if p.vk]
    if len(vks) != len(set(vks)) or not data.pupils:
        return
    assert parse_roster(render_roster_csv(data)) == data


@settings(max_examples=300)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(blob):
    assert isinstance(parse_roster(blob), RosterData | RosterErrors)


@given(st.lists(st.lists(st.text(max_size=12), max_size=9), max_size=6))
def test_arbitrary_cells_under_a_good_header_never_raise(rows):
    text = HEAD + "\n".join(";".join(r) for r in rows)
    result = parse_roster(text)
    if isinstance(result, RosterErrors):
        assert render_roster_errors(result)


def test_the_example_in_the_docs_parses():
    doc = (Path(__file__).parents[2] / "docs" / "commands.md").read_text(encoding="utf-8")
    block = doc.split("Пример:\n\n```\n", 1)[1].split("```", 1)[0]
    data = parse_roster(block)
    assert isinstance(data, RosterData), data
    assert len(data.pupils) == 3 and len(data.parents) == 2


def test_a_report_of_many_namesakes_stays_one_readable_message():
    pupils = "".join(f"5А;ученик;Ребёнок;{'абвгдежзиклмнопрстуф'[i]}{'абв'[j]};;;\n"
                     for i in range(20) for j in range(3))  # fmt: skip
    parents = "".join(
        f";родитель;Мама{'абвгдежзиклмнопрстуфхцчшщ'[i % 25]};Анна;;;Ребёнок "
        f"{'абвгдежзиклмнопрстуф'[i % 20]}{'абв'[i // 20]}\n"
        for i in range(60)
    )
    data = parse_roster(HEAD + pupils + parents)
    assert isinstance(data, RosterData), data
    assert len(data.parents) == 60 and len(data.notes.namesakes) == 25
    report = render_roster_diff(diff_roster(RosterData(), data), data.notes)
    assert "…и ещё 5." in report and len(report) < 4096
