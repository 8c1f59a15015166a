"""Every path and file name of a project and of a release, named once."""

from __future__ import annotations

import os
from pathlib import Path

# A project: package.yaml, annotations/<kind>/*.yaml, the built datapackage/, releases/<version>/.
METADATA = "package.yaml"
ANNOTATIONS = "annotations"
PARKS, SOURCES, VOCABULARIES, PACKAGE = "parks", "sources", "vocabularies", "package"
ORGANISATIONS, PERSONS = "organisations", "persons"  # registries that park files refer to by id
KINDS = (VOCABULARIES, SOURCES, ORGANISATIONS, PERSONS, PARKS)
OPTIONAL_KINDS = (ORGANISATIONS, PERSONS, PARKS)  # a project may have none of these yet
REDIRECTABLE = (PARKS, ORGANISATIONS)  # kinds whose released ids are kept as redirects when renamed
REDIRECT = "replaced_by"  # the key that makes a park or organisation file a redirect
SUFFIX = ".yaml"
OUTPUT = "datapackage"
# releases/<version>/: changes.json (its diff, shipped in its package), datapackage.json (the
# descriptor as released, which holds every file's sha256) and release.json (archive, commit).
RELEASES = "releases"
CHANGES = "changes.json"
RELEASE_RECORD = "release.json"
JOURNAL = ".parkwatch-release"  # a release staged in full before any of it lands
DIST = "dist"
SOURCE_TEXTS = "texts"  # the source archive folder: the texts quotes are checked against; never committed
SOURCES_ENV = "PARKWATCH_SOURCES"  # another source archive folder
CHANGELOG = "CHANGELOG.md"
CITATION = "CITATION.cff"

# A package: the descriptor, its data dictionary, data/<table>.<format> and schemas/<table>.json.
DESCRIPTOR = "datapackage.json"
DICTIONARY = "README.md"
# The descriptor's list of every other file of the package, with its size and sha256: the Table
# Schemas, the data dictionary and the Parquet files too, which no resource property covers.
FILES_KEY = "parkwatch:files"
RELEASE_URL_KEY = "parkwatch:release-url"  # where releases are published: package.yaml `release_url`

# A release: parkwatch-data-<version>.zip with SHA256SUMS beside it, and the project files it
# carries beside the package. The package's own README.md (the data dictionary) is the archive's README.
SUMS = "SHA256SUMS"
ARCHIVE_EXTRAS = ("CHANGELOG.md", "LICENSE", "LICENSE-DATA", "CITATION.cff")
TAG_PREFIX = "data-v"  # a release may also be tagged data-v<version>


def table_path(table: str, fmt: str) -> str:
    return f"data/{table}.{fmt}"


def schema_path(table: str) -> str:
    return f"schemas/{table}.json"


def archive_root(version: str) -> str:
    """The one top folder inside a release archive."""
    return f"parkwatch-data-{version}"


def archive_name(version: str) -> str:
    return f"{archive_root(version)}.zip"


def database_name(version: str) -> str:
    """The SQLite database of a package, in dist/ and beside a release's archive."""
    return f"parkwatch-{version}.sqlite"


def park_file(project: Path, park_id: str) -> Path:
    return project / ANNOTATIONS / PARKS / f"{park_id}{SUFFIX}"


def display_path(path: Path) -> str:
    """A path as contributors see it: relative to the working directory when inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path.as_posix()
    return path.as_posix() if relative.startswith("..") else Path(relative).as_posix()


def find_project(start: Path) -> Path | None:
    """The project folder (the one holding annotations/) at or above `start`."""
    start = start.resolve()
    for candidate in (start, *start.parents):
        if (candidate / ANNOTATIONS).is_dir():
            return candidate
    return None
