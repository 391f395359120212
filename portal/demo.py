"""The demo province: a realistic small instansi for `make run`, screenshots and tests.

Idempotent: running it again on a seeded database changes nothing. Later capabilities add their
data through `extend_demo` hooks, each idempotent as well.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from importlib import import_module

from sqlalchemy import select

from portal import clock
from portal.extensions import db
from portal.models import (
    HariLibur,
    Instansi,
    Jabatan,
    KebijakanDuaFaktor,
    Ketidakhadiran,
    Pegawai,
    PltJabatan,
    RiwayatJabatan,
    UnitKerja,
)
from portal.periods import create_periode
from portal.rules.dua_faktor import MIN_BAWAHAN_BAWAAN

DEFAULT_PASSWORD = "kinerja2026"
ADMIN_NIP = "198702152010011003"
# Each capability adds its demo data: a module with `seed(people, today)`, idempotent, listed
# here in the order they build on each other.
DEMO_AREAS: tuple[str, ...] = ("portal.skp.demo", "portal.admin.demo", "portal.harian.demo",
                               "portal.penilaian.demo", "portal.rapor.demo", "portal.impor.demo",
                               "portal.jejak.demo", "portal.organisasi.demo",
                               "portal.rencana.demo", "portal.presensi.demo",
                               "portal.tpp.demo", "portal.siasn.demo",
                               "portal.tokenapi.demo")


@dataclass
class Person:
    key: str
    nip: str
    nama: str
    gelar_depan: str | None
    gelar_belakang: str | None
    golongan: str
    status: str = "PNS"


# (key, seat name, jenis, eselon, unit key, parent seat key, fleksibel, person or None)
# The tree: Sekda → 3 OPD heads → kepala bidang → kepala seksi → staff.
UNITS = [
    ("setda", "Sekretariat Daerah", None),
    ("dinkes", "Dinas Kesehatan", None),
    ("dinkes_p2p", "Bidang Pencegahan dan Pengendalian Penyakit", "dinkes"),
    ("dinkes_surv", "Seksi Surveilans dan Imunisasi", "dinkes_p2p"),
    ("dinkes_pm", "Seksi Pencegahan Penyakit Menular", "dinkes_p2p"),
    ("dinkes_yankes", "Bidang Pelayanan Kesehatan", "dinkes"),
    ("dinkes_rujukan", "Seksi Pelayanan Kesehatan Rujukan", "dinkes_yankes"),
    ("bappeda", "Badan Perencanaan Pembangunan Daerah", None),
    ("bappeda_ekonomi", "Bidang Perekonomian dan Sumber Daya Alam", "bappeda"),
    ("bappeda_ekon_sub", "Subbidang Perekonomian", "bappeda_ekonomi"),
    ("bappeda_pemsos", "Bidang Pemerintahan dan Pembangunan Manusia", "bappeda"),
    ("bappeda_sosbud", "Subbidang Sosial Budaya", "bappeda_pemsos"),
    ("disdik", "Dinas Pendidikan", None),
    ("disdik_sma", "Bidang Pembinaan SMA", "disdik"),
    ("disdik_kur", "Seksi Kurikulum dan Penilaian", "disdik_sma"),
    ("disdik_ptk", "Bidang Pendidik dan Tenaga Kependidikan", "disdik"),
    ("disdik_mutu", "Seksi Peningkatan Mutu PTK", "disdik_ptk"),
]

P = Person
PEOPLE = {
    "sekda": P("sekda", "196805121990031005", "Sumarno", "Ir.", "M.Si.", "IV/e"),
    "kadinkes": P("kadinkes", "197104032000032004", "Yunita Dyah Suminar", "dr.", "M.Kes.", "IV/c"),
    "kabid_p2p": P("kabid_p2p", "197509182003121002", "Irianto Setiawan", None, "S.K.M., M.Kes.", "IV/a"),
    "kasi_surv": P("kasi_surv", "198003142006042011", "Retno Wulandari", None, "S.K.M.", "III/d"),
    "staf_surv1": P("staf_surv1", "199204172019031006", "Andi Pratama", None, "S.Kom.", "III/a"),
    "staf_surv2": P("staf_surv2", "199511082020122015", "Siti Nurhaliza", None, "A.Md.Kes.", "II/c"),
    "staf_surv3": P("staf_surv3", "199307222022212003", "Dewi Lestari", None, "S.Tr.Kes.", "IX", "PPPK"),
    "kasi_pm": P("kasi_pm", "198107252005011009", "Bambang Hermanto", None, "S.K.M., M.P.H.", "III/d"),
    "staf_pm1": P("staf_pm1", "199009092015031004", "Rizky Maulana", None, "S.Si.", "III/b"),
    "staf_pm2": P("staf_pm2", "199612302021022008", "Nur Aini", None, "S.Keb.", "III/a"),
    "kabid_yankes": P("kabid_yankes", "197602142002122003", "Endang Sri Rahayu", "dr.", "M.M.", "IV/a"),
    "kasi_rujukan": P("kasi_rujukan", "198205162009011004", "Hendra Gunawan", None, "S.Kep., Ners", "III/c"),
    "staf_rujukan1": P("staf_rujukan1", "199403112019022007", "Fitri Handayani", None, "S.Kep.", "III/a"),
    "staf_rujukan2": P("staf_rujukan2", "199801052023211012", "Agus Salim", None, None, "V", "PPPK"),
    "kabappeda": P("kabappeda", "197003101996031003", "Prasetyo Aribowo", "Dr.", "S.E., M.Si.", "IV/d"),
    "kabid_ekonomi": P("kabid_ekonomi", "197708082003121005", "Joko Susilo", None, "S.E., M.E.", "IV/a"),
    "kasubid_ekon": P("kasubid_ekon", "198409242010012012", "Maya Kusumawati", None, "S.E., M.Ec.Dev.", "III/c"),
    "staf_ekon1": P("staf_ekon1", "199106152015032003", "Ratna Sari", None, "S.E.", "III/b"),
    "staf_ekon2": P("staf_ekon2", "199708192020121009", "Fajar Nugroho", None, "S.Stat.", "III/a"),
    "kabid_pemsos": P("kabid_pemsos", "197812012005011008", "Suryo Handoko", None, "S.Sos., M.A.P.", "IV/a"),
    "staf_sosbud1": P("staf_sosbud1", "199202202017082001", "Lina Marlina", None, "S.Sos.", "III/a"),
    "staf_sosbud2": P("staf_sosbud2", "199510302019031011", "Teguh Santoso", None, "S.I.P.", "III/a"),
    "kadisdik": P("kadisdik", "196909231995121002", "Uswatun Hasanah", "Dra.", "M.Pd.", "IV/c"),
    "kabid_sma": P("kabid_sma", "197404172000031006", "Slamet Riyadi", "Drs.", "M.Pd.", "IV/a"),
    "kasi_kur": P("kasi_kur", "198306262008012010", "Sri Mulyani", None, "S.Pd., M.Pd.", "III/d"),
    "staf_kur1": P("staf_kur1", "199008082014031002", "Yoga Permana", None, "S.Pd.", "III/b"),
    "staf_kur2": P("staf_kur2", "199404042019032014", "Indah Permatasari", None, "S.Pd.", "III/a"),
    "kabid_ptk": P("kabid_ptk", "197511112003122003", "Wahyuningsih", None, "S.Pd., M.M.", "IV/a"),
    "kasi_mutu": P("kasi_mutu", "198501202011011005", "Arif Budiman", None, "S.Pd., M.Pd.", "III/c"),
    "staf_mutu1": P("staf_mutu1", "199309172018012004", "Putri Ayuningtyas", None, "S.Psi.", "III/a"),
    "staf_mutu2": P("staf_mutu2", "199612122022211007", "Dimas Aditya", None, "S.Kom.", "IX", "PPPK"),
    "staf_setda": P("staf_setda", "199105052014021001", "Hadi Prayitno", None, "S.H.", "III/b"),
    "admin": P("admin", ADMIN_NIP, "Rina Oktaviani", None, "S.Kom.", "III/b"),
}

SEATS = [
    ("sekda", "Sekretaris Daerah", "struktural", "I", "setda", None, False, "sekda"),
    ("analis_setda", "Analis Kebijakan", "fungsional", None, "setda", "sekda", True, "staf_setda"),
    ("kadinkes", "Kepala Dinas Kesehatan", "struktural", "II", "dinkes", "sekda", False, "kadinkes"),
    ("kabid_p2p", "Kepala Bidang Pencegahan dan Pengendalian Penyakit", "struktural", "III",
     "dinkes_p2p", "kadinkes", False, "kabid_p2p"),
    ("kasi_surv", "Kepala Seksi Surveilans dan Imunisasi", "struktural", "IV", "dinkes_surv",
     "kabid_p2p", False, "kasi_surv"),
    ("epid1", "Epidemiolog Kesehatan Ahli Pertama", "fungsional", None, "dinkes_surv",
     "kasi_surv", True, "staf_surv1"),
    ("pengelola_imun", "Pengelola Data Imunisasi", "pelaksana", None, "dinkes_surv", "kasi_surv",
     True, "staf_surv2"),
    ("epid2", "Epidemiolog Kesehatan Ahli Pertama", "fungsional", None, "dinkes_surv",
     "kasi_surv", False, "staf_surv3"),
    ("kasi_pm", "Kepala Seksi Pencegahan Penyakit Menular", "struktural", "IV", "dinkes_pm",
     "kabid_p2p", False, "kasi_pm"),
    ("sanitarian", "Sanitarian Ahli Muda", "fungsional", None, "dinkes_pm", "kasi_pm", True,
     "staf_pm1"),
    ("bidan", "Bidan Ahli Pertama", "fungsional", None, "dinkes_pm", "kasi_pm", False, "staf_pm2"),
    ("kabid_yankes", "Kepala Bidang Pelayanan Kesehatan", "struktural", "III", "dinkes_yankes",
     "kadinkes", False, "kabid_yankes"),
    ("kasi_rujukan", "Kepala Seksi Pelayanan Kesehatan Rujukan", "struktural", "IV",
     "dinkes_rujukan", "kabid_yankes", False, "kasi_rujukan"),
    ("perawat", "Perawat Ahli Pertama", "fungsional", None, "dinkes_rujukan", "kasi_rujukan",
     False, "staf_rujukan1"),
    ("pengadministrasi", "Pengadministrasi Umum", "pelaksana", None, "dinkes_rujukan",
     "kasi_rujukan", True, "staf_rujukan2"),
    ("kabappeda", "Kepala Bappeda", "struktural", "II", "bappeda", "sekda", False, "kabappeda"),
    ("kabid_ekonomi", "Kepala Bidang Perekonomian dan SDA", "struktural", "III",
     "bappeda_ekonomi", "kabappeda", False, "kabid_ekonomi"),
    ("kasubid_ekon", "Kepala Subbidang Perekonomian", "struktural", "IV", "bappeda_ekon_sub",
     "kabid_ekonomi", False, "kasubid_ekon"),
    ("perencana1", "Perencana Ahli Pertama", "fungsional", None, "bappeda_ekon_sub",
     "kasubid_ekon", True, "staf_ekon1"),
    ("statistisi", "Statistisi Ahli Pertama", "fungsional", None, "bappeda_ekon_sub",
     "kasubid_ekon", True, "staf_ekon2"),
    ("kabid_pemsos", "Kepala Bidang Pemerintahan dan Pembangunan Manusia", "struktural", "III",
     "bappeda_pemsos", "kabappeda", False, "kabid_pemsos"),
    # Vacant: nobody holds it and no Plt is appointed, so its staff report to the kepala bidang.
    ("kasubid_sosbud", "Kepala Subbidang Sosial Budaya", "struktural", "IV", "bappeda_sosbud",
     "kabid_pemsos", False, None),
    ("perencana2", "Perencana Ahli Pertama", "fungsional", None, "bappeda_sosbud",
     "kasubid_sosbud", True, "staf_sosbud1"),
    ("analis_sosbud", "Analis Sosial Budaya", "pelaksana", None, "bappeda_sosbud",
     "kasubid_sosbud", False, "staf_sosbud2"),
    ("kadisdik", "Kepala Dinas Pendidikan", "struktural", "II", "disdik", "sekda", False,
     "kadisdik"),
    ("kabid_sma", "Kepala Bidang Pembinaan SMA", "struktural", "III", "disdik_sma", "kadisdik",
     False, "kabid_sma"),
    ("kasi_kur", "Kepala Seksi Kurikulum dan Penilaian", "struktural", "IV", "disdik_kur",
     "kabid_sma", False, "kasi_kur"),
    ("pengembang_kur", "Pengembang Teknologi Pembelajaran", "fungsional", None, "disdik_kur",
     "kasi_kur", True, "staf_kur1"),
    ("analis_kur", "Analis Kurikulum", "pelaksana", None, "disdik_kur", "kasi_kur", True,
     "staf_kur2"),
    ("kabid_ptk", "Kepala Bidang Pendidik dan Tenaga Kependidikan", "struktural", "III",
     "disdik_ptk", "kadisdik", False, "kabid_ptk"),
    ("kasi_mutu", "Kepala Seksi Peningkatan Mutu PTK", "struktural", "IV", "disdik_mutu",
     "kabid_ptk", False, "kasi_mutu"),
    ("analis_ptk", "Analis Kepegawaian", "fungsional", None, "disdik_mutu", "kasi_mutu", True,
     "staf_mutu1"),
    ("pranata_komputer", "Pranata Komputer Ahli Pertama", "fungsional", None, "disdik_mutu",
     "kasi_mutu", True, "staf_mutu2"),
]

HOLIDAYS_2026 = [
    (date(2026, 1, 1), "Tahun Baru 2026 Masehi", "libur_nasional"),
    (date(2026, 3, 19), "Hari Suci Nyepi", "libur_nasional"),
    (date(2026, 3, 20), "Idulfitri 1447 H", "libur_nasional"),
    (date(2026, 3, 23), "Cuti bersama Idulfitri", "cuti_bersama"),
    (date(2026, 4, 3), "Wafat Yesus Kristus", "libur_nasional"),
    (date(2026, 5, 1), "Hari Buruh Internasional", "libur_nasional"),
    (date(2026, 5, 14), "Kenaikan Yesus Kristus", "libur_nasional"),
    (date(2026, 5, 27), "Iduladha 1447 H", "libur_nasional"),
    (date(2026, 6, 1), "Hari Lahir Pancasila", "libur_nasional"),
    (date(2026, 8, 17), "Hari Kemerdekaan RI", "libur_nasional"),
    (date(2026, 12, 25), "Hari Raya Natal", "libur_nasional"),
    (date(2026, 12, 24), "Cuti bersama Natal", "cuti_bersama"),
]

# Personas the tests and the README name (see tests/conftest.py).
ROLE_ACCOUNTS = [("sekda", "sekda"), ("atasan", "kasi_surv"), ("atasan", "kabid_p2p"),
                 ("atasan", "kadinkes"), ("pegawai", "staf_surv1"), ("admin", "admin")]


def seed_demo(password: str = DEFAULT_PASSWORD, today: date | None = None,
              areas: bool = True) -> dict[str, Pegawai]:
    """Build the demo province (once) and return its people by key. With `areas=False` only the
    organization is built (tests that walk a whole cycle from nothing use that). `today` fixes
    the portal's clock for the seeding (so every stored instant agrees with it); without it the
    clock's own today is used."""
    with clock.frozen(today):
        return _seed(password, clock.today(), areas)


