"""Check-in and check-out on the Pegawai home: one button, a fragment for htmx, a redirect back
home with the message for a plain form."""
from __future__ import annotations

import secrets

from flask import flash, redirect, request, url_for
from flask_login import current_user

from portal import access
from portal.htmx import render, wants_fragment
from portal.presensi import bp, catat


def _answer(hasil: catat.Hasil):
    if not wants_fragment():
        flash(hasil.pesan, "error" if hasil.ditolak else "success")
        return redirect(url_for("home.pegawai"), 303)
    st = catat.keadaan(current_user.id)
    return render("presensi/_tombol.html", status=422 if hasil.ditolak else 200, st=st,
                  pesan=hasil.pesan, ditolak=hasil.ditolak, kunci=secrets.token_urlsafe(16))


@bp.post("/presensi/datang")
@access.role("pegawai")
def datang():
    return _answer(catat.datang(current_user.id, request.form))


@bp.post("/presensi/pulang")
@access.role("pegawai")
def pulang():
    return _answer(catat.pulang(current_user.id, request.form))
