"""Object kinds usable in URLs of the access matrix (and of the browser walks) as
`{kind.persona}`: each gives the id of that persona's object in the demo province. Each
capability adds its kinds here: name -> function(app, pegawai_id) -> id."""
from __future__ import annotations

from portal import clock


# Object kinds usable in URLs as {kind.persona}; each gives the id of that persona's object.
# Each capability adds its kinds here: name -> function(app, pegawai_id) -> id.
def _daftar_of(app, pegawai_id):
    """A shortlist owned by that person (made here: the demo province has none)."""
    from portal.extensions import db
    from portal.models import DaftarPendek

    daftar = DaftarPendek(pemilik_id=pegawai_id, nama="Matriks")
    db.session.add(daftar)
    db.session.commit()
    return daftar.id


def _admin_resolvers():
    """Org objects for the admin rows. Plt, periods and holidays belong to nobody: those take
    the demo's first one whoever the persona is."""
    from sqlalchemy import select

    from portal.extensions import db
    from portal.models import HariLibur, Ketidakhadiran, Periode, PltJabatan, RiwayatJabatan

    def seat(_app, pid):
        return db.session.scalar(select(RiwayatJabatan.jabatan_id).where(
            RiwayatJabatan.pegawai_id == pid, RiwayatJabatan.selesai.is_(None)))

    def unit(app, pid):
        from portal.models import Jabatan

        return db.session.scalar(select(Jabatan.unit_id).where(Jabatan.id == seat(app, pid)))

    def first(model):
        return lambda _app, _pid: db.session.scalar(select(model.id).order_by(model.id).limit(1))

    return {
        "unit": unit,
        "jabatan": seat,
        "plt": first(PltJabatan),
        "plt_menunggu": lambda _a, _p: db.session.scalar(
            select(PltJabatan.id).where(PltJabatan.status == "menunggu")),
        "periode": lambda _a, _p: db.session.scalar(select(Periode.id).where(Periode.aktif)),
        "libur": first(HariLibur),
        "ketidakhadiran": lambda _a, pid: db.session.scalar(
            select(Ketidakhadiran.id).where(Ketidakhadiran.pegawai_id == pid)),
    }


RESOLVERS = {
    "daftar": _daftar_of,
} | _admin_resolvers()


def _first(stmt):
    from portal.extensions import db

    return db.session.scalar(stmt.limit(1))


def _harian_resolvers():

    from sqlalchemy import func, select

    from portal.models import (
        BuktiDukung,
        Notifikasi,
        Periode,
        ProgresHarian,
        RealisasiPeriode,
        Skp,
        SubPeriode,
        UmpanBalik,
    )

    today = clock.today()
    return {
        # Not yet verified when there is one (a verified entry is locked for its owner too).
        "entri": lambda app, pid: _first(select(ProgresHarian.id).where(
            ProgresHarian.pegawai_id == pid).order_by(
            func.coalesce(ProgresHarian.verifikasi, "") == "diterima", ProgresHarian.id)),
        "bukti": lambda app, pid: _first(select(BuktiDukung.id).where(
            BuktiDukung.pemilik_id == pid)),
        "rp": lambda app, pid: _first(select(RealisasiPeriode.id).join(Skp).where(
            Skp.pegawai_id == pid).order_by(RealisasiPeriode.id)),
        "sub": lambda app, pid: _first(select(SubPeriode.id).join(Periode).where(
            Periode.aktif, SubPeriode.mulai <= today, SubPeriode.selesai >= today)),
        "utas": lambda app, pid: _first(select(UmpanBalik.id).where(
            UmpanBalik.pegawai_id == pid, UmpanBalik.induk_id.is_(None))),
        "notif": lambda app, pid: _first(select(Notifikasi.id).where(
            Notifikasi.penerima_id == pid)),
    }


RESOLVERS.update(_harian_resolvers())


def _pending_import(app, pegawai_id):
    from sqlalchemy import select

    from portal.extensions import db
    from portal.models import ImporPratinjau

    return db.session.scalar(select(ImporPratinjau.token).where(
        ImporPratinjau.pembuat_id == pegawai_id))


RESOLVERS["impor"] = _pending_import


def _skp_of(app, pid):

    from sqlalchemy import select

    from portal.extensions import db
    from portal.models import Periode, Skp

    return db.session.scalar(select(Skp.id).join(Periode, Periode.id == Skp.periode_id).where(
        Skp.pegawai_id == pid, Periode.tahun == clock.today().year))


def _first_of(model, parent_col, parent_id):
    from sqlalchemy import select

    from portal.extensions import db

    return db.session.scalar(select(model.id).where(parent_col == parent_id)
                             .order_by(model.id).limit(1))


def _rhk_of(app, pid):
    from portal.models import Rhk

    return _first_of(Rhk, Rhk.skp_id, _skp_of(app, pid))


def _iki_of(app, pid):
    from portal.models import Iki

    return _first_of(Iki, Iki.rhk_id, _rhk_of(app, pid))


def _program_of(app, _pid):

    from portal.models import ProgramPrioritas

    return _first_of(ProgramPrioritas, ProgramPrioritas.tahun, clock.today().year)


RESOLVERS.update({"skp": _skp_of, "rhk": _rhk_of, "iki": _iki_of, "program": _program_of})


def _ra_of(app, pid):
    """A rencana aksi of this month that no entry names (the last one the demo planned)."""
    from sqlalchemy import select

    from portal.extensions import db
    from portal.models import RencanaAksi

    today = clock.today()
    return db.session.scalar(select(RencanaAksi.id).where(
        RencanaAksi.pegawai_id == pid, RencanaAksi.tahun == today.year,
        RencanaAksi.bulan == today.month).order_by(RencanaAksi.id.desc()).limit(1))


