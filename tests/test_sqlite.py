"""`parkwatch sqlite`: types, keys, indexes and full-text search; row-for-row agreement with the CSV; same bytes."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest

import parkwatch
from parkwatch.browse.sqlite import SQL_TYPES, database_bytes, write_sqlite
from parkwatch.published.integrity import PackageError, VerificationError

from .test_cli import run
from .test_roundtrip import TABLE, TRICKY, write_package

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "datapackage"


def _resources(package: Path = PACKAGE) -> list[tuple[dict, dict]]:
    meta = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    return [(r, json.loads((package / r["schema"]).read_text(encoding="utf-8")))
            for r in meta["resources"] if r["format"] == "csv"]


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_sqlite(PACKAGE, tmp_path_factory.mktemp("db") / "parkwatch.sqlite").path


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def test_every_table_has_its_types_and_keys(database: Path) -> None:
    db = _connect(database)
    resources = _resources()
    tables = {r for (r,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                       "AND name NOT LIKE '%_fts%'")}
    assert tables == {r["name"] for r, _ in resources}
    for resource, schema in resources:
        info = db.execute(f'PRAGMA table_info("{resource["name"]}")').fetchall()
        assert [(c[1], c[2]) for c in info] == [(f["name"], SQL_TYPES[f["type"]]) for f in schema["fields"]]
        required = {f["name"] for f in schema["fields"] if f.get("constraints", {}).get("required")}
        assert {c[1] for c in info if c[3]} == required
        assert [c[1] for c in sorted((c for c in info if c[5]), key=lambda c: c[5])] == schema["primaryKey"]
        found = {}
        for row in db.execute(f'PRAGMA foreign_key_list("{resource["name"]}")'):
            found.setdefault(row[0], (row[2], []))[1].append((row[3], row[4]))
        declared = sorted((k["reference"]["resource"], list(zip(k["fields"], k["reference"]["fields"])))
                          for k in schema.get("foreignKeys", []))
        assert sorted((table, pairs) for table, pairs in found.values()) == declared, resource["name"]


def test_foreign_keys_hold_and_are_indexed(database: Path) -> None:
    db = _connect(database)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    for resource, schema in _resources():
        name = resource["name"]
        leading = [[c[2] for c in db.execute(f'PRAGMA index_info("{index[1]}")')]
                   for index in db.execute(f'PRAGMA index_list("{name}")')]
        for key in schema.get("foreignKeys", []):
            assert any(cols[: len(key["fields"])] == key["fields"] for cols in leading), (name, key["fields"])


def test_a_broken_key_is_found_by_the_check(database: Path, tmp_path: Path) -> None:
    """Guard for the test above: the declared keys are real, so a bad row shows up."""
    copy = tmp_path / "copy.sqlite"
    copy.write_bytes(database.read_bytes())
    db = sqlite3.connect(copy)
    db.execute("UPDATE targets SET park_id = 'no-such-park' WHERE rowid = 1")
    db.commit()
    assert [row[0] for row in db.execute("PRAGMA foreign_key_check")] == ["targets"]


def _typed(text: str, kind: str) -> object:
    if text == "":
        return None
    return {"integer": int, "boolean": lambda t: int(t == "true"),
            "number": lambda t: float(Decimal(t))}.get(kind, str)(text)


def _comparable(value: object) -> object:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


def test_rows_agree_with_the_csv_row_for_row(database: Path) -> None:
    db = _connect(database)
    for resource, schema in _resources():
        kinds = [f["type"] for f in schema["fields"]]
        with open(PACKAGE / resource["path"], encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))[1:]
        expected = [tuple(_comparable(_typed(t, k)) for t, k in zip(row, kinds)) for row in rows]
        got = [tuple(_comparable(v) for v in row) for row in db.execute(f'SELECT * FROM "{resource["name"]}" ORDER BY rowid')]
        assert got == expected, resource["name"]


def test_analysis_tables_agree_with_the_tables_they_come_from(database: Path) -> None:
    db = _connect(database)
    assert db.execute("SELECT count(*) FROM analysis_targets a JOIN targets t USING (park_id, target_id) "
                      "WHERE a.value IS t.value AND a.quote = t.quote").fetchone() == \
        db.execute("SELECT count(*) FROM targets").fetchone()
    assert db.execute("SELECT count(*) FROM analysis_targets a JOIN parks p USING (park_id) "
                      "WHERE a.park_name_zh <> p.name_zh").fetchone() == (0,)


def test_names_and_quotes_have_full_text_search(database: Path) -> None:
    db = _connect(database)
    parks = db.execute("SELECT p.park_id FROM parks_fts JOIN parks p ON p.rowid = parks_fts.rowid "
                       "WHERE parks_fts MATCH '飞地园区'").fetchall()
    assert ("yunyan-guian-enclave-park",) in parks
    quotes = db.execute("SELECT t.target_id FROM targets_fts JOIN targets t ON t.rowid = targets_fts.rowid "
                        "WHERE targets_fts MATCH '工业投资'").fetchall()
    assert ("industrial-investment-2024",) in quotes
    fts = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE name LIKE '%\\_fts' ESCAPE '\\'")}
    assert {"parks_fts", "park_aliases_fts", "targets_fts", "observations_fts", "organisations_fts"} <= fts


def test_the_same_package_gives_the_same_bytes(database: Path, tmp_path: Path) -> None:
    again = write_sqlite(PACKAGE, tmp_path / "again.sqlite").path
    assert hashlib.sha256(again.read_bytes()).digest() == hashlib.sha256(database.read_bytes()).digest()


def test_tricky_text_and_numbers_survive(tmp_path: Path) -> None:
    folder = write_package(tmp_path / "pkg", TRICKY)
    db = _connect(write_sqlite(folder, tmp_path / "t.sqlite").path)
    rows = db.execute(f"SELECT text, amount, flag, day, level FROM {TABLE.name} ORDER BY id").fetchall()
    assert [r[0] for r in rows] == [r["text"] or None for r in TRICKY]
    assert [r[1] for r in rows] == [None if r["amount"] is None else _comparable(float(r["amount"])) for r in TRICKY]
    assert [r[2] for r in rows] == [None if r["flag"] is None else int(r["flag"]) for r in TRICKY]
    assert [r[3] for r in rows] == [r["day"].isoformat() if r["day"] else None for r in TRICKY]


def test_a_changed_file_is_refused_and_the_old_database_kept(tmp_path: Path) -> None:
    folder = write_package(tmp_path / "pkg", TRICKY)
    out = write_sqlite(folder, tmp_path / "t.sqlite").path
    before = out.read_bytes()
    csv_file = folder / "data" / f"{TABLE.name}.csv"
    csv_file.write_bytes(csv_file.read_bytes().replace(b"alpha", b"omega"))
    with pytest.raises(VerificationError):
        write_sqlite(folder, out)
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_broken_foreign_key_in_the_package_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "pkg"
    folder.mkdir()
    for path in PACKAGE.rglob("*"):
        if path.is_file():
            (folder / path.relative_to(PACKAGE)).parent.mkdir(parents=True, exist_ok=True)
            (folder / path.relative_to(PACKAGE)).write_bytes(path.read_bytes())
    targets = folder / "data" / "targets.csv"
    targets.write_bytes(targets.read_bytes().replace(b"\nguangxi-", b"\nno-such-park-guangxi-", 1))
    meta = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    # keep the size and hash right, so only the key is wrong
    meta["parkwatch:files"]["data/targets.csv"] = {"bytes": len(targets.read_bytes()),
                                                   "hash": "sha256:" + hashlib.sha256(targets.read_bytes()).hexdigest()}
    for resource in meta["resources"]:
        if resource["path"] == "data/targets.csv" and "hash" in resource:
            resource["bytes"], resource["hash"] = meta["parkwatch:files"]["data/targets.csv"].values()
    (folder / "datapackage.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(PackageError, match="foreign key"):
        write_sqlite(folder, tmp_path / "bad.sqlite")
    assert not (tmp_path / "bad.sqlite").exists()


WRITER = "import sys; from pathlib import Path; from parkwatch.browse.sqlite import write_sqlite; " \
         "write_sqlite(Path(sys.argv[1]), Path(sys.argv[2]))"


def test_a_killed_run_leaves_the_old_file_and_the_next_run_clears_up(database: Path, tmp_path: Path) -> None:
    out = tmp_path / "db.sqlite"
    out.write_bytes(database.read_bytes())
    for pause in (0.0, 0.05, 0.1):  # killed at several points after the staged file appears
        child = subprocess.Popen([sys.executable, "-c", WRITER, str(PACKAGE), str(out)])
        deadline = time.monotonic() + 30
        while not list(tmp_path.glob(".db.sqlite.*.tmp")) and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        time.sleep(pause)
        child.send_signal(signal.SIGKILL)
        child.wait()
        assert out.read_bytes() == database.read_bytes()
    assert list(tmp_path.glob(".db.sqlite.*.tmp")), "no run was killed while writing"
    write_sqlite(PACKAGE, out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db.sqlite"]


def test_two_runs_at_once_both_finish_with_the_same_file(database: Path, tmp_path: Path) -> None:
    out = tmp_path / "db.sqlite"
    children = [subprocess.Popen([sys.executable, "-c", WRITER, str(PACKAGE), str(out)]) for _ in range(2)]
    assert [c.wait(timeout=120) for c in children] == [0, 0]
    assert out.read_bytes() == database.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db.sqlite"]


def test_library_default_is_dist_with_the_version(chdir_project: Path) -> None:
    assert parkwatch.build(chdir_project).written
    written = parkwatch.sqlite()
    version = json.loads((chdir_project / "datapackage" / "datapackage.json").read_text())["version"]
    assert written.path == chdir_project / "dist" / f"parkwatch-{version}.sqlite"
    assert written.tables == len(_resources(chdir_project / "datapackage"))


def test_cli_exit_codes_and_located_problems(tmp_path: Path) -> None:
    result = run("sqlite", "ok.sqlite", "--package", str(PACKAGE), cwd=tmp_path)
    assert result.returncode == 0 and (tmp_path / "ok.sqlite").is_file()
    result = run("sqlite", "x.sqlite", "--package", str(tmp_path), "--format", "json", cwd=tmp_path)
    assert result.returncode == 1
    assert [p["code"] for p in json.loads(result.stdout)["problems"]] == ["verify.no-descriptor"]  # the package's own problem
    result = run("sqlite", "/proc/no/x.sqlite", "--package", str(PACKAGE), "--format", "json", cwd=tmp_path)
    assert result.returncode == 3
    assert [p["code"] for p in json.loads(result.stdout)["problems"]] == ["browse.write"]
    if os.geteuid() != 0:  # root writes anywhere: the read-only case needs an ordinary user
        readonly = tmp_path / "ro"
        readonly.mkdir(mode=0o555)
        assert run("sqlite", str(readonly / "x.sqlite"), "--package", str(PACKAGE), cwd=tmp_path).returncode == 3


def test_a_release_gets_its_database_by_name_with_its_hash(database: Path, tmp_path: Path) -> None:
    from parkwatch.published.integrity import read_tree
    from parkwatch.releasing.archive import dist_files

    published = dist_files("9.9.9", b"zip", database_bytes(read_tree(PACKAGE)))
    content = published["parkwatch-9.9.9.sqlite"]
    digest = hashlib.sha256(content).hexdigest()
    assert f"{digest}  parkwatch-9.9.9.sqlite\n" in published["SHA256SUMS"].decode()
    assert digest == hashlib.sha256(database.read_bytes()).hexdigest()
