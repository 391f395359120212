"""`/` sends each person to the home of the role they are viewing as."""
from flask import redirect, url_for
from flask_login import current_user

from portal import access, orgtree, tindakan
from portal.extensions import db
from portal.harian import services as harian_services
from portal.harian import tim as harian_tim
from portal.home import bp, services
from portal.htmx import render
from portal.models import Pegawai
from portal.presensi import catat as presensi_catat
from portal.rencana import verifikasi

HOME_OF = {"pegawai": "home.pegawai", "atasan": "home.atasan", "sekda": "home.sekda",
           "admin": "admin.index"}


@bp.get("/")
@access.login
def index():
    role = access.current_role()
    if role is None:
        return render("home/no_role.html")
    return redirect(url_for(HOME_OF[role]))


@bp.get("/beranda/pegawai")
@access.role("pegawai")
def pegawai():
    chain = [db.session.get(Pegawai, pid) for pid in orgtree.atasan_chain_ids(current_user)[:2]]
    return render("home/pegawai.html", pegawai=current_user,
                  jabatan=orgtree.current_seat(current_user.id), chain=chain,
                  periode=services.active_periode(), harian=harian_services.beranda(current_user),
                  presensi=presensi_catat.keadaan(current_user.id),
                  tindakan=tindakan.untuk(current_user, "pegawai"))


@bp.get("/beranda/atasan")
@access.role("atasan")
def atasan():
    return render("home/atasan.html", tim=harian_tim.ringkasan(current_user.id),
                  verifikasi=verifikasi.menunggu(current_user.id),
                  tindakan=tindakan.untuk(current_user, "atasan"))


@bp.get("/beranda/sekda")
@access.role("sekda")
def sekda():
    return render("home/sekda.html", opds=services.opd_summary(),
                  vacant=services.vacant_seats(), periode=services.active_periode(),
                  tindakan=tindakan.untuk(current_user, "sekda"))


@bp.get("/pegawai/<int:pegawai_id>")
@access.login
def profil(pegawai_id: int):
    target = access.get_pegawai_readable_or_403(pegawai_id)
    chain = [db.session.get(Pegawai, pid) for pid in orgtree.atasan_chain_ids(target)[:2]]
    return render("home/profil.html", pegawai=target, jabatan=orgtree.current_seat(target.id),
                  chain=chain)
