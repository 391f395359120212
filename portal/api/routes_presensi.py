"""Attendance apps and fingerprint machines push punches: the machine-file import's own rules
(portal/presensi/mesin.py) — PIN or NIP, the person's working day and shift, closed months
refused, a punch only moves jam datang earlier or jam pulang later, so the same punch twice
changes nothing. The admin's right, as the import page."""
from __future__ import annotations

from flask import jsonify

from portal import access, audit
from portal.api import bp, skema, spec
from portal.extensions import db
from portal.json_errors import galat
from portal.presensi import mesin
from portal.presensi.berkas_mesin import BerkasError


def _rekaman(isi: skema.PresensiKirim) -> tuple[list[tuple[str, str]], dict]:
    """The punches as the machine file's rows; text that is blank or holds control characters
    (a broken export) is refused per punch."""
    rows, kesalahan = [], {}
    for i, item in enumerate(isi.rekaman, start=1):
        pin, waktu = item.pin.strip(), item.waktu.strip()
        if not (pin and waktu and pin.isprintable() and waktu.isprintable()):
            kesalahan[f"rekaman.{i}"] = ["Setiap rekaman berisi pin dan waktu berupa teks."]
            continue
        rows.append((pin, waktu))
    return rows, kesalahan


@bp.post("/presensi")
@access.scope("presensi:tulis", peran="admin")
@spec.operasi(cakupan="presensi:tulis", json=skema.PresensiKirim, jawaban={200: (
    skema.PresensiHasil, "Ringkasan: yang dipakai, yang berubah, yang ditolak dan alasannya")})
def presensi(json: skema.PresensiKirim):
    """Kirim rekaman presensi dari mesin atau aplikasi

    Aturan yang sama dengan impor berkas mesin; rekaman yang sama dua kali tidak mengubah apa
    pun. Cakupan token: `presensi:tulis`; pemiliknya admin."""
    rows, kesalahan = _rekaman(json)
    if kesalahan:
        return galat(422, kesalahan=kesalahan)
    try:
        ringkas, diubah = mesin.terapkan_rekaman(rows)
    except BerkasError as e:  # pragma: no cover - the rows are written by us
        db.session.rollback()
        return galat(422, str(e))
    ditolak = sorted(
        ({"rekaman": nomor - 1, "pesan": mesin.pesan(jenis, value)}
         for jenis in mesin.TIDAK_DIPAKAI for nomor, value in ringkas.pesan.get(jenis, [])),
        key=lambda r: r["rekaman"])
    if ringkas.dipakai == 0:
        db.session.rollback()
        semua_ditutup = ringkas.jumlah.get("ditutup", 0) == ringkas.baris
        return galat(422, "Bulan presensinya sudah ditutup; rekaman tidak dipakai."
                     if semua_ditutup else "Tidak ada rekaman yang dapat dipakai.",
                     kesalahan={f"rekaman.{r['rekaman']}": [r["pesan"]] for r in ditolak})
    audit.record("presensi.api", "presensi", None, sesudah={
        "baris": ringkas.baris, "dipakai": ringkas.dipakai, "hari_diubah": diubah})
    db.session.commit()
    return jsonify({"baris": ringkas.baris, "dipakai": ringkas.dipakai, "diubah": diubah,
                    "ditolak": ditolak})
