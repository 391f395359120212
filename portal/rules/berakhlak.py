"""BerAKHLAK: the seven core values of ASN, each with its three behaviour guides."""

NILAI = (
    ("berorientasi_pelayanan", "Berorientasi Pelayanan", (
        "Memahami dan memenuhi kebutuhan masyarakat",
        "Ramah, cekatan, solutif dan dapat diandalkan",
        "Melakukan perbaikan tiada henti")),
    ("akuntabel", "Akuntabel", (
        "Jujur, bertanggung jawab, cermat, disiplin dan berintegritas tinggi",
        "Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif dan efisien",
        "Tidak menyalahgunakan kewenangan jabatan")),
    ("kompeten", "Kompeten", (
        "Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
        "Membantu orang lain belajar",
        "Melaksanakan tugas dengan kualitas terbaik")),
    ("harmonis", "Harmonis", (
        "Menghargai setiap orang apa pun latar belakangnya",
        "Suka menolong orang lain",
        "Membangun lingkungan kerja yang kondusif")),
    ("loyal", "Loyal", (
        "Memegang teguh ideologi Pancasila, UUD 1945, setia kepada NKRI serta pemerintahan yang sah",
        "Menjaga nama baik sesama ASN, pimpinan, instansi dan negara",
        "Menjaga rahasia jabatan dan negara")),
    ("adaptif", "Adaptif", (
        "Cepat menyesuaikan diri menghadapi perubahan",
        "Terus berinovasi dan mengembangkan kreativitas",
        "Bertindak proaktif")),
    ("kolaboratif", "Kolaboratif", (
        "Memberi kesempatan kepada berbagai pihak untuk berkontribusi",
        "Terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
        "Menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama")),
)
KODE = tuple(k for k, _, _ in NILAI)
LABEL = {k: label for k, label, _ in NILAI}
PEDOMAN = {k: guides for k, _, guides in NILAI}
