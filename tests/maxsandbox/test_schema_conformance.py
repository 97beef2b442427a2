"""Every implemented route's answers, and every update, against MAX's official OpenAPI schema.

The schema (max-messenger/api-schema 0.0.33) lives in ../shared/max-api-schema beside the repo.
OpenAPI 3.0 is turned into JSON Schema: `nullable` becomes "or null", and each `discriminator`
dispatches on its property (`type`, `update_type`) to the mapped schema.

Deliberate deviations, where the notes' later sources win over the schema (docs/maxsandbox.md):
- `bot_added` has no `user` since the Nov 2026 change (the schema still requires it);
- `user_removed.admin_id` is null when a person leaves (the schema says so but does not mark it
  nullable — a known slip, see the schema's README).
"""

from __future__ import annotations

import base64
import copy
import json
import re
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import yaml
from jsonschema import Draft7Validator

from maxsandbox.server import REMOVED, ROUTES
from tests.maxsandbox.conftest import ALL, TOKEN

SCHEMA = Path(__file__).resolve().parents[2] / ".." / "shared" / "max-api-schema" / "schema.yaml"
# In the schema, not in the sandbox: channel comments (not relevant to a school's chats).
ABSENT = {
    ("GET", "/messages/{messageId}/comments"),
    ("POST", "/messages/{messageId}/comments"),
    ("PUT", "/messages/{messageId}/comments"),
    ("DELETE", "/messages/{messageId}/comments"),
    ("GET", "/messages/{messageId}/comments/{commentId}"),
}
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def _convert(node: Any) -> Any:
    if isinstance(node, list):
        return [_convert(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {
        k: _convert(v)
        for k, v in node.items()
        if not k.startswith("x-") and k not in ("discriminator", "readOnly", "example")
    }
    if "$ref" in out:
        out["$ref"] = out["$ref"].replace("#/components/schemas/", "#/definitions/")
    if out.pop("nullable", False):
        return {"anyOf": [out, {"type": "null"}]}
    return out


def _definitions(doc: dict[str, Any]) -> dict[str, Any]:
    schemas = copy.deepcopy(doc["components"]["schemas"])
    # Late-2026 changes and known slips (module docstring).
    schemas["BotAddedToChatUpdate"]["allOf"][1]["required"].remove("user")
    schemas["UserRemovedFromChatUpdate"]["allOf"][1]["properties"]["admin_id"]["nullable"] = True
    defs = {name: _convert(s) for name, s in schemas.items()}
    for name, schema in schemas.items():
        disc = schema.get("discriminator")
        if not disc:
            continue
        base = f"{name}__base"
        defs[base] = defs[name]
        prop = disc["propertyName"]
        dispatch = [
            {
                "if": {"properties": {prop: {"const": key}}, "required": [prop]},
                "then": {"$ref": ref.replace("#/components/schemas/", "#/definitions/")},
            }
            for key, ref in disc["mapping"].items()
        ]
        known = {"properties": {prop: {"enum": list(disc["mapping"])}}}
        defs[name] = {"allOf": [{"$ref": f"#/definitions/{base}"}, known, *dispatch]}
        for ref in disc["mapping"].values():
            target = defs[ref.rsplit("/", 1)[-1]]
            for part in target.get("allOf", []):
                if part.get("$ref") == f"#/definitions/{name}":
                    part["$ref"] = f"#/definitions/{base}"
    return defs


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    if not SCHEMA.is_file():
        pytest.fail(f"MAX schema not found at {SCHEMA}")
    return yaml.safe_load(SCHEMA.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def definitions(spec) -> dict[str, Any]:
    return _definitions(spec)


def _validator(definitions: dict[str, Any], schema: dict[str, Any]) -> Draft7Validator:
    return Draft7Validator({**schema, "definitions": definitions})


def validate(definitions: dict[str, Any], schema: dict[str, Any], instance: Any) -> None:
    errors = sorted(
        _validator(definitions, schema).iter_errors(instance), key=lambda e: list(e.path)
    )
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:8])


def _response_schema(spec: dict[str, Any], verb: str, template: str, status: int) -> Any:
    responses = spec["paths"][template][verb.lower()]["responses"]
    entry = responses.get(str(status))
    if entry is None:
        # The schema's lists of error statuses are incomplete (sendMessage's own description
        # names a 400 attachment.not.ready its list lacks); every error is an Error.
        assert status != 200, f"{verb} {template} has no 200 in the schema"
        return {"$ref": "#/definitions/Error"}
    if "$ref" in entry:
        entry = spec["components"]["responses"][entry["$ref"].rsplit("/", 1)[-1]]
    return _convert(entry["content"]["application/json"]["schema"])


@pytest.fixture
def sandbox_options() -> dict[str, Any]:
    # Many calls in a row here: the limits are tested elsewhere.
    return {
        "attachment_ready_delay": 0.0,
        "rps_limit": 10_000,
        "per_chat_limit": 10_000,
        "add_members": "open",
    }


@pytest.fixture
def check(api, spec, definitions):
    checked: set[tuple[str, str]] = set()

    async def run(
        verb: str,
        template: str,
        path: dict[str, Any] | None = None,
        expect: int = 200,
        **kwargs: Any,
    ) -> Any:
        url = template
        for key, value in (path or {}).items():
            url = url.replace("{" + key + "}", str(value))
        status, body = await api.request(verb, url, **kwargs)
        assert status == expect, body
        validate(definitions, _response_schema(spec, verb, template, status), body)
        checked.add((verb, template))
        return body

    run.checked = checked  # type: ignore[attr-defined]
    return run


async def test_every_route_answers_in_the_schemas_shapes(check, api, control, sandbox, spec):
    c = control
    teacher = await c.create_user("Мария", "Иванова", username="mivanova")
    parent = await c.create_user("Олег", "Петров")
    other = await c.create_user("Ирина", "Смирнова")
    chat = await c.create_chat("5А", teacher, [parent, other], bot_permissions=ALL)
    dialog = await c.start_bot(parent, payload="inv_abc")
    p = {"chatId": chat}

    await check("GET", "/me")
    await check(
        "PATCH", "/me/commands", json={"commands": [{"name": "help", "description": "Помощь"}]}
    )
    await check("GET", "/chats/{chatId}", p)
    await check("GET", "/chats/{chatId}", {"chatId": dialog})
    await check("PATCH", "/chats/{chatId}", p, json={"title": "5А · родители"})
    await check("POST", "/chats/{chatId}/actions", p, json={"action": "typing_on"})

    kb = {
        "type": "inline_keyboard",
        "payload": {
            "buttons": [
                [
                    {"type": "callback", "text": "Да", "payload": "yes"},
                    {"type": "message", "text": "Нет"},
                ],
                [{"type": "link", "text": "Сайт", "url": "https://school.example"}],
            ]
        },
    }
    sent = await check(
        "POST",
        "/messages",
        params={"chat_id": chat},
        json={"text": "**Собрание** в пятницу", "format": "markdown", "attachments": [kb]},
    )
    mid = sent["message"]["body"]["mid"]
    await check("POST", "/messages", params={"user_id": parent}, json={"text": "Здравствуйте"})
    reply_to = await c.write(parent, chat, "Спасибо")
    await check(
        "POST",
        "/messages",
        params={"chat_id": chat},
        json={"text": "Пожалуйста", "link": {"type": "reply", "mid": reply_to}},
    )
    await check(
        "POST",
        "/messages",
        params={"user_id": parent},
        json={"link": {"type": "forward", "mid": mid}},
    )
    await check(
        "PUT",
        "/messages",
        params={"message_id": mid},
        json={"text": "Собрание в четверг", "attachments": [kb]},
    )
    await check("GET", "/messages", params={"chat_id": chat, "count": 10})
    await check("GET", "/messages", params={"message_ids": f"{mid},{reply_to}"})
    await check("GET", "/messages/{messageId}", {"messageId": mid})
    await check("GET", "/messages/{messageId}", {"messageId": "mid.nothing"}, expect=404)

    await check("PUT", "/chats/{chatId}/pin", p, json={"message_id": mid, "notify": False})
    await check("GET", "/chats/{chatId}/pin", p)
    await check("GET", "/chats/{chatId}", p)  # now with pinned_message
    await check("DELETE", "/chats/{chatId}/pin", p)

    callback_id = await c.press_button(parent, mid, "yes")
    await check(
        "POST",
        "/answers",
        params={"callback_id": callback_id},
        json={"notification": "Принято", "message": {"text": "Ответ учтён"}},
    )

    await check("GET", "/chats/{chatId}/members", p, params={"count": 2})
    await check("GET", "/chats/{chatId}/members", p, params={"user_ids": f"{parent},{other}"})
    await check("GET", "/chats/{chatId}/members/me", p)
    await check(
        "POST",
        "/chats/{chatId}/members/admins",
        p,
        json={"admins": [{"user_id": other, "permissions": ["pin_message"]}]},
    )
    await check("GET", "/chats/{chatId}/members/admins", p)
    await check(
        "DELETE", "/chats/{chatId}/members/admins/{userId}", {"chatId": chat, "userId": other}
    )
    newcomer = await c.create_user("Новый", "Родитель")
    await check("POST", "/chats/{chatId}/members", p, json={"user_ids": [newcomer, 1]})
    await check("DELETE", "/chats/{chatId}/members", p, params={"user_id": other, "block": True})
    await check("DELETE", "/chats/{chatId}/members", p, params={"user_id": 42}, expect=404)

    for kind, content in (("image", PNG), ("file", b"%PDF-1.4"), ("video", b"\x00\x00mp4")):
        slot = await check("POST", "/uploads", params={"type": kind})
        data = aiohttp.FormData()
        data.add_field("data", content, filename=f"x.{kind}")
        async with api.session.post(slot["url"], data=data) as resp:
            assert resp.status == 200
            uploaded = await resp.text()
        if kind == "image":
            token = next(iter(json.loads(uploaded)["photos"].values()))["token"]
        else:
            token = slot.get("token") or json.loads(uploaded)["token"]
        await check(
            "POST",
            "/messages",
            params={"chat_id": chat},
            json={"attachments": [{"type": kind, "payload": {"token": token}}]},
        )
        if kind == "video":
            await check("GET", "/videos/{videoToken}", {"videoToken": token})
    await check("POST", "/uploads", params={"type": "photo"}, expect=400)

    await check("GET", "/updates", params={"timeout": 0, "limit": 5})
    await check(
        "POST",
        "/subscriptions",
        json={
            "url": "https://bot.example/max",
            "secret": "s3cret_key",
            "update_types": ["message_created"],
        },
    )
    await check("GET", "/subscriptions")
    await check("GET", "/updates", params={"timeout": 0}, expect=405)
    await check("DELETE", "/subscriptions", params={"url": "https://bot.example/max"})
    await check("DELETE", "/messages", params={"message_id": mid})
    await check("DELETE", "/messages", params={"message_id": mid}, expect=404)
    await check(
        "POST", "/messages", params={"chat_id": chat}, json={"text": "x" * 4001}, expect=400
    )
    await check("GET", "/me", token="wrong", expect=401)
    await check("GET", "/chats/{chatId}/members/me", {"chatId": -1}, expect=404)
    await check("DELETE", "/chats/{chatId}/members/me", p)
    await check("GET", "/chats/{chatId}/members/me", p, expect=403)

    implemented = {(verb, path) for verb, path, _, _ in ROUTES}
    assert implemented == check.checked, f"not checked: {implemented - check.checked}"
    in_schema = {
        (verb.upper(), path)
        for path, ops in spec["paths"].items()
        for verb in ops
        if verb in ("get", "post", "put", "patch", "delete")
    }
    assert in_schema - implemented == ABSENT, f"schema routes missing: {in_schema - implemented}"
    assert not implemented - in_schema, "the sandbox serves routes the schema does not have"
    assert not {(v, p) for v, p, _ in REMOVED} & in_schema


async def test_every_update_matches_the_schema(api, control, definitions):
    c = control
    teacher = await c.create_user("Мария", "Иванова")
    parent = await c.create_user("Олег", "Петров")
    stranger = await c.create_user("Чужой", None)
    chat = await c.create_chat("5А", teacher, [parent], bot_permissions=ALL)
    await c.open_deep_link(parent, "https://max.ru/id7701234567_bot?start=inv_abc")
    await c.write_dm(parent, "Добрый день")
    kb = {
        "type": "inline_keyboard",
        "payload": {"buttons": [[{"type": "callback", "text": "Ок", "payload": "ok"}]]},
    }
    mid = (
        await api.send("Согласны?", chat_id=chat, body={"text": "Согласны?", "attachments": [kb]})
    )["body"]["mid"]
    said = await c.write(parent, chat, "Да", reply_to=mid)
    await c.edit_message(parent, said, "Да!")
    await c.press_button(parent, mid, "ok")
    await c.delete_message(parent, said)
    link = (await c.chat(chat))["link"]
    await c.join_by_link(stranger, link)
    await c.leave_chat(stranger, chat)
    await c.add_member(chat, stranger, teacher)
    await c.remove_member(chat, stranger, teacher)
    await c.rename_chat(teacher, chat, "5А класс")
    await c.stop_bot(parent)
    await c.remove_bot(chat, teacher)

    body = await api.updates(limit=100)
    kinds = [u["update_type"] for u in body["updates"]]
    assert kinds == [
        "bot_added",
        "bot_started",
        "message_created",
        "message_created",
        "message_edited",
        "message_callback",
        "message_removed",
        "user_added",
        "user_removed",
        "user_added",
        "user_removed",
        "chat_title_changed",
        "bot_stopped",
        "bot_removed",
    ]
    validate(definitions, {"$ref": "#/definitions/UpdateList"}, body)
    for update in body["updates"]:
        validate(definitions, {"$ref": "#/definitions/Update"}, update)
        assert re.fullmatch(r"\d{13}", str(update["timestamp"])), "times are Unix ms"
    assert all(
        u["chat_id"] < 0
        for u in body["updates"]
        if u.get("chat_id") and u["update_type"] not in ("bot_started", "bot_stopped")
    )


def test_validator_is_strict(definitions):
    """Guard against a vacuous oracle: broken shapes must fail, dispatch must bite."""
    update = _validator(definitions, {"$ref": "#/definitions/Update"})
    good = {
        "update_type": "message_removed",
        "timestamp": 1,
        "message_id": "mid.1",
        "chat_id": -1,
        "user_id": 2,
    }
    assert update.is_valid(good)
    assert not update.is_valid({**good, "message_id": None})
    assert not update.is_valid({k: v for k, v in good.items() if k != "user_id"})
    assert not update.is_valid({**good, "update_type": "no_such_update"})
    created = {
        "update_type": "message_created",
        "timestamp": 1,
        "message": {
            "recipient": {"chat_id": -1, "chat_type": "chat"},
            "timestamp": 1,
            "body": {"mid": "mid.1", "seq": 1, "text": "x"},
        },
    }
    assert update.is_valid(created)
    created["message"]["body"].pop("mid")
    assert not update.is_valid(created)  # nested Message/MessageBody are checked too
    error = _validator(definitions, {"$ref": "#/definitions/Error"})
    assert not error.is_valid({"code": "x"})
    button = _validator(definitions, {"$ref": "#/definitions/Button"})
    assert not button.is_valid({"type": "callback", "text": "x"})  # payload is required
    assert button.is_valid({"type": "callback", "text": "x", "payload": "p"})
    assert TOKEN
