// The sandbox's page: draws what `view` says and acts through the control API, as a person would.
"use strict";

const state = { me: null, peer: null, data: null, busy: false, again: false, people: "",
                replyTo: null, file: null };
const $ = (id) => document.getElementById(id);

// Refusals of the control API are for developers (English); what a person can run into here
// is said in Russian.
const ERRORS = [
  [/annulled or unknown/, "Ссылка-приглашение больше не действует."],
  [/restricted to read-only/, "Вам запрещено писать в этот чат."],
  [/is not a member of chat|is not in chat/, "Вы не участник этого чата."],
  [/has no callback button/, "Эта кнопка больше не действует."],
  [/no message cmid/, "Этого сообщения уже нет."],
  [/must be a PNG or a JPEG/, "Фото должно быть в формате PNG или JPEG."],
  [/not a vk\.me link to this community/, "Это ссылка не на это сообщество."],
  [/already running/, "Песочница уже заполняется, подождите."],
  [/first_name must not be empty/, "Укажите имя."],
  [/Failed to fetch|NetworkError/, "Нет связи с песочницей: она остановлена?"],
];

function russian(error) {
  const text = String(error && error.message || error);
  for (const [pattern, said] of ERRORS) if (pattern.test(text)) return said;
  return "Песочница не приняла действие: " + text;
}

async function op(name, body) {
  const response = await fetch("/_sandbox/" + name, {
    method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body || {}),
  });
  const answer = await response.json();
  if (!response.ok) throw new Error(answer.error || String(response.status));
  return answer.result;
}

function toast(text, error) {
  const item = document.createElement("div");
  item.className = "toast" + (error ? " error" : "");
  item.textContent = text;
  $("toasts").appendChild(item);
  setTimeout(() => item.remove(), error ? 8000 : 5000);
}

async function act(promise) {
  try { return await promise; } catch (error) { toast(russian(error), true); return undefined; }
}

// --- keeping up with the world -----------------------------------------------------------
async function refresh() {
  if (state.busy) { state.again = true; return; }
  state.busy = true;
  try {
    do {
      state.again = false;
      const asked = { user_id: state.me, peer_id: state.peer };
      const data = await op("view", asked);
      // Someone else was chosen meanwhile: this answer is for the old choice.
      if (asked.user_id !== state.me || asked.peer_id !== state.peer) { state.again = true; continue; }
      state.data = data;
      render(data);
    } while (state.again);
  } catch (error) {
    $("connection").textContent = russian(error);
  } finally {
    state.busy = false;
  }
}

function listen() {
  const live = new EventSource("/_sandbox/live");
  live.onopen = () => { $("connection").textContent = ""; };
  live.onmessage = () => refresh();
  live.onerror = () => { $("connection").textContent = "Нет связи с песочницей, переподключаюсь…"; };
}

function remember() {
  const parts = [];
  if (state.me !== null) parts.push("u=" + state.me);
  if (state.peer !== null) parts.push("p=" + state.peer);
  history.replaceState(null, "", "#" + parts.join("&"));
}

function recall() {
  const found = new URLSearchParams(location.hash.slice(1));
  state.me = found.get("u") ? Number(found.get("u")) : null;
  state.peer = found.get("p") ? Number(found.get("p")) : null;
}

// --- drawing -----------------------------------------------------------------------------
function render(data) {
  $("community").textContent = data.community.name;
  document.body.dataset.me = data.me === null ? "" : String(data.me);
  document.body.dataset.peer = data.open ? String(data.open.peer_id) : "";
  document.body.dataset.version = String(data.version);
  renderPeople(data);
  renderLoaders(data.loaders);
  renderConversations(data);
  renderOpened(data);
}

function renderPeople(data) {
  const key = JSON.stringify(data.people);
  const select = $("who");
  if (key !== state.people) {
    state.people = key;
    while (select.options.length > 1) select.remove(1);
    for (const person of data.people) {
      const option = document.createElement("option");
      option.value = String(person.id);
      option.textContent = person.note ? `${person.name} — ${person.note}` : person.name;
      select.appendChild(option);
    }
  }
  select.value = data.me === null ? "" : String(data.me);
}

