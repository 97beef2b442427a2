"""QR codes in pictures: what they say, read with zxing-cpp (pure: bytes in, texts out).

A picture that holds a QR code, posted by someone who is not staff, is held back like a short
link: the code hides where it leads (a phishing page, a payment form with someone's requisites).
"""

from __future__ import annotations

import io

MAX_PIXELS = 20_000_000  # larger pictures are scaled down before decoding (and bombs refused)


def qr_texts(data: bytes) -> list[str]:
    """The texts of the QR codes in a PNG or JPEG; [] for pictures without one or unreadable
    bytes. CPU-bound (tens of milliseconds): call it in a worker thread."""
    import zxingcpp
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                return []
            image.draft("L", (2000, 2000))  # JPEG: decode at a reduced size, cheaper
            gray = image.convert("L")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return []
    found = zxingcpp.read_barcodes(gray, formats=zxingcpp.BarcodeFormat.QRCode)
    return [code.text for code in found if code.valid]
