"""Rating a report: who heads a unit, frozen identity blocks, the period's realization and
feedback, saving a rating, objections and their decision."""
from __future__ import annotations

import json
import os
from datetime import date, datetime, timedelta

from flask import current_app
from flask_babel import gettext
from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError

from portal import audit, clock, orgtree
from portal.extensions import db
from portal.models import (
    Jabatan,
    Keberatan,
    Pegawai,
    Penilaian,
    RatingOrganisasi,
    Realisasi,
    RealisasiPeriode,
    Rhk,
    Skp,
    UmpanBalik,
)
from portal.models.audit import utcnow
from portal.penilaian.periode import Kode, kode_closed, parse_kode
from portal.rapor import identitas
from portal.rules.kurva import HASIL_KERJA_PIMPINAN
from portal.rules.predikat import predikat

KEPALA_DAERAH = "Kepala Daerah"


def commit() -> bool:
    """Commit, or roll back when someone else changed the same rating meanwhile (version
    check) or created it first (unique key): the caller answers 409, nothing half-saved."""
    try:
        db.session.commit()
    except (StaleDataError, IntegrityError):
        db.session.rollback()
        return False
    return True


def keberatan_hari() -> int:
    value = current_app.config.get("KEBERATAN_HARI") or os.environ.get("KEBERATAN_HARI", "14")
    return int(value)


def opd_of(jabatan: Jabatan):
    return jabatan.unit.path()[0]


def unit_pimpinan(jabatan: Jabatan | None):
    """For a seat that heads its organization: (True, OPD unit or None for the instansi).
    A seat heads its OPD when its supervising seat sits in another OPD (or there is none)."""
    if jabatan is None:
        return False, None
    if jabatan.atasan_id is None:
        return True, None
    atasan = db.session.get(Jabatan, jabatan.atasan_id)
    opd = opd_of(jabatan)
    if opd_of(atasan).id != opd.id:
        return True, opd
    return False, None


def rating_organisasi_for(kode: Kode, unit_id: int | None) -> RatingOrganisasi | None:
    """The OPD's own rating for the period, else the instansi's."""
    rows = db.session.scalars(select(RatingOrganisasi).where(
        RatingOrganisasi.periode_id == kode.periode.id, RatingOrganisasi.kode == kode.kode,
        or_(RatingOrganisasi.unit_id.is_(None), RatingOrganisasi.unit_id == unit_id))).all()
    own = next((r for r in rows if unit_id is not None and r.unit_id == unit_id), None)
    return own or next((r for r in rows if r.unit_id is None), None)


def capaian_for(kode: Kode, jabatan: Jabatan | None):
    """(is head, RatingOrganisasi or None, mapped hasil kerja or None) for a person's seat."""
    head, opd = unit_pimpinan(jabatan)
    if not head:
        return False, None, None
    rating = rating_organisasi_for(kode, opd.id if opd else None)
    return True, rating, HASIL_KERJA_PIMPINAN[rating.rating] if rating else None


def identitas_of(p: Pegawai, on: date) -> dict:
    """One frozen identity block, the same shape the rapor prints (portal/rapor/identitas.py)."""
    return identitas.block(p, orgtree.current_seat(p.id, on))


def penilai_ids(p: Pegawai, on: date) -> tuple[int | None, int | None]:
    """(pejabat penilai, atasan pejabat penilai); None stands for the kepala daerah."""
    chain = orgtree.atasan_chain_ids(p, on)
    return (chain[0] if chain else None), (chain[1] if len(chain) > 1 else None)


def freeze_identitas(p: Pegawai, penilai_id, atasan_id, on: date) -> str:
    kd = identitas.kepala_daerah()
    penilai = identitas_of(db.session.get(Pegawai, penilai_id), on) if penilai_id else kd
    if atasan_id:
        atasan = identitas_of(db.session.get(Pegawai, atasan_id), on)
    else:  # the Sekda's penilai (the kepala daerah) has nobody above in the portal
        atasan = kd if penilai_id else identitas.block(None, None)
    return json.dumps({"pegawai": identitas_of(p, on), "penilai": penilai,
                       "atasan_penilai": atasan}, ensure_ascii=False)