function renderLoaders(loaders) {
  const box = $("loaders");
  box.replaceChildren();
  for (const loader of loaders) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = loader.title;
    button.disabled = loader.state === "running";
    button.onclick = () => act(op("load_world", { name: loader.name }));
    const status = document.createElement("span");
    status.className = "loader-status";
    status.setAttribute("role", "status");
    if (loader.state === "running") status.textContent = "Заполняю песочницу…";
    else if (loader.state === "done") status.textContent = loader.message;
    else if (loader.state === "failed") status.textContent = "Не получилось: " + loader.message;
    box.append(button, status);
  }
}

function renderConversations(data) {
  const list = $("conversations");
  list.replaceChildren();
  for (const item of data.conversations) {
    const li = document.createElement("li");
    if (item.peer_id === state.peer) li.className = "active";
    const button = document.createElement("button");
    button.type = "button";
    button.dataset.peer = String(item.peer_id);
    const name = document.createElement("span");
    name.className = "conv-name";
    name.textContent = item.title;
    const last = document.createElement("span");
    last.className = "conv-last";
    last.textContent = item.last;
    button.append(name, last);
    if (!item.member) {
      const mark = document.createElement("span");
      mark.className = "not-member";
      mark.textContent = "вы не в чате";
      button.append(mark);
    }
    button.onclick = () => openPeer(item.peer_id);
    li.append(button);
    list.append(li);
  }
  $("no-conversations").hidden = data.conversations.length > 0;
}

function renderOpened(data) {
  const opened = data.open;
  $("placeholder").hidden = !!opened;
  $("opened").hidden = !opened;
  if (!opened) return;
  $("conv-title").textContent = opened.title;
  $("conv-about").textContent = opened.about + (opened.members ? " — " + opened.members.join(", ") : "");
  $("leave").hidden = !(opened.kind === "chat" && !opened.why_not);
  $("hidden-note").hidden = !opened.hidden;
  $("hidden-note").textContent = `Ранние сообщения (${opened.hidden}) не показаны.`;
  const box = $("messages");
  const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
  box.replaceChildren(...opened.messages.map((m) => messageItem(m, opened)));
  if (atBottom || state.scrollDown) box.scrollTop = box.scrollHeight;
  state.scrollDown = false;
  const why = opened.why_not;
  $("why-not").hidden = !why;
  $("why-not").textContent = why || "";
  for (const id of ["text", "send", "file", "mention"]) $(id).disabled = !!why;
  $("mention").hidden = opened.kind !== "chat";
}

function messageItem(m, opened) {
  const li = document.createElement("li");
  li.dataset.cmid = String(m.cmid);
  if (m.service) {
    li.className = "service";
    li.textContent = m.service;
    return li;
  }
  li.className = "msg" + (m.out ? " out" : "") + (m.mine ? " mine" : "") + (m.deleted ? " deleted" : "");
  const author = document.createElement("div");
  author.className = "author";
  author.textContent = m.author;
  li.append(author);
  if (m.reply_to) {
    const reply = document.createElement("div");
    reply.className = "reply";
    reply.textContent = `${m.reply_to.author}: ${m.reply_to.text}`;
    li.append(reply);
  }
  if (m.segments.length) li.append(textOf(m.segments));
  for (const photo of m.photos) {
    const img = document.createElement("img");
    img.src = photo.url;
    img.alt = "Фото";
    img.width = Math.min(photo.width, 320);
    li.append(img);
  }
  for (const doc of m.docs) {
    const link = document.createElement("a");
    link.className = "doc";
    link.href = doc.url;
    link.download = doc.title;
    link.textContent = `Документ: ${doc.title} (${doc.size})`;
    li.append(link);
  }
  if (m.keyboard) li.append(keyboardOf(m, opened));
  const meta = document.createElement("div");
  meta.className = "meta";
  const when = document.createElement("span");
  when.textContent = new Date(m.date * 1000).toLocaleTimeString("ru-RU", { hour: "2-digit", minute: "2-digit" });
  meta.append(when);
  if (m.edited) meta.append(label("изменено"));
  if (m.deleted) {
    const gone = label("удалено");
    gone.className = "deleted-label";
    meta.append(gone);
  } else if (opened.kind === "chat" && !opened.why_not) {
    const reply = document.createElement("button");
    reply.type = "button";
    reply.className = "link-button";
    reply.textContent = "ответить";
    reply.onclick = () => replyTo(m);
    meta.append(reply);
  }
  li.append(meta);
  return li;
}

