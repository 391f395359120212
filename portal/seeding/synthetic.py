"""A synthetic province of any size for benchmarks: `flask --app wsgi seed-synthetic --employees N`.

The organization: the Sekda at the root of Sekretariat Daerah, up to 40 OPDs, each with a head
(eselon II), bidang (III) and seksi (IV), and staff (fungsional/pelaksana) under the seksi; a few
seksi are vacant so their staff report up the tree. Everyone has a valid NIP, an approved SKP
whose RHK intervene the supervisor's, a year of daily entries (about 10 a month), realizations,
and ratings with predikat for the past sub-periods (see `portal.seeding.activity`).

Rows are generated in Python from a seeded random source (the same N gives the same province)
and written with bulk inserts: COPY on PostgreSQL, executemany on SQLite. It refuses a database
that already has people in it.
"""
from __future__ import annotations

import random
import secrets
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select, text

from portal import clock
from portal.extensions import db
from portal.models import Pegawai

OPD_NAMES = (
    "Dinas Pendidikan", "Dinas Kesehatan", "Dinas Pekerjaan Umum", "Dinas Sosial",
    "Dinas Perhubungan", "Dinas Lingkungan Hidup", "Dinas Pertanian", "Dinas Perindustrian",
    "Dinas Perdagangan", "Dinas Koperasi dan UKM", "Dinas Pariwisata", "Dinas Kebudayaan",
    "Dinas Kelautan dan Perikanan", "Dinas Kehutanan", "Dinas Energi dan Sumber Daya Mineral",
    "Dinas Tenaga Kerja", "Dinas Pemberdayaan Masyarakat", "Dinas Kependudukan",
    "Dinas Komunikasi dan Informatika", "Dinas Kepemudaan dan Olahraga", "Dinas Perpustakaan",
    "Dinas Kearsipan", "Dinas Penanaman Modal", "Dinas Perumahan", "Dinas Ketahanan Pangan",
    "Dinas Peternakan", "Dinas Sumber Daya Air", "Dinas Bina Marga", "Dinas Cipta Karya",
    "Badan Perencanaan Pembangunan Daerah", "Badan Keuangan Daerah", "Badan Pendapatan Daerah",
    "Badan Kepegawaian Daerah", "Badan Penanggulangan Bencana Daerah", "Inspektorat",
    "Badan Kesatuan Bangsa dan Politik", "Satuan Polisi Pamong Praja", "Badan Penghubung",
    "Badan Riset dan Inovasi Daerah", "Sekretariat DPRD",
)
BIDANG = ("Perencanaan", "Pelayanan", "Pembinaan", "Pengendalian", "Pengembangan",
          "Data dan Informasi", "Sarana dan Prasarana", "Peningkatan Mutu", "Pengawasan",
          "Kerja Sama", "Penelitian", "Pemberdayaan")
SEKSI = ("Program", "Evaluasi", "Monitoring", "Standardisasi", "Fasilitasi")
STAF = (("Analis Kebijakan", "fungsional"), ("Perencana Ahli Pertama", "fungsional"),
        ("Pranata Komputer Ahli Pertama", "fungsional"), ("Pengelola Data", "pelaksana"),
        ("Pengadministrasi Umum", "pelaksana"), ("Analis Keuangan", "fungsional"),
        ("Statistisi Ahli Muda", "fungsional"), ("Pengolah Data dan Informasi", "pelaksana"))
FIRST = ("Agus", "Budi", "Citra", "Dewi", "Eko", "Fitri", "Gilang", "Hani", "Irfan", "Joko",
         "Kartika", "Lestari", "Made", "Nur", "Oki", "Putri", "Rahmat", "Sri", "Teguh", "Utami",
         "Wahyu", "Yuni", "Zainal", "Bambang", "Rina", "Dimas", "Ayu", "Hendra", "Maya", "Slamet")
LAST = ("Pratama", "Wulandari", "Santoso", "Hidayat", "Lestari", "Saputra", "Rahayu", "Nugroho",
        "Permata", "Setiawan", "Kusuma", "Hartono", "Susanti", "Wibowo", "Handayani", "Purnomo",
        "Maulana", "Anggraini", "Gunawan", "Suryani", "Firmansyah", "Puspita", "Harjono")
GELAR = (None, "S.E.", "S.Kom.", "S.H.", "S.Sos.", "S.T.", "S.Pd.", "M.Si.", "A.Md.", "S.Si.")
STAFF_GOLONGAN = ("II/c", "II/d", "III/a", "III/a", "III/b", "III/b", "III/c", "III/d")
ESELON_GOLONGAN = {"I": ("IV/e",), "II": ("IV/c", "IV/d"), "III": ("IV/a", "IV/b"),
                   "IV": ("III/c", "III/d")}
PPPK_GOLONGAN = ("V", "VII", "IX", "X", "XI")


