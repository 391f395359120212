/* Portal Kinerja ASN: the one script. htmx runs with eval off, so behaviour lives here. */
(function () {
  "use strict";
  function csrf() {
    var m = document.querySelector('meta[name="csrf-token"]');
    return m ? m.getAttribute("content") : "";
  }
  function say(text) {
    var box = document.getElementById("pesan");
    if (!box) { return; }
    var p = document.createElement("p");
    p.className = "flash error";
    p.textContent = text;
    box.replaceChildren(p);
  }
  document.addEventListener("htmx:configRequest", function (e) {
    e.detail.headers["X-CSRFToken"] = csrf();
  });
  document.addEventListener("htmx:sendError", function () {
    say("Koneksi gagal. Isian Anda tidak hilang; coba kirim lagi saat sinyal kembali.");
  });
  document.addEventListener("htmx:timeout", function () {
    say("Server terlalu lama menjawab. Isian Anda tidak hilang; coba lagi.");
  });
  document.addEventListener("htmx:responseError", function (e) {
    var code = e.detail.xhr ? e.detail.xhr.status : 0;
    if (code === 401) { return; }
    say(code === 429 ? "Terlalu banyak permintaan. Tunggu sebentar lalu coba lagi."
      : "Terjadi kesalahan (" + code + "). Isian Anda tidak hilang; coba lagi.");
  });
})();
