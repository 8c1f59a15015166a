"""The foundation: problems and their catalogue, the layout of a project and a release, the table
definitions and their one field-type table, dates, quantities, division codes, versions and process
fan-out. Imports nothing but the standard library."""
