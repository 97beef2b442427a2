"""The printable sheet of a class's invitations: A4, six cards a page, dashed cut lines.

Each card: the school and the chat, whom it is for (and the child, for a parent), a QR code of the
personal link, the bare code in large monospace, the expiry date, and how to use it. Fonts are the
bundled DejaVu subsets (bot/printing/fonts, licence beside them), so Cyrillic prints on any machine.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urlsplit

from fpdf import FPDF

from bot.printing.qr import dark_runs, qr_matrix
from bot.texts import invites as t

FONTS = Path(__file__).parent / "fonts"
SANS, MONO = "DejaVuSans", "DejaVuSansMono"

PAGE_W, PAGE_H = 210.0, 297.0  # A4, mm
MARGIN = 8.0
FOOTER = 6.0
COLS, ROWS = 2, 3
CARD_W = (PAGE_W - 2 * MARGIN) / COLS
CARD_H = (PAGE_H - 2 * MARGIN - FOOTER) / ROWS
PAD = 5.0
QR_SIZE = 34.0
# fpdf2 reads the clock for the creation date unless told; a fixed date keeps output reproducible.
REPRODUCIBLE_DATE = datetime(1969, 12, 31, 19, 0, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class InviteCard:
    person_name: str
    child_name: str | None  # for a parent's card
    chat_title: str
    link: str  # https://vk.me/<community>?ref=<code>
    code: str  # as people read it: «K7QF-9XWM-2PR»
    expires_on: date


def community_address(link: str) -> str:
    """https://vk.me/school?ref=… → «vk.me/school»."""
    parts = urlsplit(link)
    return f"{parts.netloc}{parts.path}".rstrip("/") or link


def _fit(pdf: FPDF, text: str, width: float, size: float, min_size: float) -> str:
    """Shrinks the current font down to `min_size` until `text` fits; then cuts it with «…»."""
    pdf.set_font_size(size)
    while pdf.get_string_width(text) > width and size > min_size:
        size -= 0.5
        pdf.set_font_size(size)
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _line(pdf: FPDF, x: float, y: float, w: float, text: str, *, font: str = SANS,
          style: str = "", size: float = 9, min_size: float = 7, grey: int = 0) -> float:  # fmt: skip
    """One line of text whose top is at y; returns the y below it."""
    pdf.set_font(font, style)
    text = _fit(pdf, text, w, size, min_size)
    h = pdf.font_size * 1.25
    pdf.set_text_color(grey)
    pdf.set_xy(x, y)
    pdf.cell(w, h, text)
    pdf.set_text_color(0)
    return y + h


def _qr(pdf: FPDF, x: float, y: float, size: float, link: str) -> None:
    matrix = qr_matrix(link)
    module = size / len(matrix)
    pdf.set_fill_color(0)
    for r, c, n in dark_runs(matrix):
        pdf.rect(x + c * module, y + r * module, n * module, module, style="F")


