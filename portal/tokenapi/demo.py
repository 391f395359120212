"""Demo: pegawai A (staf_surv1) has a token for the API, so the README's curl lines work after
`make run`. Its secret is public (DEMO_TOKEN): a demo database only."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from portal import clock
from portal.extensions import db
from portal.models import ApiToken
from portal.rules import token as rules

DEMO_TOKEN = "pka_demo-staf-surv1-bukan-rahasia"  # noqa: S105 - public on purpose


def seed(people, today) -> None:
    owner = people.get("staf_surv1")
    if owner is None or db.session.scalar(select(ApiToken.id).where(
            ApiToken.sidik == rules.sidik(DEMO_TOKEN))) is not None:
        return
    db.session.add(ApiToken(
        pemilik_id=owner.id, nama="Aplikasi demo", tampak=rules.tampak(DEMO_TOKEN),
        sidik=rules.sidik(DEMO_TOKEN), cakupan=" ".join(rules.CAKUPAN),
        dibuat_pada=clock.utcnow(), kedaluwarsa_pada=clock.utcnow() + timedelta(days=365)))
    db.session.commit()
