"use strict";
// The upload page: one file, kept in this tab's memory only; every request carries it again, so the
// server keeps nothing between requests. Document text is only ever set as textContent, never as HTML.

const TEXT = {
  zh: {
    title: "协议审查",
    drop: "将 Word 协议（.docx）拖到此处，或",
    choose: "选择文件",
    privacy: "文件只在处理请求期间保存在服务器的临时目录中，处理完毕立即删除。",
    reviewing: "正在审查……",
    preparing: "正在生成……",
    downloadRedline: "下载修订版（修订模式）",
    downloadClean: "下载清洁版",
    downloadConsent: "下载个人信息告知同意书",
    valuesHelp: "告知同意书已下载。协议中缺少以下内容，已在文中标为【待填写】（黄色底纹）；可在此据实填写后重新下载，也可在 Word 中补全：",
    noBlanks: "告知同意书已下载，没有待填写的内容。",
    noFindings: "未发现问题。",
    wholeDocument: "全文",
    unnumbered: "未编号部分（标题、当事人信息等）",
    clause: "条款",
    basis: "法律依据",
    suggestion: "建议：",
    missing: "未见以下保障：",
    findings: "项发现",
    high: "高",
    medium: "中",
    low: "低",
    info: "提示",
    other: "English",
    failed: "无法处理：",
  },
  en: {
    title: "Agreement review",
    drop: "Drop a Word agreement (.docx) here, or",
    choose: "choose a file",
    privacy: "The file is kept in a temporary folder on the server only while a request runs, then deleted.",
    reviewing: "Reviewing…",
    preparing: "Preparing…",
    downloadRedline: "Download redlined (tracked changes)",
    downloadClean: "Download clean version",
    downloadConsent: "Download consent notice",
    valuesHelp: "The consent notice was downloaded. The agreement does not say the following, so the draft marks each as [To be completed] (yellow); state them truthfully here and download again, or complete them in Word:",
    noBlanks: "The consent notice was downloaded; nothing is left to complete.",
    noFindings: "No findings.",
    wholeDocument: "Whole document",
    unnumbered: "Outside numbered clauses (title, parties…)",
    clause: "Clause",
    basis: "Legal basis",
    suggestion: "Suggestion: ",
    missing: "Safeguards not found: ",
    findings: "finding(s)",
    high: "high",
    medium: "medium",
    low: "low",
    info: "info",
    other: "中文",
    failed: "Could not process: ",
  },
};
const SEVERITIES = ["high", "medium", "low", "info"];
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

const params = new URLSearchParams(location.search);
const token = params.get("token");
if (token) {
  history.replaceState(null, "", location.pathname);
}

const state = {
  ui: (navigator.language || "").toLowerCase().startsWith("zh") ? "zh" : "en",
  chosen: false, // the reader picked a language; otherwise the page follows the document
  file: null,
  report: null,
};

const $ = (id) => document.getElementById(id);
const t = (key) => TEXT[state.ui][key];

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

function setStatus(message, isError) {
  const status = $("status");
  status.textContent = message || "";
  status.classList.toggle("error", Boolean(isError));
}

function applyLanguage() {
  document.documentElement.lang = state.ui === "zh" ? "zh-CN" : "en";
  for (const node of document.querySelectorAll("[data-t]")) {
    node.textContent = t(node.dataset.t);
  }
  $("lang-toggle").textContent = t("other");
  if (state.report) render(state.report);
}

function headers() {
  return token ? { Authorization: "Bearer " + token } : {};
}

function query(extra) {
  const q = new URLSearchParams(extra || []);
  if (state.chosen) q.set("lang", state.ui);
  const text = q.toString();
  return text ? "?" + text : "";
}

async function post(path, extra) {
  const body = new FormData();
  body.append("file", state.file, state.file.name);
  const response = await fetch(path + query(extra), { method: "POST", headers: headers(), body });
  if (!response.ok) {
    let message = response.status + " " + response.statusText;
    try {
      message = (await response.json()).error || message;
    } catch (ignored) {
      // not JSON: keep the status line
    }
    throw new Error(message);
  }
  return response;
}

function highlight(paragraph, text, start) {
  // The paragraph is shown with its automatic number in front, so the match sits at or after `start`.
  const quote = element("blockquote");
  let at = -1;
  if (text) {
    for (let i = paragraph.indexOf(text); i >= 0; i = paragraph.indexOf(text, i + 1)) {
      at = i;
      if (i >= start) break;
    }
  }
  if (at < 0) {
    quote.textContent = paragraph;
    return quote;
  }
  quote.append(paragraph.slice(0, at), element("mark", null, text), paragraph.slice(at + text.length));
  return quote;
}

