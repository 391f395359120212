"""A short load run in every test pass: gunicorn with 2 workers on SQLite (WAL), about 10
clients for about 10 seconds logging in, loading pages, switching role and changing passwords.
`python bench/load.py --clients 50 --seconds 60` is the same at full scale."""
import os

import pytest

from bench.load import run

CLIENTS = int(os.environ.get("LOAD_CLIENTS", "10"))
SECONDS = float(os.environ.get("LOAD_SECONDS", "10"))


@pytest.mark.reliability
@pytest.mark.sqlite_only
def test_small_load_has_no_server_errors_and_loses_no_write():
    if os.environ.get("TEST_DB") == "postgres":
        pytest.skip("the load run starts its own server on SQLite; it already ran in this pass")
    result = run(clients=CLIENTS, seconds=SECONDS)
    assert result["requests"] >= CLIENTS, result
    assert result["server_errors"] == 0, result
    assert result["errors"] == {}, result
    assert 200 in result["statuses"], result
    assert result["rows_written"] == result["acknowledged_writes"], result
    assert result["integrity"] == "ok", result
