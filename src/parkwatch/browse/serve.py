"""Serve a package's SQLite database in Datasette, with metadata, canned queries and the park page template."""

from __future__ import annotations

import json
import socket
import tempfile
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Iterator

from .metadata import DATABASE, metadata
from .sqlite import write_sqlite

TEMPLATES = "templates"


def templates() -> Path:
    """The folder of page templates shipped with the tool."""
    return Path(str(resources.files("parkwatch.browse") / TEMPLATES))


@contextmanager
def site(package: Path, database: Path | None = None) -> Iterator[tuple[Path, dict]]:
    """A folder holding `parkwatch.sqlite` (the given database, or one written from the package) and the metadata."""
    with tempfile.TemporaryDirectory(prefix="parkwatch-serve-") as folder:
        served = Path(folder) / f"{DATABASE}.sqlite"  # the file's stem is the database's name in Datasette
        if database is None:
            write_sqlite(package, served)
        else:
            served.symlink_to(database.resolve())
        meta = metadata(package)
        (Path(folder) / "metadata.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        yield served, meta


def datasette_app(served: Path, meta: dict):
    """The Datasette instance over the served database, read-only."""
    from datasette.app import Datasette

    return Datasette(immutables=[str(served)], metadata=meta, template_dir=str(templates()),
                     settings={"default_page_size": 100, "sql_time_limit_ms": 3000})


def check_port(host: str, port: int) -> None:
    """Raise OSError now, before the database is written, when the address cannot be listened on."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.bind((host, port))


def serve(package: Path, *, database: Path | None = None, host: str = "127.0.0.1", port: int = 8001) -> None:
    """Run Datasette on the package's database until interrupted."""
    import uvicorn

    check_port(host, port)
    if database is not None and not database.is_file():
        raise FileNotFoundError(f"{database} is not a file")
    with site(package, database) as (served, meta):
        app = datasette_app(served, meta)
        uvicorn.run(app.app(), host=host, port=port, log_level="warning")
