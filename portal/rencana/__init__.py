"""Rencana aksi (the monthly plan under each RHK), the supervisor's verification of daily
entries, and the import of entries from a spreadsheet."""
from flask import Blueprint

bp = Blueprint("rencana", __name__)
