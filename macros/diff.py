"""`make diff`: what the working tree's entries change against a commit, in Markdown.

The base's entries are read out of git (ls-tree and cat-file) into a temporary folder, so that
the working tree is never touched; the working tree's entries/ is the changed side. Both are
read by this code, so that a problem counts as new only when these rules did not find it on
the base. Exit 0 whether or not anything changed; 2, with one line, when there is nothing to
compare with.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path, PurePosixPath

from .changes import compare
from .corpus import collect
from .summary import cut, render, spelt


class Refused(Exception):
    """A reason to stop, said in one line."""


def _git(args: list[str], cwd: Path, data: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(
            ["git", "--literal-pathspecs", *args],
            cwd=cwd,
            input=data,
            capture_output=True,
            env={**os.environ, "GIT_OPTIONAL_LOCKS": "0"},
        )
    except OSError as error:
        raise Refused(f"cannot run git: {error.strerror or error}") from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").splitlines()
        fatal = [line.removeprefix("fatal: ") for line in said if line.startswith("fatal: ")]
        raise Refused(spelt(fatal[0] if fatal else f"git {args[0]} failed"))
    return done.stdout


def _commit(ref: str, cwd: Path) -> str:
    try:
        _git(["rev-parse", "--is-inside-work-tree"], cwd)
    except Refused as error:
        if "not a git repository" in str(error):
            raise Refused(f"{cwd} is not in a git repository") from None
        raise  # git's own reason, such as a repository owned by someone else
    if not ref or ref.startswith("-"):
        raise Refused(f"'{spelt(ref)}' is not a commit")
    try:
        return _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd).decode().strip()
    except Refused:
        raise Refused(f"'{spelt(ref)}' is not a commit of this repository") from None


def default_base(cwd: Path) -> str:
    """origin/main where the clone has it, else main."""
    try:
        _git(["rev-parse", "--verify", "--quiet", "origin/main^{commit}"], cwd)
        return "origin/main"
    except Refused:
        return "main"


def extract(commit: str, folder: str, cwd: Path, into: Path) -> None:
    """The files of `folder` (relative to `cwd`) as they are at `commit`, written under `into`
    at the same relative paths; symbolic links stay links (the corpus reports them)."""
    listing = _git(["ls-tree", "-r", "-z", commit, "--", folder.rstrip("/") + "/"], cwd)
    wanted = []
    for record in listing.split(b"\0"):
        if not record:
            continue
        meta, _, name = record.partition(b"\t")
        mode, kind, sha = meta.decode().split()
        path = PurePosixPath(name.decode("utf-8", "surrogateescape"))
        if kind != "blob" or path.is_absolute() or ".." in path.parts:
            continue  # a submodule, or a path git itself would not write
        wanted.append((mode, sha, path))
    if not wanted:
        return
    out = _git(["cat-file", "--batch"], cwd, "".join(f"{sha}\n" for _, sha, _ in wanted).encode())
    at = 0
    for mode, _sha, path in wanted:
        header_end = out.index(b"\n", at)
        size = int(out[at:header_end].split()[2])
        content = out[header_end + 1 : header_end + 1 + size]
        at = header_end + 1 + size + 1
        target = into.joinpath(*path.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        if mode == "120000":
            try:
                os.symlink(os.fsdecode(content), target)
            except (OSError, ValueError):  # no links here, or a target no file system takes
                target.write_bytes(content)
        else:
            target.write_bytes(content)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m macros.diff",
        description="What the working tree's entries change against a commit, in Markdown.",
    )
    parser.add_argument("--base", help="the commit to compare with (default: origin/main if it exists, else main)")
    parser.add_argument("--entries", default="entries", help="the entries folder (default: entries)")
    parser.add_argument(
        "--max-bytes",
        type=int,
        default=0,
        metavar="N",
        help="cut the summary after a whole line to at most N bytes (default: no limit)",
    )
    args = parser.parse_args(argv)
    if 0 < args.max_bytes < 200:
        parser.error("--max-bytes takes 200 or more: room for the note that says where the summary stops")
    cwd = Path.cwd()
    entries_dir = Path(os.path.abspath(args.entries))
    try:
        base = args.base if args.base is not None else default_base(cwd)
        commit = _commit(base, cwd)
        folder = os.path.relpath(entries_dir, cwd)
        if folder.startswith(".."):
            raise Refused(f"{args.entries} is not inside {cwd}")
        with tempfile.TemporaryDirectory(prefix="dossier-base-") as tmp:
            extract(commit, Path(folder).as_posix(), cwd, Path(tmp))
            before = collect(Path(tmp) / folder, Path(tmp))
    except Refused as error:
        print(f"diff: {error}", file=sys.stderr)
        return 2
    after = collect(entries_dir, cwd)
    label = commit[:12] if commit.startswith(base.lower()) else f"{base} {commit[:12]}"
    text = render(compare(before.index, after.index, before.problems, after.problems), label)
    sys.stdout.write(cut(text, args.max_bytes) if args.max_bytes > 0 else text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
