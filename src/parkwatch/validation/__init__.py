"""Validation of the annotations: discover → parse → schema → load → index → checks.

`pipeline` alone knows that order. This is the only floor that imports YAML and JSON Schema.
"""
