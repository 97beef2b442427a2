"""What importing a roster would change, so the reply can say so and a second import is a no-op.

Import adds and updates; it never removes. A person in the school's lists but not in the file is
reported as absent and kept. An empty VK cell never erases a VK id the bot already knows.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.classes import ClassName
from bot.domain.person_ref import ById, ByScreenName, PersonRef
from bot.domain.roster_model import PupilKey, RosterData, RosterParent, RosterPupil


@dataclass(frozen=True, slots=True)
class RosterChange:
    before: RosterPupil | RosterParent
    after: RosterPupil | RosterParent
    fields: tuple[str, ...]  # "class", "vk", "children"


@dataclass(frozen=True, slots=True)
class RosterDiff:
    classes_added: tuple[ClassName, ...] = ()
    pupils_added: tuple[RosterPupil, ...] = ()
    pupils_changed: tuple[RosterChange, ...] = ()
    parents_added: tuple[RosterParent, ...] = ()
    parents_changed: tuple[RosterChange, ...] = ()
    unchanged: int = 0
    absent_pupils: tuple[RosterPupil, ...] = ()  # in the lists, not in the file: kept
    absent_parents: tuple[RosterParent, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (
            self.classes_added
            or self.pupils_added
            or self.pupils_changed
            or self.parents_added
            or self.parents_changed
        )


def _compatible(a: PersonRef | None, b: PersonRef | None) -> bool:
    """Could be one page: unknown, equal, or a short name VK has not been asked about yet."""
    return a is None or b is None or a == b or ByScreenName in (type(a), type(b))


def _vk_after(new: PersonRef | None, old: PersonRef | None) -> PersonRef | None:
    """An empty cell never erases a known page, nor does a short name not yet resolved."""
    if new is None or (isinstance(new, ByScreenName) and isinstance(old, ById)):
        return old
    return new


def _match_pupils(existing: RosterData, incoming: RosterData) -> dict[PupilKey, RosterPupil | None]:
    """incoming pupil key → the existing pupil it is (by VK, then name and class, then a name
    that is unique among the unmatched: the pupil moved to another class). Indexed, so a
    school-sized file costs one look-up per pupil, not a scan of the school."""
    by_vk: dict[PersonRef, RosterPupil] = {}
    by_key: dict[PupilKey, list[RosterPupil]] = {}
    by_name: dict[str, list[RosterPupil]] = {}
    for e in existing.pupils:
        if e.vk is not None:
            by_vk.setdefault(e.vk, e)
        by_key.setdefault(e.key, []).append(e)
        by_name.setdefault(e.key.name, []).append(e)
    taken: set[int] = set()
    out: dict[PupilKey, RosterPupil] = {}

    def take(p: RosterPupil, e: RosterPupil) -> None:
        out[p.key] = e
        taken.add(id(e))

    for p in incoming.pupils:
        e = by_vk.get(p.vk) if p.vk is not None else None
        if e is not None and id(e) not in taken:
            take(p, e)
    for p in incoming.pupils:
        if p.key not in out:
            hit = next((e for e in by_key.get(p.key, ())
                        if id(e) not in taken and _compatible(e.vk, p.vk)), None)  # fmt: skip
            if hit is not None:
                take(p, hit)
    for p in incoming.pupils:
        if p.key not in out:
            hits = [e for e in by_name.get(p.key.name, ())
                    if id(e) not in taken and _compatible(e.vk, p.vk)]  # fmt: skip
            if len(hits) == 1:
                take(p, hits[0])
    return {p.key: out.get(p.key) for p in incoming.pupils}


def diff_roster(existing: RosterData, incoming: RosterData) -> RosterDiff:
    match = _match_pupils(existing, incoming)
    back = {e.key: k for k, e in match.items() if e is not None}  # existing key → incoming key
    pupils_added, pupils_changed, unchanged = [], [], 0
    for p in incoming.pupils:
        e = match[p.key]
        if e is None:
            pupils_added.append(p)
            continue
        after = RosterPupil(p.full_name, p.class_name, _vk_after(p.vk, e.vk))
        fields = tuple(f for f, moved in (("class", e.class_name != p.class_name),
                                          ("vk", after.vk != e.vk)) if moved)  # fmt: skip
        if fields:
            pupils_changed.append(RosterChange(e, after, fields))
        else:
            unchanged += 1

    # A parent is the same person by VK page, or by name and a child in common: two parents
    # of one name are never taken for one.
    by_vk: dict[PersonRef, RosterParent] = {}
    by_name: dict[str, list[RosterParent]] = {}
    kids_of: dict[int, set[PupilKey]] = {}
    for e in existing.parents:
        if e.vk is not None:
            by_vk.setdefault(e.vk, e)
        by_name.setdefault(e.key, []).append(e)
        kids_of[id(e)] = {back.get(k, k) for k in e.children}
    taken: set[int] = set()
    parents_added, parents_changed = [], []
    for p in incoming.parents:
        e = by_vk.get(p.vk) if p.vk is not None else None
        if e is None or id(e) in taken:
            mine = set(p.children)
            e = next((e for e in by_name.get(p.key, ())
                      if id(e) not in taken and _compatible(e.vk, p.vk)
                      and kids_of[id(e)] & mine), None)  # fmt: skip
        if e is None:
            parents_added.append(p)
            continue
        taken.add(id(e))
        kids = set(p.children) | kids_of[id(e)]
        after = RosterParent(p.full_name, _vk_after(p.vk, e.vk), tuple(sorted(kids)))
        fields = tuple(f for f, moved in (("vk", after.vk != e.vk),
                                          ("children", kids != kids_of[id(e)]))
                       if moved)  # fmt: skip
        if fields:
            parents_changed.append(RosterChange(e, after, fields))
        else:
            unchanged += 1

    matched = {id(e) for e in match.values() if e is not None}
    return RosterDiff(
        classes_added=tuple(c for c in incoming.classes if c not in set(existing.classes)),
        pupils_added=tuple(pupils_added),
        pupils_changed=tuple(pupils_changed),
        parents_added=tuple(parents_added),
        parents_changed=tuple(parents_changed),
        unchanged=unchanged,
        absent_pupils=tuple(e for e in existing.pupils if id(e) not in matched),
        absent_parents=tuple(e for e in existing.parents if id(e) not in taken),
    )


def apply_diff(existing: RosterData, diff: RosterDiff) -> RosterData:
    """The lists after the import (`diff` computed against this same `existing`).

    diff_roster(apply_diff(e, d), incoming) is empty: importing twice changes nothing."""
    changed_p = {id(c.before): c.after for c in diff.pupils_changed}
    changed_par = {id(c.before): c.after for c in diff.parents_changed}
    back = {c.before.key: c.after.key for c in diff.pupils_changed}
    pupils = [changed_p.get(id(p), p) for p in existing.pupils] + list(diff.pupils_added)
    parents = [
        changed_par.get(id(p))
        or RosterParent(p.full_name, p.vk, tuple(sorted(back.get(k, k) for k in p.children)))
        for p in existing.parents
    ] + list(diff.parents_added)
    return RosterData.build(pupils, parents, existing.classes + diff.classes_added)
