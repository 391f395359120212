"""A time limit for one piece of work (a PDF render) inside the process that does it.

`time_limit(seconds)` arms a real-time timer (SIGALRM) that raises `TimeLimitExceeded` in the
code it guards, so a render stuck in Python stops, the job records why, and the process lives on.
Signals reach only the main thread: elsewhere (a threaded web worker) the guard does nothing and
the job-level limits in portal/jobs.py (RQ's job_timeout, the pool's watchdog) still apply.
"""
from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager

from flask_babel import gettext as _


class TimeLimitExceeded(Exception):
    """The guarded work ran past its time limit."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        super().__init__(pesan(seconds))


def pesan(seconds: float) -> str:
    try:
        return _("Waktu habis: pembuatan dokumen melebihi batas %(n)s detik dan dihentikan.",
                 n=f"{seconds:g}")
    except (RuntimeError, KeyError):  # outside an app context (a bare worker process)
        return f"Waktu habis: pembuatan dokumen melebihi batas {seconds:g} detik dan dihentikan."


def bisa() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float | None):
    if not seconds or seconds <= 0 or not bisa():
        yield
        return

    def _habis(_signum, _frame):
        raise TimeLimitExceeded(seconds)

    outer, _interval = signal.getitimer(signal.ITIMER_REAL)
    if outer and outer <= seconds:  # an outer limit (RQ's job_timeout) comes first: let it
        yield
        return
    before = signal.signal(signal.SIGALRM, _habis)
    started = time.monotonic()
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)
        if outer:  # give the outer limit back what is left of it
            signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - started), 0.001))
