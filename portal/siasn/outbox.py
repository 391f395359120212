"""The SIASN outbox: final ratings are queued once per record (idempotency key: NIP, year,
period code) and sent by whoever runs `kirim_jatuh_tempo` — an RQ job when Redis is configured,
`flask siasn kirim` from cron otherwise. A row is claimed before it is sent, so two senders
never send it twice; a send whose answer never came is `tidak_pasti`, and before its next try
SIASN is asked whether it already holds the record (then the try updates it).

SIASN_MODE: `mati` (default: nothing is queued), `kering` (queued and shown, never sent: the
demo), `kirim`."""
from __future__ import annotations

import json
import os
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select, update

from portal import audit, clock
from portal.extensions import db
from portal.models import KirimanSiasn, Pegawai, Penilaian
from portal.rules import siasn as rules
from portal.siasn import referensi as referensi_siasn
from portal.siasn.client import Client, SiasnError

KLAIM_BASI = timedelta(minutes=10)  # a sender that died holding a row: the row is released


def mode() -> str:
    return current_app.config.get("SIASN_MODE", "mati")


def kunci(nip: str, tahun: int, kode: str) -> str:
    return f"kinerja-periodik:{nip}:{tahun}:{kode}"


def nilai(p: Penilaian) -> dict:
    """The portal's values of a rating, from its frozen identity blocks."""
    ident = json.loads(p.identitas or "{}")
    penilai = ident.get("penilai") or {}
    return {"tahun": p.periode.tahun, "kode": p.kode, "hasil_kerja": p.hasil_kerja,
            "perilaku_kerja": p.perilaku_kerja, "predikat": p.predikat,
            "pegawai_nip": p.pegawai.nip,
            # the kepala daerah (no NIP of an ASN) rates as a non-ASN penilai
            "penilai_nip": penilai.get("nip") if p.penilai_id else "",
            "penilai_nama": penilai.get("nama", ""), "penilai_jabatan": penilai.get("jabatan", ""),
            "penilai_unor": penilai.get("unit_kerja", ""),
            "penilai_golongan": penilai.get("golongan", "")}


def antrekan(p: Penilaian) -> KirimanSiasn:
    """Queue (or re-queue, after a reopened period changed it) one final rating."""
    key = kunci(p.pegawai.nip, p.periode.tahun, p.kode)
    row = db.session.scalar(select(KirimanSiasn).where(KirimanSiasn.kunci == key))
    values = json.dumps(nilai(p), ensure_ascii=False, sort_keys=True)
    now = clock.utcnow()
    if row is None:
        row = KirimanSiasn(kunci=key, penilaian_id=p.id, pegawai_id=p.pegawai_id, payload=values,
                           berikutnya_pada=now, dibuat_pada=now, diperbarui_pada=now)
        db.session.add(row)
    elif row.payload != values:  # a changed rating is sent again: SIASN's record is updated
        row.payload, row.penilaian_id, row.status = values, p.id, "antre"
        row.percobaan, row.berikutnya_pada, row.alasan, row.diperbarui_pada = 0, now, None, now
    return row


def antrekan_periode(periode_id: int, kode: str) -> int:
    """Queue every rating of a period that has just been closed; the number queued."""
    if mode() == "mati":
        return 0
    rows = db.session.scalars(select(Penilaian).where(Penilaian.periode_id == periode_id,
                                                      Penilaian.kode == kode))
    return sum(1 for p in rows if antrekan(p) is not None)


def boleh_ulang(row: KirimanSiasn) -> bool:
    """Only a failed or waiting row can be resent. A sent row already is SIASN's record (a
    changed rating re-queues it by itself, as an update: `antrekan`); a row being sent is held
    by a sender."""
    return row.status in ("gagal", "antre")


def ulang(row: KirimanSiasn) -> bool:
    """The admin's resend: a failed (or waiting) row is due now, with fresh tries. False (and
    nothing changed) for any other row."""
    if not boleh_ulang(row):
        return False
    row.status, row.percobaan, row.berikutnya_pada = "antre", 0, clock.utcnow()
    audit.record("siasn.ulang", "kiriman_siasn", row.id)
    return True


