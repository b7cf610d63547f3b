"""The benchmark's corpus generator (bench/generate.py): a small corpus passes the real check
and uses every feature; output depends only on N and the seed. No timing here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT

from bench.generate import MIN_ENTRIES, generate
from bench.run import plain_config
from macros import check, schema
from macros.corpus import collect
from macros.index import MENTIONED_IN

N = 60


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> tuple[Path, object]:
    entries = tmp_path_factory.mktemp("bench") / "entries"
    stats = generate(N, entries, seed=1)
    return entries, stats


@pytest.fixture(scope="module")
def small_corpus(small):
    entries, _ = small
    return collect(entries, entries.parent)


def test_the_small_corpus_passes_the_check_with_no_problem(small, small_corpus):
    entries, stats = small
    assert [str(p) for p in small_corpus.problems] == []
    assert len(small_corpus.index.entries) == N == stats.entries
    assert small_corpus.files == N


@pytest.mark.parametrize("n", [MIN_ENTRIES, 160, 1000])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_generated_dossiers_pass_the_whole_check_as_make_check_runs_it(tmp_path, capsys, n, seed):
    """`make check`'s entry point, every rule at once, the quotation budget too: the lengths the
    generator gives its articles hold every quotation the check counts against them."""
    entries = tmp_path / "entries"
    generate(n, entries, seed=seed)
    assert check.main([str(entries), "--no-cache"]) == 0
    out, err = capsys.readouterr()
    assert (out, err) == ("", f"{n} entries checked, no problems\n")


def test_it_has_every_type_and_every_file_is_where_its_type_says(small, small_corpus):
    entries, _ = small
    for t in schema.TYPES:
        assert small_corpus.index.by_type[t.name], t.name
    for path in entries.rglob("*.md"):
        entry = small_corpus.index.entries[path.stem]
        assert entry.type.folder == path.parent.name


def test_it_has_references_backlinks_and_body_links(small, small_corpus):
    _, stats = small
    index = small_corpus.index
    assert stats.refs > N and stats.body_links > N
    relations = {label for groups in index.backlinks.values() for label, _ in groups}
    assert MENTIONED_IN in relations  # links in entry bodies
    assert {"Cited by", "Published"} <= relations  # sources and publishers
    assert len(relations) >= 6  # and typed relations
    assert sum(len(refs) for refs in index.references.values()) > N


def test_it_has_aliases_inexact_and_disputed_dates_and_disputed_points(small, small_corpus):
    _, stats = small
    index = small_corpus.index
    assert stats.aliases and any(e.aliases for e in index.entries.values())
    assert any(any(not ord(c) < 128 for c in a) for e in index.entries.values() for a in e.aliases)
    assert any(d.date.uncertain for d in index.chronology)
    assert any(d.date.interval and (d.date.start is None or d.date.end is None) for d in index.chronology)
    assert any(d.from_dates for d in index.disputes)  # dates that cannot all be true
    assert any(not d.from_dates for d in index.disputes)  # `disputed` blocks
    assert any(f.item.get("quote") for facts in index.facts_citing.values() for f in facts)


def test_the_generator_is_deterministic_and_writes_only_into_its_folder(tmp_path, small):
    entries, _ = small
    again = tmp_path / "again" / "entries"
    generate(N, again, seed=1)
    files = sorted(p.relative_to(entries).as_posix() for p in entries.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again).as_posix() for p in again.rglob("*") if p.is_file())
    assert all((entries / f).read_bytes() == (again / f).read_bytes() for f in files)
    assert sorted(p.name for p in (tmp_path / "again").iterdir()) == ["entries"]
    other = tmp_path / "other"
    generate(N, other, seed=2)
    assert sorted(p.name for p in other.rglob("*.md")) != sorted(Path(f).name for f in files)


def test_the_generator_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "x").write_text("x", encoding="utf-8")
    with pytest.raises(FileExistsError):
        generate(N, tmp_path)


def test_the_plain_configuration_drops_only_the_machinery():
    import yaml

    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    plain = plain_config(text)
    assert "hooks" not in plain and "macros" not in plain.split("plugins:", 1)[1].split("markdown_extensions")[0]

    class Loader(yaml.SafeLoader):
        pass

    def tagged(loader, suffix, node):
        if isinstance(node, yaml.SequenceNode):
            return ("!" + suffix, loader.construct_sequence(node))
        if isinstance(node, yaml.MappingNode):
            return ("!" + suffix, loader.construct_mapping(node))
        return ("!" + suffix, loader.construct_scalar(node))

    Loader.add_multi_constructor("!", tagged)
    real, kept = yaml.load(text, Loader=Loader), yaml.load(plain, Loader=Loader)
    for key in set(real) - {"hooks", "watch", "plugins"}:
        assert kept[key] == real[key], key
    assert [p for p in real["plugins"] if "macros" not in json.dumps(p)] == kept["plugins"]


def test_the_plain_build_gets_the_very_markdown_the_dossier_converts(tmp_path):
    """bench.capture writes out each page as the dossier's build converts it, for the plain build."""
    import os
    import subprocess
    import sys

    import yaml
    from conftest import FIXTURES, make_project, mkdocs_config

    from macros.dossier import Dossier
    from macros.hook import theme_meta
    from macros.published import Published

    project = make_project(tmp_path, FIXTURES / "mini" / "entries")
    out = tmp_path / "plain-docs"
    done = subprocess.run(
        [sys.executable, "-m", "bench.capture", str(project), str(out)],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    index = collect(project / "entries", project).index
    hand_written = {p.relative_to(project / "docs").as_posix() for p in (project / "docs").rglob("*.md")}
    generated = (
        {e.src_uri for e in index.entries.values()}
        | {f"timeline/{y}.md" for y in index.dated_years}
        | {f"{t.folder}/index.md" for t in schema.TYPES}
    )
    written = {p.relative_to(out).as_posix() for p in out.rglob("*.md")}
    assert written == hand_written | generated
    assert json.loads(done.stdout.strip().splitlines()[-1])["pages"] == len(written)
    site_url = os.environ.get("SITE_URL") or mkdocs_config()["site_url"]
    dossier = Dossier.read(project)
    for page in dossier.pages(Published(site_url, name=mkdocs_config()["site_name"])):
        if not page.entry:
            continue
        content = page.make()
        head, body = (out / page.path).read_text(encoding="utf-8").split("---\n", 2)[1:]
        assert yaml.safe_load(head) == {**theme_meta(content), "render_macros": False}, page.entry
        assert body == dossier.put_back(content.markdown), page.entry
    # Hand-written pages come with their macros expanded.
    timeline = (out / "timeline.md").read_text(encoding="utf-8")
    assert "{{" not in timeline and 'class="dossier-timeline' in timeline


# Generates a corpus with the project's own schema.py and checks it; prints what the test asserts.
_GENERATE_AND_CHECK = """
import json, sys
from pathlib import Path
from bench.generate import MIN_ENTRIES, generate
from macros import schema
from macros.corpus import collect
entries = Path(sys.argv[1])
stats = generate(int(sys.argv[2]), entries, seed=int(sys.argv[3]))
corpus = collect(entries, entries.parent)
index = corpus.index
print(json.dumps({
    "problems": [str(p) for p in corpus.problems],
    "by_type": {t.name: len(index.by_type[t.name]) for t in schema.TYPES},
    "written": dict(stats.by_type),
    "folders": sorted(p.name for p in entries.iterdir()),
    "declared": {t.name: t.folder for t in schema.TYPES},
    "missing": sorted(
        f"{e.id}.{f.name}" for e in index.entries.values() for f in e.type.fields if f.required and f.name not in e.data
    ),
    "relations": sorted({label for groups in index.backlinks.values() for label, _ in groups}),
}))
"""


@pytest.mark.parametrize("seed", [1, 2])
def test_a_type_declared_in_schema_py_and_unknown_to_the_generator_gets_entries_from_its_fields(tmp_path, seed):
    """The toy type of test_new_type.py, declared in a copy of schema.py: its entries are made from
    its field declarations alone, pass the check, and its references reach their targets."""
    import shutil
    import subprocess
    import sys

    from conftest import FIXTURES, make_project
    from test_new_type import DECLARATION, MARKER

    from macros.files import copy

    project = make_project(tmp_path, FIXTURES / "mini" / "entries")
    copy(ROOT / "bench", project / "bench", ignore=shutil.ignore_patterns("__pycache__"))
    schema_py = project / "macros" / "schema.py"
    schema_py.write_text(
        schema_py.read_text(encoding="utf-8").replace(MARKER, DECLARATION + "\n\n" + MARKER), encoding="utf-8"
    )
    done = subprocess.run(
        [sys.executable, "-c", _GENERATE_AND_CHECK, str(tmp_path / "bench" / "entries"), str(N), str(seed)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["problems"] == []
    assert "statute" in found["declared"] and "statute" not in schema.BY_NAME  # the toy type, and only in the copy
    assert all(found["by_type"][t] > 0 for t in found["declared"]), found["by_type"]
    assert found["by_type"] == found["written"] and sum(found["written"].values()) == N
    assert found["folders"] == sorted(found["declared"].values())
    assert found["missing"] == []
    assert "Enacted" in found["relations"]  # the toy type's reference field, read from its declaration


def test_hand_written_pages_keep_their_text_but_not_links_to_entries_the_corpus_lacks(tmp_path, small):
    """docs/ pages that link to the real dossier's entries build against the generated corpus."""
    from bench.run import unlink_missing_entries

    entries, _ = small
    present = sorted(entries.rglob("*.md"))[0]
    kept = f"[here]({present.parent.name}/{present.name}#a)"
    (tmp_path / "brief.md").write_text(
        f"See [Denis](people/no-such-entry.md#x), {kept}, [web](https://example.org/people/x.md) "
        "and [about](about.md).\n",
        encoding="utf-8",
    )
    unlink_missing_entries(tmp_path, entries)
    assert (tmp_path / "brief.md").read_text(encoding="utf-8") == (
        f"See Denis, {kept}, [web](https://example.org/people/x.md) and [about](about.md).\n"
    )
