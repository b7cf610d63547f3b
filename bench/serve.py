"""How long after saving an entry `make serve` shows the change.

    python -m bench.serve [--edits 5] [--entry people/denis-kvasov]

Copies the real dossier (configuration, pages, code and entries) into a temporary folder,
starts `mkdocs serve` there as `make serve` does, then, several times over, adds a
sentence to one entry's body and asks the server for that entry's page every 20 ms
until the sentence is in it. Prints each delay, then one JSON line. The repository's
own files are never touched.
"""

from __future__ import annotations

import argparse
import json
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.run import ENV, copy_site_sources  # noqa: E402


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def _wait_for(url: str, marker: str, timeout: float) -> float | None:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        page = _get(url)
        if page is not None and marker in page:
            return time.perf_counter() - start
        time.sleep(0.02)
    return None


def measure(edits: int, entry: str) -> dict:
    work = Path(tempfile.mkdtemp(prefix="dossier-serve-"))
    project = work / "dossier"
    server = log = None
    try:
        copy_site_sources(project)
        shutil.copytree(ROOT / "entries", project / "entries", symlinks=True)
        path = project / "entries" / f"{entry}.md"
        if not path.is_file():
            raise SystemExit(f"no entry entries/{entry}.md")
        port = _free_port()
        url = f"http://127.0.0.1:{port}/{entry}/"
        cmd = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]
        log = open(work / "serve.log", "wb")
        server = subprocess.Popen(cmd, cwd=project, env=ENV, stdout=log, stderr=subprocess.STDOUT)
        if _wait_for(url, "</html>", 120) is None:
            log.flush()
            raise SystemExit("the server did not start:\n" + (work / "serve.log").read_text(errors="replace")[-3000:])
        time.sleep(1.0)  # let the watcher settle
        original = path.read_text(encoding="utf-8")
        delays = []
        for n in range(edits):
            marker = f"Benchmark edit number {n + 1} at {time.time_ns()}."
            path.write_text(original.rstrip("\n") + f"\n\n{marker}\n", encoding="utf-8")
            delay = _wait_for(url, marker, 60)
            if delay is None:
                log.flush()
                raise SystemExit(
                    f"edit {n + 1} never showed:\n" + (work / "serve.log").read_text(errors="replace")[-3000:]
                )
            delays.append(delay)
            print(f"edit {n + 1}: shown after {delay:.2f} s", file=sys.stderr)
            time.sleep(1.5)  # a writer does not save twice a second
        return {
            "entry": entry,
            "edits": edits,
            "delays_s": [round(d, 3) for d in delays],
            "median_s": round(statistics.median(delays), 3),
            "max_s": round(max(delays), 3),
        }
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        if log is not None:
            log.close()
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.serve", description=__doc__.split("\n")[0])
    parser.add_argument("--edits", type=int, default=5, help="how many edits to time (at least 1; default 5)")
    parser.add_argument("--entry", default="people/denis-kvasov", help="folder/id of the entry to edit")
    args = parser.parse_args(argv)
    if args.edits < 1:
        parser.error("--edits must be at least 1")
    result = measure(args.edits, args.entry)
    print(f"median {result['median_s']:.2f} s, slowest {result['max_s']:.2f} s over {args.edits} edits")
    print(json.dumps(result, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
