"""Roster files made by code, as schools save them: XLSX written by openpyxl, CSV and Excel's
«Юникод-текст» in each encoding. No binary fixtures."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook

from bench.e2e_school import class_names, pupil_name

HEADER = ["класс", "роль", "фамилия", "имя", "отчество", "vk", "ребёнок"]
# The example's people, in the form a school's secretary types them.
PEOPLE = [
    ["5А", "ученик", "Иванов", "Пётр", "Сергеевич", "vk.com/id1001", ""],
    ["5А", "ученик", "Иванова", "Мария", "Сергеевна", "", ""],
    ["6Б", "ученик", "Попов", "Никита", "Олегович", "1005", ""],
    ["", "родитель", "Иванова", "Елена", "Викторовна", "vk.com/id2001",
     "Иванов Пётр | Иванова Мария"],
    ["6Б", "родитель", "Попова", "Ирина", "Николаевна", "", "Попов Никита"],
]  # fmt: skip


def csv_bytes(rows: list[list], *, encoding: str = "utf-8", delimiter: str = ";") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)


def unicode_text(rows: list[list]) -> bytes:
    """What Excel's «Сохранить как → Юникод-текст» writes: UTF-16 LE with a BOM, tabs."""
    return csv_bytes(rows, encoding="utf-16", delimiter="\t")


def xlsx(sheets: dict[str, list[list]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            # Excel keeps a typed-in number as a number: a VK id comes back as 1005.0.
            sheet.append([int(c) if isinstance(c, str) and c.isdigit() else c for c in row])
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


NOTE = "Согласие на обработку персональных данных получено 01.09"


def school_rows(
    classes: int, pupils: int, *, vk_base: int = 50_000_000, note: bool = False
) -> list[list]:
    """A school: `classes` × `pupils` pupils, each with a mother; every person has a VK id.
    `note`: a «Примечание» column as school files have (the bot does not read it)."""
    rows = [[*HEADER, "Примечание"] if note else HEADER]
    for c, name in enumerate(class_names(classes)):
        for p in range(pupils):
            n = c * pupils + p
            last, first, middle = pupil_name(n)
            extra = [NOTE] if note else []
            rows.append([str(name), "ученик", last, first, middle, f"vk.com/id{vk_base + n}", "",
                         *extra])  # fmt: skip
            rows.append([str(name), "родитель", last + "а", "Мать", f"Номер{n}".translate(_DIGITS),
                         f"id{vk_base + 500_000 + n}", f"{last} {first} {middle}", *extra])  # fmt: skip
    return rows


# Patronymics are letters: number the mothers in words of letters, so each is one person.
_DIGITS = str.maketrans("0123456789", "абвгдежзик")
