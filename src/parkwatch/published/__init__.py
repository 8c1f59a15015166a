"""The published side: everything that reads a built package or a release archive (integrity,
snapshots, read_package, download, verify, diff). Imports only the standard library, pyarrow and
pandas, never the validation floor, so a user who only loads data pays for nothing else."""
