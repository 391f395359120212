"""Penilaian: rating reports per sub-period and year, objections, the Sekda's org rating,
distribution check, Format Penetapan PDF and closing periods."""
