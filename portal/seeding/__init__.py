"""Seeding beyond the demo (`portal/demo.py` builds the small demo province): `synthetic.py`
builds a province of any size by bulk insert for the benchmarks (`flask --app wsgi
seed-synthetic`), `activity.py` its year of work. Nothing here is on the request path."""
