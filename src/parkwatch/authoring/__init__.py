"""Tools for contributors writing annotation files: templates for new files."""
