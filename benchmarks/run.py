"""Time validate, build and reading the package against bare libyaml parsing; write docs/benchmarks.md.

    python benchmarks/run.py [--parks 10000] [--repeat 3] [--workdir DIR] [--check-jsonschema PATH]

Every measurement runs in a fresh process under /usr/bin/time (wall and CPU seconds, peak
resident memory of the largest process). The best of `--repeat` runs is reported, since other
work on the machine only ever adds time.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DOC = REPO / "docs" / "benchmarks.md"
START, END = "<!-- results:start -->", "<!-- results:end -->"
PY = sys.executable
PARKWATCH = [PY, "-m", "parkwatch"]

BARE_PARSE = """
import pathlib, yaml
files = [pathlib.Path("package.yaml"), *sorted(pathlib.Path("annotations").rglob("*.yaml"))]
for f in files:
    yaml.load(f.read_bytes(), Loader=yaml.CSafeLoader)
"""
READ_PARQUET = """
import pathlib, pyarrow.parquet as pq
rows = sum(pq.read_table(p).num_rows for p in sorted(pathlib.Path("datapackage/data").glob("*.parquet")))
"""
READ_CSV = """
import pathlib, pyarrow.csv as pc
rows = sum(pc.read_csv(p).num_rows for p in sorted(pathlib.Path("datapackage/data").glob("*.csv")))
"""
READ_PACKAGE = """
import parkwatch
parkwatch.read_package("datapackage")
"""


@dataclass
class Timing:
    wall: float
    cpu: float
    rss_mb: float
    code: int
    tree_mb: float
    load: float = 0.0  # the 1-minute load average when the run started


def timed(command: list[str], cwd: Path, env: dict[str, str], before: list[str] | None = None) -> Timing:
    """One run of `command` under /usr/bin/time; `before` runs first, untimed."""
    if before:
        subprocess.run(before, cwd=cwd, env=env, check=True, capture_output=True)
    load = os.getloadavg()[0]
    with tempfile.NamedTemporaryFile("r", suffix=".time") as out:
        proc = subprocess.Popen(["/usr/bin/time", "-o", out.name, "-f", "%e %U %S %M", *command], cwd=cwd, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        total = 0
        while proc.poll() is None:
            total = max(total, _tree_rss(proc.pid))
            time.sleep(0.05)
        wall, user, system, rss = out.read().split()[-4:]
    return Timing(float(wall), float(user) + float(system), int(rss) / 1024, proc.returncode, total / 1024, load)


def _tree_rss(pid: int) -> int:
    """Proportional set size (kB) of a process and all its descendants: a page shared after fork counts
    once in all, split between the processes that share it (/proc/PID/smaps_rollup); resident size
    where the kernel does not give it."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup")
        source = rollup if rollup.exists() else Path(f"/proc/{pid}/status")
        lines = source.read_text().splitlines()
        size = next((int(line.split()[1]) for line in lines if line.startswith(("Pss:", "VmRSS"))), 0)
        children = [int(c) for task in Path(f"/proc/{pid}/task").iterdir()
                    for c in (task / "children").read_text().split()]
    except (OSError, ValueError):
        return 0
    return size + sum(_tree_rss(child) for child in children)


def best(runs: int, command: list[str], cwd: Path, env: dict[str, str], before: list[str] | None = None) -> Timing:
    results = [timed(command, cwd, env, before) for _ in range(runs)]
    return min(results, key=lambda t: t.wall)


def machine() -> list[tuple[str, str]]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0)
    libs = []
    for name in ("parkwatch", "pyyaml", "jsonschema", "jsonschema-rs", "pyarrow", "pypinyin"):
        try:
            libs.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            libs.append(f"{name} (not installed)")
    return [("CPU", cpu), ("cores", str(os.cpu_count())), ("memory", f"{mem / 1024 / 1024:.1f} GiB"),
            ("system", platform.platform()), ("Python", platform.python_version()),
            ("libyaml", _libyaml()),
            ("libraries", ", ".join(libs)), ("load average at start", " ".join(f"{x:.2f}" for x in os.getloadavg()))]


def _libyaml() -> str:
    try:
        from yaml import _yaml
    except ImportError:
        return "not available"
    return _yaml.get_version_string()


