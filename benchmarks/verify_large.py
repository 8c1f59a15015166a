"""How long `parkwatch verify` takes on a package whose targets table has 100,000 rows.

Run by hand: python benchmarks/verify_large.py [ROWS]
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from parkwatch import writers  # noqa: E402
from parkwatch.base.tables import TABLES  # noqa: E402
from parkwatch.building import rows as table_rows  # noqa: E402
from parkwatch.building.descriptor import render  # noqa: E402
from parkwatch.published.snapshot import Snapshot  # noqa: E402
from parkwatch.published.verify import verify_snapshot  # noqa: E402
from parkwatch.validation.pipeline import validate  # noqa: E402
from tests.conftest import make_project  # noqa: E402


def large_package(count: int) -> Snapshot:
    """The test project's package with its targets repeated until there are `count` of them."""
    with tempfile.TemporaryDirectory() as tmp:
        index = validate(make_project(Path(tmp) / "project")).index
        files = render(index)
        table = next(t for t in TABLES if t.name == "targets")
        base = table_rows.table_rows(table, index)
        many = [{**base[i % len(base)], "target_id": f"target-{i:06d}"} for i in range(count)]
        files["data/targets.csv"] = writers.csv_bytes(table, many)
        files["data/targets.parquet"] = writers.parquet_bytes(table, many)
    descriptor = json.loads(files["datapackage.json"])
    for resource in descriptor["resources"]:
        content = files[resource["path"]]
        resource["bytes"], resource["hash"] = len(content), "sha256:" + hashlib.sha256(content).hexdigest()
    files["datapackage.json"] = json.dumps(descriptor).encode()
    return Snapshot("large", files)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    snapshot = large_package(count)
    size = len(snapshot.files["data/targets.csv"])
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        problems = verify_snapshot(snapshot)
        best = min(best, time.perf_counter() - start)
    assert problems == [], problems
    print(f"verify: {count} target rows ({size / 1e6:.1f} MB CSV): best of 5 {best:.3f} s")


if __name__ == "__main__":
    main()
