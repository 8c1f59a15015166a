"""Time the browsing outputs at scale: build (with the analysis tables), sqlite, and the first Datasette pages.

    python benchmarks/browse.py [--parks 10000] [--repeat 2] [--workdir DIR]

Uses the project benchmarks/generate.py writes (kept in --workdir between runs) and the timing
helpers of benchmarks/run.py: wall and CPU seconds of a fresh process, best of --repeat runs.
Writes docs/benchmarks-browse.md. `build` keeps the budget of docs/benchmarks.md: at most
2 × bare parsing of the same YAML.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import BARE_PARSE, PARKWATCH, PY, REPO, best, machine  # noqa: E402

DOC = REPO / "docs" / "benchmarks-browse.md"
PAGES = """
import asyncio, sys, time
from pathlib import Path
from parkwatch.browse.serve import datasette_app, site
with site(Path("datapackage"), Path(sys.argv[1])) as (served, meta):
    app = datasette_app(served, meta)
    park = __import__("sqlite3").connect(served).execute("SELECT park_id FROM parks LIMIT 1 OFFSET 5000").fetchone()[0]
    for path in ("/", "/parkwatch/parks?_facet=kind", f"/parkwatch/parks/{park}", "/parkwatch/targets_due_by?year=2030",
                 "/parkwatch/promised_against_reported", "/parkwatch/parks?_search=电子信息"):
        start = time.perf_counter()
        status = asyncio.run(app.client.get(path)).status_code
        print(f"{path}\\t{status}\\t{time.perf_counter() - start:.3f}")
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parks", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/parkwatch-bench-browse"))
    args = parser.parse_args()
    project = args.workdir / f"p{args.parks}"
    if not (project / "annotations").is_dir():
        subprocess.run([PY, str(REPO / "benchmarks" / "generate.py"), str(args.parks), str(project)], check=True)
    env = {**os.environ, "PARKWATCH_CACHE_DIR": str(args.workdir / "cache")}
    clear = ["rm", "-rf", str(args.workdir / "cache")]
    bare = best(args.repeat, [PY, "-c", BARE_PARSE], project, env)
    build = best(args.repeat, [*PARKWATCH, "build"], project, env, before=clear)
    database = project / "dist" / "bench.sqlite"
    sqlite = best(args.repeat, [*PARKWATCH, "sqlite", str(database)], project, env)
    pages = subprocess.run([PY, "-c", PAGES, str(database)], cwd=project, env=env, capture_output=True, text=True,
                           check=True).stdout.splitlines()
    rows = [
        "# Browsing outputs at scale", "",
        f"Written by `python benchmarks/browse.py --parks {args.parks} --repeat {args.repeat}`; best of "
        f"{args.repeat} runs, whole processes.", "",
        *(f"- {name}: {value}" for name, value in machine()), "",
        "| what | wall s | CPU s | peak MB |", "|---|---|---|---|",
        f"| bare libyaml parsing | {bare.wall:.2f} | {bare.cpu:.2f} | {bare.rss_mb:.0f} |",
        f"| `parkwatch build` (no cache) | {build.wall:.2f} ({build.wall / bare.wall:.2f} × bare; budget 2 ×) | "
        f"{build.cpu:.2f} | {build.rss_mb:.0f} |",
        f"| `parkwatch sqlite` | {sqlite.wall:.2f} | {sqlite.cpu:.2f} | {sqlite.rss_mb:.0f} |", "",
        f"Database: {database.stat().st_size / 1e6:.1f} MB.", "",
        "First request of each page, Datasette in-process (seconds):", "",
        "| page | status | s |", "|---|---|---|",
        *(f"| `{path}` | {status} | {seconds} |" for path, status, seconds in (p.split("\t") for p in pages)), "",
        f"Load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}.",
    ]
    DOC.write_text("\n".join(rows) + "\n", encoding="utf-8")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