@dataclass
class Province:
    """Everything generated, as rows (tuples) per table plus the lookups later stages need."""
    today: date
    rng: random.Random
    units: list = field(default_factory=list)      # (id, instansi_id, induk_id, nama, aktif)
    seats: list = field(default_factory=list)      # (id, nama, jenis, eselon, unit, atasan, fleks)
    people: list = field(default_factory=list)     # pegawai rows
    riwayat: list = field(default_factory=list)
    holder: dict = field(default_factory=dict)     # seat id -> pegawai id
    seat_of: dict = field(default_factory=dict)    # pegawai id -> seat id
    unit_path: dict = field(default_factory=dict)  # unit id -> "OPD / Bidang / Seksi"
    opd_units: list = field(default_factory=list)

    def boss_of(self, pegawai_id: int) -> int | None:
        """The nearest holder above a person's seat (the pejabat penilai)."""
        seat = self.seats_by_id[self.seat_of[pegawai_id]]
        while seat[5] is not None:
            seat = self.seats_by_id[seat[5]]
            if seat[0] in self.holder:
                return self.holder[seat[0]]
        return None

    @property
    def seats_by_id(self) -> dict:
        if not hasattr(self, "_seats_by_id"):
            self._seats_by_id = {s[0]: s for s in self.seats}
        return self._seats_by_id