function label(text) {
  const span = document.createElement("span");
  span.textContent = text;
  return span;
}

function textOf(segments) {
  const div = document.createElement("div");
  div.className = "text";
  for (const part of segments) {
    if (part.text !== undefined) div.append(document.createTextNode(part.text));
    else if (part.mention !== undefined) {
      const span = document.createElement("span");
      span.className = "mention";
      span.textContent = part.mention;
      div.append(span);
    } else if (part.link !== undefined) {
      const a = document.createElement("a");
      a.href = part.link;
      a.textContent = part.link;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      if (part.kind !== "web") {
        a.title = part.kind === "join" ? "Вступить в чат по этой ссылке" : "Открыть диалог по этой ссылке";
        a.onclick = (event) => { event.preventDefault(); follow(part.link, part.kind); };
      }
      div.append(a);
    }
  }
  return div;
}

function keyboardOf(m, opened) {
  const box = document.createElement("div");
  box.className = "keyboard";
  for (const row of m.keyboard.rows) {
    const line = document.createElement("div");
    line.className = "row";
    for (const button of row) {
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = button.label;
      b.className = button.color || "";
      b.onclick = () => press(m, button, opened);
      line.append(b);
    }
    box.append(line);
  }
  return box;
}

// --- acting ------------------------------------------------------------------------------
function needMe() {
  if (state.me === null) { toast("Сначала выберите вверху, кто пишет.", true); return false; }
  return true;
}

async function openPeer(peer) {
  state.peer = peer;
  state.replyTo = null;
  state.scrollDown = true;
  showReply();
  remember();
  await refresh();
}

async function follow(link, kind) {
  if (!needMe()) return;
  if (kind === "join") {
    const joined = await act(op("join_by_link", { user_id: state.me, link }));
    if (joined !== undefined) await openPeer(joined.peer_id);
  } else if (kind === "ref") {
    const done = await act(op("open_ref_link", { user_id: state.me, link }));
    if (done !== undefined) await openPeer(state.me);
  } else {
    window.open(link, "_blank", "noopener");
  }
}

async function press(m, button, opened) {
  if (!needMe()) return;
  if (button.type === "callback") {
    const pressed = await act(op("press_button", {
      user_id: state.me, peer_id: opened.peer_id, cmid: m.cmid, payload: button.payload }));
    if (pressed === undefined) return;
    // VK shows what the community answers to a press (a snackbar) for a few seconds.
    try {
      const answer = await op("wait_action", { method: "messages.sendMessageEventAnswer",
        since: 0, timeout: 10, match: { event_id: pressed.event_id } });
      const data = JSON.parse(answer.params.event_data || "{}");
      if (data.type === "show_snackbar" && data.text) toast(data.text);
      else if (data.type === "open_link" && data.link) window.open(data.link, "_blank", "noopener");
    } catch (error) { /* no answer: VK just stops the button's spinner */ }
  } else if (button.type === "text") {
    await send(button.label, button.payload);
  } else if (button.type === "open_link") {
    await follow(button.link, button.kind);
  } else {
    toast("Такая кнопка в песочнице не работает.", true);
  }
}

async function send(text, payload) {
  if (!needMe() || state.peer === null) return;
  const attachments = state.file ? [state.file] : undefined;
  if (!text && !attachments) return;
  const body = { user_id: state.me, text: text || "" };
  if (payload !== undefined && payload !== null) body.payload = payload;
  if (attachments) body.attachments = attachments;
  let done;
  if (state.peer === state.me) {
    done = await act(op("write_dm", body));
  } else {
    body.peer_id = state.peer;
    if (state.replyTo !== null) body.reply_to_cmid = state.replyTo.cmid;
    done = await act(op("write_chat", body));
  }
  if (done !== undefined) {
    state.scrollDown = true;
    clearAttachment();
    state.replyTo = null;
    showReply();
    return true;
  }
  return false;
}

