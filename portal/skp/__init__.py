"""Perencanaan: priority programs, the SKP, its approval and the alignment view."""