function findingCard(finding) {
  const card = element("article", "finding sev-" + finding.severity);
  const head = element("div");
  head.append(element("span", "badge", t(finding.severity)), element("strong", null, finding.title));
  card.append(head);
  if (finding.paragraph_text) {
    const start = finding.location ? finding.location.start : 0;
    card.append(highlight(finding.paragraph_text, finding.text, start));
  }
  card.append(element("p", null, finding.explanation));
  if (finding.missing && finding.missing.length) {
    card.append(element("p", null, t("missing") + finding.missing.join("；")));
  }
  if (finding.suggestion) {
    const p = element("p");
    p.append(element("strong", null, t("suggestion")), finding.suggestion);
    card.append(p);
  }
  if (finding.legal_basis && finding.legal_basis.length) {
    const details = element("details", "basis");
    const cites = finding.legal_basis.map((b) => b.law + " " + b.article).join("; ");
    details.append(element("summary", null, t("basis") + ": " + cites));
    for (const basis of finding.legal_basis) {
      details.append(element("div", null, basis.law + " " + basis.article));
      details.append(element("div", "quote", basis.quote));
    }
    card.append(details);
  }
  return card;
}

function groupTitle(finding) {
  if (!finding.location) return t("wholeDocument");
  if (!finding.clause) return t("unnumbered");
  return finding.clause_path && finding.clause_path.length ? finding.clause_path.join(" › ") : finding.clause;
}

function render(report) {
  $("result").hidden = false;
  $("doc-name").textContent = report.file;
  const summary = $("summary");
  summary.replaceChildren();
  let total = 0;
  for (const severity of SEVERITIES) {
    const count = report.summary[severity] || 0;
    total += count;
    if (count) summary.append(element("span", "chip " + severity, t(severity) + " " + count));
  }
  summary.append(total + " " + t("findings"));
  const list = $("findings");
  list.replaceChildren();
  if (!report.findings.length) {
    list.append(element("p", null, t("noFindings")));
    return;
  }
  const groups = new Map();
  for (const finding of report.findings) {
    const key = groupTitle(finding);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(finding);
  }
  for (const [title, findings] of groups) {
    const section = element("section", "clause");
    section.append(element("h3", null, title));
    for (const finding of findings) section.append(findingCard(finding));
    list.append(section);
  }
}

function busy(on) {
  for (const id of ["download-redline", "download-clean", "download-consent", "values-submit"]) {
    $(id).disabled = on;
  }
}

async function review() {
  setStatus(t("reviewing"));
  busy(true);
  try {
    const report = await (await post("api/review")).json();
    state.report = report;
    if (!state.chosen) {
      state.ui = report.language.startsWith("zh") ? "zh" : "en";
    }
    applyLanguage();
    setStatus("");
  } catch (error) {
    state.report = null;
    $("result").hidden = true;
    setStatus(t("failed") + error.message, true);
  } finally {
    busy(false);
  }
}

function fileNameFrom(response, fallback) {
  const disposition = response.headers.get("content-disposition") || "";
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  return utf8 ? decodeURIComponent(utf8[1]) : fallback;
}

async function download(path, extra, fallback) {
  setStatus(t("preparing"));
  busy(true);
  try {
    const response = await post(path, extra);
    const url = URL.createObjectURL(await response.blob());
    const link = element("a");
    link.href = url;
    link.download = fileNameFrom(response, fallback);
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    setStatus("");
    return true;
  } catch (error) {
    setStatus(t("failed") + error.message, true);
    return error.message;
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
  $("blanks-summary").textContent = blanks.length ? "" : t("noBlanks");
}

async function consent() {
  const pairs = [["template", "consent-notice"], ["format", "json"]];
  for (const input of $("values-fields").querySelectorAll("textarea")) {
    if (input.value.trim()) pairs.push(["set", input.name + "=" + input.value.trim()]);
  }
  setStatus(t("preparing"));
  busy(true);
  try {
    const drafted = await (await post("api/draft", pairs)).json();
    saveFile(drafted.docx, drafted.filename);
    showBlanks(drafted.blanks);
    setStatus("");
  } catch (error) {
    setStatus(t("failed") + error.message, true);
  } finally {
    busy(false);
  }
}

function choose(file) {
  if (!file) return;
  state.file = file;
  $("values-form").hidden = true;
  $("values-fields").replaceChildren();
  $("blanks-summary").textContent = "";
  review();
}

function wire() {
  const drop = $("drop");
  $("file-input").addEventListener("change", (event) => choose(event.target.files[0]));
  drop.addEventListener("dragover", (event) => {
    event.preventDefault();
    drop.classList.add("over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("over");
    choose(event.dataTransfer.files[0]);
  });
  drop.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") $("file-input").click();
  });
  $("lang-toggle").addEventListener("click", () => {
    state.ui = state.ui === "zh" ? "en" : "zh";
    state.chosen = true;
    applyLanguage();
    if (state.file) review();
  });
  $("download-redline").addEventListener("click", () =>
    download("api/redline", [["mode", "track"]], "redlined.docx"));
  $("download-clean").addEventListener("click", () =>
    download("api/redline", [["mode", "clean"]], "clean.docx"));
  $("download-consent").addEventListener("click", consent);
  $("values-form").addEventListener("submit", (event) => {
    event.preventDefault();
    consent();
  });
  applyLanguage();
}

wire();
