"""The monthly TPP run: started by the admin for the instansi or one OPD, computed in the
background (`portal.jobs`, kind "tpp_run") chunk by chunk with a fixed handful of statements per
chunk, reviewed with its anomalies, approved (then locked), corrected by a new run that keeps
only the differences. A failed run leaves nothing behind and can be retried.
"""
from __future__ import annotations

import json
from datetime import date, timedelta

from flask_babel import gettext as _
from sqlalchemy import delete, func, select, update

from portal import audit, clock, jobs, orgtree
from portal.extensions import db
from portal.models import (
    Instansi,
    Jabatan,
    Job,
    PltJabatan,
    RiwayatJabatan,
    TppHasil,
    TppRun,
)
from portal.tpp import aturan as versi
from portal.tpp import masukan, proses, sumber

AKTIF = ("berjalan", "tinjau", "disetujui")


class RunDitolak(ValueError):
    """A run that cannot be started, approved or corrected; the message says why."""


def bulan_ini() -> date:
    return clock.today().replace(day=1)


def sedang_berjalan() -> TppRun | None:
    """The run in progress, if any. A run whose job failed outside the handler (its worker was
    killed or went silent: `jobs.mark_stale`) is marked failed first, so it blocks nothing."""
    jobs.mark_stale()
    db.session.execute(update(TppRun).where(
        TppRun.status == "berjalan",
        TppRun.job_id.in_(select(Job.id).where(Job.status == "gagal"))).values(status="gagal"))
    return db.session.scalar(select(TppRun).where(TppRun.status == "berjalan").limit(1))


def disetujui(bulan: date, opd_id: int | None) -> TppRun | None:
    return db.session.scalar(select(TppRun).where(
        TppRun.bulan == bulan, TppRun.status == "disetujui", TppRun.jenis == "utama",
        proses.cakupan_bertemu(opd_id)).order_by(TppRun.id).limit(1))


def mulai(bulan: date, opd_id: int | None, oleh_id: int, alasan: str | None = None) -> TppRun:
    """Start a run (or, when the month is approved, a correction with `alasan`)."""
    if bulan > bulan_ini():
        raise RunDitolak(_("Bulan itu belum dimulai."))
    if sedang_berjalan() is not None:
        raise RunDitolak(_("Perhitungan lain sedang berjalan; tunggu sampai selesai, lalu "
                           "mulai lagi."))
    row = versi.berlaku(bulan)
    if row is None:
        raise RunDitolak(_("Belum ada versi aturan TPP yang berlaku untuk bulan ini."))
    if sumber.presensi_ditutup(bulan) is False:
        raise RunDitolak(_("Presensi bulan ini belum ditutup; tutup bulannya di halaman "
                           "presensi lebih dulu, agar TPP dihitung dari data yang tidak "
                           "berubah lagi."))
    induk = disetujui(bulan, opd_id)
    if induk is not None and not (alasan or "").strip():
        raise RunDitolak(_("Bulan ini sudah disetujui dan terkunci; koreksi hanya dengan "
                           "alasan."))
    run = TppRun(bulan=bulan, unit_id=opd_id, aturan_id=row.id, dibuat_oleh_id=oleh_id,
                 jenis="koreksi" if induk else "utama", induk_id=induk.id if induk else None,
                 alasan=(alasan or "").strip() or None, status="berjalan")
    db.session.add(run)
    db.session.flush()
    audit.record("tpp_run_mulai", "tpp_run", run.id, aktor_id=oleh_id,
                 sesudah={"bulan": bulan, "opd": opd_id, "jenis": run.jenis,
                          "alasan": run.alasan})
    db.session.commit()
    job = jobs.enqueue("tpp_run", {"run": run.id}, oleh_id)
    run.job_id = job.id
    db.session.commit()
    return run


def ulangi(run: TppRun) -> None:
    if run.status != "gagal" or run.job is None:
        raise RunDitolak(_("Hanya perhitungan yang gagal dapat diulang."))
    if sedang_berjalan() is not None:
        raise RunDitolak(_("Perhitungan lain sedang berjalan; tunggu sampai selesai."))
    run.status = "berjalan"
    audit.record("tpp_run_ulang", "tpp_run", run.id)
    jobs.retry(run.job)


def hitung_job(job, progress) -> None:
    """The job handler: compute, store, then put the run up for review."""
    run = db.session.get(TppRun, job.param["run"])
    try:
        _hitung(run, progress)
    except Exception:
        db.session.rollback()
        db.session.execute(delete(TppHasil).where(TppHasil.run_id == run.id))
        db.session.execute(update(TppRun).where(TppRun.id == run.id).values(status="gagal"))
        db.session.commit()
        raise


def _hitung(run: TppRun, progress, today: date | None = None) -> None:
    db.session.execute(delete(TppHasil).where(TppHasil.run_id == run.id))  # a retry
    _awal, akhir = masukan.awal_akhir(run.bulan)
    tugas = proses.Tugas(run.id, run.bulan, run.unit_id, run.jenis == "koreksi",
                         tuple(masukan.hari_kerja(run.bulan)),
                         min(akhir, (today or clock.today()) - timedelta(days=1)))
    people = masukan.orang_bulan(run.bulan, run.unit_id)
    progress(done=0, total=len(people))
    db.session.commit()  # the worker processes see the run's earlier rows gone
    t = proses.jalankan(tugas, people, progress)
    _selesai(run, t)


