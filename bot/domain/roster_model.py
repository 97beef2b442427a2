"""The school's lists as they come from (and go to) a roster file: classes, pupils, parents."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

from bot.domain.classes import ClassName, ClassNameProblem
from bot.domain.people import normalize_name
from bot.domain.person_ref import PersonRef, PersonRefProblem


class PupilKey(NamedTuple):
    """A pupil is known by name within a class: two Ивановы Пети in one class are an error."""

    name: str  # normalize_name(full_name)
    class_name: ClassName


@dataclass(frozen=True, slots=True)
class RosterPupil:
    full_name: str
    class_name: ClassName
    vk: PersonRef | None = None
    # Worked out once: the import compares keys of thousands of people many times.
    key: PupilKey = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", PupilKey(normalize_name(self.full_name), self.class_name))


@dataclass(frozen=True, slots=True)
class RosterParent:
    full_name: str
    vk: PersonRef | None
    children: tuple[PupilKey, ...]  # sorted
    key: str = field(init=False, compare=False, repr=False)  # normalize_name(full_name)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", normalize_name(self.full_name))


@dataclass(frozen=True, slots=True)
class RosterCurator:
    """A «классный руководитель» line: who leads which class, known by the VK page."""

    full_name: str
    class_name: ClassName
    vk: PersonRef
    line: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class ParentMerge:
    """Several lines of the file that are one parent: the same name and the same VK page, or
    the same name and a child in common."""

    name: str
    lines: tuple[int, ...]
    by_vk: bool


@dataclass(frozen=True, slots=True)
class ReadNotes:
    """What reading the file found besides the people, for the import's report."""

    kind: str = "csv"  # "csv" or "sheet"
    encoding: str = ""
    sheet: str = ""
    ignored_columns: tuple[str, ...] = ()
    merges: tuple[ParentMerge, ...] = ()
    # Parents of one name kept apart (no VK page and no child in common): (name, lines).
    namesakes: tuple[tuple[str, tuple[int, ...]], ...] = ()
    staff: int = 0  # «учитель», «сотрудник» lines: read, not written anywhere


@dataclass(frozen=True, slots=True)
class RosterData:
    """Canonical order (classes, pupils by class and name, parents by name), so equal lists are
    equal values whatever the order of the file's lines."""

    classes: tuple[ClassName, ...] = ()
    pupils: tuple[RosterPupil, ...] = ()
    parents: tuple[RosterParent, ...] = ()
    notes: ReadNotes = field(default=ReadNotes(), compare=False)
    # Not part of the lists the diff compares: curators are appointed (or not) after it.
    curators: tuple[RosterCurator, ...] = field(default=(), compare=False)

    @classmethod
    def build(
        cls,
        pupils: list[RosterPupil] | tuple[RosterPupil, ...],
        parents: list[RosterParent] | tuple[RosterParent, ...] = (),
        extra_classes: tuple[ClassName, ...] = (),
    ) -> RosterData:
        classes = sorted({p.class_name for p in pupils} | set(extra_classes))
        return cls(
            tuple(classes),
            tuple(sorted(pupils, key=lambda p: (p.class_name, p.key.name, str(p.vk)))),
            tuple(sorted(parents, key=lambda p: (p.key, str(p.vk), p.children))),
        )

    @property
    def links(self) -> tuple[tuple[RosterParent, RosterPupil], ...]:
        """(parent, pupil) for every child of every parent."""
        by_key = self.pupils_by_key()
        return tuple((par, by_key[k]) for par in self.parents for k in par.children if k in by_key)

    def pupils_by_key(self) -> dict[PupilKey, RosterPupil]:
        return {p.key: p for p in self.pupils}

    def pupil(self, key: PupilKey) -> RosterPupil | None:
        return next((p for p in self.pupils if p.key == key), None)


class RosterProblem(StrEnum):
    FILE_TOO_LARGE = "file_too_large"
    NOT_TEXT = "not_text"  # neither UTF-8 nor Windows-1251, or binary
    EMPTY_FILE = "empty_file"  # no header, or a header and no people
    BAD_CSV = "bad_csv"
    TOO_MANY_ROWS = "too_many_rows"
    UNKNOWN_COLUMN = "unknown_column"
    DUPLICATE_COLUMN = "duplicate_column"
    MISSING_COLUMN = "missing_column"
    TOO_MANY_CELLS = "too_many_cells"
    MISSING_VALUE = "missing_value"
    UNKNOWN_ROLE = "unknown_role"
    BAD_CLASS = "bad_class"
    BAD_NAME = "bad_name"
    BAD_VK = "bad_vk"
    CHILD_FOR_PUPIL = "child_for_pupil"
    CHILD_NOT_FOUND = "child_not_found"
    CHILD_AMBIGUOUS = "child_ambiguous"
    DUPLICATE_PUPIL = "duplicate_pupil"
    DUPLICATE_VK = "duplicate_vk"
    CURATOR_NEEDS_VK = "curator_needs_vk"
    TWO_CURATORS = "two_curators"
    BAD_SHEET = "bad_sheet"  # a workbook that cannot be opened
    NO_SUCH_SHEET = "no_such_sheet"


class Column(StrEnum):
    CLASS = "class"
    ROLE = "role"
    LAST_NAME = "last_name"
    FIRST_NAME = "first_name"
    MIDDLE_NAME = "middle_name"
    FULL_NAME = "full_name"
    VK = "vk"
    CHILD = "child"


@dataclass(frozen=True, slots=True)
class LineError:
    line_no: int  # 1 is the header line
    kind: RosterProblem
    column: Column | None = None
    value: str = ""
    other_line: int | None = None  # for duplicates: where the first one is
    class_problem: ClassNameProblem | None = None
    person_problem: PersonRefProblem | None = None
    choices: tuple[str, ...] = ()  # what could have been meant (the sheets of a workbook)


@dataclass(frozen=True, slots=True)
class RosterErrors:
    errors: tuple[LineError, ...]
