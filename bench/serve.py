"""`make bench-serve`: how long after saving an edit `make serve` reloads the browser with it.

    python -m bench.serve [--n 2000] [--rounds 3] [--seed 1] [--keep] [--workdir DIR]

In a new temporary folder (removed at the end unless --keep): a copy of the site with a dossier
of N generated entries (bench.generate, as `make bench` makes it; --n 0: a copy of the real
dossier). It times, in one run:

1. `mkdocs serve --dirty` as `make serve` starts it, until its first page is served (a full
   build, as the first build under serve always is);
2. then, `--rounds` times over, four kinds of edit, each saved while the server runs and
   timed from the save to the moment the server tells the browser to reload (its /livereload/
   request returns, after the rebuild has finished), and checked on the page it changes; then
   timed again to the moment the exports are in place (their process logs it; the reload does
   not wait for them), before the next edit:
   - `typo`: a sentence added to an entry's body (the entry's page shows it);
   - `backlink`: a body link from that entry to one it did not link to (the target's page
     lists the entry under what links here);
   - `dated_fact`: a dated point added to an entry's front matter (its page shows it; so do the
     chronology and the timeline);
   - `new_entry`: a new event, a copy of one with a name of its own (its page exists);
3. a full `mkdocs build --strict` of the same tree at the end.

Prints each delay, then a summary, then one JSON line with every run, the medians, the full
build's time, the load average before and after, and the machine. The repository is only read.
"""

from __future__ import annotations

import argparse
import json
import os
import re
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

from bench.run import ENV, copy_site_sources, machine, make_dossier, run_measured  # noqa: E402
from macros.corpus import collect  # noqa: E402
from macros.incremental import EXPORTS_WRITTEN  # noqa: E402
from macros.stale import links  # noqa: E402

