"""WSGI entry point: `gunicorn wsgi:app`, `flask --app wsgi …`."""
import gc

from portal import create_app

app = create_app()
# Everything made while loading the app (modules, mappers, templates) lives as long as the
# process: moved out of the collector's reach, a full collection no longer walks ~160,000
# objects in the middle of a request (measured: ~200 ms pauses under load, BENCHMARKS.md).
gc.freeze()
