"""Perlu tindakan: what waits for this person today, first on every home, one tap from acting.

Each role's counts come from one statement (a SELECT of scalar subqueries) plus the rating
period's lookup, so a home costs the same number of statements however much waits, and the
counts are never stale: they are read again on every view, and a task done is a count gone.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from flask import url_for
from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import exists, false, func, literal, or_, select

from portal import clock, orgtree
from portal.extensions import db
from portal.models import (
    BulanPresensiTutup,
    ImporPratinjau,
    Instansi,
    Jabatan,
    Keberatan,
    Pegawai,
    PengajuanPresensi,
    PengaturanHarian,
    Penilaian,
    Periode,
    Presensi,
    Prestasi,
    ProgresHarian,
    RatingOrganisasi,
    RealisasiPeriode,
    Skp,
    SubPeriode,
    TppAturan,
    TppRun,
)
from portal.rules import periode_tutup

SOON = periode_tutup.SEGERA  # "a period about to close": its last day within a week


@dataclass(frozen=True)
class Tindakan:
    jumlah: int
    teks: str
    url: str


def _count(query) -> object:
    return select(func.count()).select_from(query.subquery()).scalar_subquery()


def _reports(pegawai_id: int):
    return orgtree.direct_reports_query(pegawai_id).with_only_columns(Pegawai.id).order_by(None)


def untuk(pegawai: Pegawai, peran: str | None) -> list[Tindakan]:
    """The tasks waiting for `pegawai` in the role they view as, those with a count only, in the
    order of the day's work: first what others wait for, then one's own."""
    build = {"pegawai": _pegawai, "atasan": _atasan, "sekda": _sekda, "admin": _admin}.get(peran)
    if build is None:
        return []
    return [t for t in build(pegawai) if t.jumlah]


def _keberatan(pegawai_id: int) -> tuple:
    open_ = Keberatan.keputusan.is_(None)
    explain = (select(Keberatan.id).join(Penilaian, Penilaian.id == Keberatan.penilaian_id)
               .where(open_, Keberatan.penjelasan.is_(None), Penilaian.penilai_id == pegawai_id))
    decide = (select(Keberatan.id).join(Penilaian, Penilaian.id == Keberatan.penilaian_id)
              .where(open_, Penilaian.atasan_penilai_id == pegawai_id))
    return _count(explain).label("jelaskan"), _count(decide).label("putuskan")


def _keberatan_items(row) -> list[Tindakan]:
    link = url_for("penilaian.keberatan_masuk")
    return [
        Tindakan(row.jelaskan, _("keberatan perlu penjelasan Anda"), link),
        Tindakan(row.putuskan, _("keberatan menunggu keputusan Anda"), link),
    ]


def _atasan(pegawai: Pegawai) -> list[Tindakan]:
    from portal.penilaian.periode import default_kode

    reports = _reports(pegawai.id)
    team = reports.subquery()
    kode = default_kode(clock.today())
    rated = (select(Penilaian.pegawai_id).where(
        Penilaian.periode_id == kode.periode.id, Penilaian.kode == kode.sub.kode,
        Penilaian.pegawai_id.in_(reports)) if kode and kode.sub else None)
    row = db.session.execute(select(
        _count(select(Skp.id).where(Skp.status == "diajukan", Skp.pegawai_id.in_(reports)))
        .label("skp"),
        _count(select(RealisasiPeriode.id).join(Skp, Skp.id == RealisasiPeriode.skp_id)
               .where(RealisasiPeriode.status == "diajukan", Skp.pegawai_id.in_(reports)))
        .label("realisasi"),
        _count(select(Prestasi.id).where(Prestasi.status == "menunggu",
                                         Prestasi.pegawai_id.in_(reports))).label("prestasi"),
        (_count(select(team.c.id).where(team.c.id.not_in(rated)))
         if rated is not None else literal(0))
        .label("belum_dinilai"),
        _count(_entri_menunggu(reports)).label("verifikasi"),
        _entri_menunggu(reports).with_only_columns(func.min(ProgresHarian.tanggal))
        .scalar_subquery().label("verifikasi_awal"),
        _count(select(PengajuanPresensi.id).where(PengajuanPresensi.pegawai_id.in_(reports),
                                                  PengajuanPresensi.status == "diajukan"))
        .label("presensi"),
        _count(_tpp_menunggu(TppAturan.penyetuju_id == pegawai.id)).label("tpp"),
        *_keberatan(pegawai.id))).one()
    items = [
        Tindakan(row.skp, _("SKP bawahan menunggu persetujuan"), url_for("skp.persetujuan")),
        Tindakan(row.realisasi, _("realisasi bawahan menunggu tinjauan"),
                 url_for("harian.antrian")),
        Tindakan(row.verifikasi, _("entri harian bawahan menunggu verifikasi"),
                 _minggu_url(row.verifikasi_awal)),
        Tindakan(row.presensi, _("koreksi dan izin presensi bawahan menunggu keputusan"),
                 url_for("presensi.antrian")),
        *_keberatan_items(row),
        Tindakan(row.tpp, _("perhitungan TPP menunggu persetujuan Anda"),
                 url_for("tpp.run_list")),
    ]
    if kode and kode.sub:
        items.append(Tindakan(row.belum_dinilai,
                              _("bawahan belum dinilai untuk %(p)s", p=kode.label),
                              url_for("penilaian.tim", kode=kode.teks)))
    items.append(Tindakan(row.prestasi, _("prestasi bawahan menunggu verifikasi"),
                          url_for("rapor.verifikasi_list")))
    return items


def _pegawai(pegawai: Pegawai) -> list[Tindakan]:
    today = clock.today()
    mine = select(Skp.id).where(Skp.pegawai_id == pegawai.id)
    ending = (select(SubPeriode.id).join(Periode, Periode.id == SubPeriode.periode_id)
              .where(Periode.aktif, SubPeriode.mulai <= today, SubPeriode.selesai >= today,
                     SubPeriode.selesai <= today + SOON,
                     ~exists().where(RealisasiPeriode.sub_periode_id == SubPeriode.id,
                                     RealisasiPeriode.skp_id.in_(mine),
                                     RealisasiPeriode.status.in_(("diajukan", "diterima")))))
    row = db.session.execute(select(
        _count(select(RealisasiPeriode.id).where(RealisasiPeriode.skp_id.in_(mine),
                                                 RealisasiPeriode.status == "dikembalikan"))
        .label("realisasi"),
        _count(select(Skp.id).where(Skp.pegawai_id == pegawai.id, Skp.status == "dikembalikan"))
        .label("skp"),
        _count(select(Penilaian.id).where(
            Penilaian.pegawai_id == pegawai.id, Penilaian.diterima_pada.is_(None),
            ~exists().where(Keberatan.penilaian_id == Penilaian.id))).label("penilaian"),
        _count(select(ProgresHarian.id).where(ProgresHarian.pegawai_id == pegawai.id,
                                              ProgresHarian.tanggal == today)).label("hari_ini"),
        _count(select(Skp.id).where(Skp.pegawai_id == pegawai.id, Skp.status == "disetujui"))
        .label("skp_aktif"),
        _count(ending).label("akan_tutup"))).one()
    from portal.harian import kalender

    workday = kalender.kalender(pegawai.id).hari_kerja(today)  # not a holiday, leave or weekend
    return [
        Tindakan(row.realisasi, _("realisasi dikembalikan atasan untuk diperbaiki"),
                 url_for("harian.realisasi")),
        Tindakan(row.skp, _("SKP dikembalikan atasan untuk diperbaiki"), url_for("skp.saya")),
        Tindakan(row.akan_tutup, _("periode berakhir dalam 7 hari; realisasi belum diajukan"),
                 url_for("harian.realisasi")),
        Tindakan(row.penilaian, _("penilaian menunggu Anda terima atau ajukan keberatan"),
                 url_for("penilaian.saya")),
        Tindakan(1 if workday and row.skp_aktif and not row.hari_ini else 0,
                 _("hari kerja ini belum ada entri progres"), url_for("home.pegawai") + "#progres"),
    ]


def _sekda(pegawai: Pegawai) -> list[Tindakan]:
    from portal.penilaian.periode import default_kode

    reports = _reports(pegawai.id)
    kode = default_kode(clock.today())
    no_rating = (~exists().where(RatingOrganisasi.periode_id == kode.periode.id,
                                 RatingOrganisasi.kode == kode.sub.kode,
                                 RatingOrganisasi.unit_id.is_(None))
                 if kode and kode.sub else literal(False))
    row = db.session.execute(select(
        _count(select(Skp.id).where(Skp.status == "diajukan", Skp.pegawai_id.in_(reports)))
        .label("skp"),
        no_rating.label("tanpa_rating"),
        _count(_tpp_menunggu(or_(TppAturan.penyetuju_id == pegawai.id,
                                 TppAturan.penyetuju_id.is_(None)))).label("tpp"),
        *_keberatan(pegawai.id))).one()
    items = [Tindakan(row.skp, _("SKP bawahan menunggu persetujuan"), url_for("skp.persetujuan")),
             *_keberatan_items(row),
             Tindakan(row.tpp, _("perhitungan TPP menunggu persetujuan Anda"),
                      url_for("tpp.run_list"))]
    if kode and kode.sub:
        items.append(Tindakan(1 if row.tanpa_rating else 0,
                              _("capaian kinerja organisasi %(p)s belum ditetapkan", p=kode.label),
                              url_for("penilaian.organisasi", kode=kode.teks)))
    return items + (_periode_sekda(kode.periode) if kode else [])


def _periode_sekda(periode: Periode) -> list[Tindakan]:
    """The periods that wait for the Sekda's closing (portal/rules/periode_tutup.py), from the
    sub-periods the rating period's lookup already loaded: no statement of their own."""
    from portal.penilaian.periode import Kode
    from portal.web import tanggal

    today = clock.today()
    subs = [] if periode.ditutup else periode.sub_periode
    items = []
    soon = periode_tutup.berakhir_segera(subs, today)
    if soon is not None:
        kode = Kode(periode, soon)
        items.append(Tindakan(1, _("%(p)s berakhir %(t)s; tutup periode setelah semua dinilai",
                                   p=kode.label, t=tanggal(soon.selesai)),
                              url_for("penilaian.organisasi", kode=kode.teks)))
    ended = periode_tutup.belum_ditutup(subs, today)
    if ended:
        items.append(Tindakan(len(ended), _("periode sudah berakhir dan belum ditutup"),
                              url_for("penilaian.organisasi", kode=Kode(periode, ended[0]).teks)))
    return items


