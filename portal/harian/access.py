"""Object lookups of the Pelaksanaan area (docs/domain.md rights table): owners edit while the
sub-period is open, the direct supervisor (or Plt) decides, the chain above and the Sekda read."""
from __future__ import annotations

from flask import abort
from flask_babel import gettext as _
from flask_login import current_user

from portal import orgtree
from portal.access import can_read_pegawai, deny, get_pegawai_or_404
from portal.extensions import db
from portal.harian import kalender
from portal.models import BuktiDukung, Notifikasi, ProgresHarian, RealisasiPeriode, UmpanBalik


def get_entri_own_open_or_403(entri_id: int) -> ProgresHarian:
    """An own entry whose sub-period is still open and that the supervisor has not accepted
    (a verified entry is locked)."""
    entri = db.session.get(ProgresHarian, entri_id)
    if entri is None:
        abort(404)
    if entri.pegawai_id != current_user.id:
        deny("entri", entri_id)
    if entri.verifikasi == "diterima":
        deny("entri (sudah diverifikasi)", entri_id)
    if not kalender.kalender(current_user.id).terbuka(entri.tanggal):
        deny("entri (subperiode ditutup)", entri_id,
              _("Periode entri ini sudah ditutup, sehingga entri tidak dapat diubah atau "
                "dihapus."))
    return entri


def get_bukti_readable_or_403(bukti_id: int) -> BuktiDukung:
    bukti = db.session.get(BuktiDukung, bukti_id)
    if bukti is None:
        abort(404)
    if not can_read_pegawai(current_user, get_pegawai_or_404(bukti.pemilik_id)):
        deny("bukti", bukti_id)
    return bukti


def get_realisasi_readable_or_403(rp_id: int) -> RealisasiPeriode:
    rp = db.session.get(RealisasiPeriode, rp_id)
    if rp is None:
        abort(404)
    if not can_read_pegawai(current_user, rp.skp.pegawai):
        deny("realisasi", rp_id)
    return rp


def may_decide_realisasi(rp: RealisasiPeriode, actor=None) -> bool:
    """Only the acting supervisor (holder or Plt) of the owner accepts or returns: the one
    question of the single route, the bulk route and the review queue."""
    from portal.harian import realisasi

    return realisasi.may_decide(rp, actor if actor is not None else current_user)


def get_realisasi_decidable_or_403(rp_id: int) -> RealisasiPeriode:
    rp = db.session.get(RealisasiPeriode, rp_id)
    if rp is None:
        abort(404)
    if not may_decide_realisasi(rp):
        deny("realisasi (bukan atasan langsung)", rp_id)
    return rp


def get_thread_repliable_or_403(thread_id: int) -> UmpanBalik:
    """The report and their direct supervisor reply to a feedback thread."""
    thread = db.session.get(UmpanBalik, thread_id)
    if thread is None or thread.induk_id is not None:
        abort(404)
    owner = get_pegawai_or_404(thread.pegawai_id)
    if owner.id != current_user.id and not orgtree.is_direct_supervisor(current_user.id, owner):
        deny("umpan balik", thread_id)
    return thread


def get_notifikasi_own_or_404(notif_id: int) -> Notifikasi:
    notif = db.session.get(Notifikasi, notif_id)
    if notif is None or notif.penerima_id != current_user.id:
        abort(404)  # someone else's notification is private: not even its existence shows
    return notif
