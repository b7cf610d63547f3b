"""`make serve` rebuilds only what an edit changed, and the site it serves is, to the byte, the one a
full build of the same entries makes.

One process serves as `mkdocs serve --dirty` does (the hook started once, the configuration read
again before each rebuild, the site folder kept) while the entries are edited, added, renamed,
broken, mended and deleted; after each rebuild the site is compared, file by file, with a full
build of the same tree in a process of its own. The edits are chosen from whatever entries/
holds: a typo in a body, a body link that adds a backlink, a new entry with dated facts, its
renaming, a new name for the entry the most others link to, a file made unreadable and mended.
"""

from __future__ import annotations

import filecmp
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, make_project

from bench.generate import generate
from macros.corpus import collect
from macros.stale import links

URL = "http://127.0.0.1:8000/"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}

# Serves as `mkdocs serve` does: a configuration per build, the plugins and hook loaded once.
SERVE = (
    """
import json, shutil, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

steps, out, site, dirty = json.loads(Path(sys.argv[1]).read_text()), Path(sys.argv[2]), sys.argv[3], sys.argv[4] == "dirty"
URL = "%s"

def config():
    c = load_config(config_file="mkdocs.yml", site_dir=site)
    c.site_url = URL
    return c

first = config()
first.plugins.on_startup(command="serve", dirty=dirty)
modes = []
for n, step in enumerate(steps):
    for op, path, arg in step:
        p = Path(path)
        if op == "write":
            p.write_text(arg, encoding="utf-8")
        elif op == "rename":
            p.rename(arg)
        else:
            p.unlink()
    build(first if n == 0 else config(), serve_url=URL, dirty=dirty)
    hook = sys.modules["macros/hook.py"]._hook
    if hook.incremental is not None:
        hook.incremental.wait()  # the exports, which follow the reload
    shutil.copytree(site, out / str(n) / "site")
    shutil.copytree("entries", out / str(n) / "entries")
    modes.append({"full": hook.incremental.full if hook.incremental else True, "problems": hook.showing_problems})
(out / "modes.json").write_text(json.dumps(modes))
"""
    % URL
)


