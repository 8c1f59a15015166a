"""The `parkwatch` command: one module per group of commands, each a thin shell over one library call."""

from .app import app, main

__all__ = ["app", "main"]
