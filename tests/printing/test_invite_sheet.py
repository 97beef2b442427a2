import random
from datetime import UTC, date, datetime

import pytest

from bot.domain.invites import InviteCode, vk_me_link
from bot.printing import InviteCard, render_invite_sheet
from bot.printing.invite_sheet import community_address
from bot.printing.qr import dark_runs, qr_matrix

pdfium = pytest.importorskip("pypdfium2")

SCHOOL = "МБОУ «Лицей № 42»"
NAMES = [
    ("Иванова Елена Викторовна", "Иванов Пётр"),
    ("Константинопольская Александра Владимировна", "Константинопольский Эммануил-Фердинанд"),
    ("Сидоров Ёжик Щукин", "Сидорова Аня"),
    ("Петров Пётр", "Петрова Юлия"),
    ("Кузнецова Мария", "Кузнецов Илья"),
    ("Смирнов Андрей Игоревич", "Смирнова Дарья"),
    ("Попова Ольга", "Попов Лев"),
]


def cards(n: int = len(NAMES)) -> list[InviteCard]:
    rng = random.Random(3)
    out = []
    for i in range(n):
        parent, child = NAMES[i % len(NAMES)]
        code = InviteCode.generate(rng)
        out.append(
            InviteCard(
                parent,
                child,
                "5А · родители",
                vk_me_link("lyceum42", code),
                code.display,
                date(2026, 12, 5),
            )
        )
    return out


@pytest.fixture(scope="module")
def sheet() -> tuple[list[InviteCard], bytes]:
    cs = cards()
    return cs, render_invite_sheet(SCHOOL, "5А", cs)


def page_texts(pdf: bytes) -> list[str]:
    doc = pdfium.PdfDocument(pdf)
    try:
        texts = []
        for page in doc:
            tp = page.get_textpage()
            texts.append(tp.get_text_range())
            tp.close()
            page.close()
        return texts
    finally:
        doc.close()


def page_count(pdf: bytes) -> int:
    doc = pdfium.PdfDocument(pdf)
    try:
        return len(doc)
    finally:
        doc.close()


def test_pdf_opens_with_six_cards_a_page(sheet):
    _, pdf = sheet
    assert pdf.startswith(b"%PDF-")
    doc = pdfium.PdfDocument(pdf)
    try:
        assert len(doc) == 2
        w, h = doc[0].get_size()
        assert (round(w * 25.4 / 72), round(h * 25.4 / 72)) == (210, 297)  # A4
    finally:
        doc.close()


def test_text_is_there_in_cyrillic(sheet):
    cs, pdf = sheet
    texts = page_texts(pdf)
    flat = [" ".join(x.split()) for x in texts]
    for i, card in enumerate(cs):
        page = flat[i // 6]
        short = card.person_name if len(card.person_name) < 30 else card.person_name.split()[0]
        assert short in page
        assert card.code in page
    assert "Приглашение для:" in flat[0]
    assert "Действует до 05.12.2026" in flat[0]
    assert "Ребёнок: Иванов Пётр" in flat[0]
    assert "«Начать»" in flat[0] and "vk.me/lyceum42" in flat[0]
    assert "лист 2 из 2" in flat[1]


def test_qr_codes_decode_to_the_links(sheet):
    zxingcpp = pytest.importorskip("zxingcpp")
    cs, pdf = sheet
    doc = pdfium.PdfDocument(pdf)
    try:
        found = []
        for page in doc:
            image = page.render(scale=3).to_pil()
            found += [r.text for r in zxingcpp.read_barcodes(image)]
            page.close()
    finally:
        doc.close()
    assert sorted(found) == sorted(c.link for c in cs)


def test_qr_matrix_round_trips_without_a_pdf():
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    link = "https://vk.me/lyceum42?ref=K7QF9XWM2PR"
    m = qr_matrix(link)
    n, q, scale = len(m), 4, 6
    img = Image.new("L", ((n + 2 * q) * scale,) * 2, 255)
    for r, c, length in dark_runs(m):
        for dx in range(length * scale):
            for dy in range(scale):
                img.putpixel(((q + c) * scale + dx, (q + r) * scale + dy), 0)
    assert [r.text for r in zxingcpp.read_barcodes(img)] == [link]
    assert sum(length for _, _, length in dark_runs(m)) == sum(map(sum, m))


def test_output_is_reproducible_and_dated_on_request():
    cs = cards(2)
    assert render_invite_sheet(SCHOOL, "5А", cs) == render_invite_sheet(SCHOOL, "5А", cs)
    dated = render_invite_sheet(SCHOOL, "5А", cs, created_at=datetime(2026, 11, 20, tzinfo=UTC))
    assert b"D:20261120" in dated


def test_page_count_and_pupil_cards():
    assert page_count(render_invite_sheet(SCHOOL, "5А", cards(12))) == 2
    assert page_count(render_invite_sheet(SCHOOL, "5А", cards(13))) == 3
    pupil = InviteCard(
        "Петров Пётр",
        None,
        "5А · ученики",
        "https://vk.me/x?ref=K7QF9XWM2PR",
        "K7QF-9XWM-2PR",
        date(2026, 12, 5),
    )
    text = page_texts(render_invite_sheet(SCHOOL, "5А", [pupil]))[0]
    assert "Ребёнок" not in text and "Петров Пётр" in text


def test_no_cards_is_an_error():
    with pytest.raises(ValueError):
        render_invite_sheet(SCHOOL, "5А", [])


def test_community_address():
    assert community_address("https://vk.me/lyceum42?ref=K7QF9XWM2PR") == "vk.me/lyceum42"