def kirim_jatuh_tempo(batas: int = 200, client: Client | None = None) -> dict:
    """Send the rows that are due; counts per outcome. Nothing is sent unless SIASN_MODE is
    `kirim`."""
    hasil = {"terkirim": 0, "antre": 0, "gagal": 0}
    if mode() != "kirim":
        return hasil
    now = clock.utcnow()
    db.session.execute(update(KirimanSiasn).where(
        KirimanSiasn.status == "kirim", KirimanSiasn.diklaim_pada < now - KLAIM_BASI)
        .values(status="antre", tidak_pasti=True))
    db.session.commit()
    ids = list(db.session.scalars(select(KirimanSiasn.id).where(
        KirimanSiasn.status == "antre", KirimanSiasn.berikutnya_pada <= now)
        .order_by(KirimanSiasn.berikutnya_pada, KirimanSiasn.id).limit(batas)))
    if not ids:
        return hasil
    client = client or Client()
    try:
        referensi = referensi_siasn.ambil(client)
        db.session.commit()
    except SiasnError as exc:  # nothing was tried: the rows keep their place and tries
        current_app.logger.warning("referensi SIASN tidak dapat diambil: %s", exc.pesan)
        return hasil
    for row_id in ids:
        claimed = db.session.execute(update(KirimanSiasn).where(
            KirimanSiasn.id == row_id, KirimanSiasn.status == "antre")
            .values(status="kirim", diklaim_pada=clock.utcnow()))
        db.session.commit()
        if claimed.rowcount != 1:
            continue  # another sender has it
        row = db.session.get(KirimanSiasn, row_id)
        kirim_satu(row, client, referensi)
        db.session.commit()
        hasil[row.status] = hasil.get(row.status, 0) + 1
    return hasil


def kirim_satu(row: KirimanSiasn, client: Client, referensi: dict) -> None:
    now = clock.utcnow()
    row.diperbarui_pada = now
    try:
        record = rules.kinerja_periodik(json.loads(row.payload), referensi)
    except rules.KodeTidakAda as exc:  # refused before sending: the mapping needs a code
        row.status, row.alasan = "gagal", str(exc)
        return
    try:
        if row.siasn_id is None and row.tidak_pasti:
            held = next((r for r in client.riwayat(record["pnsDinilaiNip"])
                         if rules.sama(r, record)), None)
            if held is not None:
                row.siasn_id = str(held["id"])
        if row.siasn_id:
            record = {**record, "id": row.siasn_id}
        row.isi_siasn = json.dumps(record, ensure_ascii=False, sort_keys=True)
        row.siasn_id = client.simpan(record, row.kunci) or row.siasn_id
    except SiasnError as exc:
        row.percobaan += 1
        row.alasan = exc.pesan
        row.tidak_pasti = row.tidak_pasti or exc.status is None or exc.status >= 500
        if rules.boleh_ulang(exc.status) and row.percobaan < rules.MAKS_PERCOBAAN:
            row.status = "antre"
            row.berikutnya_pada = now + rules.jeda(row.percobaan, exc.retry_after)
        else:
            row.status = "gagal"
        return
    row.status, row.terkirim_pada, row.alasan, row.tidak_pasti = "terkirim", now, None, False


def pratinjau(row: KirimanSiasn) -> dict:
    """The record in SIASN's field names, codes named (the dry run and the page)."""
    if row.isi_siasn:
        return json.loads(row.isi_siasn)
    try:
        return rules.kinerja_periodik(json.loads(row.payload), rules.referensi_nama())
    except rules.KodeTidakAda as exc:
        return {"galat": str(exc)}


def rekonsiliasi(pegawai: Pegawai, client: Client | None = None) -> dict:
    """What SIASN holds of a person beside what the portal queued for them."""
    rows = list(db.session.scalars(select(KirimanSiasn).where(
        KirimanSiasn.pegawai_id == pegawai.id).order_by(KirimanSiasn.kunci)))
    if mode() != "kirim":
        return {"portal": rows, "siasn": [], "pesan": None, "ditanya": False}
    try:
        held = (client or Client()).riwayat(pegawai.nip)
        pesan = None
    except SiasnError as exc:
        held, pesan = [], exc.pesan
    return {"portal": rows, "siasn": held, "pesan": pesan, "ditanya": True}


def jadwalkan(setelah: timedelta | None = None) -> bool:
    """With Redis: an RQ job sends what is due (later, `setelah`, for the next retry). Without
    it, `flask siasn kirim` from cron does the same; False then."""
    url = current_app.config.get("REDIS_URL")
    if not url or mode() != "kirim":
        return False
    from redis import Redis
    from rq import Queue

    from portal.jobs import QUEUE

    queue = Queue(QUEUE, connection=Redis.from_url(url))
    if setelah is None:
        queue.enqueue("portal.siasn.outbox.kirim_job", job_timeout=900, result_ttl=3600)
    else:  # run by the worker's scheduler (`flask worker` starts it)
        queue.enqueue_in(setelah, "portal.siasn.outbox.kirim_job", job_timeout=900,
                         result_ttl=3600)
    return True


def kirim_job() -> dict:
    """The RQ job (the worker gives it the app context): send, then book the next retry."""
    from portal import jobs

    if os.getpid() != jobs._IMPORT_PID:  # a forked work horse never reuses its parent's
        db.engine.dispose(close=False)  # connections (as portal.jobs.run_job does)
    hasil = kirim_jatuh_tempo()
    berikutnya = db.session.scalar(select(func.min(KirimanSiasn.berikutnya_pada)).where(
        KirimanSiasn.status == "antre"))
    if berikutnya is not None:
        jadwalkan(max(berikutnya - clock.utcnow(), timedelta(seconds=1)))
    db.session.remove()
    return hasil
