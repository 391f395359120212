"""The import plan: which people are created, changed (field by field) and deactivated, and
which lines are invalid. Nothing is written here (see `terapkan.py`).

Supervisor rule (the tree is derived from the units, never from the NIP atasan column):
- the head of a unit is its struktural seat with the highest eselon (I before IV);
- a seat that is not the head of its unit reports to the head of its unit; the head reports to
  the head of the nearest unit up the path that has one; an OPD head (no unit above) reports to
  the Sekda's root seat (a struktural eselon I seat at the top of a path, or the existing seat
  without atasan);
- `NIP atasan`, when filled in, must be the NIP of the person who then acts as supervisor
  (Plt/Plh first, else the holder, else the next seat up — as everywhere in the portal);
  empty means "not checked".
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from portal.impor import keadaan
from portal.impor.berkas import Baris
from portal.impor.keadaan import Keadaan, Kursi, acting_nip
from portal.impor.validasi import check_row

FIELDS = (("nama", "Nama"), ("gelar_depan", "Gelar depan"), ("gelar_belakang", "Gelar belakang"),
          ("status", "Status"), ("golongan", "Golongan"))


@dataclass
class Rencana:
    tidak_valid: list[dict] = field(default_factory=list)
    baru: list[dict] = field(default_factory=list)
    ubah: list[dict] = field(default_factory=list)
    nonaktif: list[dict] = field(default_factory=list)
    opd: list[str] = field(default_factory=list)
    jumlah_tidak_valid: int = 0  # every invalid line; `tidak_valid` lists BATAS_PER_JENIS a kind
    # What `terapkan` needs:
    keadaan: Keadaan | None = None
    rows: dict[str, dict] = field(default_factory=dict)       # NIP -> normalized row
    penempatan: dict[str, int | str] = field(default_factory=dict)  # NIP -> seat id
    kursi: dict[int | str, Kursi] = field(default_factory=dict)  # seats of the file, as planned
    kursi_ubah: list[int | str] = field(default_factory=list)   # seats to insert or update
    pegawai_ubah: list[str] = field(default_factory=list)       # NIPs whose person row changes

    @property
    def ada_perubahan(self) -> bool:
        return bool(self.baru or self.ubah or self.nonaktif)

    def ringkasan(self) -> dict:
        return {"tidak_valid": self.tidak_valid, "jumlah_tidak_valid": self.jumlah_tidak_valid,
                "baru": self.baru, "ubah": self.ubah, "nonaktif": self.nonaktif, "opd": self.opd}


def build(lines: list[Baris], today: date) -> Rencana:
    plan = Rencana()
    reasons: dict[int, list[str]] = defaultdict(list)
    nips: dict[int, str] = {}
    valid: list[tuple[int, dict]] = []
    for b in lines:
        nips[b.nomor] = b.sel["nip"].strip()
        data, why = check_row(b.sel, b.formula)
        reasons[b.nomor].extend(why)
        if data:
            valid.append((b.nomor, data))
    by_nip = defaultdict(list)
    for b in lines:
        if nips[b.nomor]:
            by_nip[nips[b.nomor]].append(b.nomor)
    for found in by_nip.values():
        if len(found) > 1:  # one short message a line: N lines sharing a NIP cost N, not N²
            for n in found:
                reasons[n].append(_duplicate(n, found))
    valid = [(n, d) for n, d in valid if not reasons[n]]
    wanted = {d["nip"] for _, d in valid} | {d["nip_atasan"] for _, d in valid if d["nip_atasan"]}
    st = keadaan.load(wanted, today)
    plan.keadaan = st

    known = {p[0] for p in st.unit_ids} if st.instansi_id is not None else set()
    with_head = {d["unit"][0] for _, d in valid if st.instansi_id is not None
                 and len(d["unit"]) == 1 and d["jenis"] == "struktural"}
    for n, d in valid:
        if d["unit"][0] not in known | with_head:
            reasons[n].append(f"Unit kerja tidak dikenal: OPD '{d['unit'][0]}' belum ada "
                              "(sertakan baris kepala OPD untuk membuatnya).")
    valid = [(n, d) for n, d in valid if not reasons[n]]
    rows = {d["nip"]: d for _, d in valid}
    plan.rows = rows
    covered = {d["unit"][0] for d in rows.values()}
    plan.opd = sorted(covered)

    leaving = {nip for seat, nip in st.pemegang.items()
               if seat in st.kursi and st.kursi[seat].unit[0] in covered
               and nip not in rows and nip not in st.dilindungi}
    staying = {seat: nip for seat, nip in st.pemegang.items()
               if nip not in rows and nip not in leaving}
    _place(plan, st, rows, staying)
    kursi_all = _derive_tree(plan, st)
    holders = staying | {seat: nip for nip, seat in plan.penempatan.items()}
    plt = {s: n for s, n in st.plt.items() if n not in leaving}
    _check_atasan(rows, valid, reasons, st, leaving, kursi_all, holders, plt, plan)

    plan.tidak_valid, plan.jumlah_tidak_valid = _reported(reasons, nips)
    _diff(plan, st, valid, kursi_all)
    plan.nonaktif = sorted(
        ({"nip": nip, "nama": st.pegawai[nip]["nama"],
          "jabatan": st.kursi[st.riwayat[nip][1]].nama} for nip in leaving),
        key=lambda r: r["nip"])
    return plan


BATAS_PER_JENIS = 20  # invalid lines listed per kind of reason; the others are counted
DUPLIKAT = "NIP ganda dalam berkas"


def _angka(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _duplicate(n: int, found: list[int]) -> str:
    other = found[1] if n == found[0] else found[0]
    more = len(found) - 2
    return f"{DUPLIKAT} (juga di baris {other}" + (
        f" dan {_angka(more)} baris lain)." if more else ").")


def _reported(reasons: dict[int, list[str]], nips: dict[int, str]) -> tuple[list[dict], int]:
    """The invalid lines to show — the first BATAS_PER_JENIS of each kind of reason, then one
    line saying how many more — and how many there are in all."""
    shown: list[dict] = []
    per_kind: dict[str, int] = defaultdict(int)
    for n, why in sorted(reasons.items()):
        if not why:
            continue
        kind = "NIP yang sama" if why[0].startswith(DUPLIKAT) else f"alasan: {why[0]}"
        per_kind[kind] += 1
        if per_kind[kind] <= BATAS_PER_JENIS:
            shown.append({"baris": n, "nip": nips[n], "alasan": " ".join(why)})
    for kind, count in per_kind.items():
        if count > BATAS_PER_JENIS:
            shown.append({"baris": "…", "nip": "", "alasan":
                          f"dan {_angka(count - BATAS_PER_JENIS)} baris lain dengan {kind}"})
    return shown, sum(per_kind.values())


def _place(plan: Rencana, st: Keadaan, rows: dict, staying: dict) -> None:
    """Seats by unit path + jabatan name: keep one's own, else a free one, else a new seat."""
    by_key = defaultdict(list)
    for seat in sorted(st.kursi.values(), key=lambda k: k.id):
        by_key[(seat.unit, seat.nama)].append(seat.id)
    taken = set(staying)
    for nip, d in rows.items():
        current = st.riwayat.get(nip)
        seat = st.kursi.get(current[1]) if current else None
        if seat and (seat.unit, seat.nama) == (tuple(d["unit"]), d["jabatan"]):
            plan.penempatan[nip] = seat.id
            taken.add(seat.id)
    fresh = 0
    for nip, d in rows.items():
        if nip in plan.penempatan:
            continue
        key = (tuple(d["unit"]), d["jabatan"])
        free = next((s for s in by_key[key] if s not in taken), None)
        if free is None:
            fresh += 1
            free = f"baru-{fresh}"
        plan.penempatan[nip] = free
        taken.add(free)
    for nip, seat_id in plan.penempatan.items():
        d = rows[nip]
        plan.kursi[seat_id] = Kursi(seat_id, d["jabatan"], d["jenis"], d["eselon"],
                                    tuple(d["unit"]), None, d["fleksibel"])


