"""Machine files: upload → preview (every line that cannot be used, listed) → apply, all or
nothing. Files up to PRESENSI_IMPORT_MAX_BYTES here; a province's month goes through
`flask presensi impor` (the same service)."""
from __future__ import annotations

import hashlib
import json
import secrets
from pathlib import Path

from flask import abort, current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from portal import access, audit, clock, konfirmasi
from portal.dokumen.storage import storage
from portal.extensions import db
from portal.htmx import render
from portal.models import ImporPresensi
from portal.presensi import bp, mesin
from portal.presensi.berkas_mesin import BerkasError

DEFAULT_MAX = 64 * 1024 * 1024


def folder() -> Path:
    """This host's working copies: the machine-file parser reads a path."""
    path = Path(current_app.instance_path) / "presensi-impor"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _key(token: str) -> str:
    """The upload kept in the shared storage between preview and apply: the apply may come to
    another host."""
    return f"presensi-impor/{token}"


@bp.before_app_request
def _size_gate():
    if request.endpoint != "presensi.impor_upload":
        return None
    limit = int(current_app.config.get("PRESENSI_IMPORT_MAX_BYTES", DEFAULT_MAX))
    request.max_content_length = limit + 64 * 1024
    return None


def _recent():
    return list(db.session.scalars(select(ImporPresensi).order_by(ImporPresensi.id.desc())
                                   .limit(10)))


@bp.get("/admin/presensi/impor")
@access.role("admin")
def impor():
    return render("presensi/impor.html", recent=_recent(), error=None)


@bp.post("/admin/presensi/impor")
@access.role("admin")
def impor_upload():
    upload = request.files.get("berkas")
    if upload is None or not upload.filename:
        return render("presensi/impor.html", status=422, recent=_recent(),
                      error=_("Pilih berkas CSV atau XLSX dari mesin presensi."))
    token = secrets.token_urlsafe(24)
    path = folder() / token
    digest = hashlib.sha256()
    with path.open("wb") as out:
        for chunk in iter(lambda: upload.stream.read(1 << 20), b""):
            digest.update(chunk)
            out.write(chunk)
    try:
        ringkas = mesin.periksa(path)
    except BerkasError as e:
        path.unlink(missing_ok=True)
        return render("presensi/impor.html", status=422, recent=_recent(), error=str(e))
    storage().put(_key(token), path.read_bytes())
    db.session.add(ImporPresensi(token=token, pembuat_id=current_user.id,
                                 nama_berkas=Path(upload.filename).name[:200],
                                 sha256=digest.hexdigest(),
                                 ringkasan_json=json.dumps(ringkas.as_dict())))
    db.session.commit()
    return redirect(url_for("presensi.impor_pratinjau", token=token), 303)


def _by_token(token: str) -> ImporPresensi:
    found = db.session.scalar(select(ImporPresensi).where(ImporPresensi.token == token[:64]))
    if found is None:
        abort(404)
    return found


@bp.get("/admin/presensi/impor/<token>")
@access.role("admin")
def impor_pratinjau(token: str):
    imp = _by_token(token)
    sama = db.session.scalar(select(ImporPresensi).where(
        ImporPresensi.sha256 == imp.sha256, ImporPresensi.status == "diterapkan",
        ImporPresensi.id != imp.id).limit(1))
    return render("presensi/impor_pratinjau.html", imp=imp, r=json.loads(imp.ringkasan_json),
                  sama=sama, pesan=mesin.pesan, judul=mesin.judul,
                  tidak_dipakai=mesin.TIDAK_DIPAKAI)


@bp.post("/admin/presensi/impor/<token>/terapkan")
@access.role("admin")
def impor_terapkan(token: str):
    imp = _by_token(token)
    path = folder() / imp.token
    if imp.status != "menunggu":
        flash(_("Impor ini sudah diterapkan."), "info")
        return redirect(url_for("presensi.impor_pratinjau", token=token), 303)
    answer = konfirmasi.perlu(_("Terapkan %(n)s baris yang dapat dipakai dari %(f)s?",
                                n=json.loads(imp.ringkasan_json).get("dipakai", 0),
                                f=imp.nama_berkas))
    if answer:
        return answer
    if not path.exists():
        data = storage().get(_key(imp.token))
        if data is None:
            flash(_("Berkas impor ini tidak tersimpan lagi; unggah ulang."), "error")
            return redirect(url_for("presensi.impor"), 303)
        path.write_bytes(data)  # uploaded through another host
        del data
    try:
        ringkas, changed = mesin.terapkan(path)
    except BerkasError as e:
        db.session.rollback()
        flash(str(e), "error")
        return redirect(url_for("presensi.impor_pratinjau", token=token), 303)
    summary = ringkas.as_dict() | {"diubah": changed}
    imp.status, imp.diterapkan, imp.ringkasan_json = "diterapkan", clock.utcnow(), \
        json.dumps(summary)
    audit.record("impor_presensi", "impor", imp.id, sesudah={
        "berkas": imp.nama_berkas, "sha256": imp.sha256, "baris": ringkas.baris,
        "dipakai": ringkas.dipakai, "hari_diubah": changed})
    storage().delete(_key(imp.token))
    db.session.commit()
    path.unlink(missing_ok=True)
    flash(_("Diterapkan: %(n)s baris dipakai, %(d)s hari presensi baru atau berubah.",
            n=ringkas.dipakai, d=changed), "success")
    return redirect(url_for("presensi.impor_pratinjau", token=token), 303)