def _seed(password: str, today: date, areas: bool) -> dict[str, Pegawai]:
    existing = db.session.scalar(select(Pegawai).where(Pegawai.nip == ADMIN_NIP))
    if existing is None:
        _seed_base(password, today)
    people = {key: db.session.scalar(select(Pegawai).where(Pegawai.nip == p.nip))
              for key, p in PEOPLE.items()}
    for module in DEMO_AREAS if areas else ():
        import_module(module).seed(people, today)
        db.session.flush()
    db.session.commit()
    return people


def _seed_base(password: str, today: date) -> None:
    instansi = Instansi(nama="Pemerintah Provinsi Jawa Tengah", tempat="Semarang",
                        kepala_daerah_nama="H. Ahmad Luthfi, S.H., S.St.M.K.",
                        kepala_daerah_nip=None, kepala_daerah_jabatan="Gubernur Jawa Tengah")
    db.session.add(instansi)
    db.session.flush()
    units: dict[str, UnitKerja] = {}
    for key, nama, parent in UNITS:
        units[key] = UnitKerja(instansi_id=instansi.id, nama=nama,
                               induk=units[parent] if parent else None)
        db.session.add(units[key])
    from portal.security import hash_password

    hashed = hash_password(password)  # one hash for every demo account keeps seeding fast
    people: dict[str, Pegawai] = {}
    for key, p in PEOPLE.items():
        people[key] = Pegawai(nip=p.nip, nama=p.nama, gelar_depan=p.gelar_depan,
                              gelar_belakang=p.gelar_belakang, status=p.status,
                              golongan=p.golongan, password_hash=hashed,
                              is_admin=(key == "admin"),
                              alamat=f"Jl. Pemuda No. {len(people) + 1}, Semarang")
        db.session.add(people[key])
    db.session.flush()
    seats: dict[str, Jabatan] = {}
    start = date(today.year - 3, 1, 2)
    for key, nama, jenis, eselon, unit, parent, fleks, holder in SEATS:
        seats[key] = Jabatan(nama=nama, jenis=jenis, eselon=eselon, unit=units[unit],
                             atasan=seats[parent] if parent else None, fleksibel=fleks)
        db.session.add(seats[key])
        db.session.flush()
        if holder:
            db.session.add(RiwayatJabatan(pegawai_id=people[holder].id, jabatan_id=seats[key].id,
                                          mulai=start, keterangan="SK Gubernur"))
    # A BKPSDM operator works in a seat too; the admin role is the flag, not the seat.
    db.session.add(Jabatan(nama="Pranata Komputer Ahli Muda", jenis="fungsional",
                           unit=units["setda"], atasan=seats["sekda"], fleksibel=True))
    db.session.flush()
    admin_seat = db.session.scalar(select(Jabatan).where(
        Jabatan.nama == "Pranata Komputer Ahli Muda"))
    db.session.add(RiwayatJabatan(pegawai_id=people["admin"].id, jabatan_id=admin_seat.id,
                                  mulai=start, keterangan="SK Gubernur"))
    # One earlier move, so riwayat jabatan has history to show.
    first = RiwayatJabatan(pegawai_id=people["staf_ekon1"].id, jabatan_id=seats["perencana2"].id,
                           mulai=date(today.year - 5, 3, 1), selesai=start,
                           keterangan="Mutasi internal")
    db.session.add(first)
    for year in (today.year - 1, today.year):
        create_periode(year, "triwulan", aktif=(year == today.year))
    for tanggal, nama, jenis in HOLIDAYS_2026:
        db.session.add(HariLibur(instansi_id=instansi.id, tanggal=tanggal, nama=nama, jenis=jenis))
    db.session.add(Ketidakhadiran(pegawai_id=people["staf_surv2"].id, jenis="cuti",
                                  mulai=today, selesai=today, keterangan="Cuti tahunan"))
    db.session.add(PltJabatan(jabatan_id=seats["kasubid_sosbud"].id,
                              pegawai_id=people["kabid_ekonomi"].id, jenis="Plt",
                              nomor_sk="800/123/2026", mulai=date(today.year - 1, 1, 1),
                              selesai=date(today.year - 1, 6, 30),
                              catatan="Plt tahun lalu (sudah berakhir)"))
    # A saved policy of "optional for everyone", so a newcomer logs in as any persona with the
    # password alone; /admin/dua-faktor turns the default (Sekda, admins, larger teams) back on.
    db.session.add(KebijakanDuaFaktor(peran="", min_bawahan=MIN_BAWAHAN_BAWAAN,
                                      diubah_oleh_id=people["admin"].id))
    db.session.flush()


def accounts(people: dict[str, Pegawai], password: str) -> list[dict]:
    """The demo logins to print: one per persona the README lists."""
    return [{"role": role, "nip": people[key].nip, "nama": people[key].nama_lengkap,
             "password": password} for role, key in ROLE_ACCOUNTS]
