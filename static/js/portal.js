/* Portal Kinerja ASN: the one script. htmx runs with eval off, so behaviour lives here.
 *
 * 1. CSRF header on every htmx request (token from <meta name="csrf-token">).
 * 2. Feedback while waiting: the indicator (#memuat, via hx-indicator on <body>) and the submit
 *    buttons of the requesting form disabled until the answer arrives; a plain (non-htmx) POST
 *    form disables its buttons too, so a slow signal cannot make a double submission.
 * 3. Errors in place: a network or server error is written into the form's status element
 *    ([data-status] inside the form) or, failing that, into #pesan at the top of the page.
 * 5. Check-in location (forms marked `data-lokasi`): when the chosen mode is WFH or WFA the
 *    browser is asked once for the position; the answer fills the hidden lintang/bujur and
 *    lokasi=diberikan, a refusal sets lokasi=ditolak. Nothing waits for it: a tap before the
 *    answer simply sends no location.
 * 4. Offline queue for forms marked `data-offline-queue` (the daily entry):
 *    - when the request cannot be sent (offline, or htmx:sendError / htmx:timeout), the form's
 *      URL and fields, including its hidden idempotency key `kunci`, are kept in localStorage
 *      under "portal.antrian", and the status says "Menunggu sinyal";
 *    - the form gets a fresh `kunci` at once, so the next entry is a new one;
 *    - the queue is sent, one entry at a time, when `online` fires and on every page load;
 *      an entry leaves the queue only on a 2xx answer (or 409: the server already has that
 *      kunci). An expired session (401 / redirect to /masuk) or CSRF token (400) keeps it for
 *      after the next login; the current page's CSRF token is always sent, never the stored one.
 *    The server must honour `kunci`: a repeated kunci saves nothing new and answers 2xx or 409.
 * 5. Confirmation of consequential actions (portal/konfirmasi.py): a form or submit button with
 *    `data-konfirmasi="<question>"` asks in a native <dialog>; only after "Ya" is it sent, with
 *    `konfirmasi=ya`, so the server acts at once. Without this script the server answers with a
 *    confirmation page instead.
 * 6. The answer of an htmx save (`.tersimpan`, the `tersimpan` macro) is scrolled into view, so a
 *    person on a phone sees "✓ Tersimpan" where they tapped, not under the bottom bar.
 * 7. The person picker (`cari_pegawai` macro): a tap on one of its answers (`button[data-isi]`)
 *    puts that person's NIP into the field it names and closes the list.
 */
