"""Pangkat and golongan ruang of PNS (I/a … IV/e) and the golongan of PPPK (I … XVII)."""

PANGKAT_PNS = {
    "I/a": "Juru Muda", "I/b": "Juru Muda Tingkat I", "I/c": "Juru", "I/d": "Juru Tingkat I",
    "II/a": "Pengatur Muda", "II/b": "Pengatur Muda Tingkat I", "II/c": "Pengatur",
    "II/d": "Pengatur Tingkat I",
    "III/a": "Penata Muda", "III/b": "Penata Muda Tingkat I", "III/c": "Penata",
    "III/d": "Penata Tingkat I",
    "IV/a": "Pembina", "IV/b": "Pembina Tingkat I", "IV/c": "Pembina Utama Muda",
    "IV/d": "Pembina Utama Madya", "IV/e": "Pembina Utama",
}
GOLONGAN_PNS = tuple(PANGKAT_PNS)
GOLONGAN_PPPK = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
                 "XIII", "XIV", "XV", "XVI", "XVII")
STATUS = ("PNS", "PPPK")


def golongan_valid(status: str, golongan: str | None) -> bool:
    if status == "PNS":
        return golongan in PANGKAT_PNS
    if status == "PPPK":
        return golongan in GOLONGAN_PPPK
    return False


def pangkat_of(status: str, golongan: str | None) -> str | None:
    """PNS have a pangkat for their golongan ruang; PPPK have none."""
    if status != "PNS":
        return None
    return PANGKAT_PNS.get(golongan or "")


def golongan_rank(status: str, golongan: str) -> int:
    """A sortable rank for golongan ranges (talent search); -1 when unknown."""
    table = GOLONGAN_PNS if status == "PNS" else GOLONGAN_PPPK
    return table.index(golongan) if golongan in table else -1
