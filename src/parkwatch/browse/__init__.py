"""Browsing a built package: as one SQLite database, and in Datasette on top of it."""
