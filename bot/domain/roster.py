"""Roster import and export: the school's lists as a CSV file (format: docs/commands.md).

`parse_roster(data)` never raises: it returns RosterData, or RosterErrors listing every problem
with its line number, so a file is taken whole or not at all.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from bot.domain.classes import ClassName, ClassNameError
from bot.domain.people import normalize_name
from bot.domain.person_ref import PersonRef, PersonRefError, parse_person_ref
from bot.domain.roster_diff import RosterChange, RosterDiff, apply_diff, diff_roster
from bot.domain.roster_export import HEADER, render_roster_csv
from bot.domain.roster_model import (
    Column,
    LineError,
    PupilKey,
    RosterData,
    RosterErrors,
    RosterParent,
    RosterProblem,
    RosterPupil,
)

__all__ = [
    "HEADER",
    "Column",
    "LineError",
    "PupilKey",
    "RosterChange",
    "RosterData",
    "RosterDiff",
    "RosterErrors",
    "RosterParent",
    "RosterProblem",
    "RosterPupil",
    "apply_diff",
    "diff_roster",
    "parse_roster",
    "render_roster_csv",
]

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000

_C = Column
COLUMN_ALIASES: dict[str, Column] = {
    **dict.fromkeys(("класс", "class", "группа"), _C.CLASS),
    **dict.fromkeys(("роль", "role", "кто"), _C.ROLE),
    **dict.fromkeys(("фамилия", "last name", "lastname", "surname"), _C.LAST_NAME),
    **dict.fromkeys(("имя", "first name", "firstname", "name"), _C.FIRST_NAME),
    **dict.fromkeys(("отчество", "middle name", "patronymic"), _C.MIDDLE_NAME),
    **dict.fromkeys(("фио", "ф.и.о.", "ф. и. о.", "full name", "fullname"), _C.FULL_NAME),
    **dict.fromkeys(("vk", "вк", "вконтакте", "профиль", "ссылка", "vk id", "id"), _C.VK),
    **dict.fromkeys(("ребенок", "дети", "дочь/сын", "child", "children"), _C.CHILD),
}
PUPIL_ROLES = frozenset(("ученик", "ученица", "учащийся", "учащаяся", "обучающийся",
                         "обучающаяся", "pupil", "student"))  # fmt: skip
PARENT_ROLES = frozenset(("родитель", "мама", "папа", "мать", "отец", "опекун", "бабушка",
                          "дедушка", "законный представитель", "parent", "mother", "father",
                          "guardian"))  # fmt: skip
EMPTY_VK = frozenset(("", "-", "—", "–", "нет", "no", "none"))
_NAME = re.compile(r"[^\W\d_]+(?:[-'’. ]+[^\W\d_]+)*\.?")


def _key(text: str) -> str:
    return re.sub(r"[\s_]+", " ", text.replace("ё", "е").replace("Ё", "Е")).strip().casefold()


def _decode(data: bytes | str) -> str | LineError:
    if isinstance(data, str):
        text = data
    elif len(data) > MAX_BYTES:
        return LineError(1, RosterProblem.FILE_TOO_LARGE)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1251")  # what Excel in Russia saves
            except UnicodeDecodeError:
                return LineError(1, RosterProblem.NOT_TEXT)
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        return LineError(1, RosterProblem.NOT_TEXT)
    return text


def _records(text: str) -> list[tuple[int, list[str]]] | LineError:
    """(first line number, cells) of every non-blank record."""
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    delim = max(";,\t", key=first.count)  # ties go to «;», Excel's choice in Russia
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    out, line = [], 1
    try:
        for row in reader:
            if any(c.strip() for c in row):
                out.append((line, row))
                if len(out) > MAX_ROWS + 1:
                    return LineError(line, RosterProblem.TOO_MANY_ROWS)
            line = reader.line_num + 1
    except csv.Error:
        return LineError(line, RosterProblem.BAD_CSV)
    return out


def _header(line: int, row: list[str]) -> dict[Column, int] | list[LineError]:
    cols: dict[Column, int] = {}
    errors = []
    for i, cell in enumerate(row):
        if not cell.strip():
            continue
        col = COLUMN_ALIASES.get(_key(cell))
        if col is None:
            errors.append(LineError(line, RosterProblem.UNKNOWN_COLUMN, value=cell.strip()[:50]))
        elif col in cols:
            errors.append(LineError(line, RosterProblem.DUPLICATE_COLUMN, col, cell.strip()))
        else:
            cols[col] = i
    need = [_C.CLASS, _C.ROLE]
    need += [] if _C.FULL_NAME in cols else [_C.LAST_NAME, _C.FIRST_NAME]
    errors += [LineError(line, RosterProblem.MISSING_COLUMN, c) for c in need if c not in cols]
    return errors or cols


def _name(line: int, cells: dict[Column, str], errors: list[LineError]) -> str | None:
    parts = (
        [(_C.FULL_NAME, cells[_C.FULL_NAME])]
        if _C.FULL_NAME in cells
        else [(c, cells.get(c, "")) for c in (_C.LAST_NAME, _C.FIRST_NAME, _C.MIDDLE_NAME)]
    )
    ok = True
    for col, value in parts:
        if not value and col is not _C.MIDDLE_NAME:
            errors.append(LineError(line, RosterProblem.MISSING_VALUE, col))
            ok = False
        elif value and not _NAME.fullmatch(value):
            errors.append(LineError(line, RosterProblem.BAD_NAME, col, value[:60]))
            ok = False
    full = " ".join(v for _, v in parts if v)
    if ok and len(full.split()) < 2:  # «ФИО» with one word
        errors.append(LineError(line, RosterProblem.BAD_NAME, parts[0][0], full))
        ok = False
    return full if ok else None


def _vk(line: int, text: str, errors: list[LineError]) -> PersonRef | None:
    if _key(text) in EMPTY_VK:
        return None
    try:
        return parse_person_ref(text)
    except PersonRefError as e:
        errors.append(
            LineError(line, RosterProblem.BAD_VK, _C.VK, text[:60], person_problem=e.problem)
        )
        return None


def _class(line: int, text: str, errors: list[LineError]) -> ClassName | None:
    if not text:
        return None
    try:
        return ClassName.parse(text)
    except ClassNameError as e:
        errors.append(
            LineError(line, RosterProblem.BAD_CLASS, _C.CLASS, text[:20], class_problem=e.problem)
        )
        return None


class _PupilIndex:
    """Pupils by full name and by surname + first name, built once: looking a parent's child up
    by scanning every pupil made a school-sized file (1,500 parents) take seconds."""

    def __init__(self, pupils: list[tuple[int, RosterPupil]]) -> None:
        self.full: dict[str, list[PupilKey]] = {}
        self.short: dict[str, list[PupilKey]] = {}
        for _, pupil in pupils:
            key = pupil.key
            self.full.setdefault(key.name, []).append(key)
            self.short.setdefault(" ".join(key.name.split()[:2]), []).append(key)


def _find_child(
    line: int, text: str, cls: ClassName | None, pupils: _PupilIndex
) -> PupilKey | LineError:
    want = normalize_name(text)
    found = list(pupils.full.get(want, ()))
    if not found and len(want.split()) == 2:  # «Иванов Пётр» for «Иванов Пётр Сергеевич»
        found = list(pupils.short.get(want, ()))
    if cls is not None:
        found = [k for k in found if k.class_name == cls]
    if len(found) == 1:
        return found[0]
    kind = RosterProblem.CHILD_AMBIGUOUS if found else RosterProblem.CHILD_NOT_FOUND
    return LineError(line, kind, _C.CHILD, text[:80])


@dataclass
class _Parent:
    line: int
    name: str
    vk: PersonRef | None
    children: set[PupilKey]

    def same(self, name: str, vk: PersonRef | None) -> bool:
        compatible = self.vk is None or vk is None or self.vk == vk
        return compatible and normalize_name(self.name) == normalize_name(name)


def parse_roster(data: bytes | str) -> RosterData | RosterErrors:
    """Read a roster file. Never raises; any problem rejects the whole file."""
    text = _decode(data)
    if isinstance(text, LineError):
        return RosterErrors((text,))
    recs = _records(text)
    if isinstance(recs, LineError):
        return RosterErrors((recs,))
    if not recs:
        return RosterErrors((LineError(1, RosterProblem.EMPTY_FILE),))
    cols = _header(*recs[0])
    if isinstance(cols, list):
        return RosterErrors(tuple(cols))
    if len(recs) == 1:
        return RosterErrors((LineError(recs[0][0], RosterProblem.EMPTY_FILE),))
    width = max(cols.values()) + 1
    errors: list[LineError] = []
    pupils: list[tuple[int, RosterPupil]] = []
    parent_rows: list[tuple[int, str, PersonRef | None, ClassName | None, list[str]]] = []
    for line, row in recs[1:]:
        if any(c.strip() for c in row[width:]):
            errors.append(LineError(line, RosterProblem.TOO_MANY_CELLS))
        cells = {c: " ".join(row[i].split()) if i < len(row) else "" for c, i in cols.items()}
        role = _key(cells[_C.ROLE])
        if not role:
            errors.append(LineError(line, RosterProblem.MISSING_VALUE, _C.ROLE))
        elif role not in PUPIL_ROLES | PARENT_ROLES:
            errors.append(LineError(line, RosterProblem.UNKNOWN_ROLE, _C.ROLE, cells[_C.ROLE][:40]))
        name = _name(line, cells, errors)
        cls = _class(line, cells[_C.CLASS], errors)
        vk = _vk(line, cells.get(_C.VK, ""), errors)
        child = cells.get(_C.CHILD, "")
        if role in PUPIL_ROLES:
            if not cells[_C.CLASS]:
                errors.append(LineError(line, RosterProblem.MISSING_VALUE, _C.CLASS))
            if child:
                errors.append(LineError(line, RosterProblem.CHILD_FOR_PUPIL, _C.CHILD, child[:80]))
            if name and cls:
                pupils.append((line, RosterPupil(name, cls, vk)))
        elif role in PARENT_ROLES:
            names = [c.strip() for c in re.split(r"[|,]", child) if c.strip()]
            if not names:
                errors.append(LineError(line, RosterProblem.MISSING_VALUE, _C.CHILD))
            if name:
                parent_rows.append((line, name, vk, cls, names))

    seen: dict[PupilKey, int] = {}
    for line, p in pupils:
        if p.key in seen:
            errors.append(LineError(line, RosterProblem.DUPLICATE_PUPIL, None, p.full_name,
                                    other_line=seen[p.key]))  # fmt: skip
        seen.setdefault(p.key, line)

    # A parent of several pupils may take several lines: same name, same (or unknown) VK.
    groups: list[_Parent] = []
    by_name: dict[str, list[_Parent]] = {}
    index = _PupilIndex(pupils)
    for line, name, vk, cls, names in parent_rows:
        keys = set()
        for child_name in names:
            found = _find_child(line, child_name, cls, index)
            if isinstance(found, LineError):
                errors.append(found)
            else:
                keys.add(found)
        same_name = by_name.setdefault(normalize_name(name), [])
        g = next((g for g in same_name if g.same(name, vk)), None)
        if g is None:
            groups.append(_Parent(line, name, vk, keys))
            same_name.append(groups[-1])
        else:
            g.vk = g.vk or vk
            g.children |= keys

    owners: dict[PersonRef, int] = {}
    people = [(line, p.vk) for line, p in pupils if seen[p.key] == line]
    people += [(g.line, g.vk) for g in groups]
    for line, vk in sorted(people, key=lambda x: x[0]):
        if vk is None:
            continue
        if vk in owners:
            errors.append(LineError(line, RosterProblem.DUPLICATE_VK, _C.VK, str(vk),
                                    other_line=owners[vk]))  # fmt: skip
        owners.setdefault(vk, line)

    if errors:
        return RosterErrors(tuple(sorted(errors, key=lambda e: e.line_no)))
    parents = [RosterParent(g.name, g.vk, tuple(sorted(g.children))) for g in groups]
    return RosterData.build([p for _, p in pupils], parents)