def _anomali(run: TppRun, t: proses.Hitungan) -> list[dict]:
    out = []
    for asal in sorted(t.hilang):
        out.append({"kode": f"{asal}_tidak_tersedia", "jumlah": run.jumlah_pegawai,
                    "contoh": [], "blokir": True})
    for kode in ("tanpa_kelas", "perubahan", "tanpa_presensi"):
        if t.jumlah.get(kode):
            out.append({"kode": kode, "jumlah": t.jumlah[kode], "contoh": t.contoh[kode][:20],
                        "blokir": False})
    if run.unit_id is None:
        lepas = masukan.tanpa_jabatan(run.bulan)
        if lepas:
            out.append({"kode": "tanpa_jabatan", "jumlah": len(lepas),
                        "contoh": [n for _i, n in lepas[:20]], "blokir": False})
    return out


def _selesai(run: TppRun, t: proses.Hitungan) -> None:
    db.session.execute(update(TppRun).where(
        TppRun.bulan == run.bulan, TppRun.status == "tinjau", TppRun.jenis == run.jenis,
        TppRun.unit_id.is_(None) if run.unit_id is None else TppRun.unit_id == run.unit_id)
        .values(status="diganti"))
    run.jumlah_pegawai, run.total_bruto, run.total_netto = db.session.execute(
        select(func.count(), func.coalesce(func.sum(TppHasil.bruto), 0),
               func.coalesce(func.sum(TppHasil.netto), 0))
        .where(TppHasil.run_id == run.id)).one()
    run.status = "tinjau"
    run.anomali = json.dumps(_anomali(run, t), ensure_ascii=False)
    audit.record("tpp_run_selesai", "tpp_run", run.id, aktor_id=run.dibuat_oleh_id,
                 sesudah={"pegawai": run.jumlah_pegawai, "bruto": run.total_bruto,
                          "netto": run.total_netto})
    db.session.commit()


# Approval ---------------------------------------------------------------------------------------

def memuat(run: TppRun, pegawai_id: int) -> bool:
    return db.session.scalar(select(TppHasil.id).where(
        TppHasil.run_id == run.id, TppHasil.pegawai_id == pegawai_id).limit(1)) is not None


def setujui(run: TppRun, oleh_id: int) -> None:
    syarat_setujui(run, oleh_id)
    run.status, run.disetujui_oleh_id, run.disetujui_pada = "disetujui", oleh_id, clock.utcnow()
    audit.record("tpp_run_setujui", "tpp_run", run.id, aktor_id=oleh_id,
                 sesudah={"bulan": run.bulan, "netto": run.total_netto})


def syarat_setujui(run: TppRun, oleh_id: int) -> None:
    """Why `oleh_id` cannot approve the run now (RunDitolak), before anyone is asked "Ya"."""
    if run.status != "tinjau":
        raise RunDitolak(_("Hanya perhitungan dalam tinjauan yang dapat disetujui."))
    if any(a["blokir"] for a in run.anomali_list):
        raise RunDitolak(_("Sebagian masukan belum tersedia (lihat anomali); perhitungan ini "
                           "tidak dapat disetujui."))
    if run.sendiri_oleh_id is None and memuat(run, oleh_id):
        raise RunDitolak(_("Perhitungan ini memuat TPP Anda sendiri. Tidak seorang pun "
                           "memutus perkaranya sendiri: admin lebih dulu mencatat persetujuan "
                           "kepala daerah atas jumlah Anda."))


def sahkan_sendiri(run: TppRun, penyetuju_id: int, admin_id: int) -> None:
    """The admin records the kepala daerah's approval of the approver's own amount."""
    syarat_sahkan(run)
    instansi = db.session.scalar(select(Instansi).limit(1))
    run.sendiri_oleh_id = admin_id
    audit.record("tpp_sahkan_sendiri", "tpp_run", run.id, aktor_id=admin_id,
                 atas_nama=instansi.kepala_daerah_nama if instansi else None,
                 sesudah={"pegawai": penyetuju_id})


def syarat_sahkan(run: TppRun) -> None:
    if run.status != "tinjau":
        raise RunDitolak(_("Hanya perhitungan dalam tinjauan."))


def penyetuju_id(run: TppRun) -> int | None:
    """The official who approves this run: the one the version names, else the Sekda."""
    if run.aturan.penyetuju_id:
        return run.aturan.penyetuju_id
    today = clock.today()
    root = select(Jabatan.id).where(Jabatan.atasan_id.is_(None))
    return db.session.scalar(
        select(RiwayatJabatan.pegawai_id).where(RiwayatJabatan.jabatan_id.in_(root),
                                                orgtree.holder_current(today)).limit(1)
    ) or db.session.scalar(
        select(PltJabatan.pegawai_id).where(PltJabatan.jabatan_id.in_(root),
                                            orgtree.plt_current(today)).limit(1))


def daftar(limit: int = 30) -> list[TppRun]:
    return db.session.scalars(select(TppRun).order_by(TppRun.id.desc()).limit(limit)).all()


def total_opd(run: TppRun) -> list[tuple]:
    """(OPD id, name, people, bruto, netto) of a run: one statement."""
    from portal.models import UnitKerja

    return db.session.execute(
        select(TppHasil.opd_id, UnitKerja.nama, func.count(), func.sum(TppHasil.bruto),
               func.sum(TppHasil.netto))
        .outerjoin(UnitKerja, UnitKerja.id == TppHasil.opd_id)
        .where(TppHasil.run_id == run.id).group_by(TppHasil.opd_id, UnitKerja.nama)
        .order_by(UnitKerja.nama)).all()