def run(parks: int, repeat: int, workdir: Path, check_jsonschema: str | None) -> str:
    project = workdir / f"parks-{parks}"
    subprocess.run([PY, str(HERE / "generate.py"), str(parks), str(project)], check=True)
    files = [project / "package.yaml", *sorted((project / "annotations").rglob("*.yaml"))]
    size = sum(f.stat().st_size for f in files)
    cache_dir = workdir / "cache"
    env = {**os.environ, "PARKWATCH_CACHE_DIR": str(cache_dir)}
    plain = {**env, "PARKWATCH_NO_CACHE": "1"}
    serial = {**plain, "PARKWATCH_WORKERS": "1"}
    clear = ["rm", "-rf", str(cache_dir)]
    one_park = sorted((project / "annotations" / "parks").iterdir())[parks // 2]
    touch = [PY, "-c", f"import pathlib; p = pathlib.Path({str(one_park)!r}); "
             "t = p.read_text(encoding='utf-8'); "
             "p.write_text(t.replace(NOTE, '') if NOTE in t else t + NOTE, encoding='utf-8')".replace(
                 "NOTE", repr("notes: a note added and removed between runs\n"))]
    rows: list[tuple[str, Timing]] = []
    bare = best(repeat, [PY, "-c", BARE_PARSE], project, env)
    rows.append(("bare parse, yaml.CSafeLoader, one process", bare))
    rows.append(("validate (no cache)", best(repeat, PARKWATCH + ["validate"], project, plain)))
    rows.append(("validate (no cache, one process)", best(repeat, PARKWATCH + ["validate"], project, serial)))
    rows.append(("validate --sources (no cache)", best(repeat, PARKWATCH + ["validate", "--sources", "texts"],
                                                       project, plain)))
    rows.append(("validate, empty cache (fills it)", best(repeat, PARKWATCH + ["validate"], project, env, clear)))
    rows.append(("validate, every file cached", best(repeat, PARKWATCH + ["validate"], project, env)))
    rows.append(("validate, one file changed since the cached run",
                 best(repeat, PARKWATCH + ["validate"], project, env, touch)))
    rows.append(("build (no cache)", best(repeat, PARKWATCH + ["build"], project, plain)))
    rows.append(("build, empty cache (fills it)", best(repeat, PARKWATCH + ["build"], project, env, clear)))
    rows.append(("build, every file cached", best(repeat, PARKWATCH + ["build"], project, env)))
    reader = READ_PACKAGE if _has_read_package() else READ_PARQUET
    rows.append(("read_package" if reader is READ_PACKAGE else "read every Parquet table (pyarrow)",
                 best(repeat, [PY, "-c", reader], project, env)))
    rows.append(("read every CSV table (pyarrow.csv)", best(repeat, [PY, "-c", READ_CSV], project, env)))
    if check_jsonschema:
        parks_glob = sorted(str(p.relative_to(project)) for p in (project / "annotations" / "parks").iterdir())
        rows.append(("check-jsonschema, park files only", best(1, [check_jsonschema, "--schemafile",
                                                                    str(REPO / "schemas" / "park.schema.json"),
                                                                    *parks_glob], project, env)))
    data_rows = _count_rows(project)
    return render(parks, len(files), size, data_rows, rows, bare, repeat)


def _has_read_package() -> bool:
    result = subprocess.run([PY, "-c", "import parkwatch, sys; sys.exit(not hasattr(parkwatch, 'read_package'))"])
    return result.returncode == 0


def _count_rows(project: Path) -> dict[str, int]:
    import pyarrow.parquet as pq

    return {p.stem: pq.read_metadata(p).num_rows for p in (project / "datapackage" / "data").glob("*.parquet")
            if p.stem in ("parks", "targets", "observations")}


def render(parks: int, files: int, size: int, data_rows: dict[str, int], rows: list[tuple[str, Timing]],
           bare: Timing, repeat: int) -> str:
    lines = [START, "", f"Generated project: {parks:,} parks, {files:,} YAML files, {size / 1e6:.1f} MB; "
             f"{data_rows.get('targets', 0):,} targets and {data_rows.get('observations', 0):,} observations.", "",
             "| machine | |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in machine()]
    lines += ["", "| what | wall s | × bare parse | CPU s | peak MB | all processes MB | load | exit |",
              "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for name, t in rows:
        lines.append(f"| {name} | {t.wall:.2f} | {t.wall / bare.wall:.2f} | {t.cpu:.2f} | {t.rss_mb:.0f} | "
                     f"{t.tree_mb:.0f} | {t.load:.1f} | {t.code} |")
    lines += ["", "Wall and CPU seconds are for the whole process, interpreter start and imports included; "
              "CPU counts worker processes too; peak MB is the largest single process's resident memory; all "
              "processes MB is the largest memory of the process and its workers together, sampled every 50 ms "
              "as their proportional set size (a page a forked worker shares with its parent counts once); "
              "load is the "
              "machine's 1-minute load average as the reported run started. "
              f"Best of {repeat} runs (check-jsonschema: one run); load average at the end: "
              f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}.",
              "", END]
    return "\n".join(lines)


def write(results: str) -> None:
    text = DOC.read_text(encoding="utf-8")
    text = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: results, text, flags=re.S)
    DOC.write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parks", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "parkwatch-bench")
    parser.add_argument("--check-jsonschema", default=shutil.which("check-jsonschema"),
                        help="check-jsonschema executable to compare with (default: from PATH)")
    parser.add_argument("--no-write", action="store_true", help="print the results instead of updating the doc")
    args = parser.parse_args()
    results = run(args.parks, args.repeat, args.workdir, args.check_jsonschema)
    print(results)
    if not args.no_write:
        write(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
