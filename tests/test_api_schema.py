"""Schemathesis against /api/v1/openapi.json, in process (WSGI): generated requests of every
operation, with a valid token of pegawai A, find no server error and no answer that breaks
the document (status codes, content types, bodies). A request the schema allows may still be
refused by the portal's rules (a date in a closed period, a range over 92 days): that is a
documented 4xx, so schemathesis' "valid data must be accepted" check is left out; and like most
web APIs this one ignores query parameters it does not know, so "invalid data must be rejected"
is left out too. Broken requests (negative mode) must still get a documented, well-formed answer.
The operations are walked here rather than through schemathesis' pytest plugin, whose fixture
loader does not run under pytest 9."""
from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from portal.extensions import db
from portal.models import Pegawai
from portal.tokenapi import services

SCOPES = ["pegawai:baca", "harian:baca", "harian:tulis", "penilaian:baca"]
EXAMPLES = 20
SKIP = [positive_data_acceptance, negative_data_rejection]


def test_api_answers_as_documented(app, demo, monkeypatch):
    monkeypatch.setitem(app.config, "API_MAX_PER_MENIT", 100_000)
    with app.app_context():
        _token, secret = services.buat(db.session.get(Pegawai, demo.persona("pegawai")),
                                       "schemathesis", SCOPES, 30)
        db.session.commit()
    # The in-process WSGI client does not undo Content-Encoding (real clients do): ask for none.
    headers = {"Authorization": f"Bearer {secret}", "Accept-Encoding": "identity"}
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 6
    modes = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)  # and broken requests too
    for operation, mode in ((op, m) for op in operations for m in modes):
        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=EXAMPLES, deadline=None, database=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
        def check(case):
            case.call_and_validate(headers=headers, excluded_checks=SKIP)

        check()