def _entri_menunggu(reports):
    """Entries of the direct reports waiting for verification, as the atasan home counts them
    (the last JENDELA days), while the instansi has verification on."""
    from portal.rencana.verifikasi import JENDELA

    aktif = (select(PengaturanHarian.verifikasi_aktif)
             .join(Instansi, Instansi.id == PengaturanHarian.instansi_id)
             .order_by(Instansi.id).limit(1).scalar_subquery())
    return select(ProgresHarian.id).where(
        ProgresHarian.pegawai_id.in_(reports), ProgresHarian.verifikasi.is_(None),
        ProgresHarian.tanggal >= clock.today() - timedelta(days=JENDELA),
        func.coalesce(aktif, false()))


def _minggu_url(awal) -> str:
    """The verification page at the oldest week with a waiting entry."""
    from portal.rules.hari_kerja import label_minggu, senin

    if awal is None:
        return url_for("rencana.minggu_verifikasi")
    if isinstance(awal, str):  # SQLite answers a MIN() of dates as text
        from datetime import date

        awal = date.fromisoformat(awal)
    return url_for("rencana.minggu_verifikasi", minggu=label_minggu(senin(awal)))


def _tpp_menunggu(penyetuju):
    return (select(TppRun.id).join(TppAturan, TppAturan.id == TppRun.aturan_id)
            .where(TppRun.status == "tinjau", penyetuju))