def find(pegawai_id: int, kode: Kode) -> Penilaian | None:
    return db.session.scalar(select(Penilaian).where(
        Penilaian.pegawai_id == pegawai_id, Penilaian.periode_id == kode.periode.id,
        Penilaian.kode == kode.kode))


def status_tim(atasan_id: int, kode: Kode) -> list[tuple[Pegawai, Jabatan, Penilaian | None]]:
    """Direct reports with their rating of the period (a fixed number of statements)."""
    reports = orgtree.direct_reports(atasan_id)
    ids = [p.id for p, _j in reports]
    done = {n.pegawai_id: n for n in db.session.scalars(
        select(Penilaian).options(selectinload(Penilaian.keberatan)).where(
            Penilaian.pegawai_id.in_(ids), Penilaian.periode_id == kode.periode.id,
            Penilaian.kode == kode.kode))} if ids else {}
    return [(p, j, done.get(p.id)) for p, j in reports]


def locked_reason(existing: Penilaian | None) -> str | None:
    if existing is None:
        return None
    if existing.diterima_pada is not None:
        return gettext("Penilaian sudah diterima pegawai dan tidak dapat diubah lagi.")
    if existing.keberatan is not None:
        return gettext("Pegawai mengajukan keberatan; perubahan hanya melalui keputusan "
                       "keberatan.")
    return None


def save_rating(target: Pegawai, kode: Kode, hasil: str, perilaku: str, catatan: str | None,
                capaian: str | None, penilai: Pegawai | None,
                atas_nama: str | None = None, dicatat_oleh_id: int | None = None) -> Penilaian:
    """Save (or revise) a rating; `penilai` None is the kepala daerah (the Sekda's rating),
    recorded by the admin `dicatat_oleh_id`."""
    today = clock.today()
    penilai_id = penilai.id if penilai else None
    atasan_id = penilai_ids(target, today)[1] if penilai else None
    skp = db.session.scalar(select(Skp.id).where(
        Skp.pegawai_id == target.id, Skp.periode_id == kode.periode.id,
        Skp.status == "disetujui").order_by(Skp.selesai.desc()).limit(1))
    identitas = freeze_identitas(target, penilai_id, atasan_id, today)
    existing = find(target.id, kode)
    before = None
    if existing is None:
        existing = Penilaian(pegawai_id=target.id, periode_id=kode.periode.id, kode=kode.kode,
                             sub_periode_id=kode.sub.id if kode.sub else None)
    else:
        before = {"hasil_kerja": existing.hasil_kerja, "perilaku_kerja": existing.perilaku_kerja,
                  "predikat": existing.predikat}
    existing.skp_id = skp
    existing.penilai_id = penilai_id
    existing.atasan_penilai_id = atasan_id
    existing.dicatat_oleh_id = dicatat_oleh_id if atas_nama else None
    existing.hasil_kerja, existing.perilaku_kerja = hasil, perilaku
    existing.predikat = predikat(hasil, perilaku)
    existing.catatan = catatan or None
    existing.capaian_organisasi = capaian
    existing.identitas = identitas
    existing.dinilai_pada = utcnow()
    db.session.add(existing)
    db.session.flush()
    audit.record("penilaian.nilai", "penilaian", existing.id, sebelum=before,
                 sesudah={"kode": kode.teks, "hasil_kerja": hasil, "perilaku_kerja": perilaku,
                          "predikat": existing.predikat}, atas_nama=atas_nama)
    return existing


