"""Releasing the data: the versioned release and its archive."""
