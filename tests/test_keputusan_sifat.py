"""Property: over generated org trees (vacant seats, confirmed and pending Plt/Plh — a holder's
own seat, a vacant seat, the seat right above the person acting — admin flags, people with
several roles), the people each decision lets through are exactly the ones the rights table of
docs/domain.md names, and never the subject.

The expected sets come from a small model of the rights table written here; the portal is asked
through the very functions its routes call: the single routes' lookups, the inboxes the bulk
routes iterate, the objection lookups, the kepala daerah's records and the Plt/Plh steps.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from flask_login import login_user
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.exceptions import Forbidden

from portal import clock
from portal.extensions import db
from portal.models import (
    Instansi,
    Jabatan,
    Keberatan,
    Pegawai,
    Penilaian,
    PltJabatan,
    RealisasiPeriode,
    RiwayatJabatan,
    Skp,
    UnitKerja,
)
from portal.periods import create_periode
from tests.conftest import wipe_tables

KD = "kepala daerah"


@dataclass
class Org:
    """A generated tree: seat i's parent is parents[i] (seat 0 is the Sekda's), holders[i] the
    person holding it (or None), plt[i] = (person, confirmed) acting for it (or None)."""

    people: int
    parents: list[int | None]
    holders: list[int | None]
    plt: list[tuple[int, bool] | None]
    admins: set[int] = field(default_factory=set)

    def acting(self, seat: int) -> int | None:
        plt = self.plt[seat]
        return plt[0] if plt and plt[1] else self.holders[seat]

    def seat_of(self, person: int) -> int | None:
        return next((s for s, h in enumerate(self.holders) if h == person), None)

    def chain(self, person: int) -> list:
        """The rights table's supervisors of a person, nearest first: the acting person of
        each seat above (skipping seats nobody acts for, and the person themselves), ending
        with the kepala daerah above the Sekda's seat."""
        seat, out = self.seat_of(person), []
        parent = self.parents[seat]
        while parent is not None:
            actor = self.acting(parent)
            if actor is not None and actor != person and actor not in out:
                out.append(actor)
            parent = self.parents[parent]
        return [*out, KD]

    def sekda(self) -> set[int]:
        return {p for p in [self.acting(0)] if p is not None}


@st.composite
def orgs(draw):
    n_seats = draw(st.integers(3, 7))
    parents = [None] + [draw(st.integers(0, i - 1)) for i in range(1, n_seats)]
    people = draw(st.integers(3, 7))
    order = draw(st.permutations(range(people)))
    holders = [order[i] if i < people and draw(st.booleans() if i else st.just(True)) else None
               for i in range(n_seats)]
    plt: list = []
    for seat in range(n_seats):  # at most one appointment a person, never to their own seat
        who = draw(st.integers(0, people - 1)) if draw(st.integers(0, 3)) == 0 else None
        taken = {p[0] for p in plt if p}
        ok = who is not None and who != holders[seat] and who not in taken
        plt.append((who, draw(st.booleans())) if ok else None)
    admins = set(draw(st.sets(st.integers(0, people - 1), max_size=3)))
    return Org(people, parents, holders, plt, admins)


def _build(org: Org) -> list[Pegawai]:
    today = clock.today()
    instansi = Instansi(nama="Provinsi Uji", tempat="Kota", kepala_daerah_nama="Gubernur")
    db.session.add(instansi)
    db.session.flush()
    unit = UnitKerja(instansi_id=instansi.id, nama="Unit")
    people = [Pegawai(nip=f"{199000000000000000 + i}", nama=f"Orang {i}", golongan="III/a",
                      is_admin=i in org.admins) for i in range(org.people)]
    seats: list[Jabatan] = []
    for i, parent in enumerate(org.parents):
        seats.append(Jabatan(nama=f"Jabatan {i}", jenis="struktural", unit=unit,
                             atasan=seats[parent] if parent is not None else None))
    periode = create_periode(today.year, aktif=True)
    periode.aktif = True
    db.session.add_all([instansi, unit, *people, *seats])
    db.session.flush()
    sub = periode.sub_on(today)
    for seat, holder in zip(seats, org.holders, strict=True):
        if holder is not None:
            db.session.add(RiwayatJabatan(pegawai_id=people[holder].id, jabatan_id=seat.id,
                                          mulai=today - timedelta(days=400)))
    for seat, plt in zip(seats, org.plt, strict=True):
        if plt is not None:
            db.session.add(PltJabatan(
                jabatan_id=seat.id, pegawai_id=people[plt[0]].id, jenis="Plt", nomor_sk="1",
                mulai=today - timedelta(days=1), selesai=today + timedelta(days=9),
                status="berlaku" if plt[1] else "menunggu",
                diusulkan_oleh_id=people[min(org.admins)].id if org.admins else None))
    for person in range(org.people):
        seat = org.seat_of(person)
        if seat is None:
            continue
        skp = Skp(pegawai_id=people[person].id, periode_id=periode.id, jabatan_id=seats[seat].id,
                  mulai=periode.mulai, selesai=periode.selesai, status="diajukan")
        db.session.add(skp)
        db.session.flush()
        db.session.add(RealisasiPeriode(skp_id=skp.id, sub_periode_id=sub.id, status="diajukan"))
        chain = org.chain(person)
        penilai, atasan = chain[0], (chain[1] if len(chain) > 1 else KD)
        n = Penilaian(pegawai_id=people[person].id, periode_id=periode.id, kode=sub.kode,
                      sub_periode_id=sub.id, hasil_kerja="sesuai", perilaku_kerja="sesuai",
                      predikat="baik", identitas="{}",
                      penilai_id=None if penilai == KD else people[penilai].id,
                      atasan_penilai_id=None if atasan == KD else people[atasan].id)
        db.session.add(n)
        db.session.flush()
        db.session.add(Keberatan(penilaian_id=n.id, alasan="Uji"))
    db.session.commit()
    return people