RESOLVERS["ra"] = _ra_of


# --- penilaian ---
def _penilaian_id(app, pid):
    from sqlalchemy import select

    from portal.extensions import db
    from portal.models import Penilaian

    return db.session.scalar(select(Penilaian.id).where(
        Penilaian.pegawai_id == pid, Penilaian.kode != "TAHUNAN"))


def _keberatan_id(app, pid):
    from sqlalchemy import select

    from portal.extensions import db
    from portal.models import Keberatan

    return db.session.scalar(select(Keberatan.id).where(
        Keberatan.penilaian_id == _penilaian_id(app, pid)))


def _kode_now(app, _pid):
    """The demo's rated triwulan ("2026-TW3"): the last that ended before today."""
    from portal.penilaian.periode import default_kode

    return default_kode().teks


RESOLVERS.update({"penilaian": _penilaian_id, "keberatan": _keberatan_id, "kode": _kode_now})


# --- rapor ---
def _nip(app, pid):
    from portal.extensions import db
    from portal.models import Pegawai

    return db.session.get(Pegawai, pid).nip


def _rated_code(app, pid):
    from sqlalchemy import select

    from portal.extensions import db
    from portal.models import Penilaian, Periode

    row = db.session.execute(select(Periode.tahun, Penilaian.kode).join(Penilaian.periode)
                             .where(Penilaian.pegawai_id == pid)
                             .order_by(Penilaian.id.desc())).first()
    return f"{row[0]}-{row[1]}" if row else None


def _tahun(app, pid):

    return clock.today().year


def _pending_prestasi(app, pid):
    from sqlalchemy import select

    from portal.extensions import db
    from portal.models import Prestasi

    return db.session.scalar(select(Prestasi.id).where(Prestasi.pegawai_id == pid,
                                                       Prestasi.status == "menunggu"))


def _finished_job(app, pid):
    """A finished ZIP job of that person, with its file under the instance folder."""
    import zipfile
    from pathlib import Path

    from portal.extensions import db
    from portal.models import Job

    job = Job(kind="rapor_zip", params='{"periode": "2026-TW1", "cakupan": "bawahan"}',
              owner_id=pid, status="selesai", done=0, total=0)
    db.session.add(job)
    db.session.flush()
    folder = Path(app.instance_path) / "unduhan" / str(job.id)
    folder.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(folder / "rapor.zip", "w"):
        pass
    job.result_path = f"unduhan/{job.id}/rapor.zip"
    db.session.commit()
    return job.id


def _dokumen(app, pid):
    """The public code of that person's sealed rapor of the past (closed) year."""
    from sqlalchemy import select

    from portal.dokumen import jenis, seal
    from portal.extensions import db
    from portal.models import Pegawai, Periode
    from portal.rapor import services

    tahun = db.session.scalar(select(Periode.tahun).order_by(Periode.tahun).limit(1))
    period = services.period_or_404(str(tahun))
    penilaian = services.penilaian_of(pid, period)
    return seal.terbitkan(jenis.rapor(db.session.get(Pegawai, pid), period, penilaian)
                          ).dokumen.kode


def _dokumen_id(app, pid):
    from portal.dokumen import register

    return register.by_kode(_dokumen(app, pid)).id


RESOLVERS.update({"nip": _nip, "rapor": _rated_code, "tahun": _tahun,
                  "prestasi": _pending_prestasi, "job": _finished_job, "dokumen": _dokumen,
                  "dokumen_id": _dokumen_id})


def _presensi_resolvers():
    from sqlalchemy import select

    from portal.extensions import db
    from portal.models import ImporPresensi, JadwalKerja, PengajuanPresensi, PinMesin

    def waiting_import(_app, pid):
        # A walk may name the same import twice before the database is restored: reuse it.
        if _first(select(ImporPresensi.token).where(ImporPresensi.token == f"matriks-{pid}")):
            return f"matriks-{pid}"
        imp = ImporPresensi(token=f"matriks-{pid}", pembuat_id=pid, nama_berkas="mesin.csv",
                            sha256="0" * 64, ringkasan_json='{"baris": 0, "dipakai": 0, '
                            '"pegawai": 0, "awal": null, "akhir": null, "jumlah": {}, '
                            '"pesan": {}}')
        db.session.add(imp)
        db.session.commit()
        return imp.token

    return {
        "pengajuan": lambda _a, pid: _first(select(PengajuanPresensi.id).where(
            PengajuanPresensi.pegawai_id == pid)),
        "jadwal": lambda _a, _p: _first(select(JadwalKerja.id).where(
            JadwalKerja.jenis == "shift")),
        "pin": lambda _a, _p: _first(select(PinMesin.id).order_by(PinMesin.id)),
        "imporpresensi": waiting_import,
    }


RESOLVERS.update(_presensi_resolvers())


def _tpp_run(app, _pid):
    from sqlalchemy import select

    from portal import clock
    from portal.extensions import db
    from portal.models import TppRun

    return db.session.scalar(select(TppRun.id).where(
        TppRun.bulan == clock.today().replace(day=1), TppRun.status == "tinjau"))


def _tpp_aturan(app, _pid):
    from sqlalchemy import select

    from portal.extensions import db
    from portal.models import TppAturan

    return db.session.scalar(select(TppAturan.id))


def _tpp_catatan(app, _pid):
    from sqlalchemy import select

    from portal.extensions import db
    from portal.models import TppCatatan

    return db.session.scalar(select(TppCatatan.id))


RESOLVERS.update({"tpp_run": _tpp_run, "tpp_aturan": _tpp_aturan,
                  "tpp_catatan": _tpp_catatan})
