"""What an approved SKP looked like (a JSON-able snapshot) and what changed between two versions.
Plain functions: RHK and IKI are compared by id, so an RHK keeps its identity across revisions."""
from __future__ import annotations

from flask_babel import gettext as _


def snapshot(skp) -> dict:
    return {"revisi": skp.revisi, "rhk": {
        str(r.id): {"jenis": r.jenis, "teks": r.teks, "rhk_atasan_id": r.rhk_atasan_id,
                    "perspektif": r.perspektif, "diarsipkan": r.diarsipkan,
                    "iki": {str(i.id): {"aspek": i.aspek, "indikator": i.indikator,
                                        "target": str(i.target), "satuan": i.satuan}
                            for i in r.iki}}
        for r in skp.rhk}}


def diff(old: dict, new: dict) -> list[str]:
    """What changed between two approved versions, in words."""
    out = []
    for rid, r in new["rhk"].items():
        before = old["rhk"].get(rid)
        if before is None:
            out.append(_("RHK ditambah: %(t)s", t=r["teks"]))
            continue
        if r["diarsipkan"] and not before["diarsipkan"]:
            out.append(_("RHK diarsipkan: %(t)s", t=r["teks"]))
        elif any(r[k] != before[k] for k in ("jenis", "teks", "rhk_atasan_id", "perspektif")):
            out.append(_("RHK diubah: %(t)s", t=r["teks"]))
        for iid, i in r["iki"].items():
            if iid not in before["iki"]:
                out.append(_("IKI ditambah: %(t)s", t=i["indikator"]))
            elif i != before["iki"][iid]:
                out.append(_("IKI diubah: %(t)s", t=i["indikator"]))
        for iid, i in before["iki"].items():
            if iid not in r["iki"]:
                out.append(_("IKI dihapus: %(t)s", t=i["indikator"]))
    for rid, r in old["rhk"].items():
        if rid not in new["rhk"]:
            out.append(_("RHK dihapus: %(t)s", t=r["teks"]))
    return out