def realisasi_context(pegawai_id: int, kode: Kode) -> dict:
    """The approved SKP with targets, the period's realization per IKI and the feedback:
    a fixed number of statements whatever the size of the plan."""
    skp = db.session.scalar(
        select(Skp).where(Skp.pegawai_id == pegawai_id, Skp.periode_id == kode.periode.id,
                          Skp.status == "disetujui")
        .options(selectinload(Skp.rhk).selectinload(Rhk.iki))
        .order_by(Skp.selesai.desc()).limit(1))
    nilai: dict[int, list] = {}
    if skp is not None:
        q = (select(Realisasi.iki_id, Realisasi.nilai, RealisasiPeriode.status)
             .join(RealisasiPeriode, Realisasi.realisasi_periode_id == RealisasiPeriode.id)
             .where(RealisasiPeriode.skp_id == skp.id))
        if kode.sub is not None:
            q = q.where(RealisasiPeriode.sub_periode_id == kode.sub.id)
        for iki_id, value, status in db.session.execute(q):
            nilai.setdefault(iki_id, []).append((value, status))
    start = datetime.combine(kode.mulai, datetime.min.time())
    end = datetime.combine(kode.selesai + timedelta(days=1), datetime.min.time())
    umpan = list(db.session.scalars(
        select(UmpanBalik).where(UmpanBalik.pegawai_id == pegawai_id,
                                 UmpanBalik.induk_id.is_(None),
                                 UmpanBalik.waktu >= start, UmpanBalik.waktu < end)
        .options(selectinload(UmpanBalik.penulis)).order_by(UmpanBalik.waktu).limit(50)))
    return {"skp": skp, "nilai": nilai, "umpan_balik": umpan}


def deadline(n: Penilaian) -> datetime:
    return n.dinilai_pada + timedelta(days=keberatan_hari())


def ajukan_keberatan(n: Penilaian, alasan: str, kunci: str | None = None) -> Keberatan:
    k = Keberatan(penilaian_id=n.id, alasan=alasan, kunci=kunci, hasil_kerja_lama=n.hasil_kerja,
                  perilaku_kerja_lama=n.perilaku_kerja)
    db.session.add(k)
    db.session.flush()
    audit.record("keberatan.ajukan", "keberatan", k.id, sesudah={"penilaian": n.id})
    return k


def putuskan(k: Keberatan, keputusan: str, pertimbangan: str, hasil: str | None,
             perilaku: str | None, oleh: Pegawai, atas_nama: str | None) -> None:
    n = k.penilaian
    before = {"hasil_kerja": n.hasil_kerja, "perilaku_kerja": n.perilaku_kerja,
              "predikat": n.predikat}
    k.keputusan, k.pertimbangan = keputusan, pertimbangan
    if keputusan == "ubah":
        n.hasil_kerja, n.perilaku_kerja = hasil, perilaku
        n.predikat = predikat(hasil, perilaku)
    k.hasil_kerja_baru, k.perilaku_kerja_baru = n.hasil_kerja, n.perilaku_kerja
    k.predikat_baru = n.predikat
    k.diputuskan_oleh_id, k.atas_nama, k.diputuskan_pada = oleh.id, atas_nama, utcnow()
    audit.record("keberatan.putus", "keberatan", k.id, sebelum=before,
                 sesudah={"keputusan": keputusan, "predikat": n.predikat},
                 atas_nama=atas_nama)


def kode_teks(n: Penilaian) -> str:
    """The period code of a rating: `2026` for the year, `2026-TW3` for a sub-period."""
    tahun = n.periode.tahun
    return str(tahun) if n.sub_periode_id is None else f"{tahun}-{n.kode}"


def why_no_keberatan(n: Penilaian) -> str | None:
    """Why the person rated may not object now (None: they may): once, before accepting,
    within `keberatan_hari()` days of the rating, while the period is open."""
    if n.keberatan is not None:
        return gettext("Keberatan atas penilaian ini sudah diajukan.")
    if n.diterima_pada is not None:
        return gettext("Penilaian sudah Anda terima; keberatan tidak dapat diajukan.")
    if utcnow() > deadline(n):
        return gettext("Batas waktu keberatan (%(h)s hari sejak penilaian) sudah lewat.",
                       h=keberatan_hari())
    if kode_closed(parse_kode(kode_teks(n))):
        return gettext("Periode sudah ditutup.")
    return None


def why_no_putusan(k: Keberatan) -> str | None:
    """Why an objection may not be decided now (None: it may): once, while the period is open."""
    if k.keputusan:
        return gettext("Keberatan sudah diputuskan.")
    if kode_closed(parse_kode(kode_teks(k.penilaian))):
        return gettext("Periode sudah ditutup; buka kembali periode sebelum memutus keberatan.")
    return None