def _derive_tree(plan: Rencana, st: Keadaan) -> dict:
    heads: dict[tuple, Kursi] = {}
    others = [k for k in st.kursi.values() if k.id not in plan.kursi]
    for k in [*plan.kursi.values(), *others]:
        if k.jenis == "struktural" and (k.unit not in heads or k.rank() < heads[k.unit].rank()):
            heads[k.unit] = k
    tops = sorted((k for k in plan.kursi.values()
                   if k.jenis == "struktural" and k.eselon == "I" and len(k.unit) == 1),
                  key=Kursi.rank)
    roots = tops or sorted((k for k in others if k.atasan_id is None
                            and k.jenis == "struktural"), key=lambda k: str(k.id))
    root = roots[0].id if roots else None
    for k in plan.kursi.values():
        k.atasan_id = _atasan_seat(k, heads, root)
    kursi_all = dict(st.kursi) | plan.kursi
    for seat_id, k in plan.kursi.items():
        old = st.kursi.get(seat_id)
        if old is None or (old.nama, old.jenis, old.eselon, old.fleksibel, old.atasan_id) != (
                k.nama, k.jenis, k.eselon, k.fleksibel, k.atasan_id):
            plan.kursi_ubah.append(seat_id)
    return kursi_all


def _atasan_seat(k: Kursi, heads: dict, root):
    if k.id == root:
        return None
    head = heads.get(k.unit)
    if head is not None and head.id != k.id:
        return head.id
    for i in range(len(k.unit) - 1, 0, -1):
        if (head := heads.get(k.unit[:i])) is not None:
            return head.id
    return root if root != k.id else None


