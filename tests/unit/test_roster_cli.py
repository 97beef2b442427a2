"""`schoolbot roster import|export` on a database file, without VK."""

from __future__ import annotations

from pathlib import Path

from bot.cli import main

REPO = Path(__file__).resolve().parents[2]
NUMERIC = (
    (REPO / "examples" / "roster.csv")
    .read_text(encoding="utf-8")
    .replace("https://vk.com/artem_smirnov", "vk.com/id1003")
)


def test_import_then_export_round_trips(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    source = tmp_path / "in.csv"
    source.write_text(NUMERIC, encoding="utf-8")
    assert main(["roster", "import", str(source)]) == 0
    assert "Добавлено учеников: 7" in capsys.readouterr().out
    assert main(["roster", "import", str(source)]) == 0
    assert "ничего не изменилось" in capsys.readouterr().out
    out = tmp_path / "out.csv"
    assert main(["roster", "export", "-o", str(out)]) == 0
    exported = out.read_text(encoding="utf-8-sig")
    assert "5А;ученик;Смирнов;Артём;Андреевич;vk.com/id1003;" in exported
    assert main(["roster", "import", str(out)]) == 0
    assert "ничего не изменилось" in capsys.readouterr().out


def test_a_bad_file_is_refused_with_line_numbers_and_nothing_is_written(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.chdir(tmp_path)
    source = tmp_path / "bad.csv"
    source.write_text("класс;роль;фамилия;имя\n5А;ученик;Иванов;\n0Б;ученик;Петров;Петя\n", "utf-8")
    assert main(["roster", "import", str(source)]) == 1
    err = capsys.readouterr().err
    assert "Строка 2:" in err and "Строка 3:" in err
    assert main(["roster", "export"]) == 0
    assert capsys.readouterr().out.strip() == "класс;роль;фамилия;имя;отчество;vk;ребёнок"


def test_the_example_imports_without_vk_and_keeps_its_short_names(tmp_path, monkeypatch, capsys):
    """17.4: vk.com/artem_smirnov cannot be asked about offline: it is kept as written."""
    monkeypatch.chdir(tmp_path)
    assert main(["roster", "import", str(REPO / "examples" / "roster.csv")]) == 0
    out = capsys.readouterr().out
    assert "Добавлено учеников: 7." in out and "Добавлено родителей: 5." in out
    assert "Всего в файле 12 человек: 7 учеников и 5 родителей." in out
    assert "1 ссылка вида vk.com/имя сохранена как есть" in out
    assert main(["roster", "export"]) == 0
    assert "5А;ученик;Смирнов;Артём;Андреевич;vk.com/artem_smirnov;" in capsys.readouterr().out
    assert main(["roster", "import", str(REPO / "examples" / "roster.csv")]) == 0
    assert "ничего не изменилось" in capsys.readouterr().out


def test_a_missing_file_is_explained(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["roster", "import", "nope.csv"]) == 2
    assert "Не удалось прочитать файл nope.csv" in capsys.readouterr().err


def test_the_demo_uses_the_documented_example():
    demo_copy = REPO / "bot" / "demo" / "roster.csv"
    assert demo_copy.read_bytes() == (REPO / "examples" / "roster.csv").read_bytes()
