"""A roster file as rows of cells, whatever the school saved it as.

XLSX, XLS or ODS (the first sheet, or the one named) are read by python-calamine; text files are
CSV or tab-separated in UTF-8 (with or without a BOM), UTF-16 (Excel's «Юникод-текст»),
Windows-1251, KOI8-R or another Cyrillic code page, found by charset-normalizer. Each row keeps
the line number a person sees in Excel or a text editor, so an error can name it.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from dataclasses import dataclass

from bot.domain.roster_model import LineError, RosterProblem

MAX_ROWS = 10_000
# An XLSX is a zip: what it unpacks to is capped before any XML is read (a "zip bomb").
MAX_UNPACKED_BYTES = 64 * 1024 * 1024
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))  # fmt: skip
SHEET_EXTENSIONS = (".xlsx", ".xlsm", ".xls", ".ods")
TEXT_EXTENSIONS = (".csv", ".txt", ".tsv", ".tab")

# The code pages a Russian school's file may be in besides UTF-8.
_CANDIDATES = ("cp1251", "koi8_r", "koi8_u", "cp866", "mac_cyrillic", "iso8859_5", "utf_16_le",
               "utf_16_be")  # fmt: skip
# What people call the encodings we may meet.
ENCODING_NAMES = {
    "utf_8": "UTF-8", "utf-8": "UTF-8", "utf-8-sig": "UTF-8", "utf_16": "UTF-16",
    "utf-16": "UTF-16", "utf_16_le": "UTF-16", "utf_16_be": "UTF-16", "cp1251": "Windows-1251",
    "koi8_r": "KOI8-R", "koi8_u": "KOI8-U", "cp866": "DOS (866)", "mac_cyrillic": "Mac Cyrillic",
}  # fmt: skip

Row = tuple[int, list[str]]  # (line number, cells)


@dataclass(frozen=True)
class Table:
    rows: list[Row]  # non-blank rows only
    kind: str  # "csv" or "sheet"
    encoding: str = ""  # of a text file, as people call it
    sheet: str = ""  # of a workbook: the sheet read
    sheets: tuple[str, ...] = ()


def is_spreadsheet(data: bytes) -> bool:
    return data.startswith((_ZIP, _OLE))


def read_table(data: bytes | str, *, sheet: str | None = None, header_ok=None) -> Table | LineError:
    """Rows of the file. `header_ok(rows)` tells whether a decoding reads as a roster: of the
    encodings the detector finds likely, the first that does is taken."""
    if isinstance(data, bytes) and is_spreadsheet(data):
        return _read_sheet(data, sheet)
    if isinstance(data, str):
        return _csv_table(data.removeprefix("\ufeff"), "")
    candidates = _decodings(data)
    if not candidates:
        return LineError(1, RosterProblem.NOT_TEXT)
    first: Table | LineError | None = None
    for text, encoding in candidates:
        table = _csv_table(text, encoding)
        if first is None:
            first = table
        if isinstance(table, Table) and (header_ok is None or header_ok(table.rows)):
            return table
    return first  # type: ignore[return-value]


def _decodings(data: bytes) -> list[tuple[str, str]]:
    """(text, encoding name) candidates, most likely first."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return [(_text(data.decode(codec)), ENCODING_NAMES[codec])]
            except UnicodeDecodeError:
                return []
    try:
        return [(_text(data.decode("utf-8")), "UTF-8")]
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    out = []
    for match in from_bytes(data, cp_isolation=list(_CANDIDATES)):
        out.append((_text(str(match)), ENCODING_NAMES.get(match.encoding, match.encoding)))
    # Excel in Russia saves «CSV (разделители — точка с запятой)» as Windows-1251.
    if not any(name == "Windows-1251" for _, name in out):
        try:
            out.append((_text(data.decode("cp1251")), "Windows-1251"))
        except UnicodeDecodeError:
            pass
    return [(text, name) for text, name in out if _readable(text)]


def _text(text: str) -> str:
    return text.removeprefix("\ufeff")


def _readable(text: str) -> bool:
    """A roster is Russian or Latin letters, digits and punctuation: bytes that decode to
    anything else (CJK from a wrong UTF-16 guess, control characters) are not one."""
    if not text or "\x00" in text:
        return False
    usual = sum(ch.isascii() or "\u0400" <= ch <= "\u04ff" or ch in _USUAL for ch in text)
    return usual >= 0.95 * len(text)


_USUAL = "«»—–№’‘“”„…\u00a0ЁёІіЇїЄє"


def _csv_table(text: str, encoding: str) -> Table | LineError:
    if "\x00" in text:
        return LineError(1, RosterProblem.NOT_TEXT)
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    delim = max(";,\t", key=first.count)  # ties go to «;», Excel's choice in Russia
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    out: list[Row] = []
    line = 1
    try:
        for row in reader:
            if any(c.strip() for c in row):
                out.append((line, row))
                if len(out) > MAX_ROWS + 1:
                    return LineError(line, RosterProblem.TOO_MANY_ROWS)
            line = reader.line_num + 1
    except csv.Error:
        return LineError(line, RosterProblem.BAD_CSV)
    return Table(out, "csv", encoding=encoding)


def _read_sheet(data: bytes, wanted: str | None) -> Table | LineError:
    if data.startswith(_ZIP):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                unpacked = sum(info.file_size for info in archive.infolist())
        except (zipfile.BadZipFile, ValueError, OSError):
            return LineError(1, RosterProblem.BAD_SHEET)
        if unpacked > MAX_UNPACKED_BYTES:
            return LineError(1, RosterProblem.FILE_TOO_LARGE)
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = tuple(book.sheet_names)
        if not names:
            return LineError(1, RosterProblem.EMPTY_FILE)
        if wanted:
            name = next((n for n in names if _same_sheet(n, wanted)), None)
            if name is None:
                return LineError(1, RosterProblem.NO_SUCH_SHEET, value=wanted[:60], choices=names)
        else:
            name = names[0]
        cells = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except Exception:  # calamine raises its own errors and plain ones for a broken file
        return LineError(1, RosterProblem.BAD_SHEET)
    rows: list[Row] = []
    for number, row in enumerate(cells, start=1):
        texts = [_cell(value) for value in row]
        if any(texts):
            rows.append((number, texts))
            if len(rows) > MAX_ROWS + 1:
                return LineError(number, RosterProblem.TOO_MANY_ROWS)
    return Table(rows, "sheet", sheet=name, sheets=names)


def _same_sheet(name: str, wanted: str) -> bool:
    return name.strip().casefold() == wanted.strip().strip("«»\"'").casefold()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a VK id typed as a number comes back as 1001.0
    return str(value).strip()
