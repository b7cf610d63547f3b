"""`make bench`: build a generated dossier of N entries, with and without the dossier machinery.

    python -m bench.run --n 2000 [--seed 1] [--keep] [--workdir DIR]

Steps, all inside one new temporary folder (removed at the end unless --keep):

1. `dossier/`: the repository's mkdocs.yml, docs/ and macros/, with entries/ written by
   bench.generate. Timed: the check (`python -m macros.check entries`, as `make check`
   runs it; best of three) and `mkdocs build --strict`, the real build.
2. `plain/`: the very same Markdown pages with the machinery switched off: each entry's
   page as views.entry_page writes it, and the hand-written pages with their macros
   already expanded, built by a copy of mkdocs.yml without the hook, the macros plugin
   and `watch`: same theme, extensions, search, validation and navigation (sections only).
3. Prints wall time, time per entry, peak memory, site size, median entry page, search
   index and check time for both, the overhead ratio real / plain, and the machine;
   the last line is the same as one JSON object.

Peak memory is the peak resident set size of the build process, as the kernel reports it
to its parent (os.wait4's ru_maxrss): the largest single process, not a sum.
Sizes are in decimal units: 1 KB = 1,000 bytes, 1 MB = 1,000,000 bytes.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.generate import FOLDERS, generate  # noqa: E402

PACKAGES = ("mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "Markdown", "pymdown-extensions",
            "Jinja2", "PyYAML")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


# --- the two projects ------------------------------------------------------------------

# What a build of the site reads: everything at the top of the repository but these.
NOT_SITE = {"entries", "site", "tests", "bench", "schemas", "node_modules"}


def copy_site_sources(project: Path) -> None:
    """The repository's configuration, pages, theme overrides, code and the files pages include."""
    project.mkdir()
    for path in sorted(ROOT.iterdir()):
        if path.name.startswith(".") or path.name in NOT_SITE:
            continue
        if path.is_dir():
            shutil.copytree(path, project / path.name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(path, project / path.name)


_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


def make_dossier(work: Path, n: int, seed: int, skip_macros: tuple[str, ...] = ()) -> tuple[Path, dict]:
    """The real project: this repository's configuration, pages and code, with generated entries.

    The pages named in `skip_macros` (paths under docs/) keep their text but lose their macro
    calls, for a page too slow to build at this size; both builds then get the same page.
    """
    project = work / "dossier"
    copy_site_sources(project)
    for page in skip_macros:
        path = project / "docs" / page
        if not path.is_file():
            raise SystemExit(f"--skip-macros {page}: there is no docs/{page}")
        path.write_text(_TEMPLATE.sub("", path.read_text(encoding="utf-8")), encoding="utf-8")
    stats = generate(n, project / "entries", seed)
    return project, {**stats.__dict__, "by_type": dict(stats.by_type)}


class _Tagged:
    """A YAML value with a tag such as !ENV, kept as written."""

    def __init__(self, tag: str, node: yaml.Node):
        self.tag, self.node = tag, node


class _ConfigLoader(yaml.SafeLoader):
    pass


class _ConfigDumper(yaml.SafeDumper):
    pass


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: _Tagged("!" + suffix, node))
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: _Tagged(node.tag, node))
_ConfigDumper.add_representer(_Tagged, lambda dumper, value: _retag(value))


def _retag(value: _Tagged) -> yaml.Node:
    node = value.node
    return type(node)(value.tag, node.value, style=getattr(node, "style", None)) \
        if isinstance(node, yaml.ScalarNode) else type(node)(value.tag, node.value, flow_style=node.flow_style)


def plain_config(text: str) -> str:
    """mkdocs.yml without the hook, the macros plugin and the extra watched paths; all else kept."""
    config = yaml.load(text, Loader=_ConfigLoader)
    config.pop("hooks", None)
    config.pop("watch", None)
    config["plugins"] = [p for p in config.get("plugins", [])
                         if not (p == "macros" or (isinstance(p, dict) and "macros" in p))]
    return yaml.dump(config, Dumper=_ConfigDumper, sort_keys=False, allow_unicode=True)


