"""QR codes as plain module matrices, drawn by whoever needs them (the PDF draws rectangles)."""

from __future__ import annotations

import qrcode
from qrcode.constants import ERROR_CORRECT_M

QUIET_ZONE = 4  # modules of white the standard asks for around a code


def qr_matrix(data: str) -> list[list[bool]]:
    """The modules of the smallest QR code (error correction M, ~15 %) holding `data`,
    without the quiet zone: True is dark."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(data)
    code.make(fit=True)
    return [list(row) for row in code.get_matrix()]


def dark_runs(matrix: list[list[bool]]) -> list[tuple[int, int, int]]:
    """(row, first column, length) of each horizontal run of dark modules: one rectangle each,
    so a renderer draws fewer seams between neighbouring modules."""
    runs = []
    for r, row in enumerate(matrix):
        c = 0
        while c < len(row):
            if row[c]:
                start = c
                while c < len(row) and row[c]:
                    c += 1
                runs.append((r, start, c - start))
            else:
                c += 1
    return runs
