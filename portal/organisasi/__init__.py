"""The organization view: the Sekda's (and each atasan's) dashboard."""