async function sendTyped() {
  const box = $("text");
  const text = box.value.trim();
  if (!text && !state.file) return;
  if (await send(text)) box.value = "";
  box.focus();
}

function replyTo(m) {
  state.replyTo = m;
  showReply();
  $("text").focus();
}

function showReply() {
  const chip = $("reply-to");
  chip.hidden = !state.replyTo;
  chip.replaceChildren();
  if (!state.replyTo) return;
  const words = state.replyTo.segments.map((s) => s.text || s.mention || s.link || "").join("");
  chip.append(label(`Ответ на: ${state.replyTo.author}: ${words.slice(0, 60)} `));
  const cancel = document.createElement("button");
  cancel.type = "button";
  cancel.className = "link-button";
  cancel.textContent = "✕";
  cancel.title = "Не отвечать";
  cancel.onclick = () => { state.replyTo = null; showReply(); };
  chip.append(cancel);
}

function clearAttachment() {
  state.file = null;
  $("file").value = "";
  $("attachment").hidden = true;
}

function chooseFile(file) {
  if (!file) return clearAttachment();
  const reader = new FileReader();
  reader.onload = () => {
    const content = String(reader.result).split(",", 2)[1] || "";
    const photo = file.type === "image/png" || file.type === "image/jpeg";
    state.file = photo ? { type: "photo", content_b64: content }
                       : { type: "doc", title: file.name, content_b64: content };
    const chip = $("attachment");
    chip.replaceChildren(label(`Вложение: ${file.name} `));
    const cancel = document.createElement("button");
    cancel.type = "button";
    cancel.className = "link-button";
    cancel.textContent = "✕";
    cancel.title = "Убрать вложение";
    cancel.onclick = clearAttachment;
    chip.append(cancel);
    chip.hidden = false;
  };
  reader.readAsDataURL(file);
}

function linkKind(link) {
  const screen = state.data ? state.data.community.screen_name : "";
  if (/^(https?:\/\/)?(m\.)?vk\.(me|com)\/join\//.test(link)) return "join";
  const ref = new RegExp("^(https?://)?(m\\.)?vk\\.(me|com)/" + screen + "\\?(.*&)?ref=");
  if (screen && ref.test(link)) return "ref";
  return null;
}

async function openTyped(event) {
  event.preventDefault();
  let link = $("link").value.trim();
  if (!link) return;
  const kind = linkKind(link);
  if (!kind) {
    toast("Это не ссылка-приглашение в чат и не ссылка на диалог с сообществом (vk.me/…).", true);
    return;
  }
  if (!/^https?:\/\//.test(link)) link = "https://" + link;
  await follow(link, kind);
  $("link").value = "";
}

async function addPerson(event) {
  event.preventDefault();
  const first = $("new-first").value.trim();
  const created = await act(op("create_user", { first_name: first,
    last_name: $("new-last").value.trim(), note: $("new-note").value.trim() }));
  if (created === undefined) return;
  const uid = created.user_id;
  $("new-person").reset();
  $("new-person").hidden = true;
  state.me = uid;
  state.peer = uid;
  remember();
  await refresh();
}

function setup() {
  recall();
  $("who").onchange = (event) => {
    state.me = event.target.value === "" ? null : Number(event.target.value);
    state.peer = state.me;
    state.replyTo = null;
    showReply();
    remember();
    refresh();
  };
  $("send").onclick = sendTyped;
  $("text").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); sendTyped(); }
  });
  $("file").onchange = (event) => chooseFile(event.target.files[0]);
  $("mention").onclick = () => {
    const box = $("text");
    box.value = "@" + state.data.community.screen_name + " " + box.value;
    box.focus();
  };
  $("leave").onclick = async () => {
    if (!needMe()) return;
    await act(op("leave_chat", { user_id: state.me, peer_id: state.peer }));
  };
  $("new-person-toggle").onclick = () => {
    $("new-person").hidden = !$("new-person").hidden;
    if (!$("new-person").hidden) $("new-first").focus();
  };
  $("new-person-cancel").onclick = () => { $("new-person").hidden = true; };
  $("new-person").onsubmit = addPerson;
  $("open-link").onsubmit = openTyped;
  listen();
  refresh();
}

setup();
