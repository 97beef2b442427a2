"""Roster import and export: the school's lists as a table (format: docs/commands.md).

`parse_roster(data)` never raises: it returns RosterData, or RosterErrors listing every problem
with its line number, so a file is taken whole or not at all. The file may be XLSX or CSV in any
of the encodings schools have (`bot/domain/roster_table.py`); columns may come in any order and
under their common names.

A parent is keyed by name and child, and by VK page when it is known: two lines are one parent
only when they share the name and either the VK page or a child. Two parents of one name stay two
people; the notes name every merge made.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from bot.domain.classes import ClassName, ClassNameError
from bot.domain.people import normalize_name
from bot.domain.person_ref import PersonRef, PersonRefError, parse_person_ref
from bot.domain.roster_diff import RosterChange, RosterDiff, apply_diff, diff_roster
from bot.domain.roster_export import HEADER, render_roster_csv
from bot.domain.roster_model import (
    Column,
    LineError,
    ParentMerge,
    PupilKey,
    ReadNotes,
    RosterCurator,
    RosterData,
    RosterErrors,
    RosterParent,
    RosterProblem,
    RosterPupil,
)
from bot.domain.roster_table import MAX_ROWS, Table, read_table

__all__ = [
    "HEADER",
    "Column",
    "LineError",
    "ParentMerge",
    "PupilKey",
    "ReadNotes",
    "RosterChange",
    "RosterCurator",
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

MAX_BYTES = 5 * 1024 * 1024
__all__ += ["MAX_BYTES", "MAX_ROWS"]

_C = Column


def _header_key(text: str) -> str:
    """«Ф.И.О.:» → «ф и о»; «Ссылка  ВК*» → «ссылка вк»."""
    text = text.replace("ё", "е").replace("Ё", "Е").casefold()
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def _aliases(col: Column, *names: str) -> dict[str, Column]:
    return {_header_key(name): col for name in names}


COLUMN_ALIASES: dict[str, Column] = {
    **_aliases(_C.CLASS, "класс", "class", "группа", "класс/группа", "учебный класс", "класс ученика",
               "класс ребёнка", "grade"),
    **_aliases(_C.ROLE, "роль", "role", "кто", "статус", "тип", "кем приходится", "категория",
               "ученик/родитель", "родитель/ученик"),
    **_aliases(_C.LAST_NAME, "фамилия", "last name", "lastname", "surname"),
    **_aliases(_C.FIRST_NAME, "имя", "first name", "firstname", "name"),
    **_aliases(_C.MIDDLE_NAME, "отчество", "middle name", "patronymic"),
    **_aliases(_C.FULL_NAME, "фио", "ф.и.о.", "ф. и. о.", "фамилия имя отчество",
               "фамилия, имя, отчество", "фио полностью", "полное имя", "full name", "fullname"),
    **_aliases(_C.VK, "vk", "вк", "вконтакте", "профиль", "ссылка", "vk id", "id", "ссылка вк",
               "ссылка на вк", "ссылка вконтакте", "ссылка на вконтакте", "ссылка на страницу вк",
               "ссылка на профиль", "страница вк", "страница вконтакте", "страница", "профиль вк",
               "аккаунт вк", "id вк", "вк id", "vk.com", "vk link", "vk page"),
    **_aliases(_C.CHILD, "ребёнок", "ребенок", "дети", "дочь/сын", "сын/дочь", "фио ребёнка",
               "ребёнок (фио)", "чей родитель", "child", "children"),
}  # fmt: skip
PUPIL_ROLES = frozenset(("ученик", "ученица", "учащийся", "учащаяся", "обучающийся",
                         "обучающаяся", "pupil", "student"))  # fmt: skip
PARENT_ROLES = frozenset(("родитель", "мама", "папа", "мать", "отец", "опекун", "бабушка",
                          "дедушка", "законный представитель", "parent", "mother", "father",
                          "guardian"))  # fmt: skip
# A school's staff list says «классный руководитель»; the regulation says «куратор».
CURATOR_ROLES = frozenset(("классный руководитель", "кл руководитель", "кл. руководитель",
                           "классный рук", "куратор", "куратор класса", "curator",
                           "class teacher", "homeroom teacher"))  # fmt: skip
# Other staff: read and counted, not imported (a teacher's subjects come by command).
STAFF_ROLES = frozenset(("учитель", "учительница", "педагог", "преподаватель", "сотрудник",
                         "сотрудница", "teacher", "staff"))  # fmt: skip
EMPTY_VK = frozenset(("", "-", "—", "–", "нет", "no", "none"))
HEADER_SEARCH_ROWS = 10  # a title or a blank line may stand above the header
_NAME = re.compile(r"[^\W\d_]+(?:[-'’. ]+[^\W\d_]+)*\.?")
_CHILD_CLASS = re.compile(r"(.*?)\s*\(([^()]*)\)\s*")  # «Иванов Пётр (6Б)»


def _key(text: str) -> str:
    return re.sub(r"[\s_]+", " ", text.replace("ё", "е").replace("Ё", "Е")).strip().casefold()


@dataclass(frozen=True)
class _Header:
    line: int
    cols: dict[Column, int]
    ignored: tuple[str, ...]
    width: int  # up to the last header cell: a cell past it is a delimiter gone wrong


def _read_header(line: int, row: list[str]) -> _Header | list[LineError]:
    cols: dict[Column, int] = {}
    errors, unknown = [], []
    for i, cell in enumerate(row):
        if not cell.strip():
            continue
        col = COLUMN_ALIASES.get(_header_key(cell))
        if col is None:
            unknown.append(cell.strip()[:50])
        elif col in cols:
            errors.append(LineError(line, RosterProblem.DUPLICATE_COLUMN, col, cell.strip()))
        else:
            cols[col] = i
    need = [_C.CLASS]
    need += [] if _C.FULL_NAME in cols else [_C.LAST_NAME, _C.FIRST_NAME]
    missing = [LineError(line, RosterProblem.MISSING_COLUMN, c) for c in need if c not in cols]
    if missing:
        # A column the bot does not know may be a misspelt one it needs: name them.
        errors += [LineError(line, RosterProblem.UNKNOWN_COLUMN, value=v) for v in unknown]
    width = max((i + 1 for i, cell in enumerate(row) if cell.strip()), default=0)
    return errors + missing or _Header(line, cols, tuple(unknown), width)


def _find_header(rows: list[tuple[int, list[str]]]) -> tuple[int, _Header] | list[LineError]:
    """The header: the first of the top rows that names the columns a roster needs."""
    first: list[LineError] | None = None
    for n, (line, row) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found = _read_header(line, row)
        if isinstance(found, _Header):
            return n, found
        if first is None:
            first = found
    return first or [LineError(1, RosterProblem.EMPTY_FILE)]


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


def errors_at(errors: list[LineError], line: int, col: Column) -> bool:
    return any(e.line_no == line and e.column is col for e in errors)


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
    if m := _CHILD_CLASS.fullmatch(text):
        try:
            text, cls = m.group(1), ClassName.parse(m.group(2))
        except ClassNameError:
            pass  # brackets that are not a class: part of the name, found or not as such
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
    lines: list[int]
    name: str
    vk: PersonRef | None
    children: set[PupilKey]
    by_vk: bool = False

    def same(self, vk: PersonRef | None, children: set[PupilKey]) -> bool:
        """Called for a line of the same name: the same VK page, or no VK page against it and
        a child in common."""
        if self.vk is not None and vk is not None:
            return self.vk == vk
        return bool(self.children & children)


@dataclass
class _Rows:
    pupils: list[tuple[int, RosterPupil]] = field(default_factory=list)
    parents: list[tuple[int, str, PersonRef | None, ClassName | None, list[str]]] = field(
        default_factory=list
    )
    curators: list[RosterCurator] = field(default_factory=list)
    staff: int = 0


def _read_rows(records, cols: dict[Column, int], errors: list[LineError]) -> _Rows:
    out = _Rows()
    has_role = _C.ROLE in cols
    for line, row in records:
        cells = {c: " ".join(row[i].split()) if i < len(row) else "" for c, i in cols.items()}
        child = cells.get(_C.CHILD, "")
        if has_role:
            role = _key(cells[_C.ROLE])
        else:  # a list without a «роль» column: a line naming a child is a parent's
            role = "родитель" if child else "ученик"
        if not role:
            errors.append(LineError(line, RosterProblem.MISSING_VALUE, _C.ROLE))
        elif role not in PUPIL_ROLES | PARENT_ROLES | CURATOR_ROLES | STAFF_ROLES:
            errors.append(LineError(line, RosterProblem.UNKNOWN_ROLE, _C.ROLE, cells[_C.ROLE][:40]))
        name = _name(line, cells, errors)
        cls = _class(line, cells[_C.CLASS], errors)
        vk = _vk(line, cells.get(_C.VK, ""), errors)
        if role in PUPIL_ROLES:
            if not cells[_C.CLASS]:
                errors.append(LineError(line, RosterProblem.MISSING_VALUE, _C.CLASS))
            if child:
                errors.append(LineError(line, RosterProblem.CHILD_FOR_PUPIL, _C.CHILD, child[:80]))
            if name and cls:
                out.pupils.append((line, RosterPupil(name, cls, vk)))
        elif role in CURATOR_ROLES:
            if not cells[_C.CLASS]:
                errors.append(LineError(line, RosterProblem.MISSING_VALUE, _C.CLASS))
            if vk is None and not errors_at(errors, line, _C.VK):
                errors.append(LineError(line, RosterProblem.CURATOR_NEEDS_VK, _C.VK))
            if name and cls and vk is not None:
                out.curators.append(RosterCurator(name, cls, vk, line))
        elif role in STAFF_ROLES:
            out.staff += 1
        elif role in PARENT_ROLES:
            names = [c.strip() for c in re.split(r"[|,;]", child) if c.strip()]
            if not names:
                errors.append(LineError(line, RosterProblem.MISSING_VALUE, _C.CHILD))
            if name:
                out.parents.append((line, name, vk, cls, names))
    return out


def _group_parents(
    rows: _Rows, index: _PupilIndex, errors: list[LineError]
) -> tuple[list[_Parent], list[tuple[str, tuple[int, ...]]]]:
    groups: list[_Parent] = []
    by_name: dict[str, list[_Parent]] = {}
    for line, name, vk, cls, names in rows.parents:
        keys = set()
        for child_name in names:
            found = _find_child(line, child_name, cls, index)
            if isinstance(found, LineError):
                errors.append(found)
            else:
                keys.add(found)
        same_name = by_name.setdefault(normalize_name(name), [])
        # The VK page first: a line with a page joins the group that has it, not a namesake
        # without a page who happens to share the child.
        g = next((g for g in same_name if vk is not None and g.vk == vk), None) or next(
            (g for g in same_name if g.same(vk, keys)), None
        )
        if g is None:
            groups.append(_Parent([line], name, vk, keys))
            same_name.append(groups[-1])
        else:
            g.by_vk = g.by_vk or (g.vk is not None and g.vk == vk)
            g.lines.append(line)
            g.vk = g.vk or vk
            g.children |= keys
    namesakes = [
        (same[0].name, tuple(sorted(line for g in same for line in g.lines)))
        for same in by_name.values()
        if len(same) > 1
    ]
    return groups, namesakes


def parse_roster(data: bytes | str, *, sheet: str | None = None) -> RosterData | RosterErrors:
    """Read a roster file. Never raises; any problem rejects the whole file."""
    if len(data) > MAX_BYTES:
        return RosterErrors((LineError(1, RosterProblem.FILE_TOO_LARGE),))
    table = read_table(
        data, sheet=sheet, header_ok=lambda rows: isinstance(_find_header(rows), tuple)
    )
    if isinstance(table, LineError):
        return RosterErrors((table,))
    if not table.rows:
        return RosterErrors((LineError(1, RosterProblem.EMPTY_FILE),))
    found = _find_header(table.rows)
    if isinstance(found, list):
        return RosterErrors(tuple(found))
    at, header = found
    records = table.rows[at + 1 :]
    if not records:
        return RosterErrors((LineError(header.line, RosterProblem.EMPTY_FILE),))
    errors: list[LineError] = []
    errors += [LineError(line, RosterProblem.TOO_MANY_CELLS) for line, row in records
               if any(c.strip() for c in row[header.width:])]  # fmt: skip
    rows = _read_rows(records, header.cols, errors)

    seen: dict[PupilKey, int] = {}
    for line, p in rows.pupils:
        if p.key in seen:
            errors.append(LineError(line, RosterProblem.DUPLICATE_PUPIL, None, p.full_name,
                                    other_line=seen[p.key]))  # fmt: skip
        seen.setdefault(p.key, line)

    groups, namesakes = _group_parents(rows, _PupilIndex(rows.pupils), errors)
    led: dict[ClassName, RosterCurator] = {}
    for c in rows.curators:
        first = led.setdefault(c.class_name, c)
        if first is not c and first.vk != c.vk:
            errors.append(LineError(c.line, RosterProblem.TWO_CURATORS, _C.CLASS,
                                    str(c.class_name), other_line=first.line))  # fmt: skip

    owners: dict[PersonRef, int] = {}
    people = [(line, p.vk) for line, p in rows.pupils if seen[p.key] == line]
    people += [(line, g.vk) for g in groups for line in g.lines[:1]]
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
    notes = replace(_notes(table, header, groups, namesakes), staff=rows.staff)
    curators = tuple(sorted(led.values(), key=lambda c: c.class_name))
    # A class named only by its curator's line is a class of the school too (pupils come later).
    data = RosterData.build([p for _, p in rows.pupils], parents, tuple(led))
    return replace(data, notes=notes, curators=curators)


def _notes(table: Table, header: _Header, groups: list[_Parent], namesakes) -> ReadNotes:
    merges = tuple(ParentMerge(g.name, tuple(g.lines), g.by_vk) for g in groups if len(g.lines) > 1)
    return ReadNotes(
        kind=table.kind,
        encoding=table.encoding,
        sheet=table.sheet,
        ignored_columns=header.ignored,
        merges=merges,
        namesakes=tuple(namesakes),
    )
