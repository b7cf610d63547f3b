"""Review of code is enforced: every path but entries/ has a code owner, the pull-request
workflow flags a change outside entries/, and every action is pinned by commit."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, git

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
CHECK_NAME = "changes code outside entries/"


def _uses(node) -> list[str]:
    """Every `uses:` value in a parsed workflow (steps, and jobs that call other workflows)."""
    if isinstance(node, dict):
        return [v for k, v in node.items() if k == "uses"] + [u for v in node.values() for u in _uses(v)]
    if isinstance(node, list):
        return [u for v in node for u in _uses(v)]
    return []


def test_every_action_is_pinned_by_a_full_commit_sha_with_its_release():
    assert WORKFLOWS
    for path in WORKFLOWS:
        text = path.read_text(encoding="utf-8")
        parsed = _uses(yaml.safe_load(text))
        # A tag or branch can be moved to other code; a commit cannot. Local actions are the
        # repository's own code, reviewed with it.
        lines = re.findall(r"^\s*(?:-\s+)?uses:\s*(\S+)[ \t]*(.*)$", text, flags=re.M)
        assert sorted(ref for ref, _ in lines) == sorted(parsed), f"{path.name}: a `uses:` not on one line"
        for ref, comment in lines:
            if ref.startswith("./"):
                continue
            assert re.fullmatch(r"[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}", ref), f"{path.name}: {ref} is not pinned"
            assert re.fullmatch(r"# v\d+(\.\d+)*", comment), f"{path.name}: {ref} has no `# vX.Y.Z` comment"


def _codeowners() -> list[tuple[str, list[str]]]:
    rules = []
    for line in (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            pattern, *owners = line.split()
            rules.append((pattern, owners))
    return rules


def _matches(pattern: str, path: str) -> bool:
    """GitHub's CODEOWNERS matching (gitignore's rules, without negation or ranges)."""
    anchored = pattern.startswith("/") or "/" in pattern.rstrip("/")
    body = re.escape(pattern.strip("/")).replace(r"\*\*", ".*").replace(r"\*", "[^/]*").replace(r"\?", "[^/]")
    return (
        re.fullmatch(("" if anchored else "(?:.*/)?") + body + ("/.*" if pattern.endswith("/") else "(?:/.*)?"), path)
        is not None
    )


def _owners(rules, path: str) -> list[str]:
    found = [owners for pattern, owners in rules if _matches(pattern, path)]
    return found[-1] if found else []  # the last matching line wins


@pytest.mark.parametrize(
    "pattern, path, expected",
    [
        ("*", "macros/hook.py", True),
        ("*", "Makefile", True),
        ("/entries/", "entries/people/x.md", True),
        ("/entries/", "entries", False),
        ("/entries/", "docs/entries/x.md", False),
        ("docs/", "a/docs/x", True),
        ("/docs/*.md", "docs/a.md", True),
        ("/docs/*.md", "docs/a/b.md", False),
        ("**/logs", "a/b/logs/c", True),
    ],
)
def test_the_codeowners_matcher_follows_githubs_rules(pattern, path, expected):
    assert _matches(pattern, path) is expected


def test_codeowners_covers_every_top_level_path_but_entries():
    rules = _codeowners()
    team = _owners(rules, "macros/hook.py")
    assert team and all(o.startswith("@") for o in team)
    # Today's top-level paths, and ones that do not exist yet: a new folder is code too.
    names = {p.name for p in ROOT.iterdir()} | {"a-new-file", "a-new-folder", ".a-new-dot-folder"}
    for name in sorted(names - {"entries", ".git"}):
        for path in (name, f"{name}/x.py", f"{name}/deep/er/x.md"):
            assert _owners(rules, path) == team, path
    # Entries are content: any maintainer reviews them, so that no code owner is needed.
    for path in ("entries/people/denis-kvasov.md", "entries/x", "entries/.gitkeep"):
        assert _owners(rules, path) == [], path


def _check_job() -> dict:
    jobs = yaml.safe_load((ROOT / ".github" / "workflows" / "tests.yml").read_text(encoding="utf-8"))["jobs"]
    (job,) = [j for j in jobs.values() if j.get("name") == CHECK_NAME]
    return job


def test_the_code_check_runs_on_pull_requests_with_the_whole_history():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "tests.yml").read_text(encoding="utf-8"))
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key `on` as true
    job = _check_job()
    assert job["if"] == "github.event_name == 'pull_request'"
    (checkout,) = [s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@")]
    assert checkout["with"]["fetch-depth"] == 0 and checkout["with"]["persist-credentials"] is False
    assert "write" not in str(workflow.get("permissions")) + str(job.get("permissions", ""))


def _write(repo: Path, path: str, text: str = "x\n") -> None:
    (repo / path).parent.mkdir(parents=True, exist_ok=True)
    (repo / path).write_text(text, encoding="utf-8")


# Each change a pull request makes on top of the base, and the paths the check must list.
CHANGES = {
    "an entry only": ([("write", "entries/people/new-person.md")], []),
    "an entry and its folder only": ([("write", "entries/people/a.md"), ("remove", "entries/people/jane-roe.md")], []),
    "a macro": ([("write", "macros/hook.py")], ["macros/hook.py"]),
    "a page and an entry": ([("write", "entries/people/a.md"), ("write", "docs/x.md")], ["docs/x.md"]),
    "a move out of macros into entries": ([("move", "macros/hook.py", "entries/people/hook.md")], ["macros/hook.py"]),
    "a folder named like entries": ([("write", "entries-extra/x.md")], ["entries-extra/x.md"]),
    "the workflow itself": ([("write", ".github/workflows/tests.yml")], [".github/workflows/tests.yml"]),
    "a name that looks like a workflow command": ([("write", "::error::fine.md")], ["::error::fine.md"]),
    "a name with a space and an accent": ([("write", "docs/é x.md")], ["docs/é x.md"]),
}


@pytest.mark.skipif(shutil.which("git") is None or shutil.which("bash") is None, reason="needs git and bash")
@pytest.mark.parametrize("change", CHANGES, ids=str)
def test_the_code_check_fails_exactly_when_a_path_outside_entries_changes(tmp_path, change):
    steps, outside = CHANGES[change]
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    for path in ("entries/people/jane-roe.md", "macros/hook.py", ".github/workflows/tests.yml", "README.md"):
        _write(repo, path)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    base = git(repo, "rev-parse", "HEAD").stdout.strip()
    for action, path, *target in steps:
        if action == "write":
            _write(repo, path, "changed\n")
        elif action == "remove":
            git(repo, "rm", "-q", path)
        else:
            git(repo, "mv", path, target[0])
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "pull request")
    (script,) = [s["run"] for s in _check_job()["steps"] if "run" in s]
    done = subprocess.run(
        ["bash", "-c", script], cwd=repo, env={**os.environ, "BASE": base}, capture_output=True, text=True, timeout=60
    )
    if not outside:
        assert done.returncode == 0, done.stdout + done.stderr
        assert "changes only entries/" in done.stdout
        return
    assert done.returncode == 1, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    # The listing sits between ::stop-commands::TOKEN and ::TOKEN::, so no name acts as a command.
    start = next(i for i, line in enumerate(lines) if line.startswith("::stop-commands::"))
    token = lines[start].removeprefix("::stop-commands::")
    assert re.fullmatch(r"[0-9a-f]{32}", token)
    end = lines.index(f"::{token}::")
    assert lines[start + 2 : end] == [f"  {path}" for path in sorted(outside)]
    assert lines[end + 1].startswith("::error title=This pull request changes code::")


def _ignored(name: str) -> bool:
    patterns = [
        line.strip()
        for line in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    return any(_matches(p, name) or _matches(p, f"{name}/x") for p in patterns)


def test_the_security_page_names_every_path_whose_change_is_code():
    page = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    section = page.split("\n## Changes that are code\n", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"`([^`]+?)/?`", section))
    tracked = {p.name for p in ROOT.iterdir() if p.name not in {".git", "entries"} and not _ignored(p.name)}
    assert sorted(tracked - named) == []
    assert "render_macros: true" in section and CHECK_NAME in section