def _allows(app, actor: Pegawai, check) -> bool:
    with app.test_request_context("/", method="POST"):
        login_user(actor)
        try:
            return bool(check())
        except Forbidden:
            return False


def _expected(org: Org, person: int) -> dict[str, set[int]]:
    chain = org.chain(person)
    penilai, atasan = chain[0], (chain[1] if len(chain) > 1 else KD)
    supervisor = set() if penilai == KD else {penilai}
    # The kepala daerah's records are for the Sekda (the holder of the root seat) only.
    kd_admins = org.admins - {person} if org.seat_of(person) == 0 else set()
    explain = set() if penilai == KD else {penilai}
    decide = (org.admins if atasan == KD else {atasan}) - {person} - explain
    return {"atasan": supervisor - {person}, "kepala_daerah": kd_admins,
            "jelaskan": explain - {person}, "putus": decide}


@settings(max_examples=10, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(org=orgs())
def test_who_may_decide_is_the_rights_table_and_never_the_subject(app, org):
    from portal import access
    from portal.harian import access as harian_access
    from portal.harian import realisasi
    from portal.penilaian import access as pacc
    from portal.plt import services as plt_services
    from portal.skp import access as skp_access
    from portal.skp import pengajuan as skp_pengajuan

    wipe_tables(app)
    with app.app_context():
        people = _build(org)
        by_id = {p.id: i for i, p in enumerate(people)}
        skps = {by_id[s.pegawai_id]: s for s in db.session.scalars(db.select(Skp))}
        rps = {by_id[r.skp.pegawai_id]: r for r in db.session.scalars(db.select(RealisasiPeriode))}
        keberatan = {by_id[k.penilaian.pegawai_id]: k
                     for k in db.session.scalars(db.select(Keberatan))}
        inboxes = {i: ({by_id[s.pegawai_id] for s in skp_pengajuan.inbox(p)},
                       {by_id[r.skp.pegawai_id] for r in realisasi.queue(p)})
                   for i, p in enumerate(people)}
        for subject, skp in skps.items():
            expected = _expected(org, subject)
            got: dict[str, set[int]] = {name: set() for name in expected}
            for actor_index, actor in enumerate(people):
                checks = {
                    "atasan": [
                        lambda s=skp: skp_access.get_skp_for_approval_or_403(s.id),
                        lambda s=skp: skp_access.is_direct_supervisor_of(s),
                        lambda s=subject: access.get_direct_report_or_403(people[s].id),
                        lambda r=rps[subject]: harian_access.get_realisasi_decidable_or_403(r.id),
                        lambda i=actor_index, s=subject: s in inboxes[i][0],  # bulk SKP
                        lambda i=actor_index, s=subject: s in inboxes[i][1],  # bulk realisasi
                    ],
                    "kepala_daerah": [
                        lambda s=skp: skp_access.get_skp_for_kepala_daerah_or_403(s.id),
                    ],
                    "jelaskan": [
                        lambda k=keberatan[subject]: pacc.get_keberatan_penilai_or_403(k.id)],
                    "putus": [
                        lambda k=keberatan[subject]: pacc.get_keberatan_pemutus_or_403(k.id)],
                }
                for name, calls in checks.items():
                    answers = {_allows(app, actor, call) for call in calls}
                    assert len(answers) == 1, (name, actor_index, subject, org)  # one question
                    if answers.pop():
                        got[name].add(actor_index)
            assert got == expected, (subject, org)
            assert all(subject not in allowed for allowed in got.values())
        # Plt/Plh: an admin appoints, never herself; a pending one is confirmed by the Sekda,
        # or for the Sekda's seat by another admin, never by its proposer or appointee.
        for actor_index, actor in enumerate(people):
            for appointee in range(org.people):
                allowed = _allows(app, actor,
                                  lambda a=appointee, me=actor: plt_services.may_appoint(
                                      me, people[a].id))
                assert allowed == (actor_index in org.admins and actor_index != appointee)
        proposer = min(org.admins) if org.admins else None
        for plt in db.session.scalars(db.select(PltJabatan).where(PltJabatan.status == "menunggu")):
            seat = next(i for i, s in enumerate(org.parents)
                        if f"Jabatan {i}" == plt.jabatan.nama)
            appointee = by_id[plt.pegawai_id]
            if org.parents[seat] is None:
                expected = org.admins - {proposer, appointee} - {org.holders[0]}
            else:
                expected = org.sekda() - {proposer, appointee}
            got = {i for i, p in enumerate(people)
                   if _allows(app, p, lambda t=plt, p=p: plt_services.may_confirm(p, t))}
            assert got == expected, (seat, org)
