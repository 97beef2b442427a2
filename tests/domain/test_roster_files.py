"""17.3: roster files as schools have them — XLSX, CSV in every encoding, any column order."""

from __future__ import annotations

import pytest

from bot.domain.classes import ClassName
from bot.domain.person_ref import ById
from bot.domain.roster import RosterData, RosterErrors, RosterProblem, parse_roster
from bot.texts.commands import render_roster_errors
from tests.rosters.files import HEADER, PEOPLE, csv_bytes, unicode_text, xlsx

P = RosterProblem


def expected() -> RosterData:
    data = parse_roster(csv_bytes([HEADER, *PEOPLE]))
    assert isinstance(data, RosterData), data
    assert len(data.pupils) == 3 and len(data.parents) == 2
    return data


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251", "koi8_r", "utf-16"])
@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_every_encoding_and_delimiter_reads_the_same_people(encoding, delimiter):
    data = parse_roster(csv_bytes([HEADER, *PEOPLE], encoding=encoding, delimiter=delimiter))
    assert data == expected(), data


def test_excel_unicode_text_is_read():
    data = parse_roster(unicode_text([HEADER, *PEOPLE]))
    assert data == expected()
    assert data.notes.encoding == "UTF-16"


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r"])
def test_a_short_file_in_an_old_code_page_is_still_found(encoding):
    rows = [["ФИО", "Класс"], ["Щукин Эдуард", "5А"]]
    data = parse_roster(csv_bytes(rows, encoding=encoding))
    assert isinstance(data, RosterData), data
    assert data.pupils[0].full_name == "Щукин Эдуард"


def test_the_first_sheet_of_a_workbook_is_read():
    book = xlsx({"Списки": [HEADER, *PEOPLE], "Старое": [["мусор"]]})
    data = parse_roster(book)
    assert data == expected()
    assert data.notes.kind == "sheet" and data.notes.sheet == "Списки"
    # A VK id typed as a number is a number in Excel; it is still the page.
    assert next(p for p in data.pupils if p.full_name.startswith("Попов")).vk == ById(1005)


def test_the_named_sheet_is_read_and_a_wrong_name_lists_the_sheets():
    book = xlsx({"Учителя": [["что-то"]], "Ученики и родители": [HEADER, *PEOPLE]})
    assert parse_roster(book, sheet="ученики и родители") == expected()
    wrong = parse_roster(book, sheet="Родители")
    assert isinstance(wrong, RosterErrors)
    (error,) = wrong.errors
    assert error.kind is P.NO_SUCH_SHEET and error.choices == ("Учителя", "Ученики и родители")
    reply = render_roster_errors(wrong)
    assert "нет листа «Родители»" in reply and "«Учителя», «Ученики и родители»" in reply


def test_columns_in_any_order_under_common_names_with_a_title_above():
    rows = [
        ["Список учащихся МБОУ СОШ № 1 на 01.09"],
        [],
        ["Ссылка ВК", "ФИО", "Класс", "Дата рождения"],
        ["vk.com/id1001", "Иванов Пётр Сергеевич", "5 а", "01.02.2014"],
        ["", "Иванова Мария Сергеевна", "5А", "03.04.2014"],
    ]
    for data in (parse_roster(xlsx({"Лист1": rows})), parse_roster(csv_bytes(rows))):
        assert isinstance(data, RosterData), data
        assert [(p.full_name, p.class_name, p.vk) for p in data.pupils] == [
            ("Иванов Пётр Сергеевич", ClassName(5, "А"), ById(1001)),
            ("Иванова Мария Сергеевна", ClassName(5, "А"), None),
        ]
        # No «роль» column: a list of pupils. The date of birth is not read, and it says so.
        assert data.notes.ignored_columns == ("Дата рождения",)


def test_a_bad_workbook_names_the_line_and_what_to_fix_and_takes_nobody():
    rows = [HEADER, *PEOPLE, ["12Я", "ученик", "Сидоров", "Олег", "", "", ""]]
    result = parse_roster(xlsx({"Лист1": rows}))
    assert isinstance(result, RosterErrors)
    assert [(e.line_no, e.kind) for e in result.errors] == [(7, P.BAD_CLASS)]
    assert "Строка 7: неверный класс «12Я»" in render_roster_errors(result)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"PK\x03\x04 not really a zip", P.BAD_SHEET),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, P.BAD_SHEET),
        (bytes(range(256)) * 4, P.NOT_TEXT),
    ],
)
def test_a_file_that_is_no_table_is_refused_with_advice(data, kind):
    result = parse_roster(data)
    assert isinstance(result, RosterErrors)
    assert result.errors[0].kind is kind
    assert "Строка 1:" in render_roster_errors(result)


def test_a_header_missing_a_column_names_the_unknown_ones_as_likely_typos():
    result = parse_roster(csv_bytes([["Класс", "Фамиля", "Имя"], ["5А", "Иванов", "Пётр"]]))
    assert isinstance(result, RosterErrors)
    assert {e.kind for e in result.errors} == {P.UNKNOWN_COLUMN, P.MISSING_COLUMN}
    reply = render_roster_errors(result)
    assert "неизвестная колонка «Фамиля»" in reply and "нет колонки «фамилия»" in reply