def make_plain(work: Path, dossier: Path) -> tuple[Path, dict]:
    """The same Markdown pages, written out (bench.capture), and a configuration with no hook and no macros."""
    project = work / "plain"
    copy_site_sources(project)
    done = subprocess.run([sys.executable, "-m", "bench.capture", str(dossier), str(project / "docs")],
                          cwd=ROOT, env=ENV, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"writing out the Markdown pages failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    captured = json.loads(done.stdout.strip().splitlines()[-1])
    (project / "mkdocs.yml").write_text(plain_config((dossier / "mkdocs.yml").read_text(encoding="utf-8")),
                                        encoding="utf-8")
    return project, captured


# --- measuring ---------------------------------------------------------------------------

def run_measured(cmd: list[str], cwd: Path, log: Path) -> dict:
    """Run cmd with its output in `log`: wall and CPU seconds, peak RSS in bytes, exit code."""
    with open(log, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime, "peak_rss_bytes": usage.ru_maxrss * 1024,
            "code": proc.returncode}


def measure_build(project: Path, label: str) -> dict:
    site = project / "site"
    log = project.parent / f"{label}-build.log"
    run = run_measured([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)], project, log)
    if run["code"] != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-4000:]
        raise SystemExit(f"the {label} build failed (exit {run['code']}); end of its log:\n{tail}")
    return {**run, **site_sizes(site)}


def best(runs: list[dict]) -> dict:
    """The fastest of repeated builds (the least disturbed by other work on the machine)."""
    fastest = min(runs, key=lambda r: r["wall_s"])
    return {**fastest, "walls_s": [round(r["wall_s"], 2) for r in runs],
            "peak_rss_bytes": max(r["peak_rss_bytes"] for r in runs)}


def site_sizes(site: Path) -> dict:
    total = files = 0
    for path in site.rglob("*"):
        if path.is_file():
            total += path.stat().st_size
            files += 1
    search = site / "search" / "search_index.json"
    return {"site_bytes": total, "site_files": files,
            "search_index_bytes": search.stat().st_size if search.is_file() else 0}


def entry_page_sizes(site: Path, entries: Path) -> list[int]:
    return sorted((site / md.parent.name / md.stem / "index.html").stat().st_size
                  for md in entries.glob("*/*.md"))


def measure_check(project: Path, runs: int = 3) -> tuple[float, list[float]]:
    times = []
    for i in range(runs):
        run = run_measured([sys.executable, "-m", "macros.check", "entries"], project,
                           project.parent / f"check-{i}.log")
        if run["code"] != 0:
            raise SystemExit(f"the check found problems in the generated corpus; see {project.parent}/check-{i}.log")
        times.append(run["wall_s"])
    return min(times), times


def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor()
    mem = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = int(line.split()[1]) * 1024
    except OSError:
        pass
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return {"cpus": cpus, "cpu": cpu, "memory_bytes": mem, "python": platform.python_version(),
            "system": f"{platform.system()} {platform.release()}", "packages": versions}


# --- the report --------------------------------------------------------------------------

def _mb(n: float) -> str:
    return f"{n / 1e6:,.1f} MB"