(function () {
  "use strict";
  document.documentElement.classList.add("js");  /* shows what only works with this script */
  var QUEUE = "portal.antrian";
  var LOGIN = "/masuk";
  var WAITING = "Menunggu sinyal: entri tersimpan di perangkat dan dikirim saat koneksi kembali.";

  function csrf() {
    var m = document.querySelector('meta[name="csrf-token"]');
    return m ? m.getAttribute("content") : "";
  }
  function formOf(elt) {
    if (!elt || !elt.closest) { return null; }
    return elt.tagName === "FORM" ? elt : elt.closest("form");
  }
  function statusBox(elt) {
    var form = formOf(elt);
    return (form && form.querySelector("[data-status]")) || document.getElementById("pesan");
  }
  function say(elt, text, kind) {
    var box = statusBox(elt);
    if (!box) { return; }
    var p = document.createElement("p");
    p.className = "flash " + (kind || "error");
    p.textContent = text;
    box.replaceChildren(p);
  }

  /* --- 1 and 2: CSRF header, busy buttons ------------------------------------------------ */
  document.addEventListener("htmx:configRequest", function (e) {
    e.detail.headers["X-CSRFToken"] = csrf();
  });
  document.addEventListener("htmx:beforeRequest", function (e) {
    var form = formOf(e.detail.elt);
    if (!form) { return; }
    if (form.hasAttribute("data-offline-queue") && navigator.onLine === false) {
      e.preventDefault();
      enqueue(form);
      return;
    }
    busy(form);
  });
  document.addEventListener("htmx:afterRequest", function (e) {
    var form = formOf(e.detail.elt);
    if (!form) { return; }
    var buttons = form.querySelectorAll("[data-busy]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].disabled = false;
      buttons[i].removeAttribute("data-busy");
    }
  });

  function busy(form) {
    var buttons = form.querySelectorAll("button:not([disabled]), input[type=submit]:not([disabled])");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].disabled = true;
      buttons[i].setAttribute("data-busy", "");
    }
  }
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (e.defaultPrevented || (form.method || "").toLowerCase() !== "post") { return; }
    /* later, once every listener (the offline queue too) had its say and the browser took the
       submitter's value */
    setTimeout(function () { if (!e.defaultPrevented) { busy(form); } }, 0);
  });
  window.addEventListener("pageshow", function () {  /* back from the next page: usable again */
    var buttons = document.querySelectorAll("[data-busy]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].disabled = false;
      buttons[i].removeAttribute("data-busy");
    }
  });

  /* --- 3: errors in place ------------------------------------------------------------------ */
  function lost(e, text) {
    var form = formOf(e.detail.elt);
    if (form && form.hasAttribute("data-offline-queue")) {
      enqueue(form);
      return;
    }
    say(e.detail.elt, text);
  }
  document.addEventListener("htmx:sendError", function (e) {
    lost(e, "Koneksi gagal. Isian Anda tidak hilang; coba kirim lagi saat sinyal kembali.");
  });
  document.addEventListener("htmx:timeout", function (e) {
    lost(e, "Server terlalu lama menjawab. Isian Anda tidak hilang; coba lagi.");
  });
  document.addEventListener("htmx:responseError", function (e) {
    var code = e.detail.xhr ? e.detail.xhr.status : 0;
    if (code === 401) { return; }  /* htmx follows HX-Redirect to the login page */
    say(e.detail.elt, code === 429 ? "Terlalu banyak permintaan. Tunggu sebentar lalu coba lagi."
      : "Terjadi kesalahan (" + code + "). Isian Anda tidak hilang; coba lagi.");
  });

  /* --- 4: offline queue ---------------------------------------------------------------------- */
  function load() {
    try { return JSON.parse(localStorage.getItem(QUEUE) || "[]"); } catch (err) { return []; }
  }
  function store(items) {
    try {
      if (items.length) { localStorage.setItem(QUEUE, JSON.stringify(items)); }
      else { localStorage.removeItem(QUEUE); }
      return true;
    } catch (err) { return false; }
  }
  function newKey() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    return Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
  }
  function enqueue(form) {
    var fields = [];
    new FormData(form).forEach(function (value, name) {
      if (typeof value === "string" && name !== "csrf_token") { fields.push([name, value]); }
    });
    var url = form.getAttribute("hx-post") || form.getAttribute("action") || location.pathname;
    var items = load();
    var kunci = form.elements.kunci ? form.elements.kunci.value : "";
    var known = items.some(function (it) { return kunci && it.kunci === kunci; });
    if (!known) { items.push({url: url, fields: fields, kunci: kunci, at: Date.now()}); }
    if (!store(items)) {
      say(form, "Koneksi gagal dan perangkat tidak bisa menyimpan entri. Coba lagi nanti.");
      return;
    }
    if (form.elements.kunci) { form.elements.kunci.value = newKey(); }
    form.reset();
    say(form, WAITING + " (" + items.length + ")", "warning");
  }
  function sendOne(item) {
    var body = new URLSearchParams();
    item.fields.forEach(function (f) { body.append(f[0], f[1]); });
    body.append("csrf_token", csrf());
    return fetch(item.url, {
      method: "POST", body: body, credentials: "same-origin",
      headers: {"X-CSRFToken": csrf(), "HX-Request": "true", "X-Antrian": "1"}
    }).then(function (r) {
      var to = r.headers.get("HX-Redirect") || (r.redirected ? r.url : "");
      var toLogin = to.indexOf(LOGIN) !== -1;
      return (r.ok && !toLogin) || r.status === 409;
    });
  }
  var flushing = false;
  function flush() {
    var items = load();
    if (flushing || !items.length || navigator.onLine === false) { return; }
    flushing = true;
    var sent = 0;
    (function next() {
      var item = load()[0];
      if (!item) { return done(); }
      sendOne(item).then(function (ok) {
        if (!ok) { return done(); }  /* keep it and everything behind it for later */
        store(load().filter(function (it) { return it.kunci !== item.kunci || it.at !== item.at; }));
        sent++;
        next();
      }, done);
    })();
    function done() {
      flushing = false;
      var left = load().length;
      if (sent) {
        say(null, sent + " entri tertunda terkirim." + (left ? " " + left + " masih menunggu." : ""),
          "success");
        document.body.dispatchEvent(new CustomEvent("antrian-terkirim", {bubbles: true}));
      } else if (left) {
        say(null, WAITING + " (" + left + ")", "warning");
      }
    }
  }
  window.addEventListener("online", flush);
  document.addEventListener("submit", function (e) {
    /* without htmx on the form, a plain POST while offline would lose the entry */
    var form = e.target;
    if (form.hasAttribute("data-offline-queue") && navigator.onLine === false
        && !form.hasAttribute("hx-post")) {
      e.preventDefault();
      enqueue(form);
    }
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", flush);
  } else {
    flush();
  }
  window.portalAntrian = {load: load, flush: flush};

  /* --- 6: the answer of a save, in view above the bottom bar ----------------------------- */
  document.addEventListener("htmx:afterSettle", function (e) {
    var elt = e.detail.elt;
    var answer = elt && elt.querySelector && (elt.matches(".tersimpan") ? elt
      : elt.querySelector(".tersimpan"));
    if (answer && answer.scrollIntoView) { answer.scrollIntoView({block: "nearest"}); }
  });

  /* --- 5: confirmation ------------------------------------------------------------------------ */
  var EN = document.documentElement.lang === "en";
  function ask(question, then) {
    if (typeof HTMLDialogElement !== "function") {
      if (window.confirm(question)) { then(); }
      return;
    }
    var d = document.createElement("dialog");
    d.className = "dialog";
    var p = document.createElement("p");
    p.textContent = question;
    var f = document.createElement("form");
    f.method = "dialog";
    f.className = "tombol";
    f.append(choice(EN ? "Yes, continue" : "Ya, lanjutkan", "ya", "primary"),
      choice(EN ? "Cancel" : "Batal", "batal", "button"));
    d.append(p, f);
    d.addEventListener("close", function () {
      var ok = d.returnValue === "ya";
      d.remove();
      if (ok) { then(); }
    });
    document.body.append(d);
    d.showModal();
  }
  function choice(text, value, cls) {
    var b = document.createElement("button");
    b.textContent = text;
    b.value = value;
    b.className = cls;
    return b;
  }
  function mark(form, yes) {
    if (!form) { return; }
    var input = form.elements.konfirmasi;
    if (!input) {
      input = document.createElement("input");
      input.type = "hidden";
      input.name = "konfirmasi";
      form.append(input);
    }
    input.value = yes ? "ya" : "";
  }
  function question(elt, submitter) {
    var q = submitter && submitter.getAttribute("data-konfirmasi");
    return q || (elt && elt.getAttribute && elt.getAttribute("data-konfirmasi"));
  }
  function yesAlready(form) {
    return form && form.elements.konfirmasi && form.elements.konfirmasi.value === "ya";
  }
  document.addEventListener("submit", function (e) {  /* plain forms; htmx ones below */
    var form = e.target;
    var q = question(form, e.submitter);
    if (!q || form.hasAttribute("hx-post") || yesAlready(form)) { return; }
    e.preventDefault();
    e.stopImmediatePropagation();
    var submitter = e.submitter;
    ask(q, function () {
      mark(form, true);
      if (submitter && submitter.form === form) { form.requestSubmit(submitter); }
      else { form.requestSubmit(); }
    });
  }, true);
  document.addEventListener("htmx:confirm", function (e) {
    var elt = e.detail.elt;
    var form = formOf(elt);
    var submitter = e.detail.triggeringEvent && e.detail.triggeringEvent.submitter;
    var q = question(elt, submitter);
    if (!q || yesAlready(form)) { return; }
    e.preventDefault();
    ask(q, function () {
      mark(form, true);
      e.detail.issueRequest(true);
    });
  });
  document.addEventListener("htmx:afterRequest", function (e) {
    var form = formOf(e.detail.elt);
    if (yesAlready(form)) { mark(form, false); }  /* the next action asks again */
  });
})();

