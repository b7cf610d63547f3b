"""`make linkcheck`: check every external address in the entries, for the scheduled job.

Never part of the build or of pull-request checks: other sites being down must not block a
contribution. Retries with back-off, caches good results between runs, and skips the
addresses in linkcheck-ignore.yml, each of which must say why.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import yaml

from .corpus import collect

_URL = re.compile(r"https?://[^\s)>\"']+")
RETRYABLE = {408, 425, 429, 500, 502, 503, 504}
USER_AGENT = "allofmp3-dossier-linkcheck (+https://github.com/)"


class IgnoreError(ValueError):
    pass


@dataclass(frozen=True)
class Ignore:
    pattern: re.Pattern
    reason: str


def read_ignores(path: Path) -> list[Ignore]:
    if not path.exists():
        return []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except yaml.YAMLError as e:
        raise IgnoreError(f"{path}: is not valid YAML: {e}") from None
    if not isinstance(data, list):
        raise IgnoreError(f"{path}: must be a list of {{pattern, reason}} items")
    out = []
    for n, item in enumerate(data, start=1):
        if not isinstance(item, dict) or set(item) != {"pattern", "reason"}:
            raise IgnoreError(f"{path}: item {n}: must have exactly 'pattern' and 'reason'")
        if not isinstance(item["reason"], str) or not item["reason"].strip():
            raise IgnoreError(f"{path}: item {n}: 'reason' must say why the address is not checked")
        try:
            out.append(Ignore(re.compile(str(item["pattern"])), item["reason"].strip()))
        except re.error as e:
            raise IgnoreError(f"{path}: item {n}: 'pattern' is not a valid regular expression: {e}") from None
    return out


def addresses(entries_dir: Path) -> dict[str, list[str]]:
    """Every external address, with the entry files that use it."""
    corpus = collect(entries_dir)
    found: dict[str, set] = {}
    for entry in corpus.index.entries.values():
        urls = [u for f in entry.type.fields if f.name in entry.data for u in f.kind.addresses(f, entry.data[f.name])]
        urls += _URL.findall(entry.body)
        for url in urls:
            found.setdefault(url, set()).add(entry.path)
    return {url: sorted(paths) for url, paths in sorted(found.items())}


def fetch(url: str, timeout: float) -> int:
    """The HTTP status of an address; HEAD first, GET where HEAD is refused."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status
        except urllib.error.HTTPError as e:
            e.close()
            if method == "HEAD" and e.code in (403, 405, 501):
                continue
            return e.code
    return 0


def check_one(url: str, retries: int, backoff: float, timeout: float) -> tuple[bool, str]:
    last = ""
    for attempt in range(retries):
        if attempt:
            time.sleep(backoff * 2 ** (attempt - 1))
        try:
            status = fetch(url, timeout)
        except (urllib.error.URLError, TimeoutError, OSError) as e:
            last = f"no answer ({getattr(e, 'reason', e)})"
            continue
        if 200 <= status < 400:
            return True, str(status)
        last = f"HTTP {status}"
        if status not in RETRYABLE:
            break
    return False, last


def run(
    entries_dir: Path,
    ignore_file: Path,
    cache_file: Path,
    retries: int = 3,
    backoff: float = 2.0,
    timeout: float = 20.0,
    max_age_days: float = 7.0,
    now: float | None = None,
) -> tuple[list[str], dict]:
    now = time.time() if now is None else now
    ignores = read_ignores(ignore_file)
    cache = json.loads(cache_file.read_text(encoding="utf-8")) if cache_file.exists() else {}
    todo, report = [], []
    for url, paths in addresses(entries_dir).items():
        if any(i.pattern.search(url) for i in ignores):
            continue
        cached = cache.get(url)
        if cached and cached.get("ok") and now - cached.get("checked", 0) < max_age_days * 86400:
            continue
        todo.append((url, paths))
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda item: check_one(item[0], retries, backoff, timeout), todo))
    for (url, paths), (ok, detail) in zip(todo, results):
        cache[url] = {"ok": ok, "detail": detail, "checked": now}
        if not ok:
            report += [f"{path}: {url}: {detail}" for path in paths]
    cache_file.write_text(json.dumps(cache, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return sorted(report), {"checked": len(todo), "broken": len(report)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make linkcheck")
    parser.add_argument("--entries", default="entries")
    parser.add_argument("--ignore", default="linkcheck-ignore.yml")
    parser.add_argument("--cache", default=".linkcheck-cache.json")
    parser.add_argument("--retries", type=int, default=3)
    parser.add_argument("--max-age-days", type=float, default=7.0)
    args = parser.parse_args(argv)
    try:
        report, counts = run(
            Path(args.entries),
            Path(args.ignore),
            Path(args.cache),
            retries=args.retries,
            max_age_days=args.max_age_days,
        )
    except IgnoreError as e:
        print(e, file=sys.stderr)
        return 2
    for line in report:
        print(line)
    print(f"{counts['checked']} addresses checked, {counts['broken']} broken", file=sys.stderr)
    return 1 if report else 0


if __name__ == "__main__":
    sys.exit(main())
