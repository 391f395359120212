"""'TPP saya': every employee's own amount, line by line; a supervisor, the chain above and the
Sekda read the same page of the people below them."""
from __future__ import annotations

from flask import request
from flask_login import current_user

from portal import access
from portal.htmx import render
from portal.tpp import aturan as versi
from portal.tpp import bp, saya
from portal.tpp import run as runs
from portal.tpp.common import bulan_dari


def _halaman(pegawai):
    pilih = bulan_dari(request.args.get("bulan"), runs.bulan_ini())
    months = saya.riwayat(pegawai.id, runs.bulan_ini())
    shown = next((m for m in months if m.bulan == pilih), None)
    row = versi.berlaku(pilih)
    return render("tpp/saya.html", pegawai=pegawai, sendiri=pegawai.id == current_user.id,
                  pilih=pilih, shown=shown, months=months,
                  tertunda=saya.koreksi_tertunda(pegawai.id, pilih),
                  andai=saya.andai_andai(pegawai.id, pilih),
                  tim=saya.tim(pegawai.id, pilih) if pegawai.id == current_user.id else [],
                  ringkasan=versi.ringkasan(versi.isi(row)) if row else [], versi=row)


@bp.get("/")
@access.login
def saya_page():
    return _halaman(current_user)


@bp.get("/pegawai/<int:pegawai_id>")
@access.login
def pegawai(pegawai_id: int):
    return _halaman(access.get_pegawai_readable_or_403(pegawai_id))
