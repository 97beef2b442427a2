"""`schoolbot demo` plays every scene and exits 0."""

from __future__ import annotations

import io
import re

import pytest

from bot.demo import play
from bot.demo.transcript import Transcript

pytestmark = pytest.mark.e2e


async def test_the_demo_plays_every_scene(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    assert await play(Transcript(out)) == 0
    transcript = out.getvalue()
    assert "Сцена 1" in transcript and "Сцена 2" in transcript
    assert "Списки загружены" in transcript
    assert "Извините, у вас нет прав" in transcript
    assert "Сцена 3" in transcript and "Код принят" in transcript and "Я его удалил" in transcript
    assert "Сцена 4" in transcript and "Нарушение в чате «5А ученики (старый чат)»" in transcript
    assert "**** **** **** 6781" in transcript and "п.и.з.д" in transcript  # said, then deleted
    assert transcript.count("п. 4.5") >= 2 and "2200 7001 2345 6781, чья она?»" not in transcript
    assert "Сцена 5" in transcript and "Аудит завершён." in transcript
    assert "ещё не вступили" in transcript and "Сообщений в чатах:" in transcript
    assert "[картинка:" in transcript
    assert "Сцена 6" in transcript and "Публикация — предпросмотр." in transcript
    assert "Запланировано." in transcript and "опубликована в «Общий канал школы»" in transcript
    assert "Бот [чат «Общий канал школы»]: Уважаемые родители и ученики!" in transcript
    assert "Нет чата у: 6Б" in transcript and "Рассылка №2 доставлена во все чаты (1)" in transcript
    assert "Сцена 7" in transcript and "Объявление №1 отправлено в «5А · родители»" in transcript
    assert transcript.count("«Спасибо, отмечено!»") == 2
    assert "[id2004|Смирнов Андрей Павлович]: напоминаем" in transcript
    assert "Ознакомились 2 из 3 семей (67%)." in transcript
    assert "• Смирнов Артём Андреевич — Смирнов Андрей Павлович" in transcript
    assert "Сцена 8" in transcript and "[в ответ на вопрос] 💡 Домашние задания" in transcript
    assert "в закреплённом сообщении вверху чата" in transcript
    assert "Обращение №1 (администрация школы)" in transcript
    assert "Ответ на ваше обращение №1" in transcript
    assert "Сцена 9" in transcript and "Сейчас в чате тихие часы" in transcript
    assert transcript.count("Сейчас в чате тихие часы") == 1  # once an evening
    assert "публикация уйдёт утром" in transcript
    assert "Бот [чат «5А · родители»]: В пятницу — парадная форма" in transcript
    assert "Ольга Николаевна отсутствует с " in transcript
    assert "Сцена 10" in transcript and "Подозрение на мошенничество" in transcript
    scam = transcript.split("Сцена 10")[1]
    assert "ваше сообщение скрыто" in scam and "**** **** **** 6781" in scam
    assert "✅ Официальное сообщение школы — " in scam and "классный руководитель 5А" in scam
    assert "Возможный самозванец" in scam and "«директор»" in scam
    director = transcript.split("Сцена 11")[1]
    assert "Объявления: объявлений с подтверждением: 1, ознакомились 2 из 3" in director
    answered = re.search(r"Вопросы в чатах, на которые бот ответил сам: (\d+)", director)
    assert answered and int(answered.group(1)) >= 2  # scene 8's two, and any asked since
    assert "Нарушения: нарушений 4, решено 0" in director
    roster = transcript.split("Сцена 12")[1].split("Сцена 13")[0]
    assert "пришёл из ВКонтакте не целиком" in roster and "Новые классы: 7В." in roster
    assert "Колонки, которые я не читаю (они пропущены): «Дата рождения»." in roster
    assert "• Кузнецова Ольга Сергеевна — строки 5, 6" in roster
    all_chats = transcript.split("Сцена 13")[1].split("Сцена 14")[0]
    assert "Чаты для всех классов — предпросмотр." in all_chats
    assert "Готово: чаты для всех классов." in all_chats and "создавать нечего" in all_chats
    menu = transcript.split("Сцена 14")[1].split("Сцена 15")[0]
    assert "Вот что можно сделать здесь:" in menu and "Извините, я не знаю команды" not in menu
    assert "Вопрос родителя (5А) через бота." in menu and "Вас пока нет в списках школы" in menu
    forwarded = transcript.split("Сцена 15")[1].split("Сцена 16")[0]
    assert "Это приглашение — для другого человека" in forwarded
    assert "⚠ Чужое приглашение. Чужой Аккаунт" in forwarded and "Код принят" in forwarded
    class_link = transcript.split("Сцена 16")[1].split("Сцена 17")[0]
    assert "Общая ссылка в чат «6Б · родители»: https://vk.me/school1?ref=" in class_link
    assert "🙋 Запрос №1 на вход в чат «6Б · родители»" in class_link
    assert "«Готово: впустил и записал страницу ВКонтакте.»" in class_link
    assert "Куратор подтвердил ваш вход" in class_link and "Не получилось найти" in class_link
    callback = transcript.split("Callback API: ВКонтакте сам приносит события")[1]
    assert "первая доставка — HTTP 200 «ok»; повтор (X-Retry-Counter: 1) — HTTP 200 «ok»" in callback
    assert "Здравствуйте" in callback and "/health отвечает 200" in callback
    assert "узнан 1 повтор" not in callback and "узнано 1 повтор," in callback
    assert "Демонстрация окончена" in capsys.readouterr().out
