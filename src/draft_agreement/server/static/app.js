"use strict";
// The upload page works without this script: the form posts to /results and the server answers with
// the results page. With it, the same form is posted from here and the answer (the server's own,
// escaped HTML, parsed inertly) replaces the page's main part, so the chosen file stays in this tab's
// memory: the consent notice's blanks can be filled and the language switched without choosing it again.
// The chosen language is remembered in this site's localStorage; nothing is sent anywhere else.

const LANG_KEY = "draft-agreement.lang";
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const params = new URLSearchParams(location.search);
const token = params.get("token");

const $ = (id) => document.getElementById(id);

function remembered() {
  try {
    return localStorage.getItem(LANG_KEY);
  } catch (ignored) {
    return null; // storage disabled: the ?lang= of the address still carries the choice
  }
}

function remember(lang) {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch (ignored) {
    // storage disabled
  }
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

function setStatus(key, detail, isError) {
  const status = $("status");
  status.textContent = key ? status.dataset[key] + (detail || "") : "";
  status.classList.toggle("error", Boolean(isError));
}

function headers() {
  return token ? { Authorization: "Bearer " + token } : {};
}

function busy(on) {
  for (const id of ["submit", "values-submit"]) {
    if ($(id)) $(id).disabled = on;
  }
}

function adopt(answer) {
  // The answer's header and main replace ours; the file inputs stay ours, with the files chosen in them.
  const main = document.importNode(answer.getElementById("main"), true);
  for (const id of ["file-input", "old-input"]) {
    const fresh = main.querySelector("#" + id);
    if (fresh && $(id)) fresh.replaceWith($(id));
  }
  document.querySelector("header").replaceWith(document.importNode(answer.querySelector("header"), true));
  $("main").replaceWith(main);
  document.documentElement.lang = answer.documentElement.lang;
  document.title = answer.title;
  $("values-form").hidden = $("values-fields").querySelectorAll("textarea").length === 0;
}

async function submit() {
  const form = $("upload-form");
  if (!$("file-input").files.length) return;
  setStatus("reviewing");
  busy(true);
  try {
    const response = await fetch(form.action, { method: "POST", headers: headers(), body: new FormData(form) });
    const type = response.headers.get("content-type") || "";
    if (!type.startsWith("text/html")) {
      let message = response.status + " " + response.statusText;
      try {
        message = (await response.json()).error || message;
      } catch (ignored) {
        // not JSON: keep the status line
      }
      setStatus("failed", message, true);
      return;
    }
    adopt(new DOMParser().parseFromString(await response.text(), "text/html"));
  } catch (error) {
    setStatus("failed", error.message, true);
  } finally {
    busy(false);
  }
}

function saveFile(base64, name) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: DOCX }));
  const link = element("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

function showBlanks(blanks) {
  // One field per marked blank of the draft; what was typed before stays.
  const typed = new Map();
  for (const input of $("values-fields").querySelectorAll("textarea")) typed.set(input.name, input.value);
  const fields = $("values-fields");
  fields.replaceChildren();
  for (const blank of blanks) {
    const label = element("label", "blank", blank.description || blank.label);
    const input = element("textarea");
    input.name = blank.name;
    input.rows = 2;
    input.value = typed.get(blank.name) || "";
    label.append(input);
    fields.append(label);
  }
  $("values-form").hidden = blanks.length === 0;
  $("blanks-summary").textContent = blanks.length ? "" : $("blanks-summary").dataset.none;
}

async function consent() {
  const pairs = [["template", "consent-notice"], ["format", "json"]];
  for (const input of $("values-fields").querySelectorAll("textarea")) {
    if (input.value.trim()) pairs.push(["set", input.name + "=" + input.value.trim()]);
  }
  const lang = new URL($("upload-form").action).searchParams.get("lang");
  if (lang) pairs.push(["lang", lang]);
  const body = new FormData();
  const file = $("file-input").files[0];
  body.append("file", file, file.name);
  setStatus("preparing");
  busy(true);
  try {
    const response = await fetch("api/draft?" + new URLSearchParams(pairs), {
      method: "POST",
      headers: headers(),
      body,
    });
    const drafted = await response.json();
    if (!response.ok) throw new Error(drafted.error || response.statusText);
    saveFile(drafted.docx, drafted.filename);
    showBlanks(drafted.blanks);
    setStatus("");
  } catch (error) {
    setStatus("failed", error.message, true);
  } finally {
    busy(false);
  }
}

function switchLanguage(event) {
  const toggle = event.target.closest("#lang-toggle");
  if (!toggle) return;
  remember(toggle.dataset.lang);
  if (!$("file-input").files.length || $("result").hidden) return; // the link reloads the page in it
  event.preventDefault();
  const form = $("upload-form");
  const action = new URL(form.action);
  action.searchParams.set("lang", toggle.dataset.lang);
  form.action = action.toString();
  submit();
}

function wire() {
  document.addEventListener("change", (event) => {
    if (event.target.id === "file-input") submit();
  });
  document.addEventListener("submit", (event) => {
    event.preventDefault();
    if (event.target.id === "values-form") consent();
    else submit();
  });
  document.addEventListener("click", switchLanguage);
  document.addEventListener("keydown", (event) => {
    if (event.target.id === "drop" && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      $("file-input").click();
    }
  });
  document.addEventListener("dragover", (event) => {
    const drop = event.target.closest && event.target.closest("#drop");
    if (!drop) return;
    event.preventDefault();
    drop.classList.add("over");
  });
  document.addEventListener("dragleave", (event) => {
    const drop = event.target.closest && event.target.closest("#drop");
    if (drop) drop.classList.remove("over");
  });
  document.addEventListener("drop", (event) => {
    const drop = event.target.closest && event.target.closest("#drop");
    if (!drop) return;
    event.preventDefault();
    drop.classList.remove("over");
    $("file-input").files = event.dataTransfer.files;
    submit();
  });
}

function start() {
  // A language chosen earlier, on a page that does not name one: reload in it.
  const stored = remembered();
  const shown = document.documentElement.lang.slice(0, 2);
  if (!params.get("lang") && (stored === "zh" || stored === "en") && stored !== shown) {
    const query = new URLSearchParams({ lang: stored });
    if (token) query.set("token", token);
    location.replace(location.pathname + "?" + query);
    return;
  }
  if (token) {
    const kept = params.get("lang");
    history.replaceState(null, "", location.pathname + (kept ? "?lang=" + encodeURIComponent(kept) : ""));
  }
  wire();
}

start();
