"""Slow network: Chromium's emulation at 400 kbit/s down and up with 400 ms latency.
Outcomes are asserted; durations are printed (a shared CI machine is no stopwatch)."""
import pytest

from tests.e2e.harness import HOMES, ByteMeter, timed

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("role", list(HOMES))
def test_login_and_home_on_a_slow_network(page, live, role, login):
    meter = ByteMeter(page)
    meter.throttle(down_kbit=400, up_kbit=400, latency_ms=400)
    seconds = timed(lambda: login(page, role, role))
    assert page.url == live.url + HOMES[role]
    assert page.locator("main h1").is_visible()
    again = timed(lambda: page.goto(live.url + HOMES[role]))
    assert page.locator("main h1").is_visible()
    print(f"\nlambat ({role}): masuk sampai beranda {seconds:.1f} s (cache kosong), "
          f"buka ulang {again:.1f} s")
