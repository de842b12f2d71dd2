/* HyperDaily FAQ widget: <script src="https://HOST/widget.js" defer></script>. Nothing else loads until opened.
   data- options: position (right|left), accent, title, placeholder, page (default: /blog/<slug>/). */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.__hyperfaqWidget) return;
  window.__hyperfaqWidget = true;
  var opt = script.dataset || {};
  var api = new URL(script.src, location.href).origin;
  var accent = /^#[0-9a-f]{3,8}$|^[a-z]+$/i.test(opt.accent || "") ? opt.accent : "#4f46e5";
  var side = opt.position === "left" ? "left" : "right";
  var match = location.pathname.match(/\/blog\/([^\/]+)\/?/);
  var page = opt.page || (match ? decodeURIComponent(match[1]) : null);
  var title = opt.title || "Ask the blog";
  var json = { "Content-Type": "application/json" };
  var history = [];
  var panel, list, input, busy = false;

  var css =
    ":host{all:initial}*{box-sizing:border-box;font-family:system-ui,sans-serif}button{cursor:pointer}" +
    ".btn{position:fixed;bottom:20px;" + side + ":20px;width:56px;height:56px;border-radius:50%;border:0;" +
    "background:" + accent + ";color:#fff;font-size:26px;box-shadow:0 4px 14px rgba(0,0,0,.25);z-index:2147483000}" +
    ".panel{position:fixed;bottom:88px;" + side + ":20px;width:min(380px,calc(100vw - 24px));height:min(560px,calc(100vh - 110px));" +
    "background:#fff;color:#111;border-radius:14px;box-shadow:0 10px 40px rgba(0,0,0,.3);display:flex;flex-direction:column;" +
    "overflow:hidden;z-index:2147483000;font-size:15px;line-height:1.45}.panel[hidden]{display:none}" +
    ".head{background:" + accent + ";color:#fff;padding:12px 14px;display:flex;justify-content:space-between;align-items:center;font-weight:600}" +
    ".head button{background:none;border:0;color:#fff;font-size:22px;line-height:1}" +
    ".list{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:10px;background:#f7f7f9}" +
    ".msg{padding:9px 12px;border-radius:12px;max-width:88%;white-space:pre-wrap;word-wrap:break-word}" +
    ".me{align-self:flex-end;background:" + accent + ";color:#fff}.bot{align-self:flex-start;background:#fff;border:1px solid #e3e3e8}" +
    ".chips{display:flex;flex-wrap:wrap;gap:6px}.chips button{border:1px solid " + accent + ";color:" + accent + ";" +
    "background:#fff;border-radius:14px;padding:4px 10px;font-size:13px}" +
    ".item{padding-left:1em;text-indent:-.7em}.src{margin:6px 0 0;padding:0;list-style:none;font-size:13px}.src li{margin-top:4px}" +
    ".src a{color:" + accent + "}.note{color:#666;font-size:13px;margin-top:6px}" +
    ".rate{margin-top:6px}.rate button{border:1px solid #ddd;background:#fff;border-radius:6px;margin-right:4px}" +
    ".rate button[aria-pressed=true]{background:" + accent + ";color:#fff}" +
    "form{display:flex;border-top:1px solid #e3e3e8}input{flex:1;border:0;padding:12px;font-size:15px;outline:none;min-width:0}" +
    "form button{border:0;background:" + accent + ";color:#fff;padding:0 16px;font-size:15px}" +
    "@media (max-width:480px){.panel{" + side + ":0;bottom:0;width:100vw;height:100vh;height:100dvh;border-radius:0}}";

  var host = document.createElement("div");
  host.id = "hyperfaq-widget";
  var root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
  var style = document.createElement("style");
  style.textContent = css;
  root.appendChild(style);
  var button = btn("?", toggle, "btn");
  button.setAttribute("aria-label", title);
  button.setAttribute("aria-expanded", "false");
  root.appendChild(button);
  (document.body || document.documentElement).appendChild(host);

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text != null) node.textContent = text; // reader and server text: text, never HTML
    return node;
  }

  function btn(text, onClick, cls) {
    var b = el("button", cls, text);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  function build() {
    panel = el("div", "panel");
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-label", title);
    var head = el("div", "head");
    head.appendChild(el("span", null, title));
    var close = btn("\u00d7", toggle);
    close.setAttribute("aria-label", "Close");
    head.appendChild(close);
    list = el("div", "list");
    list.setAttribute("aria-live", "polite");
    say("Ask me anything about this blog's articles.", "bot");
    offer();
    var form = el("form");
    input = el("input");
    input.placeholder = opt.placeholder || "Ask a question\u2026";
    input.maxLength = 10000; // the server says how long it may be
    input.setAttribute("aria-label", "Your question");
    var send = el("button", null, "Ask");
    send.type = "submit";
    form.appendChild(input);
    form.appendChild(send);
    form.addEventListener("submit", function (e) { e.preventDefault(); ask(); });
    panel.addEventListener("keydown", function (e) { if (e.key === "Escape") toggle(); });
    panel.appendChild(head);
    panel.appendChild(list);
    panel.appendChild(form);
    root.appendChild(panel);
  }

  function toggle() {
    if (!panel) build();
    else panel.hidden = !panel.hidden;
    button.setAttribute("aria-expanded", String(!panel.hidden));
    (panel.hidden ? button : input).focus();
  }

  function safeUrl(url) {
    try { var u = new URL(url); return u.protocol === "https:" || u.protocol === "http:" ? u.href : null; }
    catch (e) { return null; }
  }

  function link(text, href) {
    var a = el("a", null, text);
    a.href = href;
    a.target = "_top";
    a.onclick = function () { if (a.pathname === location.pathname && innerWidth <= 480) toggle(); };
    return a;
  }

  function links(items, label) {
    var ul = el("ul", "src");
    items.forEach(function (c, i) {
      var href = safeUrl(c.url);
      if (!href) return;
      var li = ul.appendChild(el("li"));
      li.appendChild(link((label ? "" : "[" + (i + 1) + "] ") + c.title + (c.section && c.section !== c.title ? " \u203a " + c.section : ""), href));
    });
    return ul;
  }

  function thumbs(id) {
    var box = el("div", "rate");
    box.appendChild(el("span", "note", "Did this help? "));
    [[1, "Yes", "Helpful"], [-1, "No", "Not helpful"]].forEach(function (t) {
      var b = btn(t[1], function () {
        box.querySelectorAll("button").forEach(function (o) { o.setAttribute("aria-pressed", String(o === b)); });
        fetch(api + "/api/feedback", { method: "POST", headers: json,
          body: JSON.stringify({ id: id, value: t[0] }) }).catch(function () {});
      });
      b.setAttribute("aria-label", t[2]);
      b.setAttribute("aria-pressed", "false");
      box.appendChild(b);
    });
    return box;
  }

  function offer() {
    // starter questions, until the reader asks
    var url = api + "/api/starters" + (page ? "?page=" + encodeURIComponent(page) : "");
    fetch(url).then(function (r) { return r.ok ? r.json() : { questions: [] }; }).then(function (b) {
      if (history.length || busy || !b.questions || !b.questions.length) return;
      var box = el("div", "chips");
      b.questions.forEach(function (q) {
        box.appendChild(btn(q, function () { input.value = q; ask(); }));
      });
      list.appendChild(box);
    }).catch(function () {});
  }

  function inline(node, text, cites) {
    // "[n]" links to citation n; the rest is text.
    text.split(/(\[\d+\])/).forEach(function (part) {
      var n = /^\[(\d+)\]$/.exec(part);
      var c = n && cites && cites[n[1] - 1], href = c && safeUrl(c.url);
      node.appendChild(href ? link(part, href) : document.createTextNode(part));
    });
  }

  function prose(node, text, cites) {
    // "- item" lines as bullets; all of it as text.
    node.textContent = "";
    var lines = text.split("\n");
    lines.forEach(function (line, i) {
      if (/^- /.test(line)) inline(node.appendChild(el("div", "item", "\u2022 ")), line.slice(2), cites);
      else inline(node, line + (i < lines.length - 1 && !/^- /.test(lines[i + 1]) ? "\n" : ""), cites);
    });
  }

  function say(text, cls) {
    var node = el("div", "msg " + cls, text);
    list.appendChild(node);
    list.scrollTop = list.scrollHeight;
    return node;
  }

  function ask() {
    var question = input.value.trim();
    if (!question || busy) return;
    busy = true;
    input.value = "";
    var chips = list.querySelector(".chips");
    if (chips) chips.remove();
    var mine = say(question, "me"), reply = say("\u2026", "bot"), status;
    function keep() { if (!input.value) input.value = question; } // not to retype it
    fetch(api + "/api/ask", {
      method: "POST",
      headers: json,
      body: JSON.stringify({ question: question, page: page, history: history.slice(-20), channel: "widget" }),
    })
      .then(function (r) { status = r.status; return r.json().catch(function () { return {}; }); })
      .then(function (b) {
        if (status !== 200) {
          reply.textContent = status === 429 ? "Too many questions; please wait a moment and ask again."
            : b.error || "Something went wrong; please try again.";
          keep();
        } else {
          prose(reply, b.answer, b.citations);
          if (b.citations && b.citations.length) reply.appendChild(links(b.citations));
          if (!b.answered && b.suggestions && b.suggestions.length) {
            reply.appendChild(el("div", "note", "Closest posts:"));
            reply.appendChild(links(b.suggestions, true));
          }
          if (b.id) reply.appendChild(thumbs(b.id));
          if (!b.notice) history.push(question);
          else if (b.notice === "too long") keep();
        }
      })
      .catch(function () { reply.textContent = "The assistant cannot be reached; please try again later."; keep(); })
      .then(function () { busy = false; list.scrollTop = mine.offsetTop - list.offsetTop - 12; }); // the reply from its top
  }
})();
