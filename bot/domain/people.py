"""People and their roles (regulation §3.1–3.6).

A person may hold several roles at once: a deputy director who teaches maths in 7Б and is the
curator of 7Б is three grants. `Roles` answers the questions the rest of the bot asks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from bot.domain.classes import ClassName


class Role(StrEnum):
    ADMIN = "admin"  # §3.1 администратор
    DIRECTOR = "director"  # §3.2 администрация школы
    DEPUTY = "deputy"  # §3.2
    CURATOR = "curator"  # §3.3 куратор (классный руководитель) — of a class
    TEACHER = "teacher"  # §3.4 педагог — of subjects, in classes
    PUPIL = "pupil"  # §3.5 обучающийся — of a class
    PARENT = "parent"  # §3.6 родитель (законный представитель) — of pupils


ROLE_ORDER: tuple[Role, ...] = tuple(Role)
SCHOOL_STAFF = frozenset({Role.ADMIN, Role.DIRECTOR, Role.DEPUTY})


def normalize_subject(text: str) -> str:
    """«Русский  Язык» → «русский язык»; ё → е, so the same subject compares equal."""
    return re.sub(r"\s+", " ", text.replace("ё", "е").replace("Ё", "Е")).strip().lower()


def normalize_name(text: str) -> str:
    """For matching names: case, ё/е and spacing do not matter."""
    return re.sub(r"\s+", " ", text.replace("ё", "е").replace("Ё", "Е")).strip().casefold()


@dataclass(frozen=True, slots=True)
class Person:
    id: int
    vk_id: int | None
    full_name: str


@dataclass(frozen=True, slots=True)
class RoleGrant:
    """One role one person holds; which fields are set depends on the role."""

    role: Role
    class_name: ClassName | None = None
    subject: str | None = None
    pupil_id: int | None = None

    def __post_init__(self) -> None:
        need_class = self.role in (Role.CURATOR, Role.TEACHER, Role.PUPIL)
        need_subject = self.role is Role.TEACHER
        need_pupil = self.role is Role.PARENT
        if need_class != (self.class_name is not None):
            raise ValueError(
                f"{self.role}: class_name is {'required' if need_class else 'not used'}"
            )
        if need_subject != (self.subject is not None):
            raise ValueError(
                f"{self.role}: subject is {'required' if need_subject else 'not used'}"
            )
        if need_pupil != (self.pupil_id is not None):
            raise ValueError(f"{self.role}: pupil_id is {'required' if need_pupil else 'not used'}")
        if self.subject is not None:
            subject = normalize_subject(self.subject)
            if not subject:
                raise ValueError("subject is empty")
            object.__setattr__(self, "subject", subject)


def _sort_key(g: RoleGrant) -> tuple:
    return (
        ROLE_ORDER.index(g.role),
        g.class_name or ClassName(1, "А"),
        g.subject or "",
        g.pupil_id or 0,
    )


@dataclass(frozen=True, slots=True)
class Roles:
    """Everything one person holds. Empty for a stranger."""

    grants: frozenset[RoleGrant] = field(default_factory=frozenset)

    @classmethod
    def of(cls, *grants: RoleGrant | Iterable[RoleGrant]) -> Roles:
        flat: list[RoleGrant] = []
        for g in grants:
            flat.extend([g] if isinstance(g, RoleGrant) else g)
        return cls(frozenset(flat))

    def __iter__(self):
        return iter(sorted(self.grants, key=_sort_key))

    def __bool__(self) -> bool:
        return bool(self.grants)

    @property
    def roles(self) -> frozenset[Role]:
        return frozenset(g.role for g in self.grants)

    def has(self, role: Role) -> bool:
        return any(g.role is role for g in self.grants)

    @property
    def is_admin(self) -> bool:
        return self.has(Role.ADMIN)

    @property
    def is_staff(self) -> bool:
        """Administrator, director or deputy."""
        return bool(self.roles & SCHOOL_STAFF)

    @property
    def curated_classes(self) -> frozenset[ClassName]:
        return self._classes(Role.CURATOR)

    @property
    def taught_classes(self) -> frozenset[ClassName]:
        return self._classes(Role.TEACHER)

    @property
    def pupil_classes(self) -> frozenset[ClassName]:
        return self._classes(Role.PUPIL)

    @property
    def subjects(self) -> frozenset[str]:
        return frozenset(g.subject for g in self.grants if g.subject is not None)

    @property
    def children(self) -> frozenset[int]:
        """Person ids of the pupils this person is a parent of."""
        return frozenset(g.pupil_id for g in self.grants if g.pupil_id is not None)

    def teaches(self, subject: str | None = None, class_name: ClassName | None = None) -> bool:
        """Teaches `subject` (any if None) in `class_name` (any if None)."""
        want = normalize_subject(subject) if subject is not None else None
        return any(
            g.role is Role.TEACHER
            and (want is None or g.subject == want)
            and (class_name is None or g.class_name == class_name)
            for g in self.grants
        )

    def subjects_in(self, class_name: ClassName) -> frozenset[str]:
        return frozenset(
            g.subject
            for g in self.grants
            if g.role is Role.TEACHER and g.class_name == class_name and g.subject
        )

    def _classes(self, role: Role) -> frozenset[ClassName]:
        return frozenset(g.class_name for g in self.grants if g.role is role and g.class_name)
