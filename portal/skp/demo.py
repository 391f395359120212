"""Demo plans: the region's priority programs and approved SKPs cascading from the Sekda down
to the staff, for this year and last year. A few are left unfinished so every screen has work:
one SKP waits for approval, one person has only last year's SKP to copy from."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select

from portal import orgtree
from portal.extensions import db
from portal.models import (
    EkspektasiPerilaku,
    Iki,
    Periode,
    ProgramPrioritas,
    Rhk,
    Skp,
    SkpTransisi,
)

PROGRAMS = (
    ("Pertumbuhan ekonomi", "Pertumbuhan ekonomi daerah yang inklusif dan berkelanjutan.",
     "Laju pertumbuhan ekonomi 5,3%"),
    ("Pengendalian inflasi", "Menjaga inflasi daerah dalam sasaran nasional.",
     "Inflasi tahunan 2,5% ± 1%"),
    ("Pengentasan kemiskinan", "Menurunkan angka kemiskinan dan kemiskinan ekstrem.",
     "Persentase penduduk miskin 9,5%"),
    ("Peningkatan kualitas SDM", "Kesehatan dan pendidikan yang merata dan bermutu.",
     "Indeks Pembangunan Manusia 74,5"),
    ("Reformasi birokrasi", "Birokrasi yang bersih, efektif dan melayani.",
     "Indeks Reformasi Birokrasi 80"),
)

# seat holder key -> [(jenis, teks, perspektif, parent index or program names, [IKI…])]
# IKI: (aspek, indikator, target, satuan)
PLANS = {
    "sekda": [
        ("utama", "Meningkatnya kualitas pembangunan manusia di provinsi", "Penerima Layanan",
         ("Peningkatan kualitas SDM", "Pengentasan kemiskinan"),
         [("kuantitas", "Indeks Pembangunan Manusia", "74.5", "indeks")]),
        ("utama", "Terkendalinya inflasi dan tumbuhnya ekonomi daerah", "Proses Bisnis",
         ("Pertumbuhan ekonomi", "Pengendalian inflasi"),
         [("kuantitas", "Laju pertumbuhan ekonomi", "5.3", "%"),
          ("kualitas", "Inflasi tahunan dalam sasaran", "100", "%")]),
        ("utama", "Meningkatnya kualitas tata kelola pemerintahan", "Penguatan Internal",
         ("Reformasi birokrasi",),
         [("kualitas", "Indeks Reformasi Birokrasi", "80", "nilai")]),
    ],
    "kadinkes": [
        ("utama", "Meningkatnya derajat kesehatan masyarakat", "Penerima Layanan", 0,
         [("kuantitas", "Cakupan imunisasi dasar lengkap", "95", "%")]),
        ("utama", "Meningkatnya mutu layanan kesehatan rujukan", "Proses Bisnis", 0,
         [("kualitas", "Rumah sakit terakreditasi paripurna", "80", "%")]),
    ],
    "kabid_p2p": [
        ("utama", "Terkendalinya penyakit menular dan penyakit yang dapat dicegah dengan imunisasi",
         None, 0, [("kuantitas", "Kabupaten/kota dengan UCI desa", "35", "kab/kota")]),
        ("tambahan", "Tersusunnya rencana kontinjensi KLB", None, 0,
         [("waktu", "Rencana kontinjensi selesai", "6", "bulan")]),
    ],
    "kasi_surv": [
        ("utama", "Tersedianya data surveilans penyakit yang tepat waktu", None, 0,
         [("kuantitas", "Laporan surveilans mingguan lengkap", "52", "laporan"),
          ("waktu", "Ketepatan waktu laporan", "90", "%")]),
        ("utama", "Meningkatnya cakupan imunisasi rutin", None, 0,
         [("kuantitas", "Desa UCI", "90", "%")]),
    ],
    "kasi_pm": [
        ("utama", "Menurunnya kasus penyakit menular prioritas", None, 0,
         [("kuantitas", "Kabupaten/kota eliminasi malaria", "35", "kab/kota")]),
    ],
    "kabid_yankes": [
        ("utama", "Meningkatnya mutu layanan fasilitas kesehatan rujukan", None, 1,
         [("kuantitas", "Rumah sakit dibina akreditasi", "20", "RS")]),
    ],
    "kasi_rujukan": [
        ("utama", "Terlaksananya pembinaan sistem rujukan terintegrasi", None, 0,
         [("kuantitas", "Fasyankes terhubung SISRUTE", "300", "fasyankes")]),
    ],
    "kabappeda": [
        ("utama", "Tersusunnya perencanaan pembangunan yang menurunkan kemiskinan dan inflasi",
         "Proses Bisnis", 1, [("kualitas", "Konsistensi RKPD dan RPJMD", "95", "%")]),
        ("utama", "Meningkatnya kualitas perencanaan pembangunan manusia", "Penerima Layanan", 0,
         [("kuantitas", "Dokumen kajian pembangunan manusia", "4", "dokumen")]),
    ],
    "kabid_ekonomi": [
        ("utama", "Tersedianya rekomendasi kebijakan pengendalian inflasi daerah", None, 0,
         [("kuantitas", "Rekomendasi TPID", "12", "rekomendasi")]),
    ],
    "kasubid_ekon": [
        ("utama", "Tersusunnya analisis perkembangan harga dan ekonomi daerah", None, 0,
         [("kuantitas", "Laporan analisis bulanan", "12", "laporan")]),
    ],
    "kabid_pemsos": [
        ("utama", "Tersusunnya perencanaan penanggulangan kemiskinan", None, 1,
         [("kuantitas", "Dokumen rencana aksi kemiskinan", "1", "dokumen")]),
    ],
    "kadisdik": [
        ("utama", "Meningkatnya mutu pendidikan menengah", "Penerima Layanan", 0,
         [("kuantitas", "Rata-rata lama sekolah", "8.9", "tahun")]),
        ("utama", "Meningkatnya kompetensi pendidik", "Penguatan Internal", 0,
         [("kuantitas", "Guru bersertifikat pendidik", "85", "%")]),
    ],
    "kabid_sma": [
        ("utama", "Meningkatnya mutu pembelajaran SMA", None, 0,
         [("kuantitas", "SMA terakreditasi A", "70", "%")]),
    ],
    "kasi_kur": [
        ("utama", "Terlaksananya implementasi kurikulum merdeka di SMA", None, 0,
         [("kuantitas", "SMA pelaksana kurikulum merdeka", "100", "%")]),
    ],
    "kabid_ptk": [
        ("utama", "Meningkatnya kompetensi guru dan tenaga kependidikan", None, 1,
         [("kuantitas", "Guru mengikuti pelatihan", "2000", "guru")]),
    ],
    "kasi_mutu": [
        ("utama", "Terlaksananya pelatihan peningkatan mutu PTK", None, 0,
         [("kuantitas", "Angkatan pelatihan", "20", "angkatan")]),
    ],
}

# Staff: one RHK under each of their supervisor's RHK, with one IKI (aspek, indikator, target,
# satuan), keyed by the staff's person key.
STAFF = {
    "staf_surv1": ("Tersusunnya laporan surveilans mingguan penyakit potensial KLB",
                   ("kuantitas", "Laporan surveilans mingguan", "52", "laporan")),
    "staf_surv2": ("Terkelolanya data imunisasi rutin kabupaten/kota",
                   ("kuantitas", "Rekap data imunisasi bulanan", "12", "rekap")),
    "staf_surv3": ("Terlaksananya penyelidikan epidemiologi kasus",
                   ("kuantitas", "Laporan penyelidikan epidemiologi", "10", "laporan")),
    "staf_pm1": ("Terlaksananya pengawasan sanitasi lingkungan daerah endemis",
                 ("kuantitas", "Lokasi diawasi", "24", "lokasi")),
    "staf_pm2": ("Terlaksananya edukasi pencegahan penyakit menular pada ibu hamil",
                 ("kuantitas", "Kelas edukasi", "36", "kelas")),
    "staf_rujukan1": ("Terlaksananya verifikasi rujukan rumah sakit",
                      ("kuantitas", "Rumah sakit diverifikasi", "40", "RS")),
    "staf_rujukan2": ("Tertatanya administrasi layanan rujukan",
                      ("waktu", "Surat diproses tepat waktu", "95", "%")),
    "staf_ekon1": ("Tersusunnya kajian harga komoditas pangan strategis",
                   ("kuantitas", "Kajian harga", "12", "kajian")),
    "staf_ekon2": ("Tersedianya data statistik ekonomi daerah",
                   ("kuantitas", "Tabel statistik dimutakhirkan", "48", "tabel")),
    "staf_sosbud1": ("Tersusunnya profil kemiskinan kabupaten/kota",
                     ("kuantitas", "Profil kemiskinan", "35", "profil")),
    "staf_sosbud2": ("Terhimpunnya data program perlindungan sosial",
                     ("kuantitas", "Basis data program", "1", "basis data")),
    "staf_kur1": ("Tersedianya bahan ajar digital untuk SMA",
                  ("kuantitas", "Modul ajar digital", "30", "modul")),
    "staf_kur2": ("Terlaksananya analisis hasil asesmen nasional",
                  ("kuantitas", "Laporan analisis", "4", "laporan")),
    "staf_mutu1": ("Terkelolanya data kompetensi guru",
                   ("kuantitas", "Data guru dimutakhirkan", "5000", "guru")),
    "staf_mutu2": ("Tersedianya aplikasi pendaftaran pelatihan guru",
                   ("waktu", "Aplikasi siap dipakai", "3", "bulan")),
    "staf_setda": ("Tersusunnya telaah kebijakan untuk Sekretaris Daerah",
                   ("kuantitas", "Telaah kebijakan", "12", "telaah")),
    "admin": ("Terkelolanya data kepegawaian pada portal kinerja",
              ("kualitas", "Data pegawai valid", "98", "%")),
}
WAITING = "staf_mutu2"      # submitted, waiting in the kepala seksi's inbox
ONLY_LAST_YEAR = "staf_kur2"  # no SKP this year yet: can copy last year's in one click


def seed(people: dict, today: date) -> None:
    if db.session.scalar(select(ProgramPrioritas.id).limit(1)) is not None:
        return
    for periode in db.session.scalars(select(Periode).order_by(Periode.tahun)):
        programs = {}
        for i, (nama, desk, indikator) in enumerate(PROGRAMS):
            programs[nama] = ProgramPrioritas(tahun=periode.tahun, nama=nama, deskripsi=desk,
                                              indikator=indikator, urutan=i)
            db.session.add(programs[nama])
        db.session.flush()
        _seed_year(people, periode, programs, current=(periode.tahun == today.year))


def _seed_year(people, periode, programs, current: bool) -> None:
    sekda = people["sekda"]
    plans: dict[int, list[Rhk]] = {}  # pegawai id -> its RHK, to cascade from
    order = list(PLANS) + list(STAFF)
    for key in order:
        person = people[key]
        if current and key == ONLY_LAST_YEAR:
            continue
        seat = orgtree.current_seat(person.id)
        boss_id = orgtree.atasan_chain_ids(person)[:1]
        status = "diajukan" if current and key == WAITING else "disetujui"
        skp = Skp(pegawai_id=person.id, periode_id=periode.id, jabatan_id=seat.id, status=status,
                  mulai=periode.mulai, selesai=periode.selesai,
                  lampiran_sumber_daya="Anggaran DPA OPD tahun berjalan; sarana kantor.",
                  lampiran_skema="Laporan bulanan kepada atasan langsung.",
                  lampiran_konsekuensi="Capaian menjadi dasar pemberian TPP dan pengembangan karier.",
                  diajukan_pada=datetime(periode.tahun, 1, 10, 9, 0))
        parents = plans.get(boss_id[0], []) if boss_id else []
        rows = PLANS.get(key) or [("utama", STAFF[key][0], None, 0, [STAFF[key][1]])]
        for i, (jenis, teks, perspektif, link, ikis) in enumerate(rows):
            rhk = Rhk(jenis=jenis, teks=teks, perspektif=perspektif, urutan=i)
            if isinstance(link, tuple):
                rhk.program = [programs[n] for n in link]
            elif parents:
                rhk.rhk_atasan = parents[min(link, len(parents) - 1)]
            for j, (aspek, indikator, target, satuan) in enumerate(ikis):
                rhk.iki.append(Iki(aspek=aspek, indikator=indikator, target=Decimal(target),
                                   satuan=satuan, urutan=j))
            skp.rhk.append(rhk)
        db.session.add(skp)
        db.session.flush()
        plans[person.id] = list(skp.rhk)
        _transitions(skp, person, boss_id[0] if boss_id else None, sekda, people["admin"])
        if key == "staf_surv1":
            # The kepala seksi's ekspektasi khusus pimpinan for this report.
            for kode, teks in (("berorientasi_pelayanan", "Data surveilans dibagikan ke "
                                "kabupaten/kota setiap Senin pagi."),
                               ("kolaboratif", "Aktif berkoordinasi lintas program imunisasi.")):
                db.session.add(EkspektasiPerilaku(skp_id=skp.id, nilai=kode, teks=teks))


def _transitions(skp: Skp, person, boss_id, sekda, admin) -> None:
    year = skp.periode.tahun
    db.session.add(SkpTransisi(skp_id=skp.id, dari="draf", ke="diajukan", oleh_id=person.id,
                               waktu=datetime(year, 1, 10, 9, 0)))
    if skp.status != "disetujui":
        return
    skp.disetujui_pada = datetime(year, 1, 15, 10, 0)
    if person.id == sekda.id:
        # The kepala daerah approves the Sekda's SKP; the admin records it on their behalf.
        skp.disetujui_oleh_id = admin.id
        db.session.add(SkpTransisi(skp_id=skp.id, dari="diajukan", ke="disetujui",
                                   oleh_id=admin.id, atas_nama="Kepala Daerah",
                                   waktu=skp.disetujui_pada))
    else:
        skp.disetujui_oleh_id = boss_id
        db.session.add(SkpTransisi(skp_id=skp.id, dari="diajukan", ke="disetujui",
                                   oleh_id=boss_id, waktu=skp.disetujui_pada))
