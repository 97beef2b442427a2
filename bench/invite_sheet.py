"""`python -m bench.invite_sheet`: how long a class's PDF of invitations takes to draw.

`пригласить 5А` now sends the list and the PDF of the same invitations at once, so a curator's
class (up to 60 parents) is drawn on every such command, in a worker thread. Prints the best of
three runs for 6, 30 and 60 cards, and the code-alone check's cost per direct message."""

from __future__ import annotations

import sys
import time
import timeit
from datetime import date

from bot.domain.invites import InviteCode, code_alone, vk_me_link
from bot.printing import InviteCard, render_invite_sheet


def _cards(n: int) -> list[InviteCard]:
    cards = []
    for i in range(n):
        code = InviteCode.generate()
        cards.append(
            InviteCard(
                person_name=f"Иванова Елена Викторовна {i}",
                child_name="Иванов Пётр Сергеевич" if i % 2 else None,
                chat_title="5А · родители",
                link=vk_me_link("school1", code),
                code=code.display,
                expires_on=date(2026, 12, 1),
            )
        )
    return cards


def main(argv: list[str] | None = None) -> int:
    render_invite_sheet("Школа № 1", "5А", _cards(6))  # fonts and imports warm
    for n in (6, 30, 60):
        cards = _cards(n)
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            pdf = render_invite_sheet("Школа № 1", "5А", cards)
            best = min(best, time.perf_counter() - start)
        print(f"sheet of {n:2d} cards: {best * 1000:6.0f} ms, {len(pdf) // 1024} KB")
    for text in ("2 марта; 3 марта", "K7QF-9XWM-2PR", "Здравствуйте, когда собрание в пятницу?"):
        runs = 20_000
        cost = timeit.timeit(lambda t=text: code_alone(t), number=runs) / runs
        print(f"code_alone({text[:24]!r}): {cost * 1e6:.1f} µs")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