(function () {
  "use strict";
  function set(form, name, value) {
    var input = form.querySelector('input[name="' + name + '"]');
    if (input) { input.value = value; }
  }
  function ask(form) {
    var mode = form.querySelector('select[name="mode"]');
    if (!mode || (mode.value !== "WFH" && mode.value !== "WFA") || form.hasAttribute("data-ditanya")
        || !navigator.geolocation) { return; }
    form.setAttribute("data-ditanya", "");
    navigator.geolocation.getCurrentPosition(function (pos) {
      set(form, "lintang", pos.coords.latitude.toFixed(6));
      set(form, "bujur", pos.coords.longitude.toFixed(6));
      set(form, "lokasi", "diberikan");
    }, function (err) {
      if (err.code === 1) { set(form, "lokasi", "ditolak"); }
    }, {timeout: 15000, maximumAge: 300000});
  }
  function scan() {
    var forms = document.querySelectorAll("form[data-lokasi]");
    for (var i = 0; i < forms.length; i++) { ask(forms[i]); }
  }
  document.addEventListener("change", function (e) {
    var form = e.target.closest && e.target.closest("form[data-lokasi]");
    if (form) { ask(form); }
  });
  document.addEventListener("htmx:afterSwap", scan);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", scan);
  } else {
    scan();
  }
})();

/* 7. The person picker: the chosen answer's NIP into its field. */
(function () {
  "use strict";
  document.addEventListener("click", function (e) {
    var b = e.target.closest && e.target.closest("button[data-isi]");
    var field = b && document.getElementById(b.getAttribute("data-isi"));
    if (!field) { return; }
    field.value = b.value;
    field.focus();
    b.closest("ul").textContent = "";
  });
})();
