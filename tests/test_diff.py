"""`make diff`: the review summary of what a change does to the dossier, from two indexes."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, ROOT, git
from hypothesis import given
from hypothesis import strategies as st

from macros.changes import compare
from macros.corpus import collect
from macros.files import LINK
from macros.summary import cut, md, render

PAIR = FIXTURES / "diff"
MINI = FIXTURES / "mini" / "entries"


def _summary(before: Path, after: Path, base: str = "main") -> str:
    old, new = collect(before, before.parent), collect(after, after.parent)
    return render(compare(old.index, new.index, old.problems, new.problems), base)


def _changes(before: Path, after: Path):
    old, new = collect(before, before.parent), collect(after, after.parent)
    return compare(old.index, new.index, old.problems, new.problems)


def _copy(tmp: Path, name: str, source: Path = MINI) -> Path:
    entries = tmp / name / "entries"
    shutil.copytree(source, entries)
    return entries


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} has no {old!r}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_fixture_pair_gives_the_expected_summary():
    # Each kind of change at once: an entry added (with a broken reference), one removed, one
    # moved to another id, fields, facts, sources and quotations changed, a dispute opened and
    # another closed, and an unchanged article's backlinks.
    expected = (PAIR / "expected.md").read_text(encoding="utf-8")
    assert _summary(PAIR / "before" / "entries", PAIR / "after" / "entries") == expected


def test_going_back_swaps_added_and_removed_opened_and_closed():
    forward = _changes(PAIR / "before" / "entries", PAIR / "after" / "entries")
    back = _changes(PAIR / "after" / "entries", PAIR / "before" / "entries")
    assert [g.id for g in forward.added] == [g.id for g in back.removed] == ["john-doe"]
    assert [g.id for g in forward.removed] == [g.id for g in back.added] == ["shop-complaint"]
    assert [(r.old_id, r.new_id) for r in forward.renamed] == [(r.new_id, r.old_id) for r in back.renamed]
    flip = {"opened": "closed", "closed": "opened"}
    assert sorted((flip[d.status], d.entry, d.about) for d in forward.disputes) == sorted(
        (d.status, d.entry, d.about) for d in back.disputes
    )
    assert forward.facts("added") == back.facts("removed") + sum(
        1 for e in forward.entries if e.status == "added" for f in e.facts
    )  # john-doe's facts go with it
    # The base had no problem: going back fixes the one the change brought.
    assert (sum(new for _, new in forward.problems), forward.fixed) == (1, 0)
    assert (back.problems, back.fixed) == ((), 1)


def test_a_dossier_compared_with_itself_has_nothing_to_show():
    assert _summary(MINI, MINI, "HEAD") == (
        "## What this change does to the dossier (against HEAD)\n\n"
        "entries: 0 added, 0 removed, 0 renamed, 0 changed · facts: 0 added, 0 removed, 0 changed · "
        "0 quotations to check · disputes: 0 opened, 0 closed · problems: 0 (0 new, 0 fixed)\n\n"
        "No entry is added, removed or changed.\n"
    )


NEW_ENTRY = """---
type: organisation
name: {name}
summary: Another shop.
sources: [first-report]
kind: website
---
"""


@pytest.mark.parametrize(
    "change, old_id, new_id, how",
    [
        # The file moved to another id, nothing else changed.
        ("move", "shop", "the-shop", "same content"),
        # Another id and another summary, the same name.
        ("move and edit", "the-paper", "paper", "same name"),
        # Another id, name and summary, the rest kept.
        ("move and rename", "shop", "boutique", "similar content"),
        # Another id, name and content: not the same entry.
        ("replace", "a-court", "tribunal", None),
    ],
    ids=["same content", "same name", "similar content", "not a rename"],
)
def test_an_entry_under_another_id_is_a_rename_when_its_name_or_content_says_so(tmp_path, change, old_id, new_id, how):
    before = _copy(tmp_path, "before")
    after = _copy(tmp_path, "after")
    old_file = next(after.glob(f"*/{old_id}.md"))
    new_file = old_file.with_name(f"{new_id}.md")
    if change == "replace":
        old_file.unlink()
        new_file.write_text(NEW_ENTRY.format(name="Tribunal"), encoding="utf-8")
    else:
        old_file.rename(new_file)
    if change == "move and edit":
        _edit(new_file, "summary: A newspaper.", "summary: A daily newspaper of Paris, and its website.")
    if change == "move and rename":
        _edit(new_file, "name: Shop", "name: Boutique")
        _edit(new_file, "summary: A shop run by Jane Roe.", "summary: A boutique of Jane Roe's.")
    result = _changes(before, after)
    if how is None:
        assert result.renamed == ()
        assert [g.id for g in result.added] == [new_id] and [g.id for g in result.removed] == [old_id]
        return
    (rename,) = result.renamed
    assert (rename.old_id, rename.new_id, rename.how.split(" (")[0]) == (old_id, new_id, how)
    assert (rename.old_path, rename.new_path) == (
        old_file.relative_to(after.parent).as_posix(),
        new_file.relative_to(after.parent).as_posix(),
    )
    assert result.added == result.removed == ()
    # References to the old id now fail, and the summary shows each of them as new.
    assert result.problems and all(new for _, new in result.problems)


def test_a_problem_already_on_the_base_is_listed_but_not_marked_new(tmp_path):
    before = _copy(tmp_path, "before")
    after = _copy(tmp_path, "after")
    for entries in (before, after):
        _edit(entries / "people" / "jane-roe.md", "    of: shop\n", "    of: shopp\n")
    # Lines move with edits above them; the problem is the same one.
    _edit(after / "people" / "jane-roe.md", "summary: A director.\n", "summary: A director.\ncountry: Russia\n")
    new = collect(after, after.parent).problems
    (moved,) = [p for p in new if p.field.startswith("roles")]
    (added,) = [p for p in new if p.field == "country"]
    assert moved.line == 10  # one line further down than on the base
    lines = _summary(before, after).splitlines()
    start = lines.index("### Problems (2)")
    assert lines[start + 4 : start + 6] == [f"- **new** {md(str(added))}", f"- {md(str(moved))}"]
    assert "problems: 2 (1 new, 0 fixed)" in lines[2]


def test_a_file_that_can_no_longer_be_read_is_shown_as_such_after_its_problem(tmp_path):
    before = _copy(tmp_path, "before")
    after = _copy(tmp_path, "after")
    _edit(after / "organisations" / "a-court.md", "summary: A court.", "summary: A court: the one.")
    text = _summary(before, after)
    lines = text.splitlines()
    assert lines[4].startswith("### Problems")
    assert lines[8].startswith("- **new** entries/organisations/a-court.md:")
    assert (
        "- organisation a-court — A court (entries/organisations/a-court.md; the file is still there but "
        "cannot be read: see Problems)"
    ) in lines
    assert text.index("### Problems") < text.index("### Entries removed")


@pytest.mark.parametrize(
    "value, shown",
    [
        ("plain text, unchanged: 2007-08~", "plain text, unchanged: 2007-08\\~"),
        ("two\nlines\r\nand\ttabs", "two lines\\\\x0d and tabs"),
        ("`code` and ``more``", "\\`code\\` and \\`\\`more\\`\\`"),
        ("a | b | c", "a \\| b \\| c"),
        ("Shop #1 ###", "Shop \\#1 \\#\\#\\#"),
        ("<script>alert(1)</script> <!-- x -->", "\\<script\\>alert(1)\\</script\\> \\<!-- x --\\>"),
        ("&lt; &#x3C;", "\\&lt; \\&\\#x3C;"),
        ("[link](https://example.org) ![img](x)", "\\[link\\](https://example.org) !\\[img\\](x)"),
        ("*bold* _it_ ~~gone~~ $x$", "\\*bold\\* \\_it\\_ \\~\\~gone\\~\\~ \\$x\\$"),
        ("back\\slash", "back\\\\slash"),
        ("\x1b[31mred \u202egnp.exe", "\\\\x1b\\[31mred \\\\u202egnp.exe"),
        ("in\u200bvisible\u2028line", "in\\\\u200bvisible\\\\u2028line"),
    ],
    ids=[
        "plain",
        "line breaks",
        "backticks",
        "pipes",
        "hashes",
        "html",
        "entities",
        "links",
        "emphasis",
        "backslash",
        "control characters",
        "invisible characters",
    ],
)
def test_a_value_is_escaped_so_that_markdown_shows_it_as_written(value, shown):
    assert md(value) == shown


_SPECIAL = "\\`*_[]<>|&#~$"


@given(st.text())
def test_no_value_can_end_a_line_or_leave_a_special_character_unescaped(value):
    shown = md(value)
    assert "\n" not in shown and "\r" not in shown
    # Take away each backslash escape: what is left holds no character Markdown would act on.
    assert not set(re.sub(r"\\.", "", shown)) & set(_SPECIAL)


@pytest.mark.parametrize("limit", [400, 1000, 3000])
def test_a_summary_too_long_for_github_is_cut_after_a_whole_line_and_says_so(limit):
    text = (PAIR / "expected.md").read_text(encoding="utf-8")
    shown = cut(text, limit)
    assert len(shown.encode("utf-8")) <= limit
    kept, note = shown.rsplit("\n\n", 1)
    assert text.startswith(kept + "\n")
    assert note == f"**The summary stops here: it is longer than {limit} bytes. `make diff` prints all of it.**\n"
    assert cut(text, len(text.encode("utf-8"))) == text


HOSTILE = "Evil\n## Forged heading\n- **new** forged | cell |\n<img src=x onerror=alert(1)> `tick` [a](b) #"


def test_an_entry_cannot_forge_the_structure_of_the_summary(tmp_path):
    before = _copy(tmp_path, "before")
    summaries = []
    for name in ("Plain", HOSTILE):
        after = _copy(tmp_path, f"after-{len(summaries)}")
        quoted = json.dumps(name)  # a JSON string is a YAML double-quoted scalar
        (after / "people" / "evil.md").write_text(
            f"---\ntype: person\nname: {quoted}\nsummary: x\nsources: [first-report]\npoints:\n"
            f"  - says: {quoted}\n    sources: [first-report]\n    quote: {quoted}\n---\n",
            encoding="utf-8",
        )
        summaries.append(_summary(before, after))
    plain, hostile = (s.splitlines() for s in summaries)
    # The same lines, each starting the same way: no value added a line, a heading or a list item.
    assert len(plain) == len(hostile)
    assert [line[:4] for line in plain] == [line[:4] for line in hostile]
    shown = (
        "Evil \\#\\# Forged heading - \\*\\*new\\*\\* forged \\| cell \\| \\<img src=x onerror=alert(1)\\> "
        "\\`tick\\` \\[a\\](b) \\#"
    )
    assert f"#### added: person evil — {shown}" in hostile
    assert f'- evil, points: "{shown}"; from first-report (https://example.org/first)' in hostile


def _diff(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "macros.diff", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_command_reads_the_base_from_git_and_the_working_tree_as_it_is(tmp_path):
    repo = tmp_path / "repo"
    entries = _copy(tmp_path, "repo")
    os.symlink("/etc/hostname", entries / "people" / "linked.md")  # on the base: reported, never read
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "entries")
    git(repo, "commit", "-q", "-m", "base")
    # The change: a committed rename, then an edit and a new file not yet committed.
    git(repo, "mv", "entries/organisations/a-court.md", "entries/organisations/the-court.md")
    git(repo, "commit", "-q", "-m", "rename")
    _edit(entries / "rulings" / "roe-case.md", "entry: a-court", "entry: the-court")
    (entries / "people" / "john-doe.md").write_text(
        (PAIR / "after" / "entries" / "people" / "john-doe.md").read_text(encoding="utf-8"), encoding="utf-8"
    )
    status = git(repo, "status", "--porcelain", "--ignored").stdout

    done = _diff(repo, "--base", "HEAD~1")
    assert done.returncode == 0, done.stderr
    assert git(repo, "status", "--porcelain", "--ignored").stdout == status  # the working tree is untouched
    lines = done.stdout.splitlines()
    base = git(repo, "rev-parse", "HEAD~1").stdout.strip()
    assert lines[0] == f"## What this change does to the dossier (against HEAD\\~1 {base[:12]})"
    assert (
        "entries: 1 added, 0 removed, 1 renamed, 1 changed · facts: 2 added, 0 removed, 1 changed · "
        "1 quotation to check · disputes: 0 opened, 0 closed · problems: 2 (1 new, 0 fixed)"
    ) == lines[2]
    assert "- person john-doe — John Doe (entries/people/john-doe.md)" in lines
    assert (
        "- organisation a-court → the-court: same content "
        "(entries/organisations/a-court.md → entries/organisations/the-court.md)"
    ) in lines
    assert f"- entries/people/linked.md:1: file: {md(LINK)}" in lines

    # With the base given as a commit, the summary names the commit alone; the default is main.
    assert _diff(repo, "--base", base).stdout.splitlines()[0].endswith(f"(against {base[:12]})")
    assert _diff(repo).stdout.splitlines()[0].startswith("## What this change does to the dossier (against main ")


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
@pytest.mark.parametrize(
    "where, base, message",
    [
        ("repo", "no-such-branch", "diff: 'no-such-branch' is not a commit of this repository"),
        ("repo", "--output=x", "diff: '--output=x' is not a commit"),
        ("repo", "HEAD:entries", "diff: 'HEAD:entries' is not a commit of this repository"),
        ("elsewhere", "HEAD", "diff: {cwd} is not in a git repository"),
    ],
    ids=["unknown ref", "an option", "a tree", "not a repository"],
)
def test_a_bad_base_or_no_repository_is_one_line_and_exit_2(tmp_path, where, base, message):
    repo = tmp_path / "repo"
    _copy(tmp_path, "repo")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "entries")
    git(repo, "commit", "-q", "-m", "base")
    cwd = repo if where == "repo" else tmp_path / "elsewhere"
    cwd.mkdir(exist_ok=True)
    done = subprocess.run(
        [sys.executable, "-m", "macros.diff", f"--base={base}"],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "GIT_CEILING_DIRECTORIES": str(tmp_path)},
        timeout=120,
    )
    assert (done.returncode, done.stdout, done.stderr) == (2, "", message.format(cwd=cwd) + "\n")
    assert not (repo / "x").exists()


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_diff_passes_base_and_entries():
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS", "BASE")}
    done = subprocess.run(
        ["make", "--no-print-directory", "-n", "diff", "BASE=abc123", "ENTRIES=some/entries", "MAX_BYTES=100"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1].endswith(
        '-m macros.diff --base "abc123" --entries "some/entries" --max-bytes "100"'
    )


def _review_job() -> tuple[dict, dict]:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "tests.yml").read_text(encoding="utf-8"))
    (job,) = [
        j
        for j in workflow["jobs"].values()
        if any(re.search(r"\bmake\b.* diff\b", s.get("run", "")) for s in j["steps"])
    ]
    return workflow, job


def test_pull_requests_get_the_summary_and_the_built_site_with_a_read_only_token():
    workflow, job = _review_job()
    # pull_request runs a fork's code with a read-only token and no secrets; pull_request_target
    # would give it the base repository's.
    assert "pull_request" in workflow[True] and "pull_request_target" not in workflow[True]
    assert job["if"] == "github.event_name == 'pull_request'"
    assert workflow["permissions"] == {"contents": "read"} and "permissions" not in job
    assert not re.search(r"\$\{\{[^}]*\bsecrets\b", (ROOT / ".github" / "workflows" / "tests.yml").read_text("utf-8"))
    steps = job["steps"]
    (checkout,) = [s for s in steps if s.get("uses", "").startswith("actions/checkout@")]
    assert checkout["with"]["fetch-depth"] == 0 and checkout["with"]["persist-credentials"] is False
    (summary,) = [s for s in steps if re.search(r"\bmake\b.* diff\b", s.get("run", ""))]
    # The base commit comes in through the environment, never pasted into the script.
    assert summary["env"]["BASE"] == "${{ github.event.pull_request.base.sha }}"
    assert summary["run"] == 'make --silent diff BASE="$BASE" MAX_BYTES=1000000 >> "$GITHUB_STEP_SUMMARY"'
    (build,) = [s for s in steps if s.get("run") == "make build"]
    (upload,) = [s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert steps.index(summary) < steps.index(build) < steps.index(upload)
    assert upload["with"]["path"].rstrip("/") == "site" and upload["if"].endswith("steps.build.outcome == 'success' }}")
