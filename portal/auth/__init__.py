"""Login, logout and passwords."""
