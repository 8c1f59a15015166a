"""Building the data package: table rows, CSV and Parquet writers, the descriptor, the data
dictionary, and the atomic write of datapackage/."""