def _card(
    pdf: FPDF, x0: float, y0: float, school: str, card: InviteCard, sizes: dict[tuple, float]
) -> None:
    x, w = x0 + PAD, CARD_W - 2 * PAD
    y = y0 + PAD
    y = _line(pdf, x, y, w, school, size=8, grey=90)
    y = _line(pdf, x, y, w, card.chat_title, style="B", size=11, min_size=8)
    pdf.set_draw_color(180)
    pdf.set_line_width(0.2)
    pdf.line(x, y + 1, x + w, y + 1)
    y += 2.5
    y = _line(pdf, x, y, w, t.SHEET_INVITED, size=8, grey=90)
    y = _line(pdf, x, y, w, card.person_name, style="B", size=13, min_size=8)
    if card.child_name:
        y = _line(pdf, x, y, w, f"{t.SHEET_CHILD} {card.child_name}", size=9)
    # The quiet zone around the QR code (4 modules, about 4 mm) must stay white.
    y += 3.5
    _qr(pdf, x, y, QR_SIZE, card.link)
    tx = x + QR_SIZE + 4.5
    tw = x + w - tx
    ty = _line(pdf, tx, y + 2, tw, t.SHEET_CODE, size=8, grey=90)
    ty = _line(pdf, tx, ty, tw, card.code, font=MONO, style="B", size=15, min_size=10)
    _line(pdf, tx, ty + 1.5, tw, t.sheet_valid_until(card.expires_on), style="B", size=9)
    y += QR_SIZE + 3.5
    steps = "\n".join(t.sheet_instruction(community_address(card.link)))
    room = y0 + CARD_H - PAD + 1.5 - y
    # Cards share their steps and mostly their room: fitting the text once per shape, not per
    # card, keeps a class of sixty from taking seconds.
    key = (steps, round(room, 2))
    size = sizes.get(key, 0.0)
    pdf.set_font(SANS, "", size or 7.5)
    if not size:
        size = 7.5
        while size > 5.5 and _text_height(pdf, w, steps) > room:
            size -= 0.25
            pdf.set_font_size(size)
        sizes[key] = size
    pdf.set_xy(x, y)
    pdf.multi_cell(w, pdf.font_size * 1.3, steps, align="L")


def _text_height(pdf: FPDF, w: float, text: str) -> float:
    return pdf.multi_cell(w, pdf.font_size * 1.3, text, align="L", dry_run=True, output="HEIGHT")


def _cut_lines(pdf: FPDF, cards_on_page: int) -> None:
    """Dashed borders round the used cells. Every edge is drawn left→right or top→bottom from the
    same point, so an edge two cells share gets the same dashes twice."""
    pdf.set_draw_color(150)
    pdf.set_line_width(0.2)
    with pdf.local_context():
        pdf.set_dash_pattern(dash=2, gap=1.5)
        for i in range(cards_on_page):
            row, col = divmod(i, COLS)
            x, y = MARGIN + col * CARD_W, MARGIN + row * CARD_H
            pdf.line(x, y, x + CARD_W, y)
            pdf.line(x, y + CARD_H, x + CARD_W, y + CARD_H)
            pdf.line(x, y, x, y + CARD_H)
            pdf.line(x + CARD_W, y, x + CARD_W, y + CARD_H)


def render_invite_sheet(
    school: str,
    class_name: str,
    cards: Sequence[InviteCard],
    *,
    created_at: datetime | None = None,
) -> bytes:
    """The PDF, six cards per A4 page, in the order given. `created_at` goes into the PDF's
    metadata (pass the service's clock); None keeps a fixed date, so equal input gives equal
    bytes."""
    if not cards:
        raise ValueError("no invitation cards to print")
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_creation_date(created_at or REPRODUCIBLE_DATE)
    pdf.set_auto_page_break(False)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.add_font(SANS, "", FONTS / "DejaVuSans.ttf")
    pdf.add_font(SANS, "B", FONTS / "DejaVuSans-Bold.ttf")
    pdf.add_font(MONO, "B", FONTS / "DejaVuSansMono-Bold.ttf")
    pdf.set_title(f"{t.SHEET_TITLE} {class_name}")
    pdf.set_author(school)
    pdf.set_creator("schoolbot")
    per_page = COLS * ROWS
    pages = (len(cards) + per_page - 1) // per_page
    sizes: dict[tuple, float] = {}
    for page in range(pages):
        pdf.add_page()
        on_page = cards[page * per_page : (page + 1) * per_page]
        _cut_lines(pdf, len(on_page))
        for i, card in enumerate(on_page):
            row, col = divmod(i, COLS)
            _card(pdf, MARGIN + col * CARD_W, MARGIN + row * CARD_H, school, card, sizes)
        _line(pdf, MARGIN, PAGE_H - MARGIN - FOOTER + 1.5, PAGE_W - 2 * MARGIN,
              "✂ " + t.sheet_footer(school, class_name, page + 1, pages), size=7, grey=120)  # fmt: skip
    return bytes(pdf.output())