def _check_atasan(rows, valid, reasons, st, leaving, kursi_all, holders, plt, plan) -> None:
    declared = {nip: d["nip_atasan"] for nip, d in rows.items() if d["nip_atasan"]}

    def cycle(start: str) -> bool:
        seen, cur = set(), declared.get(start)
        while cur is not None and cur not in seen:
            if cur == start:
                return True
            seen.add(cur)
            cur = declared.get(cur)
        return False

    for n, d in valid:
        given = d["nip_atasan"]
        if not given:
            continue
        nip = d["nip"]
        known = given in rows or (given in st.pegawai and st.pegawai[given]["aktif"]
                                  and given not in leaving)
        expected = acting_nip(kursi_all[plan.penempatan[nip]].atasan_id, kursi_all, holders,
                              plt, exclude=nip)
        if given == nip or cycle(nip):
            reasons[n].append("NIP atasan membentuk siklus.")
        elif not known:
            reasons[n].append(f"NIP atasan {given} tidak ditemukan.")
        elif given != expected:
            reasons[n].append(f"NIP atasan {given} tidak sesuai pohon organisasi (menurut unit "
                              f"kerja atasannya {expected or 'tidak ada'}).")


def _seat_text(k: Kursi | None) -> str:
    return f"{k.nama} — {' / '.join(k.unit)}" if k else "-"


def _diff(plan: Rencana, st: Keadaan, valid, kursi_all) -> None:
    bad = {r["baris"] for r in plan.tidak_valid}
    for n, d in valid:
        if n in bad:
            continue
        nip, seat_id = d["nip"], plan.penempatan[d["nip"]]
        old = st.pegawai.get(nip)
        if old is None:
            plan.baru.append({"baris": n, "nip": nip, "nama": d["nama"], "jabatan": d["jabatan"],
                              "unit": " / ".join(d["unit"])})
            continue
        changes = [[label, old[key] or "", d[key] or ""] for key, label in FIELDS
                   if (old[key] or None) != d[key]]
        if not old["aktif"]:
            changes.append(["Akun", "nonaktif", "aktif"])
        if changes:
            plan.pegawai_ubah.append(nip)
        current = st.riwayat.get(nip)
        was = st.kursi.get(current[1]) if current else None
        now = plan.kursi[seat_id]
        if was is None or was.id != seat_id:
            changes.append(["Jabatan", _seat_text(was), _seat_text(now)])
        elif seat_id in plan.kursi_ubah:
            for attr, label in (("jenis", "Jenis jabatan"), ("eselon", "Eselon"),
                                ("fleksibel", "Fleksibel"), ("atasan_id", "Atasan jabatan")):
                a, b = getattr(was, attr), getattr(now, attr)
                if a != b:
                    if attr == "atasan_id":
                        a, b = _seat_text(kursi_all.get(a)), _seat_text(kursi_all.get(b))
                    changes.append([label, _show(a), _show(b)])
        if changes:
            plan.ubah.append({"baris": n, "nip": nip, "nama": d["nama"], "perubahan": changes})


def _show(value) -> str:
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    return "-" if value is None else str(value)