def nip_for(i: int, status: str) -> str:
    """A valid, unique NIP for the i-th person: digits of i in mixed radix over the birth day,
    month, year and the sequence number (bijective, so no two people share one)."""
    year, month = 1965 + i % 35, 1 + (i // 35) % 12
    day, seq = 1 + (i // 420) % 28, (i // 11760) % 1000
    appointed = year + 22 + i % 5
    middle = f"{appointed}{1 + i % 12:02d}" if status == "PNS" else f"{appointed}{21 + i % 2:02d}"
    return f"{year}{month:02d}{day:02d}{middle}{1 + i % 2}{seq:03d}"


def _clamp(v: int, lo: int, hi: int) -> int:
    return max(lo, min(hi, v))


def build_org(n: int, password_hash: str, today: date, seed: int = 2026) -> Province:
    prov = Province(today=today, rng=random.Random(seed))
    rng = prov.rng
    start = date(today.year - 3, 1, 2)

    def unit(nama, induk):
        uid = len(prov.units) + 1
        prov.units.append((uid, 1, induk, nama, True))
        prov.unit_path[uid] = f"{prov.unit_path[induk]} / {nama}" if induk else nama
        return uid

    def person(eselon: str | None, is_admin: bool = False) -> int:
        pid = len(prov.people) + 1
        status = "PPPK" if eselon is None and rng.random() < 0.12 else "PNS"
        golongan = (rng.choice(PPPK_GOLONGAN) if status == "PPPK"
                    else rng.choice(ESELON_GOLONGAN[eselon] if eselon else STAFF_GOLONGAN))
        nama = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        prov.people.append((pid, nip_for(pid, status), nama, None, rng.choice(GELAR), status,
                            golongan, f"Jl. Pahlawan No. {pid}", True, is_admin, password_hash,
                            False, secrets.token_urlsafe(24), None))
        return pid

    def seat(nama, jenis, eselon, unit_id, atasan, fleks=False, filled=True, is_admin=False):
        sid = len(prov.seats) + 1
        prov.seats.append((sid, nama, jenis, eselon, unit_id, atasan, fleks, True))
        if filled and len(prov.people) < n:
            pid = person(eselon, is_admin)
            prov.holder[sid], prov.seat_of[pid] = pid, sid
            prov.riwayat.append((len(prov.riwayat) + 1, pid, sid, start, None, "SK Gubernur"))
        return sid

    n_opd = _clamp(n // 60, 2, len(OPD_NAMES))
    setda = unit("Sekretariat Daerah", None)
    sekda = seat("Sekretaris Daerah", "struktural", "I", setda, None)
    setda_staff = max(2, n // 100)
    for k in range(setda_staff):
        seat("Pranata Komputer Ahli Muda" if k == 0 else "Analis Kebijakan", "fungsional", None,
             setda, sekda, fleks=True, is_admin=(k == 0))
    per_opd = (n - len(prov.people)) // n_opd
    staff_seats: list[tuple[int, int, str]] = []  # (parent seat, unit, OPD name) per seksi
    for o in range(n_opd):
        opd_name = OPD_NAMES[o]
        opd = unit(opd_name, None)
        prov.opd_units.append(opd)
        head = seat(f"Kepala {opd_name}", "struktural", "II", opd, sekda)
        rest = per_opd - 1
        n_bidang = _clamp(rest // 100, 1, len(BIDANG))
        per_bidang = _clamp(rest // (n_bidang * 15), 1, len(SEKSI))
        for b in range(n_bidang):
            bu = unit(f"Bidang {BIDANG[b]}", opd)
            kabid = seat(f"Kepala Bidang {BIDANG[b]}", "struktural", "III", bu, head)
            for s in range(per_bidang):
                su = unit(f"Seksi {SEKSI[s]} {BIDANG[b]}", bu)
                vacant = (o * 7 + b * 3 + s) % 37 == 5
                kasi = seat(f"Kepala Seksi {SEKSI[s]} {BIDANG[b]}", "struktural", "IV", su,
                            kabid, filled=not vacant)
                staff_seats.append((kasi, su))
    # The rest are staff, dealt round-robin over the seksi so every team has people.
    k = 0
    while len(prov.people) < n:
        kasi, su = staff_seats[k % len(staff_seats)]
        nama, jenis = STAF[k % len(STAF)]
        seat(nama, jenis, None, su, kasi, fleks=(k % 3 == 0))
        k += 1
    return prov


PEGAWAI_COLS = ("id", "nip", "nama", "gelar_depan", "gelar_belakang", "status", "golongan",
                "alamat", "aktif", "is_admin", "password_hash", "wajib_ganti_sandi", "sesi_token",
                "bahasa")


def bulk(table: str, columns: tuple[str, ...], rows) -> int:
    """Insert many rows fast: COPY on PostgreSQL, executemany on SQLite. Returns the count."""
    if table not in db.metadata.tables:  # names come from our own code, checked anyway
        raise ValueError(table)
    conn = db.session.connection()
    raw = conn.connection.driver_connection
    count = 0
    if conn.dialect.name == "postgresql":
        with _plain_indexes_dropped(raw, table), raw.cursor() as cur, cur.copy(
                f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
        return count
    marks = ", ".join("?" * len(columns))
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"  # noqa: S608
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) >= 50_000:
            raw.executemany(sql, batch)
            count, batch = count + len(batch), []
    if batch:
        raw.executemany(sql, batch)
    return count + len(batch)


BIG_TABLES = ("progres_harian",)


@contextmanager
def _plain_indexes_dropped(raw, table: str):
    """For the multi-million-row tables: COPY without the secondary indexes, then build each
    index once over the whole table (faster than maintaining it row by row)."""
    if table not in BIG_TABLES:
        yield
        return
    with raw.cursor() as cur:
        cur.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND "
                    "indexname LIKE 'ix%%'", (table,))
        plain = cur.fetchall()
        for name, _ in plain:
            cur.execute(f'DROP INDEX "{name}"')
    yield
    with raw.cursor() as cur:
        cur.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for _, definition in plain:
            cur.execute(definition)


def reset_sequences(tables: list[str]) -> None:
    """Rows came with explicit ids: move each PostgreSQL id sequence past them."""
    if db.engine.dialect.name != "postgresql":
        return
    for table in tables:
        sql = (f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
               f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)")
        db.session.execute(text(sql))


def seed_synthetic(n: int, password: str, today: date | None = None, log=print) -> dict:
    """Build the province of `n` employees; returns row counts per table and seconds taken."""
    from portal.models import Instansi, KebijakanDuaFaktor
    from portal.rules.dua_faktor import MIN_BAWAHAN_BAWAAN
    from portal.security import hash_password
    from portal.seeding import activity

    if db.session.scalar(select(Pegawai.id).limit(1)) is not None:
        raise ValueError("Basis data sudah berisi pegawai; provinsi sintetis butuh basis kosong.")
    started = time.perf_counter()
    today = today or clock.today()
    prov = build_org(n, hash_password(password), today)
    db.session.add(Instansi(id=1, nama="Pemerintah Provinsi Sintetis", tempat="Semarang",
                            kepala_daerah_nama="H. Gubernur Sintetis, S.H.",
                            kepala_daerah_jabatan="Gubernur"))
    # Benches log in with passwords: a saved "optional" policy keeps the default second factor
    # of Sekda, admins and larger teams out of their way.
    db.session.add(KebijakanDuaFaktor(peran="", min_bawahan=MIN_BAWAHAN_BAWAAN))
    db.session.flush()
    counts = {
        "unit_kerja": bulk("unit_kerja", ("id", "instansi_id", "induk_id", "nama", "aktif"),
                           prov.units),
        "pegawai": bulk("pegawai", PEGAWAI_COLS, prov.people),
        "jabatan": bulk("jabatan", ("id", "nama", "jenis", "eselon", "unit_id", "atasan_id",
                                    "fleksibel", "aktif"), prov.seats),
        "riwayat_jabatan": bulk("riwayat_jabatan", ("id", "pegawai_id", "jabatan_id", "mulai",
                                                    "selesai", "keterangan"), prov.riwayat),
    }
    log(f"organisasi: {len(prov.people)} pegawai, {len(prov.seats)} jabatan "
        f"({time.perf_counter() - started:.1f} dtk)")
    counts |= activity.seed(prov, log, started)
    reset_sequences(["instansi", *(t for t in counts if t != "rhk_program")])
    db.session.commit()
    # Fresh statistics, and on PostgreSQL a visibility map, so index-only scans work at once.
    from portal.db_setup import refresh_statistics

    refresh_statistics(db.engine)
    counts["detik"] = round(time.perf_counter() - started, 1)
    return counts


def _now(day: date, hour: int = 15) -> datetime:
    return datetime(day.year, day.month, day.day, hour)
