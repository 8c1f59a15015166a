"""The command line: parse options, call the library, render the result, return an exit code.

Exit codes: 0 clean, 1 data problems, 2 usage error, 3 the tool cannot run.
"""

from __future__ import annotations

import os
import sys
import time
import traceback

from . import (  # noqa: F401 - each registers its commands on the app
    browse,  # noqa: F401, I001 - after the others, so its commands come last in --help
    check,
    contribute,
    info,
    publish,
    releases,
)
from .options import EXIT_TOOL, SETTINGS, app


def main() -> None:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    started = time.monotonic()
    try:
        app()
    except SystemExit:
        if SETTINGS.verbose:
            print(f"parkwatch: {time.monotonic() - started:.2f} s", file=sys.stderr)
        raise
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the tool itself failed: say so, exit 3
        print(f"parkwatch: cannot run: {type(exc).__name__}: {exc}", file=sys.stderr)
        if os.environ.get("PARKWATCH_DEBUG") or SETTINGS.verbose:
            traceback.print_exc()
        else:
            print("    hint: set PARKWATCH_DEBUG=1 to see the traceback, and report it.", file=sys.stderr)
        sys.exit(EXIT_TOOL)