def _admin(pegawai: Pegawai) -> list[Tindakan]:
    bulan_lalu = (clock.today().replace(day=1) - timedelta(days=1)).replace(day=1)
    row = db.session.execute(select(
        _count(select(Keberatan.id).join(Penilaian, Penilaian.id == Keberatan.penilaian_id)
               .where(Keberatan.keputusan.is_(None), Penilaian.atasan_penilai_id.is_(None)))
        .label("keberatan"),
        _count(select(ImporPratinjau.id).where(ImporPratinjau.pembuat_id == pegawai.id,
                                               ImporPratinjau.status == "menunggu"))
        .label("impor"),
        _count(select(Skp.id).where(Skp.status == "diajukan", Skp.jabatan_id.in_(
            select(Jabatan.id).where(Jabatan.atasan_id.is_(None)))))
        .label("skp"),
        _presensi_belum_ditutup(bulan_lalu).label("presensi"))).one()
    return [
        Tindakan(row.skp, _("SKP Sekda menunggu keputusan kepala daerah"),
                 url_for("skp.kepala_daerah_index")),
        Tindakan(row.keberatan, _("keberatan menunggu keputusan atas nama kepala daerah"),
                 url_for("penilaian.keberatan_masuk")),
        Tindakan(row.impor, _("impor pegawai menunggu diterapkan"), url_for("impor.index")),
        Tindakan(1 if row.presensi else 0,
                 _("presensi %(b)s belum ditutup; TPP bulan itu menunggunya",
                   b=format_date(bulan_lalu, "MMMM y")), url_for("presensi.admin")),
    ]


def _presensi_belum_ditutup(bulan):
    """Last month had presensi and is not closed: its rekap and TPP run wait for the close."""
    awal, akhir = bulan, clock.today().replace(day=1)
    return (exists().where(Presensi.tanggal >= awal, Presensi.tanggal < akhir)
            & ~exists().where(BulanPresensiTutup.tahun == bulan.year,
                              BulanPresensiTutup.bulan == bulan.month))