def _run(project: Path, steps: list, out: Path, dirty: bool) -> list[dict]:
    """Serve `project`, taking `steps` in turn: each build's mode (whole or not, problems shown)."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "steps.json").write_text(json.dumps(steps), encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            SERVE,
            str(out / "steps.json"),
            str(out),
            str(out / "served"),
            "dirty" if dirty else "x",
        ],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=1800,
        env=ENV,
    )
    assert done.returncode == 0, done.stderr[-5000:]
    return json.loads((out / "modes.json").read_text())


def _renamed(text: str, name: str) -> str:
    """The file with its name line replaced (JSON is YAML: the new name needs no other quoting)."""
    lines = text.split("\n")
    n = next(i for i, line in enumerate(lines) if line.startswith("name:"))
    return "\n".join(lines[:n] + [f"name: {json.dumps(name, ensure_ascii=False)}"] + lines[n + 1 :])


def _with_point(text: str, point: str) -> str:
    """The file with a point added first to its list of points (made if it has none)."""
    head, sep, rest = text.partition("\npoints:\n")
    return head + sep + point + rest if sep else text.replace("\n---\n", f"\npoints:\n{point}---\n", 1)


def _edits(project: Path) -> tuple[list, set[int]]:
    """Steps of (operation, path, argument), chosen from the entries the project holds, and which
    steps leave problems (every page then shows them, and the site is built whole)."""
    entries = project / "entries"
    index = collect(entries, project).index
    assert index.entries, "entries/ holds no entry"
    out = links(index)
    linked = sorted(index.entries, key=lambda e: (-sum(len(ids) for _, ids in index.backlinks.get(e, ())), e))
    hub = index.entries[linked[0]]
    # An entry with a body, few links and a source: the typo, the link and the dated points go there.
    other = next(
        index.entries[e]
        for e in reversed(linked)
        if index.entries[e].type.name in ("person", "organisation") and index.entries[e].sources
    )
    file = {e.id: project / e.path for e in index.entries.values()}
    dated = next(
        (e for e in index.entries.values() if any(d.entry == e.id for d in index.chronology)), index.entries[linked[1]]
    )
    copy_text = _renamed(file[dated.id].read_text(encoding="utf-8"), dated.name + " (a second account)")
    copy = entries / dated.type.folder / f"{dated.id}-second.md"
    moved = entries / dated.type.folder / f"{dated.id}-third.md"
    typo = file[other.id].read_text(encoding="utf-8").rstrip("\n") + "\n\nA sentence added by an edit.\n"
    # A link to an entry `other` did not link to yet: a backlink more on that entry's page.
    target = index.entries[next(e for e in linked if e not in {t for t, _ in out[other.id]} | {other.id})]
    with_link = typo.rstrip("\n") + f"\n\nSee also [{target.name}](../{target.type.folder}/{target.id}.md).\n"
    source = other.sources[0]
    found = re.search(r"\d{4}", str(index.entries[source].data.get("published", "")))
    year = found.group(0) if found else "2006"
    point = f'  - says: "A dated point added by an edit."\n    when: "{year}"\n    sources: [{source}]\n'
    with_date = _with_point(with_link, point)
    # A year no fact had: every year's page links to its neighbours.
    early = str(min(index.dated_years, default=2000) - 3)
    with_year = _with_point(with_date, point.replace(f'"{year}"', f'"{early}"').replace("A dated", "An early"))
    broken = file[hub.id].read_text(encoding="utf-8").replace("type: ", "type: x", 1)
    hub_text = file[hub.id].read_text(encoding="utf-8")
    steps = [
        [],
        [("write", str(file[other.id]), typo)],
        [("write", str(file[other.id]), with_link)],
        [("write", str(file[other.id]), with_date)],
        [("write", str(file[other.id]), with_year)],
        [("write", str(copy), copy_text)],
        [("rename", str(copy), str(moved))],
        [("write", str(file[hub.id]), _renamed(hub_text, hub.name + " (renamed)"))],
        [("delete", str(moved), "")],
        [("write", str(file[hub.id]), broken)],
        [("write", str(file[hub.id]), hub_text)],
    ]
    return steps, {len(steps) - 2}


def _differences(a: Path, b: Path) -> list[str]:
    out = []
    cmp = filecmp.dircmp(a, b)
    out += [f"only in the incremental site: {p}" for p in cmp.left_only]
    out += [f"only in the full build: {p}" for p in cmp.right_only]
    _, mismatch, errors = filecmp.cmpfiles(a, b, cmp.common_files, shallow=False)
    out += [f"differs: {p}" for p in mismatch + errors]
    for sub in cmp.common_dirs:
        out += [f"{sub}/{d}" for d in _differences(a / sub, b / sub)]
    return out


def _project(tmp_path: Path, which: str) -> Path:
    if which == "real":
        return make_project(tmp_path, ROOT / "entries")
    generate(GENERATED, tmp_path / "generated")
    return make_project(tmp_path, tmp_path / "generated")


GENERATED = 160  # entries: enough that two links from an edit do not reach every page


@pytest.mark.parametrize("which", ["real", "generated"])
def test_an_incrementally_rebuilt_site_is_a_full_build_to_the_byte(tmp_path, which):
    project = _project(tmp_path, which)
    problems = [str(p) for p in collect(project / "entries", project).problems]
    # The generator writes a dossier the whole check passes; the real one may be caught mid-edit.
    assert which == "real" or not problems, problems[:5]
    if problems:
        pytest.skip("entries/ has problems: every page would show them, and each build is whole")
    steps, broken = _edits(project)
    modes = _run(project, steps, tmp_path / "served", dirty=True)
    for n, mode in enumerate(modes):
        # Rebuilt in part after every edit, whole after the first build and while problems are shown.
        assert mode == {"full": n == 0 or n in broken or n - 1 in broken, "problems": n in broken}, (n, mode)
    for n in range(len(steps)):
        # The same tree, built whole in a process of its own (with the same code: others may be editing it).
        (tmp_path / f"full-{n}").mkdir()
        full = make_project(tmp_path / f"full-{n}", tmp_path / "served" / str(n) / "entries", source=project)
        _run(full, [[]], tmp_path / f"full-{n}" / "out", dirty=False)
        differences = _differences(tmp_path / "served" / str(n) / "site", tmp_path / f"full-{n}" / "out" / "0" / "site")
        assert not differences, f"after step {n} ({[op[:2] for op in steps[n]]}):\n" + "\n".join(differences[:20])


# --- the guarantee stale.py gives, tried over generated edits -------------------------------

from hypothesis import HealthCheck, assume, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from macros import pages, reference, schema, tables  # noqa: E402
from macros.dossier import Dossier  # noqa: E402
from macros.draw.graph import graph_page  # noqa: E402
from macros.draw.relations import relation_edges  # noqa: E402
from macros.draw.timeline import timeline_page  # noqa: E402
from macros.published import Published  # noqa: E402
from macros.stale import YEAR_VIEW, _Near, _neighbours, _shown, changed_views, links_of, stale_pages  # noqa: E402

# The views of the hand-written pages, by the kind main.py files them under: a view of a kind
# stale.py calls unchanged is given again, not made.
VIEWS = {
    "facts": (
        lambda index, hold: tables.chronology(index, "../", hold),
        lambda index, hold: timeline_page(index, "../", hold),
    ),
    "shown": (lambda index, hold: reference.open_data_table(index, "../"),),
    "disputes": (lambda index, hold: pages.disputed_page(index, "../", hold),),
    "drawn": (lambda index, hold: graph_page(index, "../"),),
    "quoted": (lambda index, hold: reference.sources_overview(index, "../"),),
}

EDIT = st.tuples(
    st.sampled_from(["typo", "quote", "name", "link", "point", "delete", "copy"]),
    st.integers(0, 10_000),
    st.integers(0, 10_000),
    st.integers(1990, 2012),
)


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    entries = tmp_path_factory.mktemp("small") / "entries"
    generate(40, entries, seed=3)
    return entries


def _apply(entries: Path, kind: str, a: int, b: int, year: int) -> None:
    files = sorted(entries.rglob("*.md"))
    path, other = files[a % len(files)], files[b % len(files)]
    text = path.read_text(encoding="utf-8")
    if kind == "typo":
        path.write_text(text + "\nA sentence more.\n", encoding="utf-8")
    elif kind == "quote":  # counted against the entry's sources: the Sources page's table changes
        path.write_text(text + "\nShe said « un deux trois ».\n", encoding="utf-8")
    elif kind == "name":
        path.write_text(_renamed(text, f"Another name {a}"), encoding="utf-8")
    elif kind == "link":
        link = f"[there](../{other.parent.name}/{other.stem}.md)"
        path.write_text(text + f"\nSee {link}.\n", encoding="utf-8")
    elif kind == "point" and path.parent.name in ("people", "organisations"):
        source = next(p.stem for p in files if p.parent.name == "articles")
        point = f'  - says: "A point of {year}."\n    when: "{year}"\n    sources: [{source}]\n'
        path.write_text(_with_point(text, point), encoding="utf-8")
    elif kind == "delete":
        path.unlink()
    elif kind == "copy":
        path.with_name(f"{path.stem}-copy-{a}.md").write_text(_renamed(text, f"A copy {a}"), encoding="utf-8")


def _edited(small: Path, edits: list, tmp_path_factory) -> tuple[Dossier, Dossier]:
    """A copy of `small` read before and after the edits; neither has problems (with problems,
    every page shows them and the whole site is built again: there is nothing to compare)."""
    work = tmp_path_factory.mktemp("edited")
    shutil.copytree(small, work / "entries")
    before = Dossier.read(work)
    for edit in edits:
        _apply(work / "entries", *edit)
    after = Dossier.read(work)
    assume(not before.problems and not after.problems)
    return before, after


def _made(dossier: Dossier) -> dict[str, tuple]:
    """Every generated page as made: metadata, Markdown with its blocks put back, anchors, warnings."""
    out = {}
    for page in dossier.pages(Published("http://127.0.0.1:8000/", "", "main", name="The test dossier")):
        content = page.make()
        out[page.path] = (page, content.meta, dossier.put_back(content.markdown), content.anchors, content.warnings)
    return out


def _rows(index) -> dict[str, str]:
    """Each entry's row in its type's index."""
    made: dict[str, str] = {}
    for etype in schema.TYPES:
        tables.type_table(index, etype.name, "../", lambda entry, make: made.setdefault(entry.id, make()))
    return made


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(EDIT, min_size=1, max_size=3))
def test_a_page_stale_py_leaves_out_is_made_the_same(small, edits, tmp_path_factory):
    """Whatever the edits, a generated page that stale.py does not name is made, to the character,
    as it was before them."""
    before, after = _edited(small, edits, tmp_path_factory)
    stale = stale_pages(before.index, after.index, (before.corpus.budgets, after.corpus.budgets))
    old, new = _made(before), _made(after)
    for path, (page, *made) in new.items():
        if path not in old:
            continue
        named = (
            page.entry in stale.entries
            if page.entry
            else page.type_index in stale.types
            if page.type_index
            else stale.years is None or page.year in stale.years
        )
        if not named:
            assert made == list(old[path][1:]), path
    for kind in stale.unchanged_views() - {"code"}:
        for view in VIEWS[kind]:
            assert view(after.index, str) == view(before.index, str), kind
    if stale.rows is not None:  # the rows of the types' indexes, each given again if not named
        old_rows = _rows(before.index)
        for eid, row in _rows(after.index).items():
            if eid not in stale.rows and eid in old_rows:
                assert row == old_rows[eid], eid
    for year in after.index.filed_by_year:  # the chronology's tables, each a view of its own
        if stale.keeps(f"{YEAR_VIEW}{year}") and year in before.index.filed_by_year:
            made = tables.chronology_year(after.index, year, "../", str)
            assert made == tables.chronology_year(before.index, year, "../", str), year


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(EDIT, min_size=1, max_size=3))
def test_what_stale_py_works_out_per_entry_is_what_the_whole_indexes_give(small, edits, tmp_path_factory):
    """stale.py looks only at the entries an edit touched and at their neighbours: each entry's
    links, its neighbours and the entries shown otherwise are those that comparing every entry
    of the two indexes gives (an entry's links change with its own file only, when neither index
    has problems)."""
    first, then = _edited(small, edits, tmp_path_factory)
    before, after = first.index, then.index
    whole = (links(before), links(after))
    for index, found in zip((before, after), whole):
        for eid in index.entries:
            assert links_of(index, eid) == found[eid], eid
    edges = (relation_edges(before), relation_edges(after))
    near, everywhere = _Near((before, after), edges), _neighbours(whole, edges)
    ids = before.entries.keys() | after.entries.keys()
    for eid in ids:
        assert near.get(eid) == everywhere.get(eid, set()), eid
    shown = {eid for eid in ids if _shown(before, eid) != _shown(after, eid)}
    linked = {eid for eid in ids if whole[0].get(eid, set()) != whole[1].get(eid, set())}
    ends = {t for eid in linked for t, _ in whole[0].get(eid, set()) ^ whole[1].get(eid, set())}
    assert changed_views(before, after) == (shown | linked | ends, shown)