KINDS = ("typo", "backlink", "dated_fact", "new_entry")
_EPOCH = re.compile(r"livereload\((\d+), \d+\)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, timeout: float = 10) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def _load() -> list[float] | None:
    return [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None


class Server:
    """`mkdocs serve --dirty` in `project`, as `make serve` runs it."""

    def __init__(self, project: Path, log: Path) -> None:
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.log_path = log
        self.log = open(log, "wb")
        cmd = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{self.port}"]
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(cmd, cwd=project, env=ENV, stdout=self.log, stderr=subprocess.STDOUT)

    def tail(self) -> str:
        self.log.flush()
        return self.log_path.read_text(errors="replace")[-3000:]

    def first_page(self, timeout: float) -> float:
        while time.perf_counter() - self.started < timeout:
            if self.proc.poll() is not None:
                raise SystemExit("the server stopped:\n" + self.tail())
            page = _get(self.base)
            if page is not None and "</html>" in page:
                return time.perf_counter() - self.started
            time.sleep(0.1)
        raise SystemExit("the server did not start:\n" + self.tail())

    def epoch(self) -> int:
        page = _get(self.base) or ""
        m = _EPOCH.search(page)
        if m is None:
            raise SystemExit("the served page has no live-reload script:\n" + self.tail())
        return int(m.group(1))

    def reloaded(self, epoch: int, timeout: float) -> int:
        """Wait until the server tells browsers showing `epoch` to reload: the new epoch."""
        end = time.perf_counter() + timeout
        while time.perf_counter() < end:
            answer = _get(f"{self.base}livereload/{epoch}/1", timeout=timeout)
            if answer is not None and answer.strip().isdigit() and int(answer) > epoch:
                return int(answer)
        raise SystemExit("no reload after an edit:\n" + self.tail())

    def exports_written(self) -> int:
        """How many times the exports' process said the exports are in place."""
        self.log.flush()
        return self.log_path.read_text(errors="replace").count(EXPORTS_WRITTEN)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


class Edits:
    """The edits, chosen from whatever entries the project holds."""

    def __init__(self, project: Path) -> None:
        self.project = project
        index = collect(project / "entries", project).index
        out = links(index)
        people = [e for e in index.entries.values() if e.type.name in ("person", "organisation") and e.body.strip()]
        # An entry of median links, so that the figures are those of a typical edit.
        people.sort(key=lambda e: (len(out[e.id]), e.id))
        self.entry = people[len(people) // 2]
        linked = {t for t, _ in out[self.entry.id]} | {self.entry.id}
        self.unlinked = [e for e in index.entries.values() if e.id not in linked and e.type.name != "article"]
        self.event = next(e for e in index.entries.values() if e.type.name == "event")
        self.source = self.entry.sources[0]
        found = re.search(r"\d{4}", str(index.entries[self.source].data.get("published", "")))
        self.dated = found.group(0) if found else "2006"  # a year the article may speak of

    def path(self, entry) -> Path:
        return self.project / entry.path

    def url(self, entry) -> str:
        return f"{entry.type.folder}/{entry.id}/"

    def apply(self, kind: str, n: int) -> tuple[str, str]:
        """Make the edit; the page that shows it, and what shows it there."""
        marker = f"Benchmark edit {n} at {time.time_ns()}"
        path = self.path(self.entry)
        text = path.read_text(encoding="utf-8")
        if kind == "typo":
            path.write_text(text.rstrip("\n") + f"\n\n{marker}.\n", encoding="utf-8")
            return self.url(self.entry), marker
        if kind == "backlink":
            target = self.unlinked[n % len(self.unlinked)]
            link = f"[{target.name}](../{target.type.folder}/{target.id}.md)"
            path.write_text(text.rstrip("\n") + f"\n\nSee {link}.\n", encoding="utf-8")
            return self.url(target), f'href="../../{self.url(self.entry)}"'
        if kind == "dated_fact":
            point = f'  - says: "{marker}."\n    when: "{self.dated}"\n    sources: [{self.source}]\n'
            head, sep, rest = text.partition("\npoints:\n")
            new = head + sep + point + rest if sep else text.replace("\n---\n", f"\npoints:\n{point}---\n", 1)
            path.write_text(new, encoding="utf-8")
            return self.url(self.entry), marker
        original = self.path(self.event).read_text(encoding="utf-8")
        lines = original.split("\n")
        at = next(i for i, line in enumerate(lines) if line.startswith("name:"))
        lines[at] = f"name: {json.dumps(f'{self.event.name} (benchmark copy {n})')}"
        new_id = f"{self.event.id}-benchmark-{n}"
        (self.project / "entries" / "events" / f"{new_id}.md").write_text(
            "\n".join(lines).rstrip("\n") + f"\n\n{marker}.\n", encoding="utf-8"
        )
        return f"events/{new_id}/", marker


def _edit_and_time(server: Server, edits: Edits, kind: str, n: int) -> tuple[float, float]:
    """Seconds from the save to the reload that shows the edit, and to the exports in place."""
    epoch, written = server.epoch(), server.exports_written()
    start = time.perf_counter()
    url, marker = edits.apply(kind, n)
    while True:
        epoch = server.reloaded(epoch, 120)
        delay = time.perf_counter() - start
        page = _get(server.base + url) or ""
        if "The check found" in page:
            raise SystemExit(f"the {kind} edit made a problem:\n" + server.tail())
        if marker in page:
            break
        if delay > 300:
            raise SystemExit(f"the {kind} edit never showed on {url}:\n" + server.tail())
    while server.exports_written() <= written:  # the exports follow the reload (hook.py)
        if time.perf_counter() - start > 600:
            raise SystemExit(f"the exports were never written after the {kind} edit:\n" + server.tail())
        time.sleep(0.05)
    return delay, time.perf_counter() - start


def measure(n: int, rounds: int, seed: int, work: Path) -> dict:
    if n:
        project, _ = make_dossier(work, n, seed)
    else:
        project = work / "dossier"
        copy_site_sources(project)
        shutil.copytree(ROOT / "entries", project / "entries", symlinks=True)
    edits = Edits(project)
    load_before = _load()
    server = Server(project, work / "serve.log")
    delays: dict[str, list[float]] = {kind: [] for kind in KINDS}
    exports: dict[str, list[float]] = {kind: [] for kind in KINDS}
    try:
        first = server.first_page(3600)
        time.sleep(1.0)  # let the watcher settle
        for r in range(rounds):
            for kind in KINDS:
                delay, written = _edit_and_time(server, edits, kind, r * len(KINDS) + KINDS.index(kind))
                delays[kind].append(round(delay, 3))
                exports[kind].append(round(written, 3))
                print(f"{kind}: reloaded after {delay:.2f} s, exports written after {written:.2f} s", file=sys.stderr)
                time.sleep(1.0)  # a writer does not save twice a second
    finally:
        server.stop()
    full = run_measured(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(work / "full")],
        project,
        work / "full.log",
    )
    if full["code"] != 0:
        raise SystemExit("the full build failed:\n" + (work / "full.log").read_text(errors="replace")[-3000:])
    return {
        "entries": n or len(list((project / "entries").rglob("*.md"))),
        "rounds": rounds,
        "edited": edits.entry.path,
        "delays_s": delays,
        "median_s": {kind: round(statistics.median(d), 3) for kind, d in delays.items()},
        "max_s": {kind: max(d) for kind, d in delays.items()},
        "exports_s": exports,
        "exports_median_s": {kind: round(statistics.median(d), 3) for kind, d in exports.items()},
        "first_build_s": round(first, 2),
        "full_build_s": round(full["wall_s"], 2),
        "load_average_before": load_before,
        "load_average_after": _load(),
        "machine": machine(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.serve", description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=2000, help="generated entries; 0: the real dossier (default 2000)")
    parser.add_argument("--rounds", type=int, default=3, help="how many times each kind of edit is timed (default 3)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--workdir", type=Path, help="where to make the temporary folder")
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    work = Path(tempfile.mkdtemp(prefix="dossier-serve-", dir=args.workdir))
    try:
        result = measure(args.n, args.rounds, args.seed, work)
    finally:
        if args.keep:
            print(f"kept: {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    medians = ", ".join(f"{kind} {s:.2f} s" for kind, s in result["median_s"].items())
    exported = ", ".join(f"{kind} {s:.2f} s" for kind, s in result["exports_median_s"].items())
    print(
        f"{result['entries']} entries: edit to reload, median of {args.rounds}: {medians}; "
        f"edit to exports in place: {exported}; "
        f"first build under serve {result['first_build_s']:.1f} s, full build {result['full_build_s']:.1f} s; "
        f"load average {result['load_average_before']} before, {result['load_average_after']} after"
    )
    print(json.dumps(result, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
