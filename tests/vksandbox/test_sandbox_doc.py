"""docs/sandbox.md names the control calls as the code does: every SandboxClient method is in the
table with its real parameters, and the curl example at the top works as written."""

from __future__ import annotations

import inspect
import json
import re
import shlex
from pathlib import Path

import aiohttp

from vksandbox import Sandbox, SandboxClient

DOC = Path(__file__).resolve().parents[2] / "docs" / "sandbox.md"
INTERNAL = {"close"}


def documented_calls() -> dict[str, str]:
    """name → the parameter list as the table writes it."""
    text = DOC.read_text(encoding="utf-8")
    table = text[text.index("| Вызов клиента |") :]
    found = {}
    for line in table.splitlines()[2:]:
        if not line.startswith("|"):
            break
        m = re.match(r"\| `(\w+)\(([^)]*)\)", line)
        assert m, line
        found[m.group(1)] = m.group(2)
    return found


def signature_text(method) -> str:
    parts = []
    for name, p in list(inspect.signature(method).parameters.items())[1:]:
        if name.endswith("_") and p.default is not inspect.Parameter.empty:
            continue  # the client's own knobs, not the operation's
        if p.kind is inspect.Parameter.VAR_KEYWORD:
            parts.append(f"**{name}")
        elif p.default is inspect.Parameter.empty:
            parts.append(name)
        else:
            default = f'"{p.default}"' if isinstance(p.default, str) else repr(p.default)
            parts.append(f"{name}={default}")
    return ", ".join(parts)


def test_every_control_call_is_documented_with_its_real_parameters():
    calls = documented_calls()
    public = {
        name
        for name, member in inspect.getmembers(SandboxClient, inspect.iscoroutinefunction)
        if not name.startswith("_") and name not in INTERNAL
    }
    assert set(calls) == public
    for name, params in calls.items():
        assert params == signature_text(getattr(SandboxClient, name)), name


async def test_the_curl_example_works_as_written():
    text = DOC.read_text(encoding="utf-8")
    block = text.split("```sh\n", 1)[1].split("```", 1)[0]
    requests = [shlex.split(line.split("#")[0]) for line in block.splitlines() if "curl" in line]
    async with Sandbox() as sandbox, aiohttp.ClientSession() as http:
        answers = []
        for argv in requests:
            url = argv[argv.index("POST") + 1].replace("$URL", sandbox.url)
            body = argv[argv.index("-d") + 1]
            json.loads(body)  # the example's body is JSON
            # As curl -d sends it: the body as is, with curl's form content type.
            headers = {"Content-Type": "application/x-www-form-urlencoded"}
            async with http.post(url, data=body.encode(), headers=headers) as response:
                assert response.status == 200, (url, await response.text())
                answers.append(await response.json())
    assert answers[0] == {"result": {"user_id": 100001}}  # as the example says
    (message,) = answers[2]["result"]
    assert message["text"] == "помощь" and message["from_id"] == 100001