def run(n: int, seed: int, workdir: Path | None, keep: bool, repeat: int = 1,
        skip_macros: tuple[str, ...] = ()) -> dict:
    work = Path(tempfile.mkdtemp(prefix=f"dossier-bench-{n}-", dir=workdir))
    try:
        t0 = time.perf_counter()
        dossier, corpus = make_dossier(work, n, seed, skip_macros)
        t1 = time.perf_counter()
        plain, prep = make_plain(work, dossier)
        check_s, check_runs = measure_check(dossier)
        real_runs, plain_runs = [], []
        for _ in range(repeat):  # alternated, so that a slow spell of the machine hits both alike
            real_runs.append(measure_build(dossier, "dossier"))
            plain_runs.append(measure_build(plain, "plain"))
        real, base = best(real_runs), best(plain_runs)
        pages = entry_page_sizes(dossier / "site", dossier / "entries")
        plain_pages = entry_page_sizes(plain / "site", dossier / "entries")
        result = {
            "n": n, "seed": seed, "skip_macros": list(skip_macros),
            "corpus": {**corpus, "generate_s": round(t1 - t0, 3)},
            "build_s": round(real["wall_s"], 3),
            "build_runs_s": real["walls_s"],
            "build_cpu_s": round(real["cpu_s"], 3),
            "per_entry_ms": round(real["wall_s"] / n * 1000, 3),
            "peak_rss_mb": round(real["peak_rss_bytes"] / 1e6, 1),
            "site_mb": round(real["site_bytes"] / 1e6, 2),
            "site_files": real["site_files"],
            "median_entry_page_kb": round(statistics.median(pages) / 1e3, 2),
            "max_entry_page_kb": round(pages[-1] / 1e3, 2),
            "search_index_mb": round(real["search_index_bytes"] / 1e6, 2),
            "check_s": round(check_s, 3),
            "check_runs_s": [round(t, 3) for t in check_runs],
            "plain": {
                "build_s": round(base["wall_s"], 3),
                "build_runs_s": base["walls_s"],
                "build_cpu_s": round(base["cpu_s"], 3),
                "per_entry_ms": round(base["wall_s"] / n * 1000, 3),
                "peak_rss_mb": round(base["peak_rss_bytes"] / 1e6, 1),
                "site_mb": round(base["site_bytes"] / 1e6, 2),
                "median_entry_page_kb": round(statistics.median(plain_pages) / 1e3, 2),
                "search_index_mb": round(base["search_index_bytes"] / 1e6, 2),
            },
            "overhead_ratio": round(real["wall_s"] / base["wall_s"], 3),
            "overhead_ratio_cpu": round(real["cpu_s"] / base["cpu_s"], 3),
            "load_average": [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None,
            # the `config` event loads, checks and indexes the entries; the `files` event adds the
            # entry pages and writes the open-data exports (timed in a separate run, not the measured one)
            "events": {"config_s": prep["config_event_s"], "files_s": prep["files_event_s"]},
            "machine": machine(),
        }
    finally:
        if keep:
            print(f"kept: {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    return result


def report(r: dict) -> str:
    m, p = r["machine"], r["plain"]
    c = r["corpus"]
    types = ", ".join(f"{v} {FOLDERS[k]}" for k, v in c["by_type"].items())
    lines = [
        f"corpus: {r['n']} entries ({types}), {_mb(c['bytes'])} of Markdown, seed {r['seed']}",
        *([f"pages built without their macros: {', '.join(r['skip_macros'])}"] if r["skip_macros"] else []),
        f"        {c['refs']} references, {c['body_links']} body links, {c['disputed_dates']} disputed dates, "
        f"{c['disputed_blocks']} disputed blocks, {c['inexact_dates']} inexact dates",
        f"machine: {m['cpus']} CPUs, {m['cpu']}, {m['memory_bytes'] / 2**30:.1f} GiB, Python {m['python']}, "
        + ", ".join(f"{k} {v}" for k, v in m["packages"].items()),
        "",
        f"{'':28}{'dossier':>14}{'plain':>14}",
        f"{'build wall time':28}{r['build_s']:>12.2f} s{p['build_s']:>12.2f} s",
        f"{'build CPU time':28}{r['build_cpu_s']:>12.2f} s{p['build_cpu_s']:>12.2f} s",
        f"{'time per entry':28}{r['per_entry_ms']:>11.2f} ms{p['per_entry_ms']:>11.2f} ms",
        f"{'peak memory (RSS)':28}{r['peak_rss_mb']:>11.1f} MB{p['peak_rss_mb']:>11.1f} MB",
        f"{'total site size':28}{r['site_mb']:>11.1f} MB{p['site_mb']:>11.1f} MB",
        f"{'median entry page':28}{r['median_entry_page_kb']:>11.1f} KB{p['median_entry_page_kb']:>11.1f} KB",
        f"{'search index':28}{r['search_index_mb']:>11.2f} MB{p['search_index_mb']:>11.2f} MB",
        f"{'check (best of 3)':28}{r['check_s']:>12.2f} s",
        f"{'overhead ratio (wall)':28}{r['overhead_ratio']:>14.3f}",
        f"{'overhead ratio (CPU)':28}{r['overhead_ratio_cpu']:>14.3f}",
        f"{'largest entry page':28}{r['max_entry_page_kb']:>11.1f} KB",
        f"{'config event (load, check)':28}{r['events']['config_s']:>12.2f} s",
        f"{'files event (pages, data)':28}{r['events']['files_s']:>12.2f} s",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=2000, help="number of entries (default 2000)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--workdir", type=Path, default=None, help="where to make the temporary folder")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--repeat", type=int, default=1,
                        help="build each site this many times, alternately, and keep the fastest (default 1)")
    parser.add_argument("--skip-macros", action="append", default=[], metavar="PAGE",
                        help="a page under docs/ whose macros are not expanded in either build (repeatable)")
    args = parser.parse_args(argv)
    result = run(args.n, args.seed, args.workdir, args.keep, max(1, args.repeat), tuple(args.skip_macros))
    print(report(result))
    print(json.dumps(result, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
